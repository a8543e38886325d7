// Writing a file so that no reader, and no build cut short, ever sees half of
// it: the bytes go to a temporary file beside it, which is then renamed over
// it. The build caches are saved this way.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>

namespace creditgen {

/// Creates the parent folders, writes `file` through `write` and renames it
/// into place. False (and `file` as it was) when anything failed.
bool replace_file(const std::filesystem::path& file, const std::function<void(std::ostream&)>& write);

}  // namespace creditgen
