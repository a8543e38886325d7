// Gathers each month once (items, evidence, rendered bodies), then renders
// every page through the templates.
#include "render/site.h"

#include "base/file_types.h"

#include "base/fingerprint.h"
#include "base/parallel.h"

#include "render/bulletin.h"
#include "render/search_index.h"

#include <algorithm>
#include <exception>
#include <set>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "render/templates.h"
#include "render/view_model.h"

namespace creditgen::render {

namespace {

// Accepted attachment types only; item sources, lists and records never go
// on the site (ledgers hold personal data).
bool publishable(const std::string& path) { return !path.starts_with("records/") && attachment_type(path); }

// Text evidence is masked on the site (txt, csv).
bool text_evidence(const std::string& path) {
  const FileType* type = attachment_type(path);
  return type && type->text;
}

int revision_rank(const BundleLink& b) {
  if (b.revision == "draft") return 0;
  try {
    return std::stoi(b.revision);
  } catch (...) {
    return 1;
  }
}

const BundleLink* newest_bundle(const SiteInput& in, YearMonth m) {
  const BundleLink* best = nullptr;
  for (const auto& b : in.bundles)
    if (b.month == m && (!best || revision_rank(b) > revision_rank(*best))) best = &b;
  return best;
}

const score::MonthScores* scores_for(const SiteInput& in, YearMonth m) {
  for (const auto& s : in.scores)
    if (s.month == m) return &s;
  return nullptr;
}

// What the site-wide pages (home, unit histories) need of every month: its
// review, scores and newest bundle, without rendered bodies, items or evidence.
MonthView gather_light(const SiteInput& in, const model::Month& month) {
  MonthView mv;
  mv.month = &month;
  for (const auto& r : in.reviewed)
    if (r.month == month.month) mv.reviewed = &r;
  mv.scores = scores_for(in, month.month);
  for (const auto& a : in.analyses)
    if (a.month == month.month) mv.analysis = &a;
  mv.previous = scores_for(in, month.month.previous());
  mv.bundle = newest_bundle(in, month.month);
  return mv;
}

// The diagnostics the month's problems page shows: those in its folder.
std::vector<const Diagnostic*> month_diagnostics(const SiteInput& in, const model::Month& month) {
  std::vector<const Diagnostic*> out;
  const std::string prefix = month.dir + "/";
  for (const auto& d : in.diagnostics)
    if (d.where.file.starts_with(prefix)) out.push_back(&d);
  return out;
}

MonthView gather(const SiteInput& in, const model::Month& month, const Paths& paths) {
  MonthView mv = gather_light(in, month);
  for (const Diagnostic* d : month_diagnostics(in, month)) mv.diagnostics.push_back(*d);
  mv.items = collect_items(month, mv.reviewed, paths);
  for (const auto& [key, info] : mv.items) mv.item_keys_by_unit[info.unit].push_back(key);

  std::set<std::string> safe_files;
  for (const auto& f : month.files)
    if (f.safe) safe_files.insert(f.path);
  const YearMonth m = month.month;
  for (const auto& [unit, um] : month.units) {
    auto& ev = mv.evidence[unit];
    auto add = [&](const model::Attachment& a) {
      if (a.ok && publishable(a.path) && safe_files.count(unit + "/" + a.path)) ev.insert(a.path);
    };
    for (const auto& n : um.news)
      for (const auto& a : n.attachments) add(a);
    for (const auto& c : um.campaigns) {
      for (const auto& a : c.photos) add(a);
      if (c.plan) add(*c.plan);
    }
    for (const auto& p : um.policies)
      if (p.file) add(*p.file);
    for (const auto& s : um.scenarios)
      if (s.file) add(*s.file);
    for (const auto& s : um.supervision)
      if (s.file) add(*s.file);

    // Bodies may show files they do not list as attachments; those are
    // published too when they are safe files of the unit's files/ folder.
    auto render_body = [&](const model::ItemBase& item, model::ItemKind kind, const std::string& slug,
                           const std::string& body) {
      const std::string page = paths.item(m, unit, kind, slug);
      MarkdownOptions opts;
      opts.resolve_relative = [&](const std::string& path) -> std::optional<std::string> {
        if (!ev.count(path)) {
          if (!path.starts_with("files/") || path.find("/../") != std::string::npos || !publishable(path) ||
              !safe_files.count(unit + "/" + path))
            return std::nullopt;
          ev.insert(path);
        }
        return relative_href(page, paths.evidence(m, unit, path));
      };
      mv.bodies[item.key] = render_markdown(body, opts);
    };
    for (const auto& n : um.news)
      if (n.valid) render_body(n, model::ItemKind::news, n.slug, n.body);
    for (const auto& c : um.campaigns)
      if (c.valid) render_body(c, model::ItemKind::campaign, c.slug, c.body);
    if (ev.empty()) mv.evidence.erase(unit);
  }
  return mv;
}

// Units with a page in the month: the scored ones, plus any unit that has a
// folder (its items are listed even in an unscored month).
std::vector<const model::Unit*> month_units(const SiteInput& in, const MonthView& mv) {
  std::vector<const model::Unit*> out;
  for (const auto& u : in.content.units)
    if ((mv.scores && mv.scores->unit(u.id)) || mv.month->units.count(u.id)) out.push_back(&u);
  return out;
}

// An OutputSink that collects into an OutputSet (thread-safe).
class CollectSink final : public OutputSink {
 public:
  explicit CollectSink(OutputSet& set) : set_(set) {}
  void file(const std::string& path, std::string bytes) override {
    std::lock_guard lock(mutex_);
    set_.files[path] = std::move(bytes);
  }
  void copy(const std::string& path, FileCopy copy) override {
    std::lock_guard lock(mutex_);
    set_.copies[path] = std::move(copy);
  }

