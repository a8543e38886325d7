// Removing a large folder tree quickly: the old site after it was exchanged
// with the new one holds every page and evidence copy (tens of thousands of
// files in as many folders).
#pragma once

#include <filesystem>

namespace creditgen {

/// Removes `dir` and everything below it without following links, using
/// the file types the listing reports (no stat per entry) and `jobs`
/// threads over its second-level entries. Best effort: what cannot be
/// removed stays (a later build's leftover cleanup retries). No-op when
/// `dir` does not exist.
void remove_tree(const std::filesystem::path& dir, unsigned jobs);

}  // namespace creditgen
