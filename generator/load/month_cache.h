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
#include "base/inputs.h"
#include "model/content.h"

namespace creditgen::load {

/// Everything loading month `m` reads, input by input (base/inputs.h): the stamps (size, times,
/// inode) of every entry below the month folder, directories and links
/// included, walked without following links; the stamps of site.yaml,
/// units.yaml and calendar.yaml; each rulebook's file and digest; where the
/// content folder is and how it is shown; and the program's own stamp (a new
/// build of creditgen may load differently). `content` must hold the site,
/// units, rulebooks and site files. "" when any of these changed in the last
/// two seconds (FileStamp::recent) or cannot be read: then not known, and
/// nothing is cached.
/// With `listing`, also the entries it digests (path below the content
/// folder → "<type> <stamp>", sorted), saved with the month so the next
/// build can name the files that changed.
using FolderListing = std::vector<std::pair<std::string, std::string>>;
Inputs month_inputs(const std::filesystem::path& root, const std::string& shown_root, YearMonth m,
                    const model::Content& content, FolderListing* listing = nullptr);

/// "2022-05/a/news/x.md 已修改、2022-05/a/files/y.jpg 新增": the entries that
/// differ, at most three named, then how many more.
std::string describe_listing_changes(const FolderListing& then, const FolderListing& now);

struct LoadedMonth {
  model::Month month;
  std::vector<Diagnostic> diagnostics;  ///< what loading it reported, in order
};

/// The month saved in `file` when it was saved with the same `inputs`;
/// nullopt when the file is missing, damaged (its payload's CRC-32 is saved
/// with it), of another format or saved from other inputs. `why` says
/// which (why_stale), naming the changed files when `listing` (of the
/// folder as it is now) is given and the month's files changed.
std::optional<LoadedMonth> read_cached_month(const std::filesystem::path& file, const Inputs& inputs, Staleness& why,
                                             const FolderListing* listing = nullptr);

/// Saves a loaded month and what loading it reported with the inputs it was
/// loaded from (temporary file, then rename). False when it could not be
/// written or the inputs are not known.
bool write_cached_month(const std::filesystem::path& file, const Inputs& inputs, const model::Month& month,
                        const std::vector<Diagnostic>& diagnostics, const FolderListing& listing = {});

/// The bytes after the header, the inputs line and the listing (exposed for tests).
std::string serialize_month(const model::Month& month, const std::vector<Diagnostic>& diagnostics);
std::optional<LoadedMonth> deserialize_month(std::string_view bytes);

}  // namespace creditgen::load
