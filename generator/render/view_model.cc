// Layout, home, month report, problems, unit history and archive views.
#include "render/view_model.h"

#include <algorithm>
#include <cstdio>

#include "base/number.h"
#include "render/charts.h"
#include "render/view_common.h"

namespace creditgen::render {

using namespace detail;

namespace detail {

std::string points_text(double v) { return format_rounded(v, 2); }
std::string score_text(double v) { return format_fixed(v, 2); }

std::string unit_name(const SiteInput& in, const std::string& id) {
  const model::Unit* u = in.content.unit(id);
  return u ? u->name : id;
}

const char* unit_type(const SiteInput& in, const std::string& id) {
  const model::Unit* u = in.content.unit(id);
  return u ? model::unit_type_label(u->type) : "";
}

std::string href(const std::string& from, const std::string& to) { return relative_href(from, to); }

std::string bundle_href(const SiteInput& in, const std::string& page, const BundleLink& b) {
  const std::string& base = in.content.site.bundles_url;
  if (base.empty()) return "";
  if (base.rfind("http://", 0) == 0 || base.rfind("https://", 0) == 0 || base.front() == '/')
    return base + b.file_name;
  return href(page, base + b.file_name);
}

// kainjow's data copies whatever it is given (set, push_back and its list
// constructor all take const&), so a page's nested lists would be copied
// whole at every level and held twice while they are. Its containers are its
// own and not const: moved into through get() and list_value() instead.
mu::data list(std::vector<mu::data> items) {
  mu::data out(mu::data::type::list);
  const_cast<mu::list&>(out.list_value()) = std::move(items);
  return out;
}

void put(mu::data& object, const std::string& name, mu::data value) {
  object.set(name, mu::data(false));  // a placeholder: nothing to copy
  const_cast<mu::data&>(*object.get(name)) = std::move(value);
}

mu::data layout(const SiteInput& in, const Paths& paths, const std::string& page, const std::string& title,
                const std::vector<Crumb>& crumbs, const MonthView* mv) {
  mu::data d;
  const std::string& site_title = in.content.site.title.empty() ? in.content.site.district : in.content.site.title;
  put(d, "page_title", title);
  put(d, "site_title", site_title);
  put(d, "district", in.content.site.district);
  put(d, "office", in.content.site.organization());
  put(d, "css_href", href(page, Paths::asset("site.css")));
  put(d, "print_css_href", href(page, Paths::asset("print.css")));
  // An icon of our own, so browsers never ask the server for /favicon.ico.
  if (in.assets.count("favicon.svg")) put(d, "favicon_href", href(page, Paths::asset("favicon.svg")));
  if (in.assets.count("site.js")) put(d, "js_href", href(page, Paths::asset("site.js")));
  put(d, "bundle_mode", paths.bundle);
  // The header's search box and the script that sends it to search.html
  // (in a bundle, the search of that month's report).
  put(d, "search_page_href", href(page, "search.html"));
  put(d, "search_js_href", href(page, Paths::asset("search.js")));
  if (!paths.bundle && !in.version.empty()) put(d, "version", in.version);

  std::vector<mu::data> nav;
  auto add_nav = [&](const std::string& label, const std::string& target) {
    mu::data n;
    put(n, "label", label);
    put(n, "href", href(page, target));
    put(n, "current", target == page);
    nav.push_back(std::move(n));
  };
  if (paths.bundle) {
    if (mv) add_nav(month_label(mv->month->month) + "月报", paths.month_index(mv->month->month));
  } else {
    add_nav("首页", Paths::home());
    if (mv) add_nav(month_label(mv->month->month) + "月报", paths.month_index(mv->month->month));
    add_nav("证据包归档", Paths::archive());
  }
  put(d, "nav", list(std::move(nav)));

  std::vector<mu::data> cs;
  for (const auto& c : crumbs) {
    mu::data x;
    put(x, "label", c.label);
    if (!c.path.empty()) put(x, "href", href(page, c.path));
    cs.push_back(std::move(x));
  }
  put(d, "crumbs", list(std::move(cs)));
  put(d, "has_crumbs", !crumbs.empty());
  if (mv && mv->draft()) put(d, "draft", true);
  return d;
}

}  // namespace detail

std::string month_label(YearMonth m) { return std::to_string(m.year) + "年" + std::to_string(m.month) + "月"; }
std::string date_label(const Date& d) { return month_label({d.year, d.month}) + std::to_string(d.day) + "日"; }

std::string human_size(unsigned long long bytes) {
  char buf[64];
  if (bytes >= 1024ull * 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.2f GB", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
  else if (bytes >= 1024ull * 1024)
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024));
  else if (bytes >= 1024)
    std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024.0);
  else
    std::snprintf(buf, sizeof buf, "%llu 字节", bytes);
  return buf;
}

