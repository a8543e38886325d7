// What the office manages by, derived from the scores (issue: the 月报 a
// leader signs): 预警 — which units met a warning rule of site.yaml and since
// when; 短板 — where the district lost points, row by row, and each unit's
// weakest rows with what would have earned them; rankings within each kind
// of unit. Reads only scores and content; scores themselves never change.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "model/content.h"
#include "score/score.h"

namespace creditgen::analyze {

/// "排名后 3 位", "排名比上月下降 5 位及以上", "得分低于 60 分", … (Chinese).
std::string describe(const model::WarningRule& rule);

struct Warning {
  std::string unit;
  size_t rule = 0;          ///< index into Site::warning_rules
  std::string detail;       ///< what was met, e.g. "第 23 位（共 25 个单位）"
  YearMonth since;          ///< the first month of the run in which it held
  int months = 1;           ///< how many months running, this one included
};

struct UnitLoss {
  std::string unit;
  double lost = 0;
};

/// One row over the district: points possible (row points × units it
/// applies to) against points earned.
struct RowShortfall {
  std::string row_id;
  std::string name;
  double possible = 0, earned = 0, lost = 0;
  std::optional<double> lost_previous;  ///< the same row last month, when it was scored
  std::vector<UnitLoss> worst;          ///< the units that lost most on it (up to 3, lost > 0)
};

/// A unit's weak row and what would have earned its points.
struct WeakRow {
  std::string row_id;
  std::string name;
  double points = 0, earned = 0, lost = 0;
  std::optional<double> earned_previous;
  std::string how;  ///< from the row's explanation (Chinese)
};

/// The kinds of unit ranked among themselves: 街道（乡镇）, 区直部门, 开发区, 区属平台公司, 双管单位.
struct TypeRankEntry {
  std::string unit;
  int rank = 0;  ///< competition rank within the kind, as the overall ranking
  double score = 0;
  bool submitted = false;
};
struct TypeRanking {
  std::string id;     ///< "subdistrict" (with towns), "department", "zone", "platform", "dual"
  std::string label;  ///< "街道（乡镇）" …
  std::vector<TypeRankEntry> units;
};
/// The kind a unit is ranked within: its id and label.
std::pair<const char*, const char*> type_category(model::UnitType type);

struct MonthAnalysis {
  YearMonth month;
  std::vector<model::WarningRule> rules;  ///< the rules applied (site.yaml)
  std::vector<Warning> warnings;          ///< by the units' rank, then rule order
  std::vector<RowShortfall> shortfalls;   ///< most points lost first; rows that lost nothing are left out
  double lost = 0;                        ///< points lost over every row and unit
  std::optional<double> lost_previous;
  std::map<std::string, std::vector<WeakRow>> weakest;  ///< by unit: its three weakest rows (lost > 0)
  std::vector<TypeRanking> type_rankings;

  /// Unit → its warnings (positions in `warnings`) and its place in
  /// `type_rankings` (kind, entry): filled by analyze_all, so a unit's page
  /// looks up its own, not every unit's.
  std::map<std::string, std::vector<size_t>> warnings_by_unit;
  std::map<std::string, std::pair<size_t, size_t>> kind_of_unit;

  std::vector<const Warning*> warnings_of(const std::string& unit) const;
  const TypeRankEntry* type_rank_of(const std::string& unit) const;
  /// The kind the unit is ranked within, or null.
  const TypeRanking* kind_ranking_of(const std::string& unit) const;
};

/// One per scores entry, in the same order. A warning's run and a row's
/// trend look only at consecutive scored months.
std::vector<MonthAnalysis> analyze_all(const model::Content& content, const std::vector<score::MonthScores>& scores);

/// analysis.json beside scores.json (documented in docs/outputs: UTF-8, LF).
std::string analysis_json(const MonthAnalysis& analysis, const score::MonthScores& scores,
                          const model::Content& content);

}  // namespace creditgen::analyze
