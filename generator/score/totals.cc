#include "score/totals.h"

#include <algorithm>

#include "base/number.h"

namespace creditgen::score {

std::vector<AppliedPenalty> active_penalties(const model::Content& content, const std::string& unit, YearMonth m,
                                             const model::PenaltyDefaults& fallback) {
  std::vector<AppliedPenalty> out;
  for (const model::Month& decided : content.months) {
    if (m < decided.month) break;
    const model::Rulebook* rb = content.rulebook_for(decided.month);
    const model::PenaltyDefaults& defaults = rb ? rb->penalty : fallback;
    for (const model::Penalty& p : decided.penalties) {
      if (p.unit != unit) continue;
      int months = p.months.value_or(defaults.months);
      if (m.index() - decided.month.index() >= months) continue;
      out.push_back({decided.month, p.points.value_or(defaults.points), p.reason, months});
    }
  }
  return out;
}

double total_score(double earned, double applicable, double penalty) {
  if (applicable == 0) return -penalty;
  return 100.0 * earned / applicable - penalty;
}

void rank_units(std::vector<UnitScore>& units) {
  for (auto& u : units) {
    int better = 0;
    for (auto& o : units)
      if (comparable(o.score) > comparable(u.score)) ++better;
    u.rank = better + 1;
  }
  std::sort(units.begin(), units.end(), [](const UnitScore& a, const UnitScore& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.unit < b.unit;
  });
}

Date judgement_date(const model::Month& month) {
  if (month.published) return *month.published;
  return month.bundle_epoch().date;
}

Date deadline_day(YearMonth m, int monthly_day) {
  int day = std::clamp(monthly_day, 1, m.days_in_month());
  return Date{m.year, m.month, day};
}

ObligationStatus obligation_status(const model::Obligation& o, double value, YearMonth m, Date judged,
                                   int monthly_day) {
  if (comparable(value) >= comparable(o.min)) return ObligationStatus::met;
  bool past_deadline = judged > deadline_day(m, monthly_day);
  switch (o.per) {
    case model::ObligationPeriod::month:
      return past_deadline ? ObligationStatus::overdue : ObligationStatus::not_yet;
    case model::ObligationPeriod::year:
      return m.month == 12 && past_deadline ? ObligationStatus::overdue : ObligationStatus::not_yet;
    case model::ObligationPeriod::cumulative: return ObligationStatus::not_yet;
  }
  return ObligationStatus::not_yet;
}

}  // namespace creditgen::score