std::string diagnostic_unit(const std::string& file, const std::string& month_dir) {
  const std::string prefix = month_dir + "/";
  if (!file.starts_with(prefix)) return "";
  const std::string rest = file.substr(prefix.size());
  const size_t slash = rest.find('/');
  return slash == std::string::npos ? "" : rest.substr(0, slash);
}

namespace {

// The ranking table, shared by the home page and the month report.
mu::data ranking_rows(const SiteInput& in, const MonthView& mv, const Paths& paths, const std::string& page) {
  std::vector<mu::data> rows;
  const YearMonth m = mv.month->month;
  for (const auto& u : mv.scores->units) {
    mu::data r;
    put(r, "rank", std::to_string(u.rank));
    put(r, "unit_name", unit_name(in, u.unit));
    put(r, "unit_href", href(page, paths.unit_month(m, u.unit)));
    put(r, "type_label", unit_type(in, u.unit));
    put(r, "unsubmitted", !u.submitted);
    put(r, "score", score_text(u.score));
    put(r, "earned", points_text(u.earned));
    put(r, "applicable", points_text(u.applicable));
    put(r, "penalty", points_text(u.penalty));
    const score::UnitScore* prev = mv.previous ? mv.previous->unit(u.unit) : nullptr;
    if (prev) {
      const int up = prev->rank - u.rank;
      put(r, "rank_change", up > 0 ? "↑" + std::to_string(up) : up < 0 ? "↓" + std::to_string(-up) : "持平");
      // Sign from the rounded text, so a change below 0.005 reads "0.00".
      std::string diff = score_text(u.score - prev->score);
      if (diff == "-0.00") diff = "0.00";
      put(r, "score_change", (diff[0] != '-' && diff != "0.00" ? "+" : "") + diff);
    } else {
      put(r, "rank_change", "—");
      put(r, "score_change", "—");
    }
    std::vector<mu::data> groups;
    for (const auto& [gid, earned] : u.group_earned) {
      mu::data g;
      put(g, "value", points_text(earned));
      groups.push_back(std::move(g));
    }
    put(r, "groups", list(std::move(groups)));
    rows.push_back(std::move(r));
  }
  return list(std::move(rows));
}

mu::data group_headers(const MonthView& mv) {
  std::vector<mu::data> out;
  if (mv.scores && mv.scores->rulebook)
    for (const auto& g : mv.scores->rulebook->groups) {
      mu::data h;
      put(h, "name", g.name);
      out.push_back(std::move(h));
    }
  return list(std::move(out));
}

std::string chart_for(const SiteInput& in, const MonthView& mv) {
  std::vector<Bar> bars;
  for (const auto& u : mv.scores->units) bars.push_back({unit_name(in, u.unit), u.score});
  const double max = mv.scores->rulebook ? 100 : 100;
  return bar_chart_svg(month_label(mv.month->month) + "各单位得分", bars, max);
}

mu::data figure(const std::string& label, const std::string& value) {
  mu::data f;
  put(f, "label", label);
  put(f, "value", value);
  return f;
}

}  // namespace

