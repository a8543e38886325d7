#include "model/rulebook.h"

#include <algorithm>

namespace creditgen::model {

const char* method_id(MethodKind k) {
  switch (k) {
    case MethodKind::proportional: return "proportional";
    case MethodKind::min_max: return "min_max";
    case MethodKind::inverse_min_max: return "inverse_min_max";
    case MethodKind::lower_better_ratio: return "lower_better_ratio";
    case MethodKind::per_item: return "per_item";
    case MethodKind::deduction: return "deduction";
    case MethodKind::rank_table: return "rank_table";
    case MethodKind::rank_linear: return "rank_linear";
    case MethodKind::tiers: return "tiers";
  }
  return "";
}

bool Applicability::applies(const Unit& u) const {
  if (all()) return true;
  if (std::find(types.begin(), types.end(), u.type) != types.end()) return true;
  if (std::find(units.begin(), units.end(), u.id) != units.end()) return true;
  return std::any_of(tags.begin(), tags.end(), [&](const std::string& t) { return u.has_tag(t); });
}

double Rulebook::total_points() const {
  double total = 0;
  for (auto& r : rows()) total += r.row->points;
  return total;
}

std::vector<Rulebook::RowRef> Rulebook::rows() const {
  std::vector<RowRef> out;
  for (auto& g : groups)
    for (auto& i : g.indicators)
      for (auto& r : i.rows) out.push_back({&g, &i, &r});
  return out;
}

}  // namespace creditgen::model
