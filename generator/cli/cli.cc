#include "cli/cli.h"

#include <iostream>

namespace creditgen::cli {

int run(int, char**) {
  std::cerr << "creditgen: 尚未实现\n";
  return kExitUsage;
}

}  // namespace creditgen::cli
