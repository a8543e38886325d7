// `creditgen build`: the whole pipeline, one straight line —
// load → review → score → month reports → bundles → site → publish.
// Between stages a failure stops the run before anything is written, so a
// failed build leaves site/ and archive/ as they were.
#include "cli/build.h"

#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <optional>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "base/bundle_name.h"
#include "base/file_stamp.h"
#include "base/number.h"
#include "base/parallel.h"
#include "bundle/bundle.h"
#include "bundle/digest_cache.h"
#include "bundle/draft_guard.h"
#include "bundle/seal.h"
#include "cli/bundle_input.h"
#include "cli/published_months.h"
#include "cli/rederive.h"
#include "cli/site_sources.h"
#include "cli/cli.h"
#include "cli/embedded_files.h"
#include "cli/pipeline.h"
#include "load/load.h"
#include "publish/site_writer.h"
#include "render/site.h"
#include "render/templates.h"
#include "score/score.h"

namespace creditgen::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kVersionLabel = "creditgen 0.1.0";

std::map<std::string, std::string> embedded_folder(const std::string& folder) {
  std::map<std::string, std::string> out;
  const std::string prefix = folder + "/";
  for (const auto& f : embedded_files())
    if (f.path.substr(0, prefix.size()) == prefix) out[std::string(f.path.substr(prefix.size()))] = std::string(f.bytes);
  return out;
}

// The built-in files, each replaced by the office's own where its folder has
// one: an office that restyled a few pages keeps them, and a template a newer
// program needs (the 通报's parts, say) comes from the built-in set.
std::map<std::string, std::string> folder_or_embedded(const std::string& explicit_dir, const fs::path& beside_content,
                                                      const std::string& name) {
  fs::path dir = explicit_dir.empty() ? beside_content / name : fs::path(explicit_dir);
  std::map<std::string, std::string> files = embedded_folder(name);
  std::error_code ec;
  if (fs::is_directory(dir, ec))
    for (auto& [path, bytes] : render::read_folder(dir)) files[path] = std::move(bytes);
  return files;
}

}  // namespace

// "content/" and "content" name the same folder: drop trailing separators
// before asking for the folder's name or its parent.
static fs::path without_trailing_slash(const std::string& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  while (!p.has_filename() && p.has_relative_path()) p = p.parent_path();
  return p;
}

Resources load_resources(const BuildOptions& options) {
  const fs::path beside = without_trailing_slash(options.content_dir).parent_path();
  Resources r;
  r.templates = render::templates_from(folder_or_embedded(options.templates_dir, beside, "templates"));
  r.assets = folder_or_embedded(options.assets_dir, beside, "assets");
  return r;
}

namespace {

/// A counter on stderr while a terminal watches; silent otherwise.
class Progress {
 public:
  explicit Progress(bool quiet) : enabled_(!quiet && ::isatty(2)) {}
  void step(const std::string& what) {
    if (enabled_) std::cerr << "\r\033[K" << what << std::flush;
  }
  void done() {
    if (enabled_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool enabled_;
};

// Peak resident memory of the process so far, in MiB (Linux; 0 elsewhere).
long peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10) / 1024;
  return 0;
}

/// Wall time per stage and the peak memory after it, printed with --timings
/// (for profiling and bench/).
class StageClock {
 public:
  explicit StageClock(bool enabled) : enabled_(enabled) {}
  void lap(const char* stage) {
    const auto now = std::chrono::steady_clock::now();
    if (enabled_) laps_.push_back({stage, std::chrono::duration<double>(now - last_).count(), peak_rss_mib()});
    last_ = now;
  }
  void print() const {
    if (!enabled_) return;
    std::cerr << "阶段用时：";
    for (size_t i = 0; i < laps_.size(); ++i) {
      char secs[32];
      std::snprintf(secs, sizeof secs, "%.3f", laps_[i].seconds);
      std::cerr << (i ? "，" : "") << laps_[i].stage << " " << secs << " 秒";
    }
    std::cerr << "\n内存峰值：";
    for (size_t i = 0; i < laps_.size(); ++i)
      std::cerr << (i ? "，" : "") << laps_[i].stage << "后 " << laps_[i].peak_mib << " MB";
    std::cerr << "\n";
  }

