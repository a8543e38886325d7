// The bundle stage of `creditgen build`: every scored month's bundle, in
// month order. A draft is kept when its declared inputs are as when it was
// last written, else written again (its report rendered only then); a
// published month is compared with its sealed bundle, or re-created as the
// recorded bytes when the bundle is missing. While one month's bag is zipped,
// the next month's report is rendered on another thread when it will
// probably be needed. A strict build rehearses the stage first (run with
// dry_run), writing nothing.
//
// The cli says what each month is (MonthToBundle: its bag, the inputs it is
// known by, how to render its report); this stage knows nothing of how
// content is loaded or pages rendered.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "base/explain.h"
#include "base/inputs.h"
#include "bundle/bundle.h"
#include "bundle/bundle_cache.h"
#include "bundle/draft_guard.h"

namespace creditgen::bundle {

struct MonthToBundle {
  YearMonth month;
  /// What the month's bag is known by between builds: the inputs of the
  /// months it takes files from, and its scores (cli/site_sources.h bag_inputs).
  Inputs bag_inputs;
  /// The month's bag without its report: a draft, or for a published month
  /// labelled as its newest sealed version (cli/bundle_input.h make_bag_input).
  std::function<BagInput()> lean_input;
  /// A draft's declared inputs, given its lean bag: the bag's, the report's
  /// and the Prior-Bundle lines' (cli/site_sources.h draft_inputs).
  std::function<Inputs(const BagInput&)> draft_inputs;

  /// Set for a published month.
  struct Published {
    std::string bundle;  ///< its newest sealed bundle, "2022-05.r2.zip"
    std::string sha256;  ///< that bundle's, as recorded
    std::string record;  ///< the publication record, where diagnostics point
    bool missing = false;  ///< the bundle is not in archive/: re-created as the recorded bytes
    /// The [changed-after-publish] warning, given what changed ("修改 data/…").
    std::function<std::string(const std::string& changes)> changed_message;
  };
  std::optional<Published> published;
};

struct BundleStageInput {
  std::vector<MonthToBundle> months;  ///< in month order
  /// The month's report as payload (data/report/), rendered when a bag is
  /// written; may run on another thread.
  std::function<std::vector<PayloadEntry>(YearMonth)> render_report;
  std::filesystem::path archive_dir;
  BundleCache& cache;
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
  std::optional<DraftGuard> draft_guard_;
};

}  // namespace creditgen::bundle
