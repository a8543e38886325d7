// The documented limits on what the content folder may hold
// (docs/reliability.md, "上限"). Each is diagnosed where it is met and the
// thing over it is not processed further, so no input costs more than its
// size: the limits are generous for any real district and stop only
// damaged or hostile files.
#pragma once

#include <cstddef>

namespace creditgen::load {

/// One line of a text file (YAML, Markdown, CSV), in bytes: [too-long].
inline constexpr size_t kMaxLineBytes = 1u << 20;
/// One YAML field value, in bytes (about 20,000 Chinese characters): [too-long].
inline constexpr size_t kMaxValueBytes = 64u << 10;
/// Data rows of one records CSV: [too-many-rows].
inline constexpr size_t kMaxCsvRows = 200'000;
/// Entries of one folder (a month folder holds a folder per unit): [too-many-files].
inline constexpr size_t kMaxFolderEntries = 50'000;

}  // namespace creditgen::load