 private:
  struct Lap {
    const char* stage;
    double seconds;
    long peak_mib;
  };
  bool enabled_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<Lap> laps_;
};

struct ItemCounts {
  size_t accepted = 0, rejected = 0, pending = 0, invalid = 0;
};

ItemCounts count_items(const std::vector<review::ReviewedMonth>& months) {
  ItemCounts c;
  for (const auto& m : months)
    for (const auto& [key, state] : m.items) {
      if (!state.valid) ++c.invalid;
      else if (state.status == model::ReviewStatus::accepted) ++c.accepted;
      else if (state.status == model::ReviewStatus::rejected) ++c.rejected;
      else ++c.pending;
    }
  return c;
}

render::BundleLink to_link(const bundle::BundleFacts& f) {
  render::BundleLink link;
  link.month = f.month;
  link.file_name = f.file_name;
  link.download_name = f.download_name;
  link.source = f.path;
  link.size = f.size;
  link.file_count = f.payload_files;
  link.sha256 = f.sha256;
  link.bagging_date = f.bagging_date;
  link.revision = f.revision;
  return link;
}

}  // namespace

static fs::path cache_folder(const BuildOptions& options) {
  if (!options.cache_dir.empty()) return options.cache_dir;
  return without_trailing_slash(options.site_dir).parent_path() / ".creditgen-cache";
}

// Hands the memory freed so far back to the system (glibc keeps it in its
// arenas otherwise, and a late bag's freed entries would sit under the next).
static void give_back_freed_memory() {
#ifdef __GLIBC__
  ::malloc_trim(0);
#endif
}

std::optional<std::vector<FolderLock>> lock_run_folders(const fs::path& archive_dir, const fs::path& cache_dir,
                                                        const std::string& site_dir) {
  std::vector<FolderLock> locks;
  std::error_code ec;
  // A misplaced archive (a plain file) is the bundle stage's to report.
  const bool archive_is_file = fs::exists(archive_dir, ec) && !fs::is_directory(archive_dir, ec);
  std::vector<fs::path> folders;
  if (!archive_is_file) folders.push_back(archive_dir);
  if (!cache_dir.empty()) folders.push_back(cache_dir);
  for (const fs::path& folder : folders) {
    bool busy = false;
    auto lock = FolderLock::try_lock(folder, busy);
    if (!lock) {
      std::cerr << (busy ? "另一个 creditgen build 或 publish 正在使用 " + folder.string() + "，请等它结束后再运行"
                         : "无法打开文件夹 " + folder.string())
                << "；未做任何改动。 [" << (busy ? "busy" : "io") << "]\n";
      return std::nullopt;
    }
    locks.push_back(std::move(*lock));
  }
  // Nothing else runs here now: what is half-written was left by a killed run.
  if (!archive_is_file) remove_leftovers(archive_dir, {".partial-", bundle::DraftGuard::kLeftoverMarker});
  if (!cache_dir.empty()) {
    remove_leftovers(cache_dir, {".tmp-"});
    remove_leftovers(cache_dir / "months", {".tmp-"});
  }
  if (!site_dir.empty()) {
    const fs::path site = without_trailing_slash(site_dir);
    remove_leftovers(site.parent_path(), {("." + site.filename().string() + ".staging-").c_str()});
  }
  return locks;
}

