// Measures (rules.md, "Measures"): one number per unit per row, from the
// items that count (review/) and the month's figures.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/content.h"
#include "review/review.h"
#include "score/score.h"
#include "score/window_tallies.h"

namespace creditgen::score {

struct MeasureValue {
  std::optional<double> value;
  Flag flag = Flag::none;  ///< why there is no value (none when there is one, or for worst_days with no objections)
};

/// One unit as a month's measures see it: its folder and figures, looked up
/// once per month by the unit's id (not once per row and unit: at 10,000
/// units those map lookups were most of scoring's time, and grew as n log n).
struct MonthUnit {
  const std::string* id = nullptr;
  const model::Unit* unit = nullptr;                                 ///< null: not in units.yaml
  const model::UnitMonth* folder = nullptr;                          ///< null: no folder this month
  const std::map<std::string, model::Figure>* figures = nullptr;  ///< null: no figures this month
  /// Its tallies over each window (model::Window's order), looked up once per
  /// month like the above; null: found in the context's tallies by its id.
  std::array<const ItemTally*, 3> tallies{};
};
/// `id` must outlive the result when it names no unit of units.yaml.
MonthUnit month_unit(const model::Content& content, const model::Month& month, const std::string& id);

/// Everything a measure may look at for one month.
struct MeasureContext {
  const model::Content& content;
  /// What counts in each window, through `month`.
  const WindowTallies& tallies;
  const model::Month& month;
  /// The row's peers (active units the indicator applies to): `share` sums over them.
  std::vector<const MonthUnit*> peers;
  /// `share`: the peers' sum of each metric, summed once for the row
  /// (key: metric name, '\n', missing_zero).
  mutable std::map<std::string, double> peer_sums = {};
};

/// The measure's value for `unit`. `missing_zero`: an unreported figure counts as 0.
MeasureValue measure_value(const MeasureContext& ctx, const model::Measure& measure, bool missing_zero,
                           const MonthUnit& unit);

}  // namespace creditgen::score
