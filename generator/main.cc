#include "cli/cli.h"
#include "serve/serve.h"

int main(int argc, char** argv) { return creditgen::cli::run(argc, argv, {creditgen::serve::serve_command()}); }
