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
#include "base/freed_memory.h"
#include "base/number.h"
#include "base/parallel.h"
#include "bundle/bundle.h"
#include "bundle/seal.h"
#include "cli/bundle_input.h"
#include "cli/build_store.h"
#include "cli/months_to_bundle.h"
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

// What correcting published month `m` would change: the bundle's files and,
// unit by unit, the published scores beside the corrected ones.
std::string correction_preview(const model::Content& content, const std::vector<review::ReviewedMonth>& reviewed,
                               const std::vector<score::MonthScores>& scores, YearMonth m, const fs::path& archive_dir,
                               bundle::BundleCache& cache, unsigned jobs) {
  const model::PublishedVersion& newest = content.publication(m)->newest();
  std::string out;
  for (const auto& s : scores) {
    if (s.month != m) continue;
    const auto lean = make_bag_input(content, *content.month(m), s, reviewed);
    const auto comparison = bundle::compare_with_sealed(lean, archive_dir / newest.bundle, "", cache, jobs);
    out = comparison.same ? "与已发布的 " + newest.bundle + " 相同，无需更正"
                          : "与已发布的 " + newest.bundle + " 相比：" + comparison.changes;
    std::string error;
    auto bag = load_bag_month(archive_dir / newest.bundle, error);
    if (!bag) continue;
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
    out += moved.empty() ? "；得分和排名不变" : "；得分（已发布 → 更正后）：" + moved.substr(std::string("；").size());
  }
  return out;
}

// The bundles the site lists: every version the publication records name
// (with who and why), and the drafts of unpublished months.
std::vector<render::BundleLink> bundle_links(const model::Content& content, const fs::path& archive_dir,
                                             bundle::BundleCache& cache) {
  std::vector<render::BundleLink> links;
  for (const model::Month& m : content.months) {
    if (const model::Publication* publication = content.publication(m.month)) {
      for (const model::PublishedVersion& v : publication->versions)
        if (auto facts = bundle::read_bundle_facts(archive_dir / v.bundle, cache)) {
          render::BundleLink link = to_link(*facts);
          link.published_by = v.by;
          link.reason = v.reason;
          links.push_back(std::move(link));
        }
    } else if (auto facts = bundle::read_bundle_facts(archive_dir / draft_bundle_file_name(m.month), cache)) {
      links.push_back(to_link(*facts));
    }
  }
  return links;
}

// Published months whose content changed since, shown as published: their
// month, reviews and scores as their bundles re-derive them (a bundle's own
// scores must follow, or it is not what was published either), their
// evidence copied from the bundle (kept unpacked in the build cache). Later
// months stay scored with the content as it is (they read earlier months as
// they are now).
struct ShownAsPublished {
  std::vector<std::unique_ptr<BagMonth>> bags;
  std::map<YearMonth, fs::path> folders;  ///< render::SiteInput::month_folders
};
std::optional<ShownAsPublished> show_as_published(const std::set<YearMonth>& months, Reviewed& reviewed,
                                                  std::vector<score::MonthScores>& scores, const fs::path& archive_dir,
                                                  const BuildStore& store, std::string& failure) {
  ShownAsPublished out;
  for (YearMonth m : months) {
    const model::PublishedVersion& newest = reviewed.content.publication(m)->newest();
    std::string error;
    auto bag = load_bag_month(archive_dir / newest.bundle, error);
    if (bag && !score_differences(*bag).empty()) error = "其得分与包内材料不符";
    const fs::path folder = store.published_content(newest.sha256);
    if (bag && !fs::exists(folder / ".complete")) {
      std::error_code ec;
      fs::remove_all(folder, ec);
      if (write_month_files(*bag, folder, error)) std::ofstream(folder / ".complete") << newest.bundle << "\n";
      else bag.reset();
    }
    if (!bag) {
      failure = "生成失败：无法从已封存的 " + newest.bundle + " 读取 " + m.str() + " 发布时的内容：" + error +
                "，未做任何改动。 [sealed-bundle]\n";
      return std::nullopt;
    }
    auto month_it = std::find_if(reviewed.content.months.begin(), reviewed.content.months.end(),
                                 [&](const model::Month& x) { return x.month == m; });
    const size_t i = static_cast<size_t>(month_it - reviewed.content.months.begin());
    model::Month published_month = *bag->content.month(m);
    published_month.dir = month_it->dir;  // diagnostics stay where the office's files are
    published_month.inputs = month_it->inputs;
    published_month.published = month_it->published;
    *month_it = std::move(published_month);
    for (const auto& r : bag->reviewed)
      if (r.month == m) reviewed.months[i] = r;
    for (auto& s : scores)
      if (s.month == m) s = *bag->month_scores;
    out.folders[m] = folder;
    out.bags.push_back(std::move(bag));
  }
  return out;
}

