#include "cli/cli.h"

int main(int argc, char** argv) { return creditgen::cli::run(argc, argv); }