mu::data home_view(const SiteInput& in, const std::vector<MonthView>& months) {
  const std::string page = Paths::home();
  Paths paths;
  const MonthView* latest = nullptr;
  for (const auto& mv : months)
    if (mv.scores) latest = &mv;
  mu::data d = layout(in, paths, page, in.content.site.title.empty() ? "首页" : in.content.site.title, {}, nullptr);
  if (latest) {
    put(d, "has_latest", true);
    put(d, "latest_label", month_label(latest->month->month));
    put(d, "latest_href", href(page, paths.month_index(latest->month->month)));
    if (latest->draft()) put(d, "latest_draft", true);
    put(d, "ranking", ranking_rows(in, *latest, paths, page));
    put(d, "group_headers", group_headers(*latest));
    put(d, "chart_html", chart_for(in, *latest));
    size_t units = latest->scores->units.size(), submitted = 0;
    for (const auto& u : latest->scores->units) submitted += u.submitted ? 1 : 0;
    put(d, "figures", list({figure("监测单位", std::to_string(units)), figure("本月报送单位", std::to_string(submitted)),
                           figure("最高分", latest->scores->units.empty() ? "—" : score_text(latest->scores->units.front().score))}));
  }
  std::vector<mu::data> ms;
  for (auto it = months.rbegin(); it != months.rend(); ++it) {
    mu::data x;
    put(x, "label", month_label(it->month->month));
    put(x, "href", href(page, paths.month_index(it->month->month)));
    if (it->draft()) put(x, "draft", true);
    if (!it->scores) put(x, "unscored", true);
    if (it->bundle) {
      const std::string link = bundle_href(in, page, *it->bundle);
      if (!link.empty()) put(x, "bundle_href", link);
      put(x, "bundle_download", it->bundle->download_name);
    }
    ms.push_back(std::move(x));
  }
  put(d, "months", list(std::move(ms)));
  std::vector<mu::data> us;
  for (const auto& u : in.content.units) {
    mu::data x;
    put(x, "name", u.name);
    put(x, "type_label", model::unit_type_label(u.type));
    put(x, "href", href(page, Paths::unit_history(u.id)));
    us.push_back(std::move(x));
  }
  put(d, "units", list(std::move(us)));
  put(d, "archive_href", href(page, Paths::archive()));
  put(d, "bundle_count", std::to_string(in.bundles.size()));
  return d;
}

