// The command line: `creditgen build|check|score|publish|verify|serve|new|init`.
#pragma once

#include <vector>

#include "cli/options.h"

namespace creditgen::cli {

/// Exit statuses of outputs.md.
enum ExitStatus : int { kExitOk = 0, kExitContentErrors = 1, kExitUsage = 2, kExitFatal = 3 };

/// Runs the command named by argv[1]. `extra` adds commands from stages that
/// sit above cli/ (the preview server), so dependencies keep pointing down.
int run(int argc, char** argv, const std::vector<Command>& extra = {});

/// "creditgen 0.1.0": the project's version (CMakeLists.txt, the one place
/// it is set), shown by --version and in the site's footer.
inline constexpr const char* kVersionLabel = "creditgen " CREDITGEN_VERSION;

const Command& build_command();
const Command& check_command();
const Command& score_command();
const Command& verify_command();
const Command& new_command();
const Command& publish_command();
const Command& init_command();

}  // namespace creditgen::cli