// The size of every part of the site's search index, as published (a page
// that lists the parts loads them all).
size_t search_index_bytes(const fs::path& site_dir) {
  size_t bytes = 0;
  std::error_code list_error;
  for (const auto& entry : fs::directory_iterator(site_dir / "assets", list_error)) {
    const std::string name = entry.path().filename().string();
    std::error_code size_error;
    if (name.starts_with("search-index") && name.ends_with(".js")) {
      const auto size = entry.file_size(size_error);
      if (!size_error) bytes += size;
    }
  }
  return bytes;
}

// "生成完成：3 个月份，25 个单位，条目 …；页面 …；证据包 …；用时 …；搜索索引 … KB。"
std::string build_summary(const model::Content& content, const std::vector<review::ReviewedMonth>& reviewed,
                          size_t scored_months, const publish::PublishReport& published, size_t bundles_written,
                          double seconds, size_t index_bytes) {
  const auto counts = count_items(reviewed);
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", seconds);
  size_t active_units = 0;
  for (const auto& u : content.units)
    for (const auto& m : content.months)
      if (u.active_in(m.month)) {
        ++active_units;
        break;
      }
  return "生成完成：" + std::to_string(scored_months) + " 个月份，" + std::to_string(active_units) + " 个单位，条目 " +
         std::to_string(counts.accepted) + " 采纳 / " + std::to_string(counts.rejected) + " 退回 / " +
         std::to_string(counts.pending) + " 待审 / " + std::to_string(counts.invalid) + " 无效；网站文件 " +
         std::to_string(published.written) + " 个写入，" + std::to_string(published.unchanged) + " 个未变；证据包 " +
         std::to_string(bundles_written) + " 个；用时 " + secs + " 秒；搜索索引 " +
         std::to_string((index_bytes + 1023) / 1024) + " KB。\n";
}

}  // namespace

static fs::path cache_folder(const BuildOptions& options) {
  if (!options.cache_dir.empty()) return options.cache_dir;
  return without_trailing_slash(options.site_dir).parent_path() / ".creditgen-cache";
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

namespace {

// Folders a build cannot use, found before anything is created (the lock
// would make the archive and cache folders) or any bundle written: no
// content folder, a plain file where the site folder should be. The exit
// status, a message printed; nullopt when the build may go on.
std::optional<int> refuse_unusable_folders(const BuildOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(options.content_dir, ec)) {
    Diagnostics missing;
    std::string shown = options.content_dir;
    while (shown.size() > 1 && shown.back() == '/') shown.pop_back();
    missing.error({shown, 1, 1}, "missing-field", load::kNoContentFolder);
    print_diagnostics(missing);
    std::cerr << "生成失败：没有内容文件夹，未做任何改动。\n";
    return kExitFatal;
  }
  const fs::path site = without_trailing_slash(options.site_dir);
  if (fs::exists(site, ec) && !fs::is_directory(site, ec)) {
    std::cerr << "生成失败：网站目录 " << options.site_dir << " 不是文件夹，未做任何改动。 [io]\n";
    return kExitFatal;
  }
  return std::nullopt;
}

}  // namespace