mu::data month_view(const SiteInput& in, const MonthView& mv, const Paths& paths) {
  const YearMonth m = mv.month->month;
  const std::string page = paths.month_index(m);
  const std::string title = month_label(m) + "信用监测月报";
  mu::data d = layout(in, paths, page, title, {{title, ""}}, &mv);
  put(d, "month_label", month_label(m));
  if (mv.month->published) {
    const Date& p = *mv.month->published;
    put(d, "published_date", p.str());
    put(d, "issue_date", date_label(p));
  }

  // A corrected month says so first: when, why, and that the first version
  // stays in the archive.
  const BundleLink* first = nullptr;
  const BundleLink* newest = nullptr;
  for (const auto& b : in.bundles) {
    if (b.month != m || b.revision == "draft") continue;
    if (b.revision == "1") first = &b;
    newest = &b;
  }
  if (auto it = in.correction_previews.find(m); it != in.correction_previews.end()) {
    mu::data p;
    put(p, "changes", it->second);
    put(p, "month", m.str());
    put(d, "correction_preview", p);
  }
  if (newest && newest->revision != "1") {
    mu::data c;
    put(c, "date", newest->bagging_date);
    put(c, "revision", newest->revision);
    put(c, "reason", mask_pii(newest->reason));
    if (first) put(c, "first_date", first->bagging_date);
    put(c, "archive_href", href(page, Paths::archive()));
    put(d, "correction", c);
  }

  // Summary figures.
  size_t active = 0;
  for (const auto& u : in.content.units) active += u.active_in(m) ? 1 : 0;
  size_t accepted = 0, rejected = 0, pending = 0, invalid = 0, late = 0;
  if (mv.reviewed)
    for (const auto& [key, st] : mv.reviewed->items) {
      if (!st.valid) ++invalid;
      else if (st.status == model::ReviewStatus::accepted) ++accepted;
      else if (st.status == model::ReviewStatus::rejected) ++rejected;
      else ++pending;
      late += st.late ? 1 : 0;
    }

  std::vector<mu::data> not_submitted, missing, unmet;
  if (mv.scores) {
    put(d, "has_scores", true);
    put(d, "rulebook_name", mv.scores->rulebook ? mv.scores->rulebook->name : "");
    put(d, "ranking", ranking_rows(in, mv, paths, page));
    put(d, "group_headers", group_headers(mv));
    put(d, "chart_html", chart_for(in, mv));
    put(d, "points_parts", points_parts(in, mv, paths, page));
    if (mv.analysis && mv.scores->rulebook) put(d, "bulletin_href", href(page, paths.bulletin(m)));
    set_month_analysis(d, in, mv, paths, page);
    std::map<std::string, std::pair<int, int>> unmet_by_unit;  // not yet, overdue
    for (const auto& u : mv.scores->units) {
      if (mv.scores->rulebook)
        for (const auto& ref : mv.scores->rulebook->rows()) {
          const score::RowScore* rs = u.row(ref.row->id);
          if (rs && rs->flag == score::Flag::missing) {
            mu::data x;
            put(x, "unit_name", unit_name(in, u.unit));
            put(x, "unit_href", href(page, paths.unit_month(m, u.unit)));
            put(x, "row_id", ref.row->id);
            put(x, "row_name", model::Rulebook::row_name(ref));
            missing.push_back(std::move(x));
          }
        }
      if (!u.submitted) {
        mu::data x;
        put(x, "name", unit_name(in, u.unit));
        put(x, "href", href(page, paths.unit_month(m, u.unit)));
        not_submitted.push_back(std::move(x));
      }
      for (const auto& ob : u.obligations) {
        if (ob.status == score::ObligationStatus::met) continue;
        auto& [not_yet, overdue] = unmet_by_unit[u.unit];
        (ob.status == score::ObligationStatus::overdue ? overdue : not_yet) += 1;
        mu::data x;
        put(x, "unit_name", unit_name(in, u.unit));
        put(x, "unit_href", href(page, paths.unit_month(m, u.unit)));
        put(x, "text", ob.text);
        put(x, "status", std::string(score::obligation_status_label(ob.status)));
        put(x, "status_class", std::string(score::obligation_status_id(ob.status)));
        put(x, "value", points_text(ob.value));
        put(x, "min", points_text(ob.min));
        unmet.push_back(std::move(x));
      }
    }
    // The summary: one line per unit, in rank order; the full list is the appendix.
    std::vector<mu::data> summary;
    for (const auto& u : mv.scores->units) {
      auto it = unmet_by_unit.find(u.unit);
      if (it == unmet_by_unit.end()) continue;
      mu::data x;
      put(x, "unit_name", unit_name(in, u.unit));
      put(x, "unit_href", href(page, paths.unit_month(m, u.unit)));
      put(x, "not_yet", std::to_string(it->second.first));
      put(x, "overdue", std::to_string(it->second.second));
      put(x, "overdue_count", it->second.second > 0);
      summary.push_back(std::move(x));
    }
    put(d, "unmet_summary", list(std::move(summary)));
    put(d, "unmet_units", std::to_string(unmet_by_unit.size()));
  }

  std::vector<mu::data> late_items, rejected_items;
  for (const auto& [key, info] : mv.items) {
    const review::ItemState* st = mv.reviewed ? mv.reviewed->find(key) : nullptr;
    auto base = [&] {
      mu::data x;
      put(x, "unit_name", unit_name(in, info.unit));
      put(x, "unit_href", href(page, paths.unit_month(m, info.unit)));
      put(x, "kind_label", std::string(model::item_kind_label(info.kind)));
      put(x, "title", info.title);
      if (!info.page.empty()) put(x, "href", href(page, info.page));
      return x;
    };
    if (info.late) {
      mu::data x = base();
      put(x, "hours", format_rounded(info.late_hours, 1));
      late_items.push_back(std::move(x));
    }
    if (st && st->status == model::ReviewStatus::rejected) {
      mu::data x = base();
      put(x, "reason", st->reason.empty() ? std::string("（未说明原因）") : mask_pii(st->reason));
      rejected_items.push_back(std::move(x));
    }
  }
  put(d, "figures", list({figure("监测单位", std::to_string(active)),
                         figure("报送单位", std::to_string(mv.month->units.size())),
                         figure("已采纳", std::to_string(accepted)), figure("已退回", std::to_string(rejected)),
                         figure("待审核", std::to_string(pending)), figure("无效", std::to_string(invalid)),
                         figure("逾期报送", std::to_string(late)), figure("缺报指标", std::to_string(missing.size())),
                         figure("未完成任务", std::to_string(unmet.size()))}));
  put(d, "has_not_submitted", !not_submitted.empty());
  put(d, "not_submitted", list(std::move(not_submitted)));
  put(d, "has_late", !late_items.empty());
  put(d, "late_items", list(std::move(late_items)));
  put(d, "has_rejected", !rejected_items.empty());
  put(d, "rejected_items", list(std::move(rejected_items)));
  put(d, "has_missing", !missing.empty());
  put(d, "missing_figures", list(std::move(missing)));
  put(d, "has_unmet", !unmet.empty());
  put(d, "unmet_count", std::to_string(unmet.size()));
  put(d, "unmet_obligations", list(std::move(unmet)));

  if (!paths.bundle) {
    put(d, "problems_href", href(page, paths.problems(m)));
    put(d, "problem_count", std::to_string(mv.diagnostics.size()));
    if (mv.scores) {
      put(d, "json_href", href(page, paths.scores_json(m)));
      put(d, "csv_href", href(page, paths.scores_csv(m)));
      if (mv.analysis) put(d, "analysis_href", href(page, paths.analysis_json(m)));
    }
    if (mv.bundle) {
      mu::data b;
      put(b, "file_name", mv.bundle->file_name);
      put(b, "download", mv.bundle->download_name);
      const std::string link = bundle_href(in, page, *mv.bundle);
      if (!link.empty()) put(b, "href", link);
      put(b, "size", human_size(mv.bundle->size));
      put(b, "bytes", std::to_string(mv.bundle->size));
      put(b, "sha256", mv.bundle->sha256);
      put(d, "bundle", b);
    }
  }
  return d;
}

