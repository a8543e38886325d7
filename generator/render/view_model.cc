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

mu::data list(std::vector<mu::data> items) { return mu::data(mu::list(std::move(items))); }

mu::data layout(const SiteInput& in, const Paths& paths, const std::string& page, const std::string& title,
                const std::vector<Crumb>& crumbs, const MonthView* mv) {
  mu::data d;
  const std::string& site_title = in.content.site.title.empty() ? in.content.site.district : in.content.site.title;
  d.set("page_title", title);
  d.set("site_title", site_title);
  d.set("district", in.content.site.district);
  d.set("office", in.content.site.organization());
  d.set("css_href", href(page, Paths::asset("site.css")));
  d.set("print_css_href", href(page, Paths::asset("print.css")));
  // An icon of our own, so browsers never ask the server for /favicon.ico.
  if (in.assets.count("favicon.svg")) d.set("favicon_href", href(page, Paths::asset("favicon.svg")));
  if (in.assets.count("site.js")) d.set("js_href", href(page, Paths::asset("site.js")));
  d.set("bundle_mode", paths.bundle);
  // The header's search box and the script that sends it to search.html
  // (in a bundle, the search of that month's report).
  d.set("search_page_href", href(page, "search.html"));
  d.set("search_js_href", href(page, Paths::asset("search.js")));
  if (!paths.bundle && !in.version.empty()) d.set("version", in.version);

  std::vector<mu::data> nav;
  auto add_nav = [&](const std::string& label, const std::string& target) {
    mu::data n;
    n.set("label", label);
    n.set("href", href(page, target));
    n.set("current", target == page);
    nav.push_back(n);
  };
  if (paths.bundle) {
    if (mv) add_nav(month_label(mv->month->month) + "月报", paths.month_index(mv->month->month));
  } else {
    add_nav("首页", Paths::home());
    if (mv) add_nav(month_label(mv->month->month) + "月报", paths.month_index(mv->month->month));
    add_nav("证据包归档", Paths::archive());
  }
  d.set("nav", list(std::move(nav)));

  std::vector<mu::data> cs;
  for (const auto& c : crumbs) {
    mu::data x;
    x.set("label", c.label);
    if (!c.path.empty()) x.set("href", href(page, c.path));
    cs.push_back(x);
  }
  d.set("crumbs", list(std::move(cs)));
  d.set("has_crumbs", !crumbs.empty());
  if (mv && mv->draft()) d.set("draft", true);
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
    r.set("rank", std::to_string(u.rank));
    r.set("unit_name", unit_name(in, u.unit));
    r.set("unit_href", href(page, paths.unit_month(m, u.unit)));
    r.set("type_label", unit_type(in, u.unit));
    r.set("unsubmitted", !u.submitted);
    r.set("score", score_text(u.score));
    r.set("earned", points_text(u.earned));
    r.set("applicable", points_text(u.applicable));
    r.set("penalty", points_text(u.penalty));
    const score::UnitScore* prev = mv.previous ? mv.previous->unit(u.unit) : nullptr;
    if (prev) {
      const int up = prev->rank - u.rank;
      r.set("rank_change", up > 0 ? "↑" + std::to_string(up) : up < 0 ? "↓" + std::to_string(-up) : "持平");
      // Sign from the rounded text, so a change below 0.005 reads "0.00".
      std::string diff = score_text(u.score - prev->score);
      if (diff == "-0.00") diff = "0.00";
      r.set("score_change", (diff[0] != '-' && diff != "0.00" ? "+" : "") + diff);
    } else {
      r.set("rank_change", "—");
      r.set("score_change", "—");
    }
    std::vector<mu::data> groups;
    for (const auto& [gid, earned] : u.group_earned) {
      mu::data g;
      g.set("value", points_text(earned));
      groups.push_back(g);
    }
    r.set("groups", list(std::move(groups)));
    rows.push_back(r);
  }
  return list(std::move(rows));
}

