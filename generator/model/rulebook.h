// The rulebook (rules/<YYYY-MM>.yaml) as data: groups → indicators → rows,
// each row a measure (what number) and a method (how many points).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "model/items.h"
#include "model/site.h"

namespace creditgen::model {

enum class MetricKind { rate, count, amount, rank };

struct MetricDecl {
  std::string name;
  MetricKind kind = MetricKind::count;
  std::string label;
};

enum class Window { month, ytd, cumulative };

enum class MeasureKind {
  count,                  ///< {count: news|campaign|policy|scenario|supervision, window}
  sum_ledger,             ///< {sum: ledger, window}
  uscc_errors,            ///< uscc_errors
  incidents_unhandled,    ///< {incidents: unhandled}
  objections_worst_days,  ///< {objections: worst_days}
  metric,                 ///< {metric: NAME}
  ratio,                  ///< {ratio: {num: NAME|[NAMES]|{count: objection}, den: NAME}}
  share,                  ///< {share: NAME}
  growth,                 ///< {growth: NAME}
};

struct Measure {
  MeasureKind kind = MeasureKind::metric;
  ItemKind count_of = ItemKind::news;  ///< for count
  Window window = Window::month;       ///< for count and sum_ledger
  std::string metric;                  ///< for metric, share, growth
  std::vector<std::string> numerators; ///< ratio: metric names summed
  bool numerator_counts_objections = false;  ///< ratio: {count: objection} (valid objections)
  std::string denominator;             ///< ratio
};

enum class MethodKind {
  proportional,
  min_max,
  inverse_min_max,
  lower_better_ratio,
  per_item,
  deduction,
  rank_table,
  rank_linear,
  tiers,
};

const char* method_id(MethodKind k);

enum class RankOrder { given, desc };

struct Tier {
  double max = 0;
  double points = 0;
};

struct Method {
  MethodKind kind = MethodKind::proportional;
  double floor = 0;            ///< min_max, inverse_min_max
  double each = 0;             ///< per_item, deduction
  std::vector<double> table;   ///< rank_table
  RankOrder order = RankOrder::given;
  std::vector<Tier> tiers;     ///< tiers
  double none_points = 0;      ///< tiers: points when there is no value
};

/// Which units an indicator applies to; any match counts, empty = all units.
struct Applicability {
  std::vector<UnitType> types;
  std::vector<std::string> tags;
  std::vector<std::string> units;

  bool all() const { return types.empty() && tags.empty() && units.empty(); }
  bool applies(const Unit& u) const;
};

struct Row {
  std::string id;    ///< "<indicator>.<n>"
  std::string name;  ///< the row's own name, or empty
  std::string rule;  ///< 评分细则 text
  std::string source;
  double points = 0;
  Measure measure;
  Method method;
  bool missing_zero = false;  ///< `missing: zero`: an unreported figure counts as 0
  Location where;
};

struct Indicator {
  std::string id;
  std::string name;
  Applicability applies_to;
  std::vector<Row> rows;
};

struct Group {
  std::string id;
  std::string name;
  std::optional<double> stated_points;
  std::vector<Indicator> indicators;
};

struct PenaltyDefaults {
  double points = 20;
  int months = 3;
};

enum class ObligationPeriod { month, year, cumulative };

struct Obligation {
  std::string id;
  std::string text;
  Applicability applies_to;
  Measure measure;  ///< `count: news` becomes a count measure windowed by `per`
  double min = 1;
  ObligationPeriod per = ObligationPeriod::month;
};

struct Rulebook {
  std::string name;
  YearMonth effective;
  std::string file;    ///< path below content/, e.g. "rules/2022-01.yaml"
  std::string sha256;  ///< hex digest of the file's bytes (bag-info Rulebook)
  std::map<std::string, MetricDecl> metrics;
  std::vector<Group> groups;
  PenaltyDefaults penalty;
  std::vector<Obligation> obligations;

  double total_points() const;
  /// Every row with its group and indicator, in rulebook order.
  struct RowRef {
    const Group* group;
    const Indicator* indicator;
    const Row* row;
  };
  std::vector<RowRef> rows() const;
  /// The name shown for a row: its own name, else its indicator's.
  static const std::string& row_name(const RowRef& r) { return r.row->name.empty() ? r.indicator->name : r.row->name; }
};

}  // namespace creditgen::model