 private:
  OutputSet& set_;
  std::mutex mutex_;
};

// The month's report pages, shared by the site and bundle mode, each handed
// to `sink` as soon as it is rendered. Unit and item pages, most of a month,
// are rendered on `jobs` threads, beside the month's own page, its 通报 and
// its indicator pages (one thread, with `t`): the site and a bundle's report
// render one month at a time, so only one month's pages are being made at once.
void render_month_pages(const SiteInput& in, PageRenderer& t, const MonthView& mv, const Paths& paths,
                        OutputSink& sink, unsigned jobs = 1) {
  const YearMonth m = mv.month->month;
  auto render_head = [&] {
    sink.file(paths.month_index(m), t.render("month", month_view(in, mv, paths)));
    if (std::string docx = render_bulletin(in, mv, t); !docx.empty()) sink.file(paths.bulletin(m), std::move(docx));
    if (mv.scores && mv.scores->rulebook)
      for (const auto& ref : mv.scores->rulebook->rows())
        sink.file(paths.indicator(m, ref.row->id), t.render("indicator", indicator_view(in, mv, ref, paths)));
  };
  // One kind of page per entry: a unit's page, or an item's.
  struct Page {
    const model::Unit* unit = nullptr;
    const std::string* item_unit = nullptr;
    const model::NewsItem* news = nullptr;
    const model::CampaignItem* campaign = nullptr;
  };
  std::vector<Page> pages;
  for (const model::Unit* u : month_units(in, mv)) pages.push_back({u, nullptr, nullptr, nullptr});
  for (const auto& [unit, um] : mv.month->units) {
    for (const auto& n : um.news)
      if (n.valid) pages.push_back({nullptr, &unit, &n, nullptr});
    for (const auto& c : um.campaigns)
      if (c.valid) pages.push_back({nullptr, &unit, nullptr, &c});
  }
  auto render_page = [&](PageRenderer& r, const Page& page) {
    if (page.unit)
      sink.file(paths.unit_month(m, page.unit->id), r.render("unit", unit_month_view(in, mv, *page.unit, paths)));
    else if (page.news)
      sink.file(paths.item(m, *page.item_unit, model::ItemKind::news, page.news->slug),
                r.render("item", news_view(in, mv, *page.news, paths)));
    else
      sink.file(paths.item(m, *page.item_unit, model::ItemKind::campaign, page.campaign->slug),
                r.render("item", campaign_view(in, mv, *page.campaign, paths)));
  };
  const size_t slices = std::min<size_t>(std::max(jobs, 1u), (pages.size() + 63) / 64);
  if (slices <= 1) {
    render_head();
    for (const Page& page : pages) render_page(t, page);
    return;
  }
  // The head waits for nothing: at 10,000 units the month's page and 通报
  // take seconds on one thread, which the unit and item pages fill.
  auto head = std::async(std::launch::async, render_head);
  parallel_for(slices, jobs, [&](size_t k) {
    PageRenderer r(in.templates);
    for (size_t i = k; i < pages.size(); i += slices) render_page(r, pages[i]);
  });
  head.get();
}

void add_assets(const SiteInput& in, OutputSet& out) {
  for (const auto& [name, bytes] : in.assets) out.files[Paths::asset(name)] = bytes;
}

}  // namespace

void render_site(const SiteInput& in, OutputSink& sink) {
  init_markdown();  // before any thread starts
  PageRenderer t(in.templates);
  Paths paths;
  // Each month is gathered in full (its bodies rendered) only while its pages
  // are rendered, so a large site's rendered bodies are never all in memory.
  std::vector<MonthView> months;
  for (const auto& month : in.content.months) months.push_back(gather_light(in, month));

  // A month whose inputs match the last build's, and whose files the sink
  // still has as they were, is not rendered again (its part of the search
  // index included).
  std::vector<Inputs> inputs(months.size());
  parallel_for(months.size(), in.jobs, [&](size_t i) { inputs[i] = month_page_inputs(in, months[i].month->month); });

  auto hand_over = [&sink](OutputSet& part) {
    for (auto& [path, bytes] : part.files) sink.file(path, std::move(bytes));
    for (auto& [path, copy] : part.copies) sink.copy(path, std::move(copy));
    part = OutputSet{};
  };
  // A month's files go to the sink as each is rendered (a late month is tens
  // of megabytes of pages, never held whole); the sink then learns which
  // paths the group holds.
  class GroupSink final : public OutputSink {
   public:
    explicit GroupSink(OutputSink& to) : to_(to) {}
    void file(const std::string& path, std::string bytes) override {
      remember(path);
      to_.file(path, std::move(bytes));
    }
    void copy(const std::string& path, FileCopy copy) override {
      remember(path);
      to_.copy(path, std::move(copy));
    }
    std::vector<std::string> take_paths() { return std::move(paths_); }

   private:
    void remember(const std::string& path) {
      std::lock_guard lock(mutex_);
      paths_.push_back(path);
    }
    OutputSink& to_;
    std::mutex mutex_;
    std::vector<std::string> paths_;
  };

  // One month at a time, its pages on every core, each handing its files
  // over as it goes: a late month at 10,000 units is hundreds of megabytes
  // of rendered bodies and template data while it is made, and months made
  // side by side held that twice over.
  for (size_t i = 0; i < months.size(); ++i) {
    const std::string group = in.content.months[i].month.str();
    const Staleness staleness = sink.reuse_group(group, inputs[i]);
    if (!staleness.stale) continue;
    if (in.explain) in.explain->redone("页面 " + group, staleness.why);
    PageRenderer renderer(in.templates);
    const MonthView mv = gather(in, in.content.months[i], paths);
    const YearMonth m = mv.month->month;
    auto search_index = std::async(std::launch::async, [&in, &paths, m] {
      return search_index_script(collect_month_docs(in, paths, m));
    });
    GroupSink out(sink);
    render_month_pages(in, renderer, mv, paths, out, in.jobs);
    out.file(paths.problems(m), renderer.render("problems", problems_view(in, mv, paths)));
    out.file(Paths::search_index(m), search_index.get());
    if (mv.scores) {
      out.file(paths.scores_json(m), score::scores_json(*mv.scores, in.content));
      out.file(paths.scores_csv(m), score::scores_csv(*mv.scores, in.content));
      if (mv.analysis) out.file(paths.analysis_json(m), analyze::analysis_json(*mv.analysis, *mv.scores, in.content));
    }
    const auto folder = in.month_folders.find(m);
    const std::filesystem::path month_folder =
        folder != in.month_folders.end() ? folder->second : in.content.root / m.str();
    for (const auto& [unit, files] : mv.evidence)
      for (const auto& path : files)
        out.copy(paths.evidence(m, unit, path), FileCopy{month_folder / unit / path, text_evidence(path)});
    sink.end_group(group, inputs[i], out.take_paths());
  }

  OutputSet out;
  out.files[Paths::home()] = t.render("home", home_view(in, months));
  out.files[Paths::archive()] = t.render("archive", archive_view(in));
  std::vector<std::string> index_parts = {Paths::search_index()};
  for (auto it = in.content.months.rbegin(); it != in.content.months.rend(); ++it)  // newest first
    index_parts.push_back(Paths::search_index(it->month));
  out.files["search.html"] = t.render("search", search_view(in, Paths{}, index_parts));
  out.files[Paths::search_index()] = search_index_script(collect_site_docs(in));
  // The bundles themselves are not copied: they hold the unmasked originals
  // (site.yaml bundles_url says where auditors get them).
  for (const auto& u : in.content.units)
    out.files[Paths::unit_history(u.id)] = t.render("unit_history", unit_history_view(in, months, u));
  add_assets(in, out);
  hand_over(out);
}

Inputs month_page_inputs(const SiteInput& in, YearMonth month) {
  Inputs inputs;
  const model::Month* m = in.content.month(month);
  if (!m) return inputs.unknown("month:" + month.str());
  // Its own inputs and every earlier month's: a month's scores read
  // earlier months (year-to-date and cumulative windows, growth, penalties).
  for (const auto& earlier : in.content.months) {
    if (earlier.month > month) break;
    const std::string name = "month:" + earlier.month.str();
    auto it = in.month_input_digests.find(earlier.month);
    if (it == in.month_input_digests.end() || it->second.empty()) inputs.unknown(name);
    else inputs.add(name, it->second);
  }
  Fingerprint templates, assets;
  for (const auto& [name, text] : in.templates) templates << name << text;
  for (const auto& [name, bytes] : in.assets) assets << name << bytes;
  inputs.add("templates", templates.hex()).add("assets", assets.hex()).add("version", in.version);
  for (YearMonth scored : {month, month.previous()}) {
    const score::MonthScores* s = scores_for(in, scored);
    inputs.add("scores:" + scored.str(), s ? score::scores_json(*s, in.content) : "-");
  }
  Fingerprint diagnostics;
  for (const Diagnostic* d : month_diagnostics(in, *m)) diagnostics << format_diagnostic(*d);
  inputs.add("diagnostics", diagnostics.hex());
  Fingerprint bundle;
  if (const BundleLink* b = newest_bundle(in, month))
    bundle << b->file_name << b->download_name << std::to_string(b->size) << std::to_string(b->file_count) << b->sha256
           << b->bagging_date << b->revision;
  else
    bundle << "no bundle";
  inputs.add("bundle", bundle.hex());
  // A correction preview's banner, and evidence copied from a sealed bundle.
  const auto preview = in.correction_previews.find(month);
  inputs.add("preview", preview == in.correction_previews.end() ? "-" : "+" + preview->second);
  const auto folder = in.month_folders.find(month);
  return inputs.add("evidence-folder", folder == in.month_folders.end() ? "" : folder->second.string());
}

OutputSet render_site(const SiteInput& in) {
  OutputSet out;
  CollectSink collect(out);
  render_site(in, collect);
  return out;
}

void render_month_report(const SiteInput& in, YearMonth month, OutputSink& sink) {
  init_markdown();
  const model::Month* mm = in.content.month(month);
  if (!mm) return;
  Paths paths;
  paths.bundle = true;
  auto search_index = std::async(std::launch::async, [&in, paths, month] {
    return search_index_script(collect_search_docs(in, paths, month));
  });
  const MonthView mv = gather(in, *mm, paths);
  PageRenderer t(in.templates);
  render_month_pages(in, t, mv, paths, sink, in.jobs);
  sink.file("search.html", t.render("search", search_view(in, paths, {Paths::search_index()})));
  sink.file(Paths::search_index(), search_index.get());
  for (const auto& [name, bytes] : in.assets) sink.file(Paths::asset(name), bytes);
}

OutputSet render_month_report(const SiteInput& in, YearMonth month) {
  OutputSet out;
  CollectSink collect(out);
  render_month_report(in, month, collect);
  return out;
}

}  // namespace creditgen::render