mu::data problems_view(const SiteInput& in, const MonthView& mv, const Paths& paths) {
  const YearMonth m = mv.month->month;
  const std::string page = paths.problems(m);
  const std::string title = month_label(m) + "问题清单";
  mu::data d = layout(in, paths, page, title, {{month_label(m) + "月报", paths.month_index(m)}, {"问题清单", ""}}, &mv);
  put(d, "month_label", month_label(m));
  std::map<std::string, std::vector<mu::data>> by_unit;
  size_t errors = 0;
  for (const auto& diag : mv.diagnostics) {
    mu::data x;
    put(x, "file", mask_pii(diag.where.file));
    put(x, "line", std::to_string(diag.where.line));
    put(x, "column", std::to_string(diag.where.column));
    const bool error = diag.severity == Severity::error;
    errors += error ? 1 : 0;
    put(x, "severity", std::string(error ? "错误" : "警告"));
    put(x, "severity_class", std::string(error ? "error" : "warning"));
    put(x, "message", mask_pii(diag.message));
    put(x, "code", diag.code);
    by_unit[diagnostic_unit(diag.where.file, mv.month->dir)].push_back(std::move(x));
  }
  std::vector<mu::data> groups;
  for (auto& [unit, rows] : by_unit) {
    mu::data g;
    put(g, "name", unit.empty() ? std::string("月份文件（review.yaml、platform.yaml 等）") : unit_name(in, unit));
    if (!unit.empty() && in.content.unit(unit)) put(g, "unit_href", href(page, paths.unit_month(m, unit)));
    put(g, "count", std::to_string(rows.size()));
    put(g, "rows", list(std::move(rows)));
    groups.push_back(std::move(g));
  }
  put(d, "groups", list(std::move(groups)));
  put(d, "error_count", std::to_string(errors));
  put(d, "warning_count", std::to_string(mv.diagnostics.size() - errors));
  put(d, "has_problems", !mv.diagnostics.empty());
  return d;
}

