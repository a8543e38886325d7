// Gathers each month once (items, evidence, rendered bodies), then renders
// every page through the templates.
#include "render/site.h"

#include <algorithm>
#include <set>

#include "render/templates.h"
#include "render/view_model.h"

namespace creditgen::render {

namespace {

std::string lower_ext(const std::string& path) {
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext;
  for (char c : path.substr(dot + 1)) ext += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext;
}

// Attachment types content.md allows; item sources, lists and records never
// go on the site (ledgers hold personal data).
bool publishable(const std::string& path) {
  static const std::set<std::string> allowed = {"jpg", "jpeg", "png", "gif", "webp", "pdf", "ofd", "doc", "docx",
                                                "xls", "xlsx", "wps", "et", "csv", "txt", "zip"};
  return !path.starts_with("records/") && allowed.count(lower_ext(path));
}

bool text_evidence(const std::string& path) {
  const std::string ext = lower_ext(path);
  return ext == "txt" || ext == "csv";
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

MonthView gather(const SiteInput& in, const model::Month& month, const Paths& paths) {
  MonthView mv;
  mv.month = &month;
  for (const auto& r : in.reviewed)
    if (r.month == month.month) mv.reviewed = &r;
  mv.scores = scores_for(in, month.month);
  mv.previous = scores_for(in, month.month.previous());
  const std::string prefix = month.dir + "/";
  for (const auto& d : in.diagnostics)
    if (d.where.file.starts_with(prefix)) mv.diagnostics.push_back(d);
  mv.bundle = newest_bundle(in, month.month);
  mv.items = collect_items(month, mv.reviewed, paths);

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

std::vector<MonthView> gather_all(const SiteInput& in, const Paths& paths) {
  std::vector<MonthView> out;
  for (const auto& month : in.content.months) out.push_back(gather(in, month, paths));
  return out;
}

// Units with a page in the month: the scored ones, plus any unit that has a
// folder (its items are listed even in an unscored month).
std::vector<const model::Unit*> month_units(const SiteInput& in, const MonthView& mv) {
  std::vector<const model::Unit*> out;
  for (const auto& u : in.content.units)
    if ((mv.scores && mv.scores->unit(u.id)) || mv.month->units.count(u.id)) out.push_back(&u);
  return out;
}

// The month's report pages, shared by the site and bundle mode.
void render_month_pages(const SiteInput& in, const Templates& t, const MonthView& mv, const Paths& paths,
                        OutputSet& out) {
  const YearMonth m = mv.month->month;
  out.files[paths.month_index(m)] = render_page(t, "month", month_view(in, mv, paths));
  for (const model::Unit* u : month_units(in, mv))
    out.files[paths.unit_month(m, u->id)] = render_page(t, "unit", unit_month_view(in, mv, *u, paths));
  if (mv.scores && mv.scores->rulebook)
    for (const auto& ref : mv.scores->rulebook->rows())
      out.files[paths.indicator(m, ref.row->id)] = render_page(t, "indicator", indicator_view(in, mv, ref, paths));
  for (const auto& [unit, um] : mv.month->units) {
    for (const auto& n : um.news)
      if (n.valid)
        out.files[paths.item(m, unit, model::ItemKind::news, n.slug)] = render_page(t, "item", news_view(in, mv, n, paths));
    for (const auto& c : um.campaigns)
      if (c.valid)
        out.files[paths.item(m, unit, model::ItemKind::campaign, c.slug)] =
            render_page(t, "item", campaign_view(in, mv, c, paths));
  }
}

void add_assets(const SiteInput& in, OutputSet& out) {
  for (const auto& [name, bytes] : in.assets) out.files[Paths::asset(name)] = bytes;
}

}  // namespace

OutputSet render_site(const SiteInput& in) {
  init_markdown();
  const Templates& t = in.templates;
  Paths paths;
  const std::vector<MonthView> months = gather_all(in, paths);
  OutputSet out;
  out.files[Paths::home()] = render_page(t, "home", home_view(in, months));
  out.files[Paths::archive()] = render_page(t, "archive", archive_view(in));
  for (const auto& b : in.bundles)
    if (!b.source.empty()) out.copies[Paths::bundle_file(b.file_name)] = FileCopy{b.source, false};
  for (const auto& u : in.content.units)
    out.files[Paths::unit_history(u.id)] = render_page(t, "unit_history", unit_history_view(in, months, u));

  for (const auto& mv : months) {
    const YearMonth m = mv.month->month;
    render_month_pages(in, t, mv, paths, out);
    out.files[paths.problems(m)] = render_page(t, "problems", problems_view(in, mv, paths));
    if (mv.scores) {
      out.files[paths.scores_json(m)] = score::scores_json(*mv.scores, in.content);
      out.files[paths.scores_csv(m)] = score::scores_csv(*mv.scores, in.content);
    }
    for (const auto& [unit, files] : mv.evidence)
      for (const auto& path : files)
        out.copies[paths.evidence(m, unit, path)] =
            FileCopy{in.content.root / m.str() / unit / path, text_evidence(path)};
  }
  add_assets(in, out);
  return out;
}

OutputSet render_month_report(const SiteInput& in, YearMonth month) {
  init_markdown();
  OutputSet out;
  const model::Month* mm = in.content.month(month);
  if (!mm) return out;
  Paths paths;
  paths.bundle = true;
  const MonthView mv = gather(in, *mm, paths);
  render_month_pages(in, in.templates, mv, paths, out);
  add_assets(in, out);
  return out;
}

}  // namespace creditgen::render
