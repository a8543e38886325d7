// Methods (rules.md, "Methods"): points from a unit's value and its peers'
// values. Pure functions, one per method, every degenerate case handled here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/rulebook.h"

namespace creditgen::score {

struct MethodResult {
  double points = 0;
  std::optional<int> rank;    ///< rank methods: the unit's rank
  std::optional<int> ranked;  ///< rank methods: how many peers were ranked
  std::string arithmetic;     ///< how the points came about, e.g. "6 × 9 ÷ 12 = 4.50"
};

/// The values of one row's peers (every peer that has one), summarised once
/// per row so that each unit's method costs O(log n), not O(n): a month of n
/// units is scored in O(n log n).
class PeerValues {
 public:
  /// O(n log n). `sum` adds the values in the order given.
  explicit PeerValues(const std::vector<double>& values);
  size_t size() const { return sorted_.size(); }
  bool empty() const { return sorted_.empty(); }
  double min() const { return min_; }
  double max() const { return max_; }
  double sum() const { return sum_; }
  /// Competition rank (1, 2, 2, 4) of `x`, compared after rounding to 6
  /// decimals; `higher_better` ranks the largest first.
  int rank(double x, bool higher_better) const;

 private:
  std::vector<double> sorted_;  ///< comparable() of each value, ascending
  double min_ = 0, max_ = 0, sum_ = 0;
};

/// Points for value `x` (nullopt = no value) on a row worth `P`, given the
/// values of every peer that has one (the unit's own included when it has
/// one). A unit without a value gets 0, except `tiers`, which gives `none`.
/// With the arithmetic (describe_method).
MethodResult apply_method(const model::Method& method, double P, std::optional<double> x, const PeerValues& peers);
/// The same without the arithmetic: what the engine keeps for every unit and
/// row (the text is told again when a page shows it, RowScore::arithmetic).
MethodResult score_method(const model::Method& method, double P, std::optional<double> x, const PeerValues& peers);
/// How the points came about, e.g. "6 × 9 ÷ 12 = 4.50", from what
/// score_method gave (`rank`, `ranked`, `points`) and the least and greatest
/// of the peers' values (none when no peer has a value).
std::string describe_method(const model::Method& method, double P, std::optional<double> x,
                            std::optional<double> peer_min, std::optional<double> peer_max, std::optional<int> rank,
                            std::optional<int> ranked, double points);
/// The same from the values themselves (O(n log n) per call).
MethodResult apply_method(const model::Method& method, double P, std::optional<double> x,
                          const std::vector<double>& peer_values);

/// The method in Chinese words, e.g. "最高的得满分，其他的按比例计分".
std::string method_words(const model::Method& method, double P);

/// Competition rank (1, 2, 2, 4) of `x` among `values`, compared after
/// rounding to 6 decimals; `higher_better` ranks the largest first.
int competition_rank(double x, const std::vector<double>& values, bool higher_better);

/// Number shown inside arithmetic and explanations: up to 4 decimals, no
/// trailing zeros ("6", "0.985", "4.5").
std::string show_number(double v);
/// Points as shown on pages: exactly 2 decimals ("4.50").
std::string show_points(double v);

}  // namespace creditgen::score