int build_site(const BuildOptions& options) {
  const auto started = std::chrono::steady_clock::now();
#ifdef __GLIBC__
  // Payload files up to 16 MiB are read whole and deflated text is kept
  // between bags: with glibc's sliding mmap threshold those large buffers
  // come from the heap after the first is freed, and the long-lived small
  // allocations made between them keep the heap from shrinking. Buffers of
  // 256 KiB and more are mapped and unmapped on their own instead (a 50,000
  // item clean build: 601 -> ~530 MiB peak, same time).
  ::mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
  const fs::path cache_dir = cache_folder(options);
  // No content folder: said before anything is created (the lock would make
  // the archive and cache folders).
  {
    std::error_code ec;
    if (!fs::is_directory(options.content_dir, ec)) {
      Diagnostics missing;
      std::string shown = options.content_dir;
      while (shown.size() > 1 && shown.back() == '/') shown.pop_back();
      missing.error({shown, 1, 1}, "missing-field",
                    load::kNoContentFolder);
      print_diagnostics(missing);
      std::cerr << "生成失败：没有内容文件夹，未做任何改动。\n";
      return kExitFatal;
    }
  }
  // A site folder that cannot be one (a plain file where it should be) is
  // found before any bundle is written, not after.
  {
    std::error_code ec;
    const fs::path site = without_trailing_slash(options.site_dir);
    if (fs::exists(site, ec) && !fs::is_directory(site, ec)) {
      std::cerr << "生成失败：网站目录 " << options.site_dir << " 不是文件夹，未做任何改动。 [io]\n";
      return kExitFatal;
    }
  }
  const auto locks = lock_run_folders(options.archive_dir, cache_dir, options.site_dir);
  if (!locks) return kExitFatal;
  std::optional<StampMemo> one_stat_per_file(std::in_place);  // for this build's bundles
  bundle::DigestCache::instance().load(cache_dir / "digests.txt");
  bundle::load_bundle_summaries(cache_dir / "bundles.txt");
  // Saved on every way out: what was hashed stays hashed even when the build fails later.
  struct SaveCache {
    fs::path dir;
    bool saved = false;
    void save() {
      if (saved) return;
      saved = true;
      bundle::DigestCache::instance().save(dir / "digests.txt");
      bundle::save_bundle_summaries(dir / "bundles.txt");
    }
    ~SaveCache() { save(); }
  } save_cache{cache_dir};
  Progress progress(options.quiet);
  StageClock clock(options.timings);
  Diagnostics diags;

  progress.step("读取并校验内容……");
  ExplainLog explain;
  auto reviewed = load_and_review(options.content_dir, diags, cache_dir / "months", options.explain ? &explain : nullptr);
  if (!reviewed) {
    progress.done();
    print_diagnostics(diags);
    std::cerr << "生成失败：站点配置、单位名单或指标规则有误，未做任何改动。\n";
    return kExitFatal;
  }
  if (options.strict && !diags.empty()) {
    progress.done();
    print_diagnostics(diags);
    std::cerr << "严格模式：存在 " << diagnostics_summary(diags) << "，未做任何改动。\n";
    return kExitContentErrors;
  }
  const model::Content& content = reviewed->content;
  std::optional<YearMonth> preview;
  if (!options.preview_correction.empty()) {
    preview = YearMonth::parse(options.preview_correction);
    if (!preview || !content.publication(*preview)) {
      progress.done();
      std::cerr << "creditgen build: --preview-correction 只能用于已发布的月份，" << options.preview_correction
                << " 尚未发布（见 publications/）。 [published-month]\n";
      return kExitContentErrors;
    }
  }
  // A published month's review.yaml that no longer reads would change what
  // was published: stop before anything is written.
  if (auto broken = published_review_errors(content, diags); !broken.empty()) {
    progress.done();
    print_diagnostics(diags);
    std::cerr << "生成失败：已发布月份 " << broken << " 的 review.yaml 有错误，已发布的内容不能因此改变；"
              << "请改正该文件（或恢复原样），未做任何改动。\n";
    return kExitContentErrors;
  }
  clock.lap("读取审核");

  progress.step("计分……");
  auto scores = score::score_all(content, reviewed->months);
  clock.lap("计分");

  Resources resources;
  try {
    resources = load_resources(options);
  } catch (const std::exception& e) {
    progress.done();
    print_diagnostics(diags);
    std::cerr << "生成失败：无法读取模板或样式：" << e.what() << " [io]\n";
    return kExitFatal;
  }

  // Each month's report is rendered first without bundle links: it goes into
  // that month's bundle, and the site's pages then link the bundles.
  const std::vector<Diagnostic> no_diagnostics;
  const std::vector<render::BundleLink> no_bundles;
  const unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs)
                                         : cores();
  const auto analyses = analyze::analyze_all(content, scores);
  render::SiteInput report_input{content,   reviewed->months,    scores, analyses, no_diagnostics, no_bundles,
                                 resources.templates, resources.assets, "", jobs};
  const fs::path archive_dir = options.archive_dir;
  // What each month is made of on disk, by stamps: lets an unchanged sealed
  // month skip listing its bag, an unchanged draft skip its report, and an
  // unchanged month skip its pages.
  const std::map<YearMonth, std::string> month_input_digests = month_input_digests_of(content);
  report_input.month_input_digests = month_input_digests;
  struct BundleOutcome {
    size_t written = 0;
    bool name_errors = false;
    bool seal_failed = false;  ///< a lost sealed bundle could not be re-created
    std::string io_error;
    /// Published months whose content no longer gives what was published:
    /// shown as published, from their bundles.
    std::set<YearMonth> changed_after_publish;
  };
  // A month's report is rendered only when its bag is written. While one
  // month's bag is zipped, the next month's report is rendered on another
  // thread when it will probably be needed (a draft, or not sealed yet).
  auto render_report = [&report_input, jobs](YearMonth ym) {
    return report_payload(report_input, ym);
  };
  // The digests a month's bundle is known by between builds: its sealing
  // sources (bundle::compare_with_sealed) and, for a draft, with its report and
  // Prior-Bundle lines (bundle::draft_unchanged). "" when unknown.
  auto bag_inputs_of = [&](const score::MonthScores& s, const model::Month& m) {
    const std::set<YearMonth> months_read =
        s.rulebook ? months_read_by(content, *s.rulebook, m.month) : std::set<YearMonth>{};
    return bag_inputs(month_input_digests, m.month, months_read, score::scores_json(s, content),
                      score::scores_csv(s, content));
  };
  auto draft_inputs_of = [&](const Inputs& bag, const model::Month& m, const bundle::BagInput& input) {
    return draft_inputs(bag, render::month_page_inputs(report_input, m.month), input.prior_bundles);
  };
  // Why a bundle known by `inputs` is made again (or, published, compared again).
  auto explain_bundle = [&](const std::string& what, const fs::path& zip, const Inputs& inputs) {
    if (!options.explain) return;
    std::error_code ec;
    const std::string remembered = bundle::remembered_bundle_sources(zip);
    if (!remembered.empty() && remembered == inputs.serialize()) return;
    explain.redone(what, !fs::exists(zip, ec) ? "证据包不存在"
                                              : why_stale(remembered.empty() ? std::nullopt : Inputs::parse(remembered),
                                                          inputs).why);
  };
  // Every bundle a publication record names must be in archive/ with its
  // recorded SHA-256; a missing newest version is re-created only as the
  // very same bytes. Checked before anything is written.
  const RecordedBundles recorded = check_recorded_bundles(content, archive_dir, diags);
  if (!recorded.ok) {
    progress.done();
    print_diagnostics(diags);
    std::cerr << "生成失败：已封存的佐证材料包缺失或与发布记录不符，未做任何改动。\n";
    return kExitFatal;
  }
  auto likely_written = [&](const score::MonthScores& s, const model::Month& m) {
    if (content.publication(m.month)) return recorded.to_recreate.count(m.month) > 0;
    const auto input = make_bag_input(content, m, s, reviewed->months);
    return !bundle::draft_unchanged(archive_dir, m.month, draft_inputs_of(bag_inputs_of(s, m), m, input).serialize());
  };
  // Drafts are placed before the site: until the site is in place the old
  // ones are kept aside, and put back if anything below fails. Kept aside
  // only when a bundle is about to be written or removed, so a build that
  // changes nothing touches nothing in archive/.
  std::optional<bundle::DraftGuard> draft_guard;
  auto guard_drafts = [&] {
    if (!draft_guard) draft_guard.emplace(archive_dir);
  };
  auto bundle_months = [&](bool dry_run, Diagnostics& sink) {
    BundleOutcome outcome;
    std::optional<std::pair<YearMonth, std::future<std::vector<bundle::PayloadEntry>>>> prefetched;
    try {
      for (size_t i = 0; i < scores.size(); ++i) {
        const auto& month_scores = scores[i];
        progress.step("生成 " + month_scores.month.str() + " 证据包……");
        const model::Month* month = content.month(month_scores.month);
        if (!month) continue;
        std::optional<std::future<std::vector<bundle::PayloadEntry>>> mine;
        if (prefetched && prefetched->first == month_scores.month) mine = std::move(prefetched->second);
        prefetched.reset();
        if (i + 1 < scores.size() && jobs > 1)
          if (const model::Month* next = content.month(scores[i + 1].month); next && likely_written(scores[i + 1], *next))
            prefetched.emplace(next->month, std::async(std::launch::async, render_report, next->month));
        const Inputs bag = bag_inputs_of(month_scores, *month);
        std::string sources = bag.serialize();
        if (const model::Publication* publication = content.publication(month->month)) {
          // Published: the build never seals or revises anything. It only
          // re-creates a lost bundle as the recorded bytes, and says so
          // when the content no longer gives what was published.
          const model::PublishedVersion& newest = publication->newest();
          if (!recorded.to_recreate.count(month->month)) {
            const auto lean = make_bag_input(content, *month, month_scores, reviewed->months, &newest);
            if (!dry_run) explain_bundle("核对已发布的 " + month->month.str(), archive_dir / newest.bundle, bag);
            const auto comparison =
                bundle::compare_with_sealed(lean, archive_dir / newest.bundle, sources, jobs);
            if (!comparison.io_error.empty()) outcome.io_error += comparison.io_error + "\n";
            else if (!comparison.same) {
              sink.warning({publication->file, 1, 1}, "changed-after-publish",
                           changed_after_publish_message(*publication, comparison.changes));
              outcome.changed_after_publish.insert(month->month);
            }
            if (std::error_code ec; !dry_run && fs::exists(archive_dir / draft_bundle_file_name(month->month), ec)) {
              guard_drafts();
              bundle::remove_draft(archive_dir, month->month);
            }
            continue;
          }
          auto input = make_bag_input(content, *month, month_scores, reviewed->months, &newest);
          input.expected_sha256 = newest.sha256;
          if (!dry_run && options.explain)
            explain.redone("证据包 " + newest.bundle, "已封存的证据包缺失，按发布记录重新生成同样的文件");
          input.deferred_payload = [&mine, &render_report, ym = month_scores.month] {
            return mine ? mine->get() : render_report(ym);
          };
          if (dry_run) continue;  // a strict build's rehearsal: re-creating writes only the recorded bytes
          guard_drafts();
          auto result = bundle::seal_month(std::move(input), archive_dir, sink, false, jobs);
          give_back_freed_memory();
          if (!result.io_error.empty())
            sink.error({publication->file, 1, 1}, "sealed-bundle",
                       "已封存的佐证材料包 " + newest.bundle + " 缺失，按现有材料无法重新生成同样的文件：" +
                           result.io_error + "。请从备份恢复 " + newest.bundle + "（SHA-256 " + newest.sha256 + "）");
          else if (result.action != bundle::SealAction::failed) {
            ++outcome.written;
            if (!sources.empty() && result.bundle) bundle::remember_bundle_sources(result.bundle->path, sources);
          }
          if (!result.io_error.empty() || result.action == bundle::SealAction::failed) outcome.seal_failed = true;
          continue;
        }
        // A draft whose sources, scores and report inputs are those it was
        // last found to match: unchanged, without listing its payload or
        // rendering its report.
        auto input = make_bag_input(content, *month, month_scores, reviewed->months);
        const Inputs draft = draft_inputs_of(bag, *month, input);
        sources = draft.serialize();
        if (bundle::draft_unchanged(archive_dir, month->month, sources)) continue;
        if (!dry_run) explain_bundle("证据包 " + month->month.str(), archive_dir / draft_bundle_file_name(month->month), draft);
        input.deferred_payload = [&mine, &render_report, ym = month_scores.month] {
          return mine ? mine->get() : render_report(ym);
        };
        const size_t errors_before = sink.count(Severity::error);
        if (!dry_run) guard_drafts();
        auto result = bundle::seal_month(std::move(input), archive_dir, sink, dry_run, jobs);
        give_back_freed_memory();  // a bag's manifests and entry lists, before the next, larger one
        if (!dry_run && !sources.empty() && result.bundle && result.action != bundle::SealAction::failed)
          bundle::remember_bundle_sources(result.bundle->path, sources);
        if (!result.io_error.empty()) outcome.io_error += result.io_error + "\n";
        if (result.action == bundle::SealAction::failed && sink.count(Severity::error) > errors_before)
          outcome.name_errors = true;
        if (!dry_run && result.action != bundle::SealAction::unchanged && result.action != bundle::SealAction::failed)
          ++outcome.written;
      }
    } catch (const std::exception& e) {
      outcome.io_error += e.what();
    }
    if (prefetched) prefetched->second.wait();  // it refers to locals of this function
    return outcome;
  };
  // A strict build must change nothing when bundling would warn (a
  // [revision]) or fail: rehearse it first without writing.
  if (options.strict && !preview) {
    Diagnostics rehearsal;
    auto outcome = bundle_months(true, rehearsal);
    if (!rehearsal.empty() || !outcome.io_error.empty()) {
      progress.done();
      diags.append(rehearsal);
      print_diagnostics(diags);
      std::cerr << "严格模式：生成证据包时存在 " << diagnostics_summary(rehearsal) << "，未做任何改动。\n";
      return outcome.io_error.empty() ? kExitContentErrors : kExitFatal;
    }
  }
  // A correction preview writes no bundle at all: the bundle stage only
  // compares (a rehearsal).
  BundleOutcome bundles = bundle_months(preview.has_value(), diags);
  std::map<YearMonth, std::string> previews;
  if (preview) {
    bundles.changed_after_publish.erase(*preview);  // shown as it would be corrected
    const model::PublishedVersion& newest = content.publication(*preview)->newest();
    for (const auto& s : scores)
      if (s.month == *preview) {
        const auto lean = make_bag_input(content, *content.month(*preview), s, reviewed->months);
        const auto comparison = bundle::compare_with_sealed(lean, archive_dir / newest.bundle, "", jobs);
        previews[*preview] = comparison.same ? "与已发布的 " + newest.bundle + " 相同，无需更正"
                                             : "与已发布的 " + newest.bundle + " 相比：" + comparison.changes;
        // The published scores beside the corrected ones, unit by unit.
        std::string error;
        if (auto bag = load_bag_month(archive_dir / newest.bundle, error)) {
          std::string moved;
          for (const auto& now : s.units) {
            const score::UnitScore* then = bag->month_scores->unit(now.unit);
            const model::Unit* unit = content.unit(now.unit);
            const std::string name = unit ? unit->name : now.unit;
            if (!then) {
              moved += "；" + name + " 新增：" + format_rounded(now.score, 2) + " 分（第 " + std::to_string(now.rank) + " 名）";
            } else if (format_rounded(then->score, 4) != format_rounded(now.score, 4) || then->rank != now.rank) {
              moved += "；" + name + " " + format_rounded(then->score, 2) + " → " + format_rounded(now.score, 2) + " 分（第 " +
                       std::to_string(then->rank) + " → " + std::to_string(now.rank) + " 名）";
            }
          }
          previews[*preview] += moved.empty() ? "；得分和排名不变" : "；得分（已发布 → 更正后）：" + moved.substr(std::string("；").size());
        }
      }
  }
  bundle::forget_deflated_text();
  clock.lap("证据包");
  if (bundles.seal_failed) {
    progress.done();
    print_diagnostics(diags);
    std::cerr << "生成失败：已封存的佐证材料包无法恢复，网站未改动。\n";
    return kExitFatal;
  }
  // A bundle that could not be read or written fails the build before the
  // site changes: the site must never link what archive/ does not hold.
  if (!bundles.io_error.empty()) {
    progress.done();
    print_diagnostics(diags);
    std::cerr << "证据包写入失败：" << bundles.io_error << " [io]\n生成失败：网站未改动。\n";
    return kExitFatal;
  }
  const size_t bundles_written = bundles.written;
  const bool bundle_name_errors = bundles.name_errors;

  // A published month whose content changed since is shown as published:
  // its month, reviews and scores as its bundle re-derives them (the
  // bundle's own scores must follow, or it is not what was published
  // either), its evidence copied from the bundle. Later months were scored
  // with the content as it is (they read earlier months as they are now).
  std::vector<std::unique_ptr<BagMonth>> frozen;
  std::map<YearMonth, fs::path> frozen_folders;
  for (YearMonth m : bundles.changed_after_publish) {
    const model::PublishedVersion& newest = content.publication(m)->newest();
    std::string error;
    auto bag = load_bag_month(archive_dir / newest.bundle, error);
    if (bag && !score_differences(*bag).empty()) error = "其得分与包内材料不符";
    const fs::path folder = cache_dir / "published" / newest.sha256;
    if (bag && !fs::exists(folder / ".complete")) {
      std::error_code ec;
      fs::remove_all(folder, ec);
      if (write_month_files(*bag, folder, error)) std::ofstream(folder / ".complete") << newest.bundle << "\n";
      else bag.reset();
    }
    if (!bag) {
      progress.done();
      print_diagnostics(diags);
      std::cerr << "生成失败：无法从已封存的 " << newest.bundle << " 读取 " << m.str() << " 发布时的内容：" << error
                << "，未做任何改动。 [sealed-bundle]\n";
      return kExitFatal;
    }
    auto month_it = std::find_if(reviewed->content.months.begin(), reviewed->content.months.end(),
                                 [&](const model::Month& x) { return x.month == m; });
    const size_t i = static_cast<size_t>(month_it - reviewed->content.months.begin());
    model::Month published_month = *bag->content.month(m);
    published_month.dir = month_it->dir;          // diagnostics stay where the office's files are
    published_month.inputs = month_it->inputs;
    published_month.published = month_it->published;
    *month_it = std::move(published_month);
    for (const auto& r : bag->reviewed)
      if (r.month == m) reviewed->months[i] = r;
    for (auto& s : scores)
      if (s.month == m) s = *bag->month_scores;
    frozen_folders[m] = folder;
    frozen.push_back(std::move(bag));
  }

  // The bundles the site lists: every version the publication records name
  // (with who and why), and the drafts of unpublished months.
  std::vector<render::BundleLink> links;
  for (const model::Month& m : content.months) {
    if (const model::Publication* publication = content.publication(m.month)) {
      for (const model::PublishedVersion& v : publication->versions)
        if (auto facts = bundle::read_bundle_facts(archive_dir / v.bundle)) {
          render::BundleLink link = to_link(*facts);
          link.published_by = v.by;
          link.reason = v.reason;
          links.push_back(std::move(link));
        }
    } else if (auto facts = bundle::read_bundle_facts(archive_dir / draft_bundle_file_name(m.month))) {
      links.push_back(to_link(*facts));
    }
  }
  // Nothing after this point hashes a file: the digests are saved now and,
  // with the remembered stamps, their memory given back before the site is
  // rendered. Worker threads also leave freed memory in their malloc arenas:
  // handed back too, so the peak is the larger stage, not the sum.
  save_cache.save();
  bundle::DigestCache::instance().clear();
  one_stat_per_file.reset();
  give_back_freed_memory();

  progress.step("生成网站页面……");
  const auto all_diagnostics = diags.sorted();
  // Analysed again: a month shown as published shows its published scores' analysis.
  const auto site_analyses = frozen.empty() ? analyses : analyze::analyze_all(content, scores);
  render::SiteInput site_input{content,   reviewed->months,    scores, site_analyses, all_diagnostics, links,
                               resources.templates, resources.assets, kVersionLabel, jobs};
  // A month none of whose inputs changed keeps its pages as the site has them.
  site_input.month_input_digests = month_input_digests;
  site_input.month_folders = frozen_folders;
  site_input.correction_previews = previews;
  if (options.explain) site_input.explain = &explain;
  publish::PublishReport published;
  size_t search_index_bytes = 0;
  try {
    // Pages go to the site writer as each month is rendered: a changed page
    // is staged at once and its bytes let go, so the site is never held in
    // memory whole. The site itself changes only in finish().
    publish::SiteWriter writer(
        options.site_dir,
        cache_dir / ("published-" + without_trailing_slash(options.site_dir).filename().string() + ".txt"));
    render::render_site(site_input, writer);
    clock.lap("渲染页面");
    progress.step("写入 " + options.site_dir + " ……");
    published = writer.finish();
    if (draft_guard) draft_guard->keep_new();
    bundle::save_bundle_summaries(cache_dir / "bundles.txt");
    clock.lap("写入网站");
    // Every part of the index, as published (a page that lists the parts
    // loads them all).
    std::error_code list_error;
    for (const auto& entry : fs::directory_iterator(fs::path(options.site_dir) / "assets", list_error)) {
      const std::string name = entry.path().filename().string();
      std::error_code size_error;
      if (name.starts_with("search-index") && name.ends_with(".js")) {
        const auto size = entry.file_size(size_error);
        if (!size_error) search_index_bytes += size;
      }
    }
  } catch (const std::exception& e) {
    progress.done();
    print_diagnostics(diags);
    std::cerr << "生成失败：" << e.what() << "；原有网站未改动。 [io]\n";
    return kExitFatal;
  }
  progress.done();
  print_diagnostics(diags);
  clock.print();
  if (options.explain) std::cerr << explain.text();

  const auto counts = count_items(reviewed->months);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", seconds);
  size_t active_units = 0;
  for (const auto& u : content.units)
    for (const auto& m : content.months)
      if (u.active_in(m.month)) {
        ++active_units;
        break;
      }
  if (!options.quiet) std::cerr << rulebook_totals(content);
  std::cerr << "生成完成：" << scores.size() << " 个月份，" << active_units << " 个单位，条目 "
            << counts.accepted << " 采纳 / " << counts.rejected << " 退回 / " << counts.pending << " 待审 / "
            << counts.invalid << " 无效；页面 " << published.written << " 个写入，" << published.unchanged
            << " 个未变；证据包 " << bundles_written << " 个；用时 " << secs << " 秒；搜索索引 "
            << (search_index_bytes + 1023) / 1024 << " KB。\n";
  if (preview)
    std::cerr << "更正预览：" << preview->str() << " 按现有材料显示在 " << options.site_dir
              << "/ 中（" << previews[*preview] << "），未写入任何证据包，已发布的内容没有改变。\n";
  if (bundle_name_errors) return kExitContentErrors;
  return kExitOk;
}

