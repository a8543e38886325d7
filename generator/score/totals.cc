#include "score/totals.h"

#include <algorithm>

#include "base/number.h"

namespace creditgen::score {

std::unordered_map<std::string, std::vector<AppliedPenalty>> penalties_by_unit(const model::Content& content, YearMonth m,
                                                                               const model::PenaltyDefaults& fallback) {
  std::unordered_map<std::string, std::vector<AppliedPenalty>> out;
  for (const model::Month& decided : content.months) {
    if (m < decided.month) break;
    const model::Rulebook* rb = content.rulebook_for(decided.month);
    const model::PenaltyDefaults& defaults = rb ? rb->penalty : fallback;
    for (const model::Penalty& p : decided.penalties) {
      int months = p.months.value_or(defaults.months);
      if (m.index() - decided.month.index() >= months) continue;
      out[p.unit].push_back({decided.month, p.points.value_or(defaults.points), p.reason, months});
    }
  }
  return out;
}

double total_score(double earned, double applicable, double penalty) {
  if (applicable == 0) return -penalty;
  return 100.0 * earned / applicable - penalty;
}

void rank_units(std::vector<UnitScore>& units) {
  // Competition ranks: 1 + how many scores are higher, found by binary
  // search in the sorted scores.
  std::vector<double> scores;
  scores.reserve(units.size());
  for (const auto& u : units) scores.push_back(comparable(u.score));
  std::vector<double> sorted = scores;
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < units.size(); ++i)
    units[i].rank = static_cast<int>(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), scores[i])) + 1;
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
