// What the build owes a published month: its recorded bundles present and
// intact in archive/, its review.yaml still readable, and a word when its
// content no longer gives what was published. Publication itself is the
// `publish` command's (publish_cmd.cc); a build never seals or revises.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "base/diagnostic.h"
#include "bundle/bundle_cache.h"
#include "model/content.h"

namespace creditgen::cli {

struct RecordedBundles {
  bool ok = true;  ///< false: a recorded bundle is damaged, or lost beyond re-creation (errors reported)
  /// Months whose newest recorded version is missing from archive/: the
  /// build re-creates it, and places it only if it has the recorded SHA-256.
  std::set<YearMonth> to_recreate;
};

/// Checks every version each publication record names against archive/:
/// present with the recorded SHA-256, or (the newest version only) missing
/// and to be re-created. Each problem is an error `[sealed-bundle]` at the
/// record, naming the file and the expected SHA-256.
/// Each zip is hashed only when `cache` does not know it as it is now.
RecordedBundles check_recorded_bundles(const model::Content& content, const std::filesystem::path& archive_dir,
                                       bundle::BundleCache& cache, Diagnostics& diags);

/// The published months whose review.yaml has an error (e.g. no longer
/// parses), "2022-05、2022-06"; empty when none.
std::string published_review_errors(const model::Content& content, const Diagnostics& diags);

/// The text of a `[changed-after-publish]` warning: what differs (`changes`,
/// compare_with_sealed) and how to correct the month.
std::string changed_after_publish_message(const model::Publication& publication, const std::string& changes);

}  // namespace creditgen::cli
