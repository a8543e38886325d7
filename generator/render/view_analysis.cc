// The management sections of the month report and the unit page (预警,
// 短板分析, rankings by kind of unit), and the points table split into
// A4-wide parts, from analyze/'s results.
#include <algorithm>

#include "base/number.h"
#include "render/view_common.h"

namespace creditgen::render::detail {

namespace {

// "+8.50", "−3.25", "持平": how a number moved since last month.
std::string change_text(double now, double before) {
  std::string diff = format_fixed(now - before, 2);
  if (diff == "-0.00" || diff == "0.00") return "持平";
  return diff[0] == '-' ? "−" + diff.substr(1) : "+" + diff;
}

std::string percent_text(double part, double whole) {
  if (whole <= 0) return "—";
  return format_fixed(100.0 * part / whole, 1) + "%";
}

// The most a table of unit × row points may hold side by side on A4 portrait.
constexpr size_t kColumnsPerPart = 8;
// A printed table this short is kept whole on one page (class "short"); a
// longer one flows on with its header repeated, so that keeping it whole
// never leaves most of a page empty.
constexpr size_t kShortTableRows = 15;
// The rows the 短板 table lists.
constexpr size_t kShortfallRows = 10;

}  // namespace

void set_month_analysis(mu::data& d, const SiteInput& in, const MonthView& mv, const Paths& paths,
                        const std::string& page) {
  const YearMonth m = mv.month->month;
  const analyze::MonthAnalysis* a = mv.analysis;
  if (!a || !mv.scores) return;

  // 预警: one row per unit, every rule it met.
  std::vector<mu::data> warned;
  std::string last_unit;
  std::vector<mu::data> entries;
  auto flush = [&] {
    if (last_unit.empty()) return;
    mu::data u;
    put(u, "unit_name", unit_name(in, last_unit));
    put(u, "unit_href", href(page, paths.unit_month(m, last_unit)));
    if (const score::UnitScore* us = mv.scores->unit(last_unit)) put(u, "rank", std::to_string(us->rank));
    put(u, "entries", list(std::move(entries)));
    entries.clear();
    warned.push_back(std::move(u));
  };
  for (const analyze::Warning& w : a->warnings) {
    if (w.unit != last_unit) {
      flush();
      last_unit = w.unit;
    }
    const model::WarningRule& rule = a->rules[w.rule];
    mu::data e;
    put(e, "rule", analyze::describe(rule));
    put(e, "detail", w.detail);
    put(e, "since", month_label(w.since));
    put(e, "months", std::to_string(w.months));
    put(e, "consequence", rule.consequence);
    entries.push_back(std::move(e));
  }
  flush();
  put(d, "warning_count", std::to_string(warned.size()));
  put(d, "has_warnings", !warned.empty());
  put(d, "warned_units", list(std::move(warned)));
  std::vector<mu::data> rules;
  for (const auto& r : a->rules) {
    mu::data x;
    put(x, "text", analyze::describe(r));
    put(x, "consequence", r.consequence);
    rules.push_back(std::move(x));
  }
  put(d, "has_warning_rules", !rules.empty());
  put(d, "warning_rules", list(std::move(rules)));

  // 短板分析: the rows that lost most over the district.
  // The ten rows that lost most; the rest summed in one line (all are in analysis.json).
  std::vector<mu::data> shortfalls;
  double rest_lost = 0;
  size_t rest = 0;
  for (const analyze::RowShortfall& s : a->shortfalls) {
    if (shortfalls.size() == kShortfallRows) {
      rest_lost += s.lost;
      ++rest;
      continue;
    }
    mu::data x;
    put(x, "row_id", s.row_id);
    put(x, "row_name", s.name);
    put(x, "href", href(page, paths.indicator(m, s.row_id)));
    put(x, "lost", points_text(s.lost));
    put(x, "possible", points_text(s.possible));
    put(x, "lost_share", percent_text(s.lost, s.possible));
    put(x, "trend", s.lost_previous ? change_text(s.lost, *s.lost_previous) : "—");
    std::vector<mu::data> worst;
    for (const auto& w : s.worst) {
      mu::data u;
      put(u, "unit_name", unit_name(in, w.unit));
      put(u, "unit_href", href(page, paths.unit_month(m, w.unit)));
      put(u, "lost", points_text(w.lost));
      worst.push_back(std::move(u));
    }
    put(x, "worst", list(std::move(worst)));
    shortfalls.push_back(std::move(x));
  }
  if (rest) put(d, "shortfall_rest", "其余 " + std::to_string(rest) + " 项细则共失分 " + points_text(rest_lost) + " 分。");
  put(d, "has_shortfalls", !shortfalls.empty());
  put(d, "shortfalls", list(std::move(shortfalls)));
  put(d, "total_lost", points_text(a->lost));
  put(d, "total_lost_trend", a->lost_previous ? change_text(a->lost, *a->lost_previous) : "—");

  // Rankings within each kind of unit.
  std::vector<mu::data> kinds;
  for (const analyze::TypeRanking& t : a->type_rankings) {
    mu::data k;
    put(k, "label", t.label);
    put(k, "count", std::to_string(t.units.size()));
    put(k, "short", t.units.size() <= kShortTableRows);
    std::vector<mu::data> rows;
    for (const auto& e : t.units) {
      mu::data r;
      put(r, "rank", std::to_string(e.rank));
      put(r, "unit_name", unit_name(in, e.unit));
      put(r, "unit_href", href(page, paths.unit_month(m, e.unit)));
      put(r, "score", score_text(e.score));
      put(r, "unsubmitted", !e.submitted);
      rows.push_back(std::move(r));
    }
    put(k, "units", list(std::move(rows)));
    kinds.push_back(std::move(k));
  }
  put(d, "type_rankings", list(std::move(kinds)));
}

mu::data points_parts(const SiteInput& in, const MonthView& mv, const Paths& paths, const std::string& page) {
  std::vector<mu::data> parts;
  if (!mv.scores || !mv.scores->rulebook) return list(std::move(parts));
  const YearMonth m = mv.month->month;
  // Whole groups (一级指标) per part while they fit; a larger group is cut.
  std::vector<std::vector<model::Rulebook::RowRef>> cuts;
  const auto rows = mv.scores->rulebook->rows();
  for (size_t i = 0; i < rows.size();) {
    std::vector<model::Rulebook::RowRef> part;
    while (i < rows.size() && part.size() < kColumnsPerPart) {
      const model::Group* g = rows[i].group;
      size_t end = i;
      while (end < rows.size() && rows[end].group == g) ++end;
      if (!part.empty() && part.size() + (end - i) > kColumnsPerPart) break;
      for (; i < end && part.size() < kColumnsPerPart; ++i) part.push_back(rows[i]);
    }
    cuts.push_back(std::move(part));
  }
  for (size_t p = 0; p < cuts.size(); ++p) {
    const auto& cut = cuts[p];
    mu::data part;
    std::string groups;
    for (const auto& ref : cut)
      if (groups.find(ref.group->name) == std::string::npos) groups += (groups.empty() ? "" : "、") + ref.group->name;
    put(part, "short", mv.scores->units.size() <= kShortTableRows * 2);
    put(part, "caption", "评分细则 " + cut.front().row->id + "—" + cut.back().row->id + "（" + groups + "）");
    if (cuts.size() > 1) put(part, "part", "（" + std::to_string(p + 1) + "/" + std::to_string(cuts.size()) + "）");
    std::vector<mu::data> headers, legend;
    for (const auto& ref : cut) {
      mu::data h;
      put(h, "id", ref.row->id);
      put(h, "name", model::Rulebook::row_name(ref));
      put(h, "max", points_text(ref.row->points));
      put(h, "href", href(page, paths.indicator(m, ref.row->id)));
      headers.push_back(h);
      legend.push_back(std::move(h));
    }
    std::vector<mu::data> table;
    for (const auto& u : mv.scores->units) {
      mu::data r;
      put(r, "unit_name", unit_name(in, u.unit));
      put(r, "unit_href", href(page, paths.unit_month(m, u.unit)));
      put(r, "unsubmitted", !u.submitted);
      std::vector<mu::data> cells;
      for (const auto& ref : cut) {
        mu::data c;
        const score::RowScore* rs = u.row(ref.row->id);
        put(c, "text", rs ? points_text(rs->points) : "");
        if (rs && rs->flag != score::Flag::none) {
          put(c, "flag", std::string(score::flag_label(rs->flag)));
          put(c, "flag_class", std::string(score::flag_id(rs->flag)));
        }
        cells.push_back(std::move(c));
      }
      put(r, "cells", list(std::move(cells)));
      table.push_back(std::move(r));
    }
    put(part, "headers", list(std::move(headers)));
    put(part, "legend", list(std::move(legend)));
    put(part, "rows", list(std::move(table)));
    parts.push_back(std::move(part));
  }
  return list(std::move(parts));
}

void set_unit_analysis(mu::data& d, const MonthView& mv, const std::string& unit,
                       const Paths& paths, const std::string& page) {
  const analyze::MonthAnalysis* a = mv.analysis;
  if (!a) return;
  const YearMonth m = mv.month->month;
  std::vector<mu::data> warnings;
  for (const analyze::Warning* w : a->warnings_of(unit)) {
    const model::WarningRule& rule = a->rules[w->rule];
    mu::data x;
    put(x, "rule", analyze::describe(rule));
    put(x, "detail", w->detail);
    put(x, "since", month_label(w->since));
    put(x, "months", std::to_string(w->months));
    put(x, "consequence", rule.consequence);
    warnings.push_back(std::move(x));
  }
  put(d, "has_warnings", !warnings.empty());
  put(d, "warnings", list(std::move(warnings)));
  if (const analyze::TypeRanking* k = a->kind_ranking_of(unit)) {
    put(d, "type_rank", std::to_string(a->type_rank_of(unit)->rank));
    put(d, "type_count", std::to_string(k->units.size()));
    put(d, "type_category", k->label);
  }
  std::vector<mu::data> weak;
  if (auto it = a->weakest.find(unit); it != a->weakest.end())
    for (const analyze::WeakRow& w : it->second) {
      mu::data x;
      put(x, "row_id", w.row_id);
      put(x, "row_name", w.name);
      put(x, "href", href(page, paths.indicator(m, w.row_id)));
      put(x, "earned", points_text(w.earned));
      put(x, "points", points_text(w.points));
      put(x, "lost", points_text(w.lost));
      put(x, "previous", w.earned_previous ? points_text(*w.earned_previous) : "—");
      put(x, "how", w.how);
      weak.push_back(std::move(x));
    }
  put(d, "has_weak_rows", !weak.empty());
  put(d, "weak_rows", list(std::move(weak)));
}

}  // namespace creditgen::render::detail