namespace {

int run_build(const Args& args) {
  BuildOptions options;
  options.content_dir = args.get("content", "content");
  options.site_dir = args.get("site", "site");
  options.archive_dir = args.get("archive", "archive");
  options.strict = args.flags.count("strict") > 0;
  options.quiet = args.flags.count("quiet") > 0;
  options.timings = args.flags.count("timings") > 0;
  options.explain = args.flags.count("explain") > 0;
  options.preview_correction = args.get("preview-correction", "");
  // A preview never goes where the office publishes from, unless told.
  if (!options.preview_correction.empty() && !args.values.count("site")) options.site_dir = "site-preview";
  if (args.values.count("jobs")) {
    try {
      options.jobs = std::stoi(args.get("jobs", "0"));
    } catch (...) {
      options.jobs = -1;
    }
    if (options.jobs < 1) return usage_error(build_command(), "--jobs 应为正整数");
  }
  return build_site(options);
}

}  // namespace

const Command& build_command() {
  static const Command cmd{
      "build",
      "creditgen build [--content DIR] [--site DIR] [--archive DIR] [--jobs N] [--strict] [--quiet] [--timings] [--explain] "
      "[--preview-correction YYYY-MM]",
      "校验、审核、计分，生成网站和每月证据包",
      {{"content", "DIR", "内容目录，默认 content"},
       {"site", "DIR", "网站输出目录，默认 site"},
       {"archive", "DIR", "证据包目录，默认 archive"},
       {"jobs", "N", "并行线程数，默认为处理器核数"},
       {"strict", nullptr, "有任何错误或警告时不做任何改动并以状态 1 退出"},
       {"quiet", nullptr, "不显示进度"},
       {"timings", nullptr, "完成后显示各阶段用时"},
       {"explain", nullptr, "完成后说明哪些月份重新读取、哪些页面和证据包重新生成，以及原因（哪项输入变了）"},
       {"preview-correction", "YYYY-MM", "预览更正某个已发布月份：按现有材料显示该月并标明与已发布版本的不同，不写任何证据包；"
                                          "未指定 --site 时网站写入 site-preview"}},
      &run_build};
  return cmd;
}

}  // namespace creditgen::cli
