// `creditgen serve`: a local preview server for site/ that rebuilds on change.
#pragma once

#include "cli/options.h"

namespace creditgen::serve {

cli::Command serve_command();

}  // namespace creditgen::serve
