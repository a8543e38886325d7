// The static site (outputs.md, "The site"): every page of every month as
// bytes, plus the files to copy from disk. Pure: reads nothing but the
// values passed in; publish/ writes the result.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "base/explain.h"
#include "analyze/analyze.h"
#include "model/content.h"
#include "render/output_set.h"
#include "review/review.h"
#include "score/score.h"

namespace creditgen::render {

/// One evidence bundle as the archive page lists it (filled by the cli from
/// the bundle module's results).
struct BundleLink {
  YearMonth month;
  std::string file_name;      ///< "2022-05.zip", "2022-05.r2.zip", "2022-05.draft.zip"
  std::string download_name;  ///< "<slug>-2022-05.zip", "<slug>-2022-05.r2.zip"
  std::filesystem::path source;  ///< the zip in archive/ (never copied into the site: it holds unmasked personal data)
  unsigned long long size = 0;   ///< bytes
  size_t file_count = 0;         ///< payload files (Payload-Oxum)
  std::string sha256;            ///< hex digest of the zip
  std::string bagging_date;      ///< bag-info Bagging-Date, "2022-06-05"
  std::string revision;          ///< bag-info Bundle-Revision: "draft", "1", "2", …
  std::string published_by;      ///< from the publication record (sealed versions)
  std::string reason;            ///< why this version corrects the one before (revisions ≥ 2)
};

struct SiteInput {
  const model::Content& content;
  /// apply_reviews' result, one per content.months entry.
  const std::vector<review::ReviewedMonth>& reviewed;
  /// score_all's result (scorable months only).
  const std::vector<score::MonthScores>& scores;
  /// analyze_all's result for the same scores, one per entry.
  const std::vector<analyze::MonthAnalysis>& analyses;
  /// Every diagnostic of the run; each month's problems page shows those
  /// whose file lies in that month's folder.
  const std::vector<Diagnostic>& diagnostics;
  /// Every bundle in archive/; the month page links the newest of its month.
  const std::vector<BundleLink>& bundles;
  /// templates_from(read_folder("templates")) or the embedded defaults.
  const std::map<std::string, std::string>& templates;
  /// Files for assets/ by relative name ("site.css" → bytes).
  const std::map<std::string, std::string>& assets;
  /// Shown in the site's footer (never in bundle mode), e.g. "creditgen 0.1.0".
  std::string version;
  /// Threads rendering months in parallel (the cli's --jobs); 0 or 1: one.
  unsigned jobs = 1;
  /// Told why each month's pages were rendered again (build --explain); none: not told.
  ExplainLog* explain = nullptr;
  /// What each month's pages are made of beyond the values above: the digest
  /// of each month's loaded inputs (model::Month::inputs: the stamps of its
  /// files, of the files the whole site reads and of the program). A month
  /// whose pages' inputs all match the last build's may then be left as the
  /// sink has it (OutputSink::reuse_group). A month missing here, or "", is
  /// always rendered.
  std::map<YearMonth, std::string> month_input_digests = {};
  /// Where a month's evidence files are copied from when not from
  /// content.root/<YYYY-MM>: a published month whose content changed since
  /// is shown as published, its files taken from its sealed bundle.
  std::map<YearMonth, std::filesystem::path> month_folders = {};
  /// Published months shown as they would be corrected (build
  /// --preview-correction), with what differs from the published bundle.
  std::map<YearMonth, std::string> correction_previews = {};
};

/// Everything the month's site pages are made from (base/inputs.h): its own
/// and every earlier month's inputs (scores read earlier months), the
/// templates, assets and version, the month's and the previous month's
/// scores, its diagnostics and its newest bundle. Not known when a month's
/// inputs are unknown or there is no such month (it is then always rendered).
Inputs month_page_inputs(const SiteInput& in, YearMonth month);

/// Every page of the site, the evidence copies (txt/csv masked), the bundles
/// for archive/ and the assets. Throws std::runtime_error for a broken template.
OutputSet render_site(const SiteInput& in);
/// The same, handed to `sink` month by month as it is rendered (the memory
/// held is a month's pages per thread, not the site's).
void render_site(const SiteInput& in, OutputSink& sink);

/// The month's report for its evidence bundle (data/report/): month, unit,
/// indicator and item pages and the assets, self-contained — no link to other
/// months, no bundle link or hash, no version or time. Images and attachments
/// link into the bag's data/content/<YYYY-MM>/. Empty when the month does not exist.
OutputSet render_month_report(const SiteInput& in, YearMonth month);
/// The same, each file handed to `sink` as soon as it is rendered (from
/// several threads): a late month's report is tens of megabytes of HTML,
/// which the bundle's sink packs as it arrives instead of holding it raw.
void render_month_report(const SiteInput& in, YearMonth month, OutputSink& sink);

}  // namespace creditgen::render
