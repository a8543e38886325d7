// The command line: `creditgen build|check|score|verify|serve|new`.
#pragma once

namespace creditgen::cli {

/// Exit statuses of outputs.md.
enum ExitStatus : int { kExitOk = 0, kExitContentErrors = 1, kExitUsage = 2, kExitFatal = 3 };

int run(int argc, char** argv);

}  // namespace creditgen::cli