mu::data group_headers(const MonthView& mv) {
  std::vector<mu::data> out;
  if (mv.scores && mv.scores->rulebook)
    for (const auto& g : mv.scores->rulebook->groups) {
      mu::data h;
      h.set("name", g.name);
      out.push_back(h);
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
  f.set("label", label);
  f.set("value", value);
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
    d.set("has_latest", true);
    d.set("latest_label", month_label(latest->month->month));
    d.set("latest_href", href(page, paths.month_index(latest->month->month)));
    if (latest->draft()) d.set("latest_draft", true);
    d.set("ranking", ranking_rows(in, *latest, paths, page));
    d.set("group_headers", group_headers(*latest));
    d.set("chart_html", chart_for(in, *latest));
    size_t units = latest->scores->units.size(), submitted = 0;
    for (const auto& u : latest->scores->units) submitted += u.submitted ? 1 : 0;
    d.set("figures", list({figure("监测单位", std::to_string(units)), figure("本月报送单位", std::to_string(submitted)),
                           figure("最高分", latest->scores->units.empty() ? "—" : score_text(latest->scores->units.front().score))}));
  }
  std::vector<mu::data> ms;
  for (auto it = months.rbegin(); it != months.rend(); ++it) {
    mu::data x;
    x.set("label", month_label(it->month->month));
    x.set("href", href(page, paths.month_index(it->month->month)));
    if (it->draft()) x.set("draft", true);
    if (!it->scores) x.set("unscored", true);
    if (it->bundle) {
      const std::string link = bundle_href(in, page, *it->bundle);
      if (!link.empty()) x.set("bundle_href", link);
      x.set("bundle_download", it->bundle->download_name);
    }
    ms.push_back(x);
  }
  d.set("months", list(std::move(ms)));
  std::vector<mu::data> us;
  for (const auto& u : in.content.units) {
    mu::data x;
    x.set("name", u.name);
    x.set("type_label", model::unit_type_label(u.type));
    x.set("href", href(page, Paths::unit_history(u.id)));
    us.push_back(x);
  }
  d.set("units", list(std::move(us)));
  d.set("archive_href", href(page, Paths::archive()));
  d.set("bundle_count", std::to_string(in.bundles.size()));
  return d;
}

