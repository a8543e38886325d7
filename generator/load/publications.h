// Publication records: content/publications/<YYYY-MM>.yaml, one per
// published month. The format lives here, read and written: `creditgen
// publish` writes a record with publication_record_yaml and every command
// reads them back with load_publications.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "load/source_file.h"
#include "model/publication.h"

namespace creditgen::load {

/// The folder below the content folder that holds the records.
inline constexpr const char* kPublicationsFolder = "publications";

/// Every record in `root`/publications/. A missing folder means no month is
/// published. A record that cannot be read or does not hold together
/// (`[bad-publication]`: wrong month, revisions out of order, a bundle name
/// or SHA-256 that is not one) is an error and gives nullopt: what is
/// published must never be guessed.
std::optional<std::map<YearMonth, model::Publication>> load_publications(const std::filesystem::path& root,
                                                                         const std::string& shown_root,
                                                                         Diagnostics& diags,
                                                                         const SourceTree& tree = disk_tree());

/// The record's text, as `creditgen publish` writes it (UTF-8, LF).
std::string publication_record_yaml(const model::Publication& publication);

/// The file beside the record that keeps a stamped version's TSA reply:
/// "2022-05.tsr" for the bundle "2022-05.zip", "2022-05.r2.tsr" for a revision.
std::string timestamp_reply_name(const std::string& bundle);

/// The record's path below the content folder: "publications/2022-05.yaml".
std::string publication_record_path(YearMonth month);

}  // namespace creditgen::load
