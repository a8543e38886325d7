// score_all: for every scorable month, the rulebook in force, its peers,
// measures, methods, totals, penalties, ranks and obligations.
#include <algorithm>

#include "score/measures.h"
#include "score/methods.h"
#include "score/score.h"
#include "score/totals.h"

namespace creditgen::score {

namespace {

// A unit folder "with anything": items, broken list files, USCC findings,
// figures of its own or any file at all.
bool submitted_anything(const model::Month& month, const std::string& unit) {
  const model::UnitMonth* um = month.unit(unit);
  if (!um) return false;
  if (!um->news.empty() || !um->campaigns.empty() || !um->policies.empty() || !um->scenarios.empty() ||
      !um->supervision.empty() || !um->ledger.empty() || !um->incidents.empty() || !um->objections.empty() ||
      !um->broken_files.empty() || !um->uscc.problems.empty())
    return true;
  std::string prefix = unit + "/";
  for (const auto& f : month.files)
    if (f.path.compare(0, prefix.size(), prefix) == 0) return true;
  auto figs = month.figures.find(unit);
  if (figs != month.figures.end())
    for (const auto& [name, fig] : figs->second)
      if (!fig.from_platform) return true;
  return false;
}

std::vector<std::string> peers_of(const model::Content& content, const model::Applicability& a, YearMonth m) {
  std::vector<std::string> out;
  for (const model::Unit& u : content.units)
    if (u.active_in(m) && a.applies(u)) out.push_back(u.id);
  return out;
}

model::Window window_of(model::ObligationPeriod p) {
  switch (p) {
    case model::ObligationPeriod::month: return model::Window::month;
    case model::ObligationPeriod::year: return model::Window::ytd;
    case model::ObligationPeriod::cumulative: return model::Window::cumulative;
  }
  return model::Window::month;
}

MonthScores score_month(const model::Content& content, const std::vector<review::ReviewedMonth>& reviewed,
                        const model::Month& month, const model::Rulebook& rb) {
  MonthScores ms;
  ms.month = month.month;
  ms.rulebook = &rb;
  std::vector<std::string> active;
  for (const model::Unit& u : content.units)
    if (u.active_in(month.month)) active.push_back(u.id);

  std::vector<UnitScore> units(active.size());
  for (size_t i = 0; i < active.size(); ++i) {
    units[i].unit = active[i];
    units[i].submitted = submitted_anything(month, active[i]);
    for (const auto& g : rb.groups) units[i].group_earned.emplace_back(g.id, 0.0);
  }

  for (const auto& ref : rb.rows()) {
    const model::Row& row = *ref.row;
    MeasureContext ctx{content, reviewed, month, peers_of(content, ref.indicator->applies_to, month.month)};
    // Values of every peer first: methods need the peers' min, max and ranks.
    std::vector<MeasureValue> values;
    std::vector<double> with_value;
    for (const auto& p : ctx.peers) {
      values.push_back(measure_value(ctx, row.measure, row.missing_zero, p));
      if (values.back().value) with_value.push_back(*values.back().value);
    }
    Explanation base;
    base.method_words = method_words(row.method, row.points);
    if (!with_value.empty()) {
      base.peer_min = *std::min_element(with_value.begin(), with_value.end());
      base.peer_max = *std::max_element(with_value.begin(), with_value.end());
      double sum = 0;
      for (double v : with_value) sum += v;
      base.peer_sum = sum;
    }
    for (size_t p = 0; p < ctx.peers.size(); ++p) {
      auto it = std::find(active.begin(), active.end(), ctx.peers[p]);
      UnitScore& us = units[it - active.begin()];
      MethodResult r = apply_method(row.method, row.points, values[p].value, with_value);
      RowScore rs;
      rs.row_id = row.id;
      rs.value = values[p].value;
      rs.flag = values[p].flag;
      rs.points = r.points;
      rs.explain = base;
      rs.explain.value_text = rs.value ? show_number(*rs.value) : "—";
      rs.explain.rank = r.rank;
      rs.explain.ranked = r.ranked;
      rs.explain.arithmetic = r.arithmetic;
      us.earned += rs.points;
      us.applicable += row.points;
      for (auto& [gid, earned] : us.group_earned)
        if (gid == ref.group->id) earned += rs.points;
      us.rows.push_back(std::move(rs));
    }
  }

  Date judged = judgement_date(month);
  for (UnitScore& us : units) {
    us.penalties = active_penalties(content, us.unit, month.month, rb.penalty);
    for (const auto& p : us.penalties) us.penalty += p.points;
    us.score = total_score(us.earned, us.applicable, us.penalty);
    const model::Unit* unit = content.unit(us.unit);
    for (const model::Obligation& o : rb.obligations) {
      if (!o.applies_to.applies(*unit)) continue;
      model::Measure m = o.measure;
      if (m.kind == model::MeasureKind::count || m.kind == model::MeasureKind::sum_ledger) m.window = window_of(o.per);
      MeasureContext ctx{content, reviewed, month, peers_of(content, o.applies_to, month.month)};
      MeasureValue v = measure_value(ctx, m, false, us.unit);
      double value = v.value.value_or(0);
      us.obligations.push_back({o.id, o.text,
                                obligation_status(o, value, month.month, judged, content.site.deadlines.monthly_day),
                                value, o.min});
    }
  }
  rank_units(units);
  ms.units = std::move(units);
  return ms;
}

}  // namespace

std::vector<MonthScores> score_all(const model::Content& content,
                                   const std::vector<review::ReviewedMonth>& reviewed) {
  std::vector<MonthScores> out;
  for (const model::Month& month : content.months) {
    if (!month.scorable) continue;
    const model::Rulebook* rb = content.rulebook_for(month.month);
    if (!rb) continue;
    out.push_back(score_month(content, reviewed, month, *rb));
  }
  return out;
}

}  // namespace creditgen::score
