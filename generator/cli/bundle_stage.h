// The bundle stage of `creditgen build`: every scored month's bundle, in
// month order. A draft is kept when its declared inputs are as when it was
// last written, else written again (its report rendered only then); a
// published month is compared with its sealed bundle, or re-created as the
// recorded bytes when the bundle is missing. While one month's bag is zipped,
// the next month's report is rendered on another thread when it will
// probably be needed.
//
// Lives in cli/ rather than bundle/: it assembles each bag from loaded
// content and a rendered report (cli/bundle_input.h), and bundle/ stays below
// render/.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/explain.h"
#include "bundle/bundle_cache.h"
#include "bundle/draft_guard.h"
#include "model/content.h"
#include "render/site.h"
#include "review/review.h"
#include "score/score.h"

namespace creditgen::cli {

struct BundleStageInput {
  /// Content, reviewed months, scores, templates and assets the month
  /// reports are rendered from (no bundle links, no diagnostics).
  const render::SiteInput& report;
  /// What is known of files and bundles from earlier builds (the build store's).
  bundle::BundleCache& cache;
  /// Published months whose recorded newest bundle is missing from archive/.
  std::set<YearMonth> to_recreate;
  std::filesystem::path archive_dir;
  unsigned jobs = 1;
  /// Told why each bundle was made or compared again; none: not told.
  ExplainLog* explain = nullptr;
  /// Told "生成 2022-05 证据包……" as each month starts (the progress line).
  std::function<void(const std::string&)> progress = {};
};

struct BundleOutcome {
  size_t written = 0;
  bool name_errors = false;  ///< a bag refused for its file names ([bad-file-name] and the like)
  bool seal_failed = false;  ///< a lost sealed bundle could not be re-created
  std::string io_error;      ///< a bundle could not be read or written
  /// Published months whose content no longer gives what was published:
  /// shown as published, from their bundles.
  std::set<YearMonth> changed_after_publish;
};

class BundleStage {
 public:
  explicit BundleStage(BundleStageInput in) : in_(std::move(in)) {}
  /// Bundles every month; with `dry_run` (a strict build's rehearsal, a
  /// correction preview) writes nothing and reports what would be said.
  BundleOutcome run(bool dry_run, Diagnostics& diags);
  /// The site is in place: the drafts kept aside while bundling are let go.
  /// Without it (a failed build), they are put back when the stage goes.
  void keep_new_drafts() {
    if (draft_guard_) draft_guard_->keep_new();
  }

 private:
  BundleStageInput in_;
  /// Drafts are placed before the site: until the site is in place the old
  /// ones are kept aside. Made only when a bundle is about to be written or
  /// removed, so a build that changes nothing touches nothing in archive/.
  std::optional<bundle::DraftGuard> draft_guard_;
};

}  // namespace creditgen::cli
