#include "model/site.h"

#include <algorithm>

namespace creditgen::model {

const char* unit_type_id(UnitType t) {
  switch (t) {
    case UnitType::zone: return "zone";
    case UnitType::subdistrict: return "subdistrict";
    case UnitType::town: return "town";
    case UnitType::department: return "department";
    case UnitType::dual: return "dual";
    case UnitType::platform: return "platform";
  }
  return "department";
}

const char* unit_type_label(UnitType t) {
  switch (t) {
    case UnitType::zone: return "开发区";
    case UnitType::subdistrict: return "街道办事处";
    case UnitType::town: return "乡镇";
    case UnitType::department: return "区直部门";
    case UnitType::dual: return "双管单位";
    case UnitType::platform: return "区属平台公司";
  }
  return "区直部门";
}

std::optional<UnitType> parse_unit_type(std::string_view id) {
  for (auto t : kUnitTypes)
    if (id == unit_type_id(t)) return t;
  return std::nullopt;
}

std::vector<std::string> unit_type_ids() {
  std::vector<std::string> out;
  for (auto t : kUnitTypes) out.emplace_back(unit_type_id(t));
  return out;
}

std::string unit_type_ids_text() {
  std::string out;
  for (auto t : kUnitTypes) out += (out.empty() ? "" : "、") + std::string(unit_type_id(t));
  return out;
}

const char* warning_condition_id(WarningCondition c) {
  switch (c) {
    case WarningCondition::bottom: return "bottom";
    case WarningCondition::fell: return "fell";
    case WarningCondition::below: return "below";
    case WarningCondition::zero_row: return "zero_row";
    case WarningCondition::not_submitted: return "not_submitted";
  }
  return "bottom";
}

std::vector<WarningRule> default_warning_rules() {
  // No score threshold by default: what a low score is depends on the rulebook.
  return {{WarningCondition::bottom, 3, "提醒"},
          {WarningCondition::fell, 5, "提醒"},
          {WarningCondition::zero_row, 3, "提醒"},
          {WarningCondition::not_submitted, 2, "约谈"}};
}

bool Unit::has_tag(std::string_view tag) const { return std::find(tags.begin(), tags.end(), tag) != tags.end(); }

}  // namespace creditgen::model