mu::data month_view(const SiteInput& in, const MonthView& mv, const Paths& paths) {
  const YearMonth m = mv.month->month;
  const std::string page = paths.month_index(m);
  const std::string title = month_label(m) + "信用监测月报";
  mu::data d = layout(in, paths, page, title, {{title, ""}}, &mv);
  d.set("month_label", month_label(m));
  if (mv.month->published) {
    const Date& p = *mv.month->published;
    d.set("published_date", p.str());
    d.set("issue_date", date_label(p));
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
    p.set("changes", it->second);
    p.set("month", m.str());
    d.set("correction_preview", p);
  }
  if (newest && newest->revision != "1") {
    mu::data c;
    c.set("date", newest->bagging_date);
    c.set("revision", newest->revision);
    c.set("reason", mask_pii(newest->reason));
    if (first) c.set("first_date", first->bagging_date);
    c.set("archive_href", href(page, Paths::archive()));
    d.set("correction", c);
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
    d.set("has_scores", true);
    d.set("rulebook_name", mv.scores->rulebook ? mv.scores->rulebook->name : "");
    d.set("ranking", ranking_rows(in, mv, paths, page));
    d.set("group_headers", group_headers(mv));
    d.set("chart_html", chart_for(in, mv));
    d.set("points_parts", points_parts(in, mv, paths, page));
    if (mv.analysis && mv.scores->rulebook) d.set("bulletin_href", href(page, paths.bulletin(m)));
    set_month_analysis(d, in, mv, paths, page);
    std::map<std::string, std::pair<int, int>> unmet_by_unit;  // not yet, overdue
    for (const auto& u : mv.scores->units) {
      if (mv.scores->rulebook)
        for (const auto& ref : mv.scores->rulebook->rows()) {
          const score::RowScore* rs = u.row(ref.row->id);
          if (rs && rs->flag == score::Flag::missing) {
            mu::data x;
            x.set("unit_name", unit_name(in, u.unit));
            x.set("unit_href", href(page, paths.unit_month(m, u.unit)));
            x.set("row_id", ref.row->id);
            x.set("row_name", model::Rulebook::row_name(ref));
            missing.push_back(x);
          }
        }
      if (!u.submitted) {
        mu::data x;
        x.set("name", unit_name(in, u.unit));
        x.set("href", href(page, paths.unit_month(m, u.unit)));
        not_submitted.push_back(x);
      }
      for (const auto& ob : u.obligations) {
        if (ob.status == score::ObligationStatus::met) continue;
        auto& [not_yet, overdue] = unmet_by_unit[u.unit];
        (ob.status == score::ObligationStatus::overdue ? overdue : not_yet) += 1;
        mu::data x;
        x.set("unit_name", unit_name(in, u.unit));
        x.set("unit_href", href(page, paths.unit_month(m, u.unit)));
        x.set("text", ob.text);
        x.set("status", std::string(score::obligation_status_label(ob.status)));
        x.set("status_class", std::string(score::obligation_status_id(ob.status)));
        x.set("value", points_text(ob.value));
        x.set("min", points_text(ob.min));
        unmet.push_back(x);
      }
    }
    // The summary: one line per unit, in rank order; the full list is the appendix.
    std::vector<mu::data> summary;
    for (const auto& u : mv.scores->units) {
      auto it = unmet_by_unit.find(u.unit);
      if (it == unmet_by_unit.end()) continue;
      mu::data x;
      x.set("unit_name", unit_name(in, u.unit));
      x.set("unit_href", href(page, paths.unit_month(m, u.unit)));
      x.set("not_yet", std::to_string(it->second.first));
      x.set("overdue", std::to_string(it->second.second));
      x.set("overdue_count", it->second.second > 0);
      summary.push_back(x);
    }
    d.set("unmet_summary", list(std::move(summary)));
    d.set("unmet_units", std::to_string(unmet_by_unit.size()));
  }

  std::vector<mu::data> late_items, rejected_items;
  for (const auto& [key, info] : mv.items) {
    const review::ItemState* st = mv.reviewed ? mv.reviewed->find(key) : nullptr;
    auto base = [&] {
      mu::data x;
      x.set("unit_name", unit_name(in, info.unit));
      x.set("unit_href", href(page, paths.unit_month(m, info.unit)));
      x.set("kind_label", std::string(model::item_kind_label(info.kind)));
      x.set("title", info.title);
      if (!info.page.empty()) x.set("href", href(page, info.page));
      return x;
    };
    if (info.late) {
      mu::data x = base();
      x.set("hours", format_rounded(info.late_hours, 1));
      late_items.push_back(x);
    }
    if (st && st->status == model::ReviewStatus::rejected) {
      mu::data x = base();
      x.set("reason", st->reason.empty() ? std::string("（未说明原因）") : mask_pii(st->reason));
      rejected_items.push_back(x);
    }
  }
  d.set("figures", list({figure("监测单位", std::to_string(active)),
                         figure("报送单位", std::to_string(mv.month->units.size())),
                         figure("已采纳", std::to_string(accepted)), figure("已退回", std::to_string(rejected)),
                         figure("待审核", std::to_string(pending)), figure("无效", std::to_string(invalid)),
                         figure("逾期报送", std::to_string(late)), figure("缺报指标", std::to_string(missing.size())),
                         figure("未完成任务", std::to_string(unmet.size()))}));
  d.set("has_not_submitted", !not_submitted.empty());
  d.set("not_submitted", list(std::move(not_submitted)));
  d.set("has_late", !late_items.empty());
  d.set("late_items", list(std::move(late_items)));
  d.set("has_rejected", !rejected_items.empty());
  d.set("rejected_items", list(std::move(rejected_items)));
  d.set("has_missing", !missing.empty());
  d.set("missing_figures", list(std::move(missing)));
  d.set("has_unmet", !unmet.empty());
  d.set("unmet_count", std::to_string(unmet.size()));
  d.set("unmet_obligations", list(std::move(unmet)));

  if (!paths.bundle) {
    d.set("problems_href", href(page, paths.problems(m)));
    d.set("problem_count", std::to_string(mv.diagnostics.size()));
    if (mv.scores) {
      d.set("json_href", href(page, paths.scores_json(m)));
      d.set("csv_href", href(page, paths.scores_csv(m)));
      if (mv.analysis) d.set("analysis_href", href(page, paths.analysis_json(m)));
    }
    if (mv.bundle) {
      mu::data b;
      b.set("file_name", mv.bundle->file_name);
      b.set("download", mv.bundle->download_name);
      const std::string link = bundle_href(in, page, *mv.bundle);
      if (!link.empty()) b.set("href", link);
      b.set("size", human_size(mv.bundle->size));
      b.set("bytes", std::to_string(mv.bundle->size));
      b.set("sha256", mv.bundle->sha256);
      d.set("bundle", b);
    }
  }
  return d;
}