mu::data unit_history_view(const SiteInput& in, const std::vector<MonthView>& months, const model::Unit& unit) {
  const std::string page = Paths::unit_history(unit.id);
  Paths paths;
  mu::data d = layout(in, paths, page, unit.name + "历月得分", {{unit.name, ""}}, nullptr);
  put(d, "unit_name", unit.name);
  put(d, "type_label", std::string(model::unit_type_label(unit.type)));
  std::vector<HistoryPoint> points;
  std::vector<mu::data> rows;
  for (const auto& mv : months) {
    const score::UnitScore* us = mv.scores ? mv.scores->unit(unit.id) : nullptr;
    if (!us && !unit.active_in(mv.month->month)) continue;
    HistoryPoint p{mv.month->month.str(), std::nullopt, std::nullopt};
    mu::data r;
    put(r, "month_label", month_label(mv.month->month));
    put(r, "month_href", href(page, paths.month_index(mv.month->month)));
    if (us) {
      p.score = us->score;
      p.rank = us->rank;
      put(r, "score", score_text(us->score));
      put(r, "rank", std::to_string(us->rank) + " / " + std::to_string(mv.scores->units.size()));
      put(r, "unit_href", href(page, paths.unit_month(mv.month->month, unit.id)));
    }
    if (mv.draft()) put(r, "draft", true);
    points.push_back(std::move(p));
    rows.push_back(std::move(r));
  }
  put(d, "chart_html", line_chart_svg(unit.name + "得分与排名变化", points, 100));
  put(d, "has_months", !rows.empty());
  put(d, "history", list(std::move(rows)));
  return d;
}

mu::data search_view(const SiteInput& in, const Paths& paths, const std::vector<std::string>& index_parts) {
  const std::string page = "search.html";
  mu::data d = layout(in, paths, page, "全站搜索", {{"全站搜索", ""}}, nullptr);
  // The parts are not <script> tags of the page: a province's index is tens
  // of megabytes, so search.js loads them one by one in this order (units and
  // rows, then the newest month first) and shows results as each arrives.
  std::string hrefs;
  for (const std::string& part : index_parts) hrefs += (hrefs.empty() ? "" : " ") + href(page, part);
  put(d, "index_parts", hrefs);
  return d;
}

mu::data archive_view(const SiteInput& in) {
  const std::string page = Paths::archive();
  Paths paths;
  mu::data d = layout(in, paths, page, "证据包归档", {{"证据包归档", ""}}, nullptr);
  std::vector<mu::data> rows;
  for (const auto& b : in.bundles) {
    mu::data r;
    put(r, "month_label", month_label(b.month));
    put(r, "file_name", b.file_name);
    put(r, "download", b.download_name);
    if (const std::string link = bundle_href(in, page, b); !link.empty()) put(r, "href", link);
    put(r, "published_by", b.published_by);
    put(r, "reason", mask_pii(b.reason));
    put(r, "size", human_size(b.size));
    put(r, "bytes", std::to_string(b.size));
    put(r, "file_count", std::to_string(b.file_count));
    put(r, "sha256", b.sha256);
    put(r, "bagging_date", b.bagging_date);
    put(r, "revision", b.revision == "draft" ? std::string("草稿（未发布）") : "第 " + b.revision + " 版");
    rows.push_back(std::move(r));
  }
  put(d, "has_bundles", !rows.empty());
  put(d, "bundles", list(std::move(rows)));
  if (in.content.site.bundles_url.empty()) put(d, "bundles_offline", true);
  return d;
}

}  // namespace creditgen::render
