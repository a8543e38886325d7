// Loaded months kept between builds. Loading a province's year (a hundred
// thousand files, YAML front matter, attachment checks) takes seconds, and a
// correction touches one month: the others are read back from the build
// cache instead, with the diagnostics their loading reported.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/content.h"

namespace creditgen::load {

/// A digest of everything loading month `m` reads: the stamps (size, times,
/// inode) of every entry below the month folder, directories and links
/// included, walked without following links; the stamps of site.yaml,
/// units.yaml and calendar.yaml; each rulebook's file and digest; where the
/// content folder is and how it is shown; and the program's own stamp (a new
/// build of creditgen may load differently). `content` must hold the site,
/// units, rulebooks and site files. "" when any of these changed in the last
/// two seconds (FileStamp::recent) or cannot be read: then nothing is cached.
std::string month_cache_key(const std::filesystem::path& root, const std::string& shown_root, YearMonth m,
                            const model::Content& content);

struct LoadedMonth {
  model::Month month;
  std::vector<Diagnostic> diagnostics;  ///< what loading it reported, in order
};

/// The month saved in `file` under `key`; nullopt when the file is missing,
/// damaged (its payload's CRC-32 is saved with it), of another format or
/// saved under another key.
std::optional<LoadedMonth> read_cached_month(const std::filesystem::path& file, const std::string& key);

/// Saves a loaded month and what loading it reported under `key`
/// (temporary file, then rename). False when it could not be written.
bool write_cached_month(const std::filesystem::path& file, const std::string& key, const model::Month& month,
                        const std::vector<Diagnostic>& diagnostics);

/// The bytes after the header and key (exposed for tests).
std::string serialize_month(const model::Month& month, const std::vector<Diagnostic>& diagnostics);
std::optional<LoadedMonth> deserialize_month(std::string_view bytes);

}  // namespace creditgen::load
