// The scoring engine (rules.md): measures → methods → totals, penalties,
// ranks, obligations, with an explanation of every unit × row, and the
// scores.json / scores.csv / terminal table outputs (outputs.md).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/id_index.h"
#include "model/content.h"
#include "review/review.h"

namespace creditgen::score {

/// Why a row has no value: `missing` = a figure was not reported (缺报);
/// `no_value` = the measure is undefined (e.g. den = 0, no previous month).
enum class Flag { none, missing, no_value };
const char* flag_id(Flag f);     ///< "", "missing", "no-value"
const char* flag_label(Flag f);  ///< "", "缺报", "无值"

/// What a row's explanation says alike for every unit scored on it in a
/// month: made once per row and shared by the units' explanations, not
/// copied into each (copies were a third of the scores' memory).
struct RowBasis {
  std::string method_words;  ///< the method in Chinese, e.g. "最高的得满分，其他的按比例计分"
  std::optional<double> peer_min, peer_max, peer_sum;  ///< over peers with a value
  /// The row's method and points (in the rulebook the scores were made by),
  /// from which each unit's arithmetic is told when it is shown.
  const model::Method* method = nullptr;
  double row_points = 0;
};

/// How a unit's points on a row came about, for the unit page.
struct Explanation {
  std::shared_ptr<const RowBasis> basis;  ///< shared by the row's units; none: nothing known
  std::optional<int> rank, ranked;  ///< rank methods: this unit's rank among `ranked` peers

  const std::string& method_words() const;  ///< "" without a basis
  std::optional<double> peer_min() const;
  std::optional<double> peer_max() const;
  std::optional<double> peer_sum() const;
};

struct RowScore {
  std::string row_id;
  std::optional<double> value;
  double points = 0;
  Flag flag = Flag::none;
  Explanation explain;

  /// How the points came about, e.g. "6 × 9 ÷ 12 = 4.50" (describe_method);
  /// "" without a basis. Told when shown, not kept: a province's scores
  /// have millions of rows, and the text was a third of their memory.
  std::string arithmetic() const;
};

/// A row's value as its explanation shows it: show_value() of the value
/// (`measure` is the row's), "—" when it has none.
std::string value_text(const RowScore& row, const model::Measure& measure);

enum class ObligationStatus { met, not_yet, overdue };
const char* obligation_status_id(ObligationStatus s);     ///< met not_yet overdue
const char* obligation_status_label(ObligationStatus s);  ///< 已完成 未完成 已逾期

struct ObligationState {
  std::string id, text;
  ObligationStatus status = ObligationStatus::not_yet;
  double value = 0;  ///< the measure's value (0 when it has none)
  double min = 0;
};

struct AppliedPenalty {
  YearMonth decided;  ///< month of the penalties.yaml that decided it
  double points = 0;
  std::string reason;
  int months = 0;     ///< how many months it is active (resolved default)
};

struct UnitScore {
  std::string unit;
  bool submitted = false;  ///< had a unit folder with anything this month
  std::vector<RowScore> rows;  ///< applicable rows only, rulebook order
  double earned = 0, applicable = 0, penalty = 0, score = 0;
  int rank = 0;
  std::vector<AppliedPenalty> penalties;
  std::vector<std::pair<std::string, double>> group_earned;  ///< group id → earned, rulebook order
  std::vector<ObligationState> obligations;

  const RowScore* row(const std::string& id) const;
};

struct MonthScores {
  YearMonth month;
  const model::Rulebook* rulebook = nullptr;
  std::vector<UnitScore> units;  ///< by rank, then id
  IdIndex unit_index;            ///< built by score_all; see IdIndex

  const UnitScore* unit(const std::string& id) const;
};

/// The earlier months whose files scoring `month` with `rulebook` reads:
/// those in the ytd or cumulative window of a row or an obligation (an
/// obligation's count windowed by its `per`), the previous month for growth,
/// and those whose penalties are still active in `month`. Evidence bundles
/// carry these months' text files, so the scores can be re-derived from the
/// bag alone: decided here, beside the engine, by the rules it scores with.
std::set<YearMonth> months_read(const model::Content& content, const model::Rulebook& rulebook, YearMonth month);

/// Every scorable month (Month::scorable and a rulebook in force), in month
/// order. `reviewed` is apply_reviews' result for the same content.
std::vector<MonthScores> score_all(const model::Content& content,
                                   const std::vector<review::ReviewedMonth>& reviewed);

/// A row's value as people read it (pages, the 通报): ratios, shares and
/// growth as percentages ("18.75%"), other values with up to 4 decimals.
std::string show_value(double v, const model::Measure& measure);

/// scores.json bytes exactly as outputs.md.
std::string scores_json(const MonthScores& scores, const model::Content& content);
/// scores.csv: UTF-8 with BOM, CRLF line ends.
std::string scores_csv(const MonthScores& scores, const model::Content& content);
/// An aligned terminal table (CJK characters are two columns wide).
std::string scores_table(const MonthScores& scores, const model::Content& content);

}  // namespace creditgen::score