mu::data problems_view(const SiteInput& in, const MonthView& mv, const Paths& paths) {
  const YearMonth m = mv.month->month;
  const std::string page = paths.problems(m);
  const std::string title = month_label(m) + "问题清单";
  mu::data d = layout(in, paths, page, title, {{month_label(m) + "月报", paths.month_index(m)}, {"问题清单", ""}}, &mv);
  d.set("month_label", month_label(m));
  std::map<std::string, std::vector<mu::data>> by_unit;
  size_t errors = 0;
  for (const auto& diag : mv.diagnostics) {
    mu::data x;
    x.set("file", mask_pii(diag.where.file));
    x.set("line", std::to_string(diag.where.line));
    x.set("column", std::to_string(diag.where.column));
    const bool error = diag.severity == Severity::error;
    errors += error ? 1 : 0;
    x.set("severity", std::string(error ? "错误" : "警告"));
    x.set("severity_class", std::string(error ? "error" : "warning"));
    x.set("message", mask_pii(diag.message));
    x.set("code", diag.code);
    by_unit[diagnostic_unit(diag.where.file, mv.month->dir)].push_back(x);
  }
  std::vector<mu::data> groups;
  for (auto& [unit, rows] : by_unit) {
    mu::data g;
    g.set("name", unit.empty() ? std::string("月份文件（review.yaml、platform.yaml 等）") : unit_name(in, unit));
    if (!unit.empty() && in.content.unit(unit)) g.set("unit_href", href(page, paths.unit_month(m, unit)));
    g.set("count", std::to_string(rows.size()));
    g.set("rows", list(std::move(rows)));
    groups.push_back(g);
  }
  d.set("groups", list(std::move(groups)));
  d.set("error_count", std::to_string(errors));
  d.set("warning_count", std::to_string(mv.diagnostics.size() - errors));
  d.set("has_problems", !mv.diagnostics.empty());
  return d;
}

mu::data unit_history_view(const SiteInput& in, const std::vector<MonthView>& months, const model::Unit& unit) {
  const std::string page = Paths::unit_history(unit.id);
  Paths paths;
  mu::data d = layout(in, paths, page, unit.name + "历月得分", {{unit.name, ""}}, nullptr);
  d.set("unit_name", unit.name);
  d.set("type_label", std::string(model::unit_type_label(unit.type)));
  std::vector<HistoryPoint> points;
  std::vector<mu::data> rows;
  for (const auto& mv : months) {
    const score::UnitScore* us = mv.scores ? mv.scores->unit(unit.id) : nullptr;
    if (!us && !unit.active_in(mv.month->month)) continue;
    HistoryPoint p{mv.month->month.str(), std::nullopt, std::nullopt};
    mu::data r;
    r.set("month_label", month_label(mv.month->month));
    r.set("month_href", href(page, paths.month_index(mv.month->month)));
    if (us) {
      p.score = us->score;
      p.rank = us->rank;
      r.set("score", score_text(us->score));
      r.set("rank", std::to_string(us->rank) + " / " + std::to_string(mv.scores->units.size()));
      r.set("unit_href", href(page, paths.unit_month(mv.month->month, unit.id)));
    }
    if (mv.draft()) r.set("draft", true);
    points.push_back(p);
    rows.push_back(r);
  }
  d.set("chart_html", line_chart_svg(unit.name + "得分与排名变化", points, 100));
  d.set("has_months", !rows.empty());
  d.set("history", list(std::move(rows)));
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
  d.set("index_parts", hrefs);
  return d;
}

mu::data archive_view(const SiteInput& in) {
  const std::string page = Paths::archive();
  Paths paths;
  mu::data d = layout(in, paths, page, "证据包归档", {{"证据包归档", ""}}, nullptr);
  std::vector<mu::data> rows;
  for (const auto& b : in.bundles) {
    mu::data r;
    r.set("month_label", month_label(b.month));
    r.set("file_name", b.file_name);
    r.set("download", b.download_name);
    if (const std::string link = bundle_href(in, page, b); !link.empty()) r.set("href", link);
    r.set("published_by", b.published_by);
    r.set("reason", mask_pii(b.reason));
    r.set("size", human_size(b.size));
    r.set("bytes", std::to_string(b.size));
    r.set("file_count", std::to_string(b.file_count));
    r.set("sha256", b.sha256);
    r.set("bagging_date", b.bagging_date);
    r.set("revision", b.revision == "draft" ? std::string("草稿（未发布）") : "第 " + b.revision + " 版");
    rows.push_back(r);
  }
  d.set("has_bundles", !rows.empty());
  d.set("bundles", list(std::move(rows)));
  if (in.content.site.bundles_url.empty()) d.set("bundles_offline", true);
  return d;
}

}  // namespace creditgen::render
