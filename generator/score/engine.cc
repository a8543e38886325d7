// score_all: for every scorable month, the rulebook in force, its peers,
// measures, methods, totals, penalties, ranks and obligations.
#include <algorithm>
#include <set>
#include <unordered_set>

#include "score/measures.h"
#include "score/methods.h"
#include "score/score.h"
#include "score/totals.h"

namespace creditgen::score {

namespace {

// The units with a folder that holds "anything": items, broken list files,
// USCC findings, figures of their own or any file at all. One pass over the
// month, not one per unit.
std::unordered_set<std::string> units_that_submitted(const model::Month& month) {
  std::unordered_set<std::string> out;
  for (const auto& [unit, um] : month.units)
    if (!um.news.empty() || !um.campaigns.empty() || !um.policies.empty() || !um.scenarios.empty() ||
        !um.supervision.empty() || !um.ledger.empty() || !um.incidents.empty() || !um.objections.empty() ||
        !um.broken_files.empty() || !um.uscc.problems.empty())
      out.insert(unit);
  auto with_folder = [&](const std::string& unit) { return month.units.count(unit) > 0; };
  for (const auto& f : month.files)
    if (const size_t slash = f.path.find('/'); slash != std::string::npos)
      if (std::string unit = f.path.substr(0, slash); with_folder(unit)) out.insert(std::move(unit));
  for (const auto& [unit, figures] : month.figures)
    if (with_folder(unit))
      for (const auto& [name, fig] : figures)
        if (!fig.from_platform) {
          out.insert(unit);
          break;
        }
  return out;
}

// The month's active units the rule applies to, in units.yaml order.
std::vector<const MonthUnit*> peers_of(const std::vector<MonthUnit>& active, const model::Applicability& a) {
  std::vector<const MonthUnit*> out;
  for (const MonthUnit& u : active)
    if (a.applies(*u.unit)) out.push_back(&u);
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

// What an obligation is measured by: a count or ledger sum is windowed by
// the obligation's `per`, whatever window its measure names.
model::Measure obligation_measure(const model::Obligation& o) {
  model::Measure m = o.measure;
  if (m.kind == model::MeasureKind::count || m.kind == model::MeasureKind::sum_ledger) m.window = window_of(o.per);
  return m;
}

// O(n log n) in the month's units n: each unit's folder and figures looked
// up once (MonthUnit), peers and scores by position, every row's peer
// statistics computed once (PeerValues), ranks by sorting.
MonthScores score_month(const model::Content& content, const WindowTallies& tallies, const model::Month& month,
                        const model::Rulebook& rb) {
  MonthScores ms;
  ms.month = month.month;
  ms.rulebook = &rb;
  // Each active unit's folder, figures and tallies, looked up once for every row.
  std::vector<MonthUnit> active;
  for (const model::Unit& u : content.units)
    if (u.active_in(month.month)) {
      MonthUnit& mu = active.emplace_back(month_unit(content, month, u.id));
      for (model::Window w : {model::Window::month, model::Window::ytd, model::Window::cumulative})
        mu.tallies[static_cast<size_t>(w)] = &tallies.of(w, u.id);
    }

  const auto submitted = units_that_submitted(month);
  const auto penalties = penalties_by_unit(content, month.month, rb.penalty);
  std::vector<UnitScore> units(active.size());
  const auto rows = rb.rows();
  for (size_t i = 0; i < active.size(); ++i) {
    const model::Unit& unit = *active[i].unit;
    units[i].unit = unit.id;
    units[i].submitted = submitted.count(unit.id) > 0;
    for (const auto& g : rb.groups) units[i].group_earned.emplace_back(g.id, 0.0);
    // Exactly the room for the rows and obligations that apply to the unit:
    // growing them one by one moved every unit's scores again and again
    // (about a third of scoring's time at 10,000 units).
    size_t applicable_rows = 0, applicable_obligations = 0;
    for (const auto& ref : rows) applicable_rows += ref.indicator->applies_to.applies(unit);
    for (const auto& o : rb.obligations) applicable_obligations += o.applies_to.applies(unit);
    units[i].rows.reserve(applicable_rows);
    units[i].obligations.reserve(applicable_obligations);
  }

  for (const auto& ref : rows) {
    const model::Row& row = *ref.row;
    MeasureContext ctx{content, tallies, month, peers_of(active, ref.indicator->applies_to)};
    // Values of every peer first: methods need the peers' min, max and ranks.
    std::vector<MeasureValue> values;
    std::vector<double> with_value;
    values.reserve(ctx.peers.size());
    for (const MonthUnit* p : ctx.peers) {
      values.push_back(measure_value(ctx, row.measure, row.missing_zero, *p));
      if (values.back().value) with_value.push_back(*values.back().value);
    }
    const PeerValues peer_values(with_value);
    auto basis = std::make_shared<RowBasis>();
    basis->method_words = method_words(row.method, row.points);
    basis->method = &row.method;
    basis->row_points = row.points;
    if (!peer_values.empty()) {
      basis->peer_min = peer_values.min();
      basis->peer_max = peer_values.max();
      basis->peer_sum = peer_values.sum();
    }
    const size_t group = static_cast<size_t>(
        std::find_if(rb.groups.begin(), rb.groups.end(), [&](const auto& g) { return g.id == ref.group->id; }) -
        rb.groups.begin());
    for (size_t p = 0; p < ctx.peers.size(); ++p) {
      UnitScore& us = units[static_cast<size_t>(ctx.peers[p] - active.data())];
      MethodResult r = score_method(row.method, row.points, values[p].value, peer_values);
      RowScore rs;
      rs.row_id = row.id;
      rs.value = values[p].value;
      rs.flag = values[p].flag;
      rs.points = r.points;
      rs.explain.basis = basis;
      rs.explain.rank = r.rank;
      rs.explain.ranked = r.ranked;
      us.earned += rs.points;
      us.applicable += row.points;
      if (group < us.group_earned.size()) us.group_earned[group].second += rs.points;
      us.rows.push_back(std::move(rs));
    }
  }

  Date judged = judgement_date(month);
  // Each obligation's peers once (a `share` measure sums over them).
  std::vector<MeasureContext> obligation_contexts;
  obligation_contexts.reserve(rb.obligations.size());
  for (const model::Obligation& o : rb.obligations)
    obligation_contexts.push_back({content, tallies, month, peers_of(active, o.applies_to)});
  for (size_t i = 0; i < units.size(); ++i) {
    UnitScore& us = units[i];
    if (auto it = penalties.find(us.unit); it != penalties.end()) us.penalties = it->second;
    for (const auto& p : us.penalties) us.penalty += p.points;
    us.score = total_score(us.earned, us.applicable, us.penalty);
    const model::Unit& unit = *active[i].unit;
    for (size_t k = 0; k < rb.obligations.size(); ++k) {
      const model::Obligation& o = rb.obligations[k];
      if (!o.applies_to.applies(unit)) continue;
      MeasureValue v = measure_value(obligation_contexts[k], obligation_measure(o), false, active[i]);
      double value = v.value.value_or(0);
      us.obligations.push_back({o.id, o.text,
                                obligation_status(o, value, month.month, judged, content.site.deadlines.monthly_day),
                                value, o.min});
    }
  }
  rank_units(units);
  ms.units = std::move(units);
  ms.unit_index.build(ms.units, [](const UnitScore& u) -> const std::string& { return u.unit; });
  return ms;
}

}  // namespace

std::set<YearMonth> months_read(const model::Content& content, const model::Rulebook& rulebook, YearMonth month) {
  bool cumulative = false, ytd = false, growth = false;
  auto consider = [&](const model::Measure& m) {
    if (m.kind == model::MeasureKind::count || m.kind == model::MeasureKind::sum_ledger) {
      cumulative |= m.window == model::Window::cumulative;
      ytd |= m.window == model::Window::ytd;
    }
    growth |= m.kind == model::MeasureKind::growth;
  };
  for (const auto& ref : rulebook.rows()) consider(ref.row->measure);
  for (const auto& o : rulebook.obligations) consider(obligation_measure(o));

  std::set<YearMonth> out;
  for (const auto& m : content.months)
    if (m.month < month && (cumulative || (ytd && m.month.year == month.year) || (growth && m.month == month.previous())))
      out.insert(m.month);
  // The months whose penalties.yaml decided a penalty still active, by the
  // very rule scoring applies them (each with its deciding month's defaults).
  for (const auto& [unit, penalties] : penalties_by_unit(content, month, rulebook.penalty))
    for (const AppliedPenalty& p : penalties)
      if (p.decided < month) out.insert(p.decided);
  return out;
}

std::vector<MonthScores> score_all(const model::Content& content,
                                   const std::vector<review::ReviewedMonth>& reviewed) {
  std::vector<MonthScores> out;
  // Months oldest first (Content::months is sorted), each added to the
  // windows' tallies before it is scored: every month is counted once.
  WindowTallies tallies;
  for (size_t i = 0; i < content.months.size(); ++i) {
    const model::Month& month = content.months[i];
    tallies.add(month, reviewed_of(reviewed, i, month.month));
    if (!month.scorable) continue;
    const model::Rulebook* rb = content.rulebook_for(month.month);
    if (!rb) continue;
    out.push_back(score_month(content, tallies, month, *rb));
  }
  return out;
}

}  // namespace creditgen::score