int build_site(const BuildOptions& options) {
  const auto started = std::chrono::steady_clock::now();
#ifdef __GLIBC__
  // Payload files up to 16 MiB are read whole and deflated text is kept
  // between bags: with glibc's sliding mmap threshold those large buffers
  // come from the heap after the first is freed, and the long-lived small
  // allocations made between them keep the heap from shrinking. Buffers of
  // 256 KiB and more are mapped and unmapped on their own instead (a 50,000
  // item clean build: 601 -> ~530 MiB peak, same time). Only where glibc's
  // allocator is the one in use (the tests, the sanitized build): the
  // program links jemalloc (base/freed_memory.h), which ignores it.
  ::mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
  const fs::path cache_dir = cache_folder(options);
  if (auto refused = refuse_unusable_folders(options)) return *refused;
  const auto locks = lock_run_folders(options.archive_dir, cache_dir, options.site_dir);
  if (!locks) return kExitFatal;
  BuildStore store(cache_dir);
  Progress progress(options.quiet);
  StageClock clock(options.timings);
  Diagnostics diags;
  ExplainLog explain;
  // Every way out before the end: the diagnostics, what was redone so far,
  // then why nothing changed.
  auto fail = [&](const std::string& message, int status) {
    progress.done();
    print_diagnostics(diags);
    if (options.explain) std::cerr << explain.text();
    std::cerr << message;
    return status;
  };

  progress.step("读取并校验内容……");
  auto reviewed = load_and_review(options.content_dir, diags, store.months_folder(), options.explain ? &explain : nullptr);
  if (!reviewed) return fail("生成失败：站点配置、单位名单或指标规则有误，未做任何改动。\n", kExitFatal);
  if (options.strict && !diags.empty())
    return fail("严格模式：存在 " + diagnostics_summary(diags) + "，未做任何改动。\n", kExitContentErrors);
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
  if (auto broken = published_review_errors(content, diags); !broken.empty())
    return fail("生成失败：已发布月份 " + broken + " 的 review.yaml 有错误，已发布的内容不能因此改变；"
                "请改正该文件（或恢复原样），未做任何改动。\n",
                kExitContentErrors);
  clock.lap("读取审核");

  progress.step("计分……");
  auto scores = score::score_all(content, reviewed->months);
  clock.lap("计分");

  Resources resources;
  try {
    resources = load_resources(options);
  } catch (const std::exception& e) {
    return fail(std::string("生成失败：无法读取模板或样式：") + e.what() + " [io]\n", kExitFatal);
  }

  // Each month's report is rendered first without bundle links: it goes into
  // that month's bundle, and the site's pages then link the bundles.
  const std::vector<Diagnostic> no_diagnostics;
  const std::vector<render::BundleLink> no_bundles;
  const unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : cores();
  const auto analyses = analyze::analyze_all(content, scores);
  render::SiteInput report_input{content,   reviewed->months,    scores, analyses, no_diagnostics, no_bundles,
                                 resources.templates, resources.assets, "", jobs};
  const fs::path archive_dir = options.archive_dir;
  // What each month is made of on disk, by stamps: lets an unchanged sealed
  // month skip listing its bag, an unchanged draft skip its report, and an
  // unchanged month skip its pages.
  const std::map<YearMonth, std::string> month_input_digests = month_input_digests_of(content);
  report_input.month_input_digests = month_input_digests;
  // Every bundle a publication record names must be in archive/ with its
  // recorded SHA-256; a missing newest version is re-created only as the
  // very same bytes. Checked before anything is written.
  const RecordedBundles recorded = check_recorded_bundles(content, archive_dir, store.bundles(), diags);
  if (!recorded.ok)
    return fail("生成失败：已封存的佐证材料包缺失或与发布记录不符，未做任何改动。\n", kExitFatal);
  bundle::BundleStage bundle_stage({months_to_bundle(report_input, recorded.to_recreate),
                                    [&report_input, &store](YearMonth m) {
                                      return report_payload(report_input, m, store.bundles().spool.folder());
                                    },
                                    archive_dir, store.bundles(), jobs, options.explain ? &explain : nullptr,
                                    [&progress](const std::string& what) { progress.step(what); }});
  // A strict build must change nothing when bundling would warn (a
  // [revision]) or fail: rehearse it first without writing.
  if (options.strict && !preview) {
    Diagnostics rehearsal;
    auto outcome = bundle_stage.run(true, rehearsal);
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
  bundle::BundleOutcome bundles = bundle_stage.run(preview.has_value(), diags);
  std::map<YearMonth, std::string> previews;
  if (preview) {
    bundles.changed_after_publish.erase(*preview);  // shown as it would be corrected
    previews[*preview] = correction_preview(content, reviewed->months, scores, *preview, archive_dir, store.bundles(), jobs);
  }
  clock.lap("证据包");
  if (bundles.seal_failed)
    return fail("生成失败：已封存的佐证材料包无法恢复，网站未改动。\n", kExitFatal);
  // A bundle that could not be read or written fails the build before the
  // site changes: the site must never link what archive/ does not hold.
  if (!bundles.io_error.empty())
    return fail(std::string("证据包写入失败：") + bundles.io_error + " [io]\n生成失败：网站未改动。\n", kExitFatal);

  // A published month whose content changed since is shown as published.
  std::string frozen_error;
  const auto frozen = show_as_published(bundles.changed_after_publish, *reviewed, scores, archive_dir, store,
                                        frozen_error);
  if (!frozen) return fail(frozen_error, kExitFatal);

  const std::vector<render::BundleLink> links = bundle_links(content, archive_dir, store.bundles());
  // Nothing after this point hashes a file: the digests are saved now and,
  // with the remembered stamps, their memory given back before the site is
  // rendered. Worker threads also leave freed memory in their malloc arenas:
  // handed back too, so the peak is the larger stage, not the sum.
  store.end_bundling();
  give_back_freed_memory();

  progress.step("生成网站页面……");
  const auto all_diagnostics = diags.sorted();
  // Analysed again: a month shown as published shows its published scores' analysis.
  const auto site_analyses = frozen->bags.empty() ? analyses : analyze::analyze_all(content, scores);
  render::SiteInput site_input{content,   reviewed->months,    scores, site_analyses, all_diagnostics, links,
                               resources.templates, resources.assets, kVersionLabel, jobs};
  // A month none of whose inputs changed keeps its pages as the site has them.
  site_input.month_input_digests = month_input_digests;
  site_input.month_folders = frozen->folders;
  site_input.correction_previews = previews;
  if (options.explain) site_input.explain = &explain;
  publish::PublishReport published;
  size_t index_bytes = 0;
  try {
    // Pages go to the site writer as each month is rendered: a changed page
    // is staged at once and its bytes let go, so the site is never held in
    // memory whole. The site itself changes only in finish().
    publish::SiteWriter writer(options.site_dir, store.site_state(options.site_dir));
    render::render_site(site_input, writer);
    clock.lap("渲染页面");
    progress.step("写入 " + options.site_dir + " ……");
    published = writer.finish();
    bundle_stage.keep_new_drafts();
    store.save();
    clock.lap("写入网站");
    index_bytes = search_index_bytes(options.site_dir);
  } catch (const std::exception& e) {
    return fail(std::string("生成失败：") + e.what() + "；原有网站未改动。 [io]\n", kExitFatal);
  }
  progress.done();
  print_diagnostics(diags);
  clock.print();
  if (options.explain) std::cerr << explain.text();

  if (!options.quiet) std::cerr << rulebook_totals(content);
  std::cerr << build_summary(content, reviewed->months, scores.size(), published, bundles.written,
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                             index_bytes);
  if (preview)
    std::cerr << "更正预览：" << preview->str() << " 按现有材料显示在 " << options.site_dir
              << "/ 中（" << previews[*preview] << "），未写入任何证据包，已发布的内容没有改变。\n";
  return bundles.name_errors ? kExitContentErrors : kExitOk;
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
