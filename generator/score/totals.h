// Totals, penalties, ranking and obligations (rules.md, "Totals, penalties,
// ranking" and "Obligations"): internal pieces of score_all, public for tests.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "model/content.h"
#include "score/score.h"

namespace creditgen::score {

/// Penalties active in month `m`, by unit id (one pass over the penalties):
/// decided in month d ≤ m and active in d … d + months − 1; points/months
/// default to the penalty defaults of the rulebook in force in the deciding
/// month (else `fallback`). Each unit's in month order, then file order.
std::unordered_map<std::string, std::vector<AppliedPenalty>> penalties_by_unit(const model::Content& content, YearMonth m,
                                                                               const model::PenaltyDefaults& fallback);

/// 100 · earned / applicable − penalty; when nothing applies, −penalty.
double total_score(double earned, double applicable, double penalty);

/// Competition ranks by score rounded to 6 decimals (higher first), then
/// sorts units by rank, then id.
void rank_units(std::vector<UnitScore>& units);

/// The date obligations are judged at: review.yaml's `published`, else the
/// date of Month::bundle_epoch().
Date judgement_date(const model::Month& month);

/// The month's deadline day: site.yaml monthly_day clamped to the month's end.
Date deadline_day(YearMonth m, int monthly_day);

ObligationStatus obligation_status(const model::Obligation& o, double value, YearMonth m, Date judged,
                                   int monthly_day);

}  // namespace creditgen::score
