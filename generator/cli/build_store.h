// Everything `creditgen build` keeps from one build for the next, in one
// folder (".creditgen-cache" beside the site folder, never inside it, so
// copying site/ to the web server never publishes it; BuildOptions::cache_dir
// puts it elsewhere):
//
//   store.txt               "creditgen-store <version>": the layout below;
//                           a store of another version (or none) is emptied
//   digests.txt             file digests by stat stamp (bundle::DigestCache)
//   bundles.txt             what each bundle's tags say and what it was last
//                           found to match (bundle::BundleSummaries)
//   months/<YYYY-MM>.bin    each loaded month with its declared inputs (load/month_cache.h)
//   published-<site>.txt    the pages a site folder holds and their inputs (publish/site_writer.h)
//   published/<sha256>/     the content of a month shown as published, unpacked from its bundle
//   (unnamed)               while a build runs, the bundle stage's spool (bundle/spool.h)
//
// Each part's format is its stage's own, next to the code that reads it;
// this object owns where they live, the one version, and when they are
// loaded and saved. cli makes one per build and passes its parts down;
// nothing persisted lives anywhere else. Whether a kept output is fresh is
// decided by base/inputs.h why_stale, not here.
#pragma once

#include <filesystem>
#include <string>

#include "bundle/bundle_cache.h"

namespace creditgen::cli {

class BuildStore {
 public:
  /// The version of the layout above. Raise it when any part's format or
  /// meaning changes: a store of another version is emptied, never misread.
  static constexpr int kVersion = 1;

  /// Opens the store in `folder` (created when saved) and loads the file
  /// digests and bundle summaries. Call with the folder locked (lock_run_folders).
  explicit BuildStore(std::filesystem::path folder);
  /// Saves what was not saved yet: the store goes with the build, on every way out.
  ~BuildStore();
  BuildStore(const BuildStore&) = delete;
  BuildStore& operator=(const BuildStore&) = delete;

  const std::filesystem::path& folder() const { return folder_; }
  /// Digests, bundle summaries, deflated text and stamps for the bundle
  /// stage; its spool (bytes set aside for later in the build) is an
  /// unnamed file in this folder.
  bundle::BundleCache& bundles() { return bundles_; }
  /// Where load/month_cache keeps loaded months.
  std::filesystem::path months_folder() const { return folder_ / "months"; }
  /// Where publish::SiteWriter keeps what `site_dir` holds ("site/" and
  /// "site" alike: published-site.txt).
  std::filesystem::path site_state(const std::string& site_dir) const;
  /// Where the content of the published bundle with this SHA-256 is kept unpacked.
  std::filesystem::path published_content(const std::string& bundle_sha256) const;

  /// Writes the digests and summaries when they changed (a no-op build
  /// writes nothing), and the version file when missing.
  void save();
  /// After every month is bundled and its links read: saves, then lets go
  /// of what only the bundle stage uses (digests, deflated text, stamps).
  /// The summaries stay, and are saved again at the end should anything
  /// have changed them since.
  void end_bundling();

 private:
  std::filesystem::path folder_;
  bundle::BundleCache bundles_;
  bool version_ok_ = false;
  bool bundling_over_ = false;
};

}  // namespace creditgen::cli
