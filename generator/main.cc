#include <cstdlib>

#include "cli/cli.h"
#include "serve/serve.h"

int main(int argc, char** argv) {
  // libzip turns every entry's DOS time into a time_t with mktime(), and
  // glibc re-reads /etc/localtime on each call while TZ is unset: naming the
  // same zone once saves that file read for every entry of every bundle read.
  // Nothing we write depends on the local zone (outputs.md: byte-identical in
  // any time zone).
  if (!std::getenv("TZ")) setenv("TZ", ":/etc/localtime", 0);
  return creditgen::cli::run(argc, argv, {creditgen::serve::serve_command()});
}
