#include "score/score.h"

#include "score/methods.h"

namespace creditgen::score {

const char* flag_id(Flag f) {
  switch (f) {
    case Flag::none: return "";
    case Flag::missing: return "missing";
    case Flag::no_value: return "no-value";
  }
  return "";
}

const char* flag_label(Flag f) {
  switch (f) {
    case Flag::none: return "";
    case Flag::missing: return "缺报";
    case Flag::no_value: return "无值";
  }
  return "";
}

const char* obligation_status_id(ObligationStatus s) {
  switch (s) {
    case ObligationStatus::met: return "met";
    case ObligationStatus::not_yet: return "not_yet";
    case ObligationStatus::overdue: return "overdue";
  }
  return "";
}

const char* obligation_status_label(ObligationStatus s) {
  switch (s) {
    case ObligationStatus::met: return "已完成";
    case ObligationStatus::not_yet: return "未完成";
    case ObligationStatus::overdue: return "已逾期";
  }
  return "";
}

const std::string& Explanation::method_words() const {
  static const std::string none;
  return basis ? basis->method_words : none;
}
std::optional<double> Explanation::peer_min() const { return basis ? basis->peer_min : std::nullopt; }
std::optional<double> Explanation::peer_max() const { return basis ? basis->peer_max : std::nullopt; }
std::optional<double> Explanation::peer_sum() const { return basis ? basis->peer_sum : std::nullopt; }

std::string RowScore::arithmetic() const {
  const RowBasis* basis = explain.basis.get();
  if (!basis || !basis->method) return "";
  return describe_method(*basis->method, basis->row_points, value, basis->peer_min, basis->peer_max, explain.rank,
                         explain.ranked, points);
}

std::string value_text(const RowScore& row, const model::Measure& measure) {
  return row.value ? show_value(*row.value, measure) : "—";
}

const RowScore* UnitScore::row(const std::string& id) const {
  for (auto& r : rows)
    if (r.row_id == id) return &r;
  return nullptr;
}

const UnitScore* MonthScores::unit(const std::string& id) const {
  return unit_index.find(units, id, [](const UnitScore& u) -> const std::string& { return u.unit; });
}

}  // namespace creditgen::score
