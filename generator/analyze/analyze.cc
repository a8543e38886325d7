#include "analyze/analyze.h"

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "base/json.h"
#include "base/number.h"

namespace creditgen::analyze {

namespace {


// A month's rows by id, looked up once per unit and row.
class RowLookup {
 public:
  explicit RowLookup(const std::vector<model::Rulebook::RowRef>& rows) {
    for (const auto& r : rows) by_id_.emplace(r.row->id, &r);
  }
  const model::Rulebook::RowRef* operator()(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string, const model::Rulebook::RowRef*> by_id_;
};

// What would have earned a row's points, from the arithmetic the unit page shows.
std::string how_to_earn(const score::RowScore& rs, const model::Measure& measure) {
  if (rs.flag == score::Flag::missing) return "该项数据未报送（缺报），按时报送即可按规则计分";
  const score::Explanation& e = rs.explain;
  std::string out = "本单位数值 " + score::value_text(rs, measure);
  if (rs.flag == score::Flag::no_value) out = "本单位无值（" + std::string(score::flag_label(rs.flag)) + "）";
  if (e.rank && e.ranked) out += "，第 " + std::to_string(*e.rank) + " 名（共 " + std::to_string(*e.ranked) + " 个）";
  if (const auto max = e.peer_max()) out += "；同类单位最高 " + score::show_value(*max, measure);
  if (!e.method_words().empty()) out += "；计分方法：" + e.method_words();
  if (const std::string arithmetic = rs.arithmetic(); !arithmetic.empty()) out += "；" + arithmetic;
  return out;
}

struct RunState {
  std::map<std::pair<size_t, std::string>, YearMonth> rule_runs;            // (rule, unit) → run start
  std::map<std::pair<std::string, std::string>, YearMonth> zero_runs;       // (unit, row) → run start
  std::map<std::string, YearMonth> unsubmitted_runs;                        // unit → run start
};

int months_between(YearMonth from, YearMonth to) { return (to.year - from.year) * 12 + (to.month - from.month) + 1; }

// The three largest losses, largest first and the earlier first among
// equals (what a stable sort by rounded loss would put first), the rest
// dropped, and no room kept for them: each loss is rounded once, and a row's
// thousands of units are not sorted to keep three.
template <class T>
void keep_three_largest(std::vector<T>& items) {
  std::vector<std::pair<double, size_t>> order;  // (rounded loss, position)
  order.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) order.push_back({comparable(items[i].lost), i});
  const size_t keep = std::min<size_t>(3, order.size());
  std::partial_sort(order.begin(), order.begin() + keep, order.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<T> kept;
  kept.reserve(keep);
  for (size_t i = 0; i < keep; ++i) kept.push_back(std::move(items[order[i].second]));
  items = std::move(kept);
}

}  // namespace

std::string describe(const model::WarningRule& rule) {
  const std::string n = format_rounded(rule.threshold, 2);
  switch (rule.condition) {
    case model::WarningCondition::bottom: return "排名后 " + n + " 位";
    case model::WarningCondition::fell: return "排名比上月下降 " + n + " 位及以上";
    case model::WarningCondition::below: return "得分低于 " + n + " 分";
    case model::WarningCondition::zero_row: return "同一评分细则连续 " + n + " 个月得 0 分";
    case model::WarningCondition::not_submitted: return "连续 " + n + " 个月未报送";
  }
  return "";
}

std::pair<const char*, const char*> type_category(model::UnitType type) {
  switch (type) {
    case model::UnitType::subdistrict:
    case model::UnitType::town: return {"subdistrict", "街道（乡镇）"};
    case model::UnitType::department: return {"department", "区直部门"};
    case model::UnitType::zone: return {"zone", "开发区"};
    case model::UnitType::platform: return {"platform", "区属平台公司"};
    case model::UnitType::dual: return {"dual", "双管单位"};
  }
  return {"department", "区直部门"};
}

std::vector<const Warning*> MonthAnalysis::warnings_of(const std::string& unit) const {
  std::vector<const Warning*> out;
  if (auto it = warnings_by_unit.find(unit); it != warnings_by_unit.end())
    for (size_t i : it->second) out.push_back(&warnings[i]);
  return out;
}

const TypeRankEntry* MonthAnalysis::type_rank_of(const std::string& unit) const {
  auto it = kind_of_unit.find(unit);
  return it == kind_of_unit.end() ? nullptr : &type_rankings[it->second.first].units[it->second.second];
}

const TypeRanking* MonthAnalysis::kind_ranking_of(const std::string& unit) const {
  auto it = kind_of_unit.find(unit);
  return it == kind_of_unit.end() ? nullptr : &type_rankings[it->second.first];
}

std::vector<MonthAnalysis> analyze_all(const model::Content& content, const std::vector<score::MonthScores>& scores) {
  std::vector<MonthAnalysis> out;
  out.reserve(scores.size());
  const std::vector<model::WarningRule>& rules = content.site.warning_rules;
  RunState runs;
  const score::MonthScores* previous = nullptr;
  for (const score::MonthScores& ms : scores) {
    // Runs and trends only across consecutive scored months.
    const score::MonthScores* prev = previous && previous->month == ms.month.previous() ? previous : nullptr;
    if (!prev) runs = RunState{};
    MonthAnalysis a;
    a.month = ms.month;
    a.rules = rules;
    const std::vector<model::Rulebook::RowRef> rows = ms.rulebook ? ms.rulebook->rows() : std::vector<model::Rulebook::RowRef>{};
    const std::vector<model::Rulebook::RowRef> prev_rows =
        prev && prev->rulebook ? prev->rulebook->rows() : std::vector<model::Rulebook::RowRef>{};
    const RowLookup find_row(rows), find_prev_row(prev_rows);

    // 短板: per row over the district, and each unit's weakest rows.
    std::map<std::string, RowShortfall> by_row;
    for (const auto& ref : rows) {
      RowShortfall& s = by_row[ref.row->id];
      s.row_id = ref.row->id;
      s.name = model::Rulebook::row_name(ref);
    }
    for (const score::UnitScore& u : ms.units) {
      const score::UnitScore* pu = prev ? prev->unit(u.unit) : nullptr;
      std::vector<WeakRow> weak;
      for (const score::RowScore& rs : u.rows) {
        const auto* ref = find_row(rs.row_id);
        if (!ref) continue;
        const double lost = std::max(0.0, ref->row->points - rs.points);
        RowShortfall& s = by_row[rs.row_id];
        s.possible += ref->row->points;
        s.earned += rs.points;
        s.lost += lost;
        a.lost += lost;
        if (comparable(lost) > 0) {
          s.worst.push_back({u.unit, lost});
          WeakRow w{rs.row_id, s.name, ref->row->points, rs.points, lost, std::nullopt, how_to_earn(rs, ref->row->measure)};
          if (pu)
            if (const score::RowScore* pr = pu->row(rs.row_id)) w.earned_previous = pr->points;
          weak.push_back(std::move(w));
        }
      }
      // Kept for every unit of every month: only the three, not the room
      // the others took (heaptrack: 11 of 131 MB live at the peak of 500
      // units × 12 months).
      keep_three_largest(weak);
      if (!weak.empty()) a.weakest[u.unit] = std::move(weak);
    }
    if (prev) {
      double lost_prev = 0;
      std::map<std::string, double> row_prev;
      for (const score::UnitScore& u : prev->units)
        for (const score::RowScore& rs : u.rows)
          if (const auto* ref = find_prev_row(rs.row_id)) {
            const double lost = std::max(0.0, ref->row->points - rs.points);
            row_prev[rs.row_id] += lost;
            lost_prev += lost;
          }
      a.lost_previous = lost_prev;
      for (auto& [id, s] : by_row)
        if (auto it = row_prev.find(id); it != row_prev.end()) s.lost_previous = it->second;
    }
    for (const auto& ref : rows) {  // rulebook order breaks ties
      RowShortfall& s = by_row[ref.row->id];
      if (comparable(s.lost) <= 0) continue;
      keep_three_largest(s.worst);  // it held every unit that lost on the row
      a.shortfalls.push_back(std::move(s));
    }
    std::stable_sort(a.shortfalls.begin(), a.shortfalls.end(), [](const RowShortfall& x, const RowShortfall& y) {
      return comparable(x.lost) > comparable(y.lost);
    });

    // Rankings within each kind of unit (units are in overall rank order).
    for (const score::UnitScore& u : ms.units) {
      const model::Unit* unit = content.unit(u.unit);
      const auto [id, label] = type_category(unit ? unit->type : model::UnitType::department);
      auto it = std::find_if(a.type_rankings.begin(), a.type_rankings.end(),
                             [&, id = id](const TypeRanking& t) { return t.id == id; });
      if (it == a.type_rankings.end()) it = a.type_rankings.insert(a.type_rankings.end(), TypeRanking{id, label, {}});
      TypeRankEntry e{u.unit, static_cast<int>(it->units.size()) + 1, u.score, u.submitted};
      if (!it->units.empty() && comparable(it->units.back().score) == comparable(u.score)) e.rank = it->units.back().rank;
      it->units.push_back(e);
    }
    static const char* kTypeOrder[] = {"subdistrict", "department", "zone", "platform", "dual"};
    std::stable_sort(a.type_rankings.begin(), a.type_rankings.end(), [](const TypeRanking& x, const TypeRanking& y) {
      auto pos = [](const std::string& id) { return std::find(std::begin(kTypeOrder), std::end(kTypeOrder), id) - std::begin(kTypeOrder); };
      return pos(x.id) < pos(y.id);
    });

    // 预警: each rule over each unit; runs carried from the month before.
    RunState next;
    const int count = static_cast<int>(ms.units.size());
    for (const score::UnitScore& u : ms.units) {
      const score::UnitScore* pu = prev ? prev->unit(u.unit) : nullptr;
      for (size_t i = 0; i < rules.size(); ++i) {
        const model::WarningRule& rule = rules[i];
        const int n = static_cast<int>(rule.threshold);
        std::optional<std::string> detail;
        YearMonth since = ms.month;
        switch (rule.condition) {
          case model::WarningCondition::bottom:
            if (u.rank > count - n && count > n)
              detail = "第 " + std::to_string(u.rank) + " 位，共 " + std::to_string(count) + " 个单位";
            break;
          case model::WarningCondition::fell:
            if (pu && u.rank - pu->rank >= n)
              detail = "由上月第 " + std::to_string(pu->rank) + " 位降至第 " + std::to_string(u.rank) + " 位";
            break;
          case model::WarningCondition::below:
            if (comparable(u.score) < comparable(rule.threshold)) detail = "得分 " + format_fixed(u.score, 2);
            break;
          case model::WarningCondition::zero_row: {
            std::string zero_rows;
            for (const score::RowScore& rs : u.rows) {
              const auto* ref = find_row(rs.row_id);
              if (!ref || ref->row->points <= 0 || comparable(rs.points) > 0) continue;
              const auto key = std::make_pair(u.unit, rs.row_id);
              auto was = runs.zero_runs.find(key);
              const YearMonth start = was != runs.zero_runs.end() ? was->second : ms.month;
              next.zero_runs[key] = start;
              if (months_between(start, ms.month) >= n) {
                zero_rows += (zero_rows.empty() ? "" : "、") + rs.row_id + " " + model::Rulebook::row_name(*ref);
                if (start < since) since = start;
              }
            }
            if (!zero_rows.empty()) detail = zero_rows + " 连续 " + std::to_string(months_between(since, ms.month)) + " 个月得 0 分";
            break;
          }
          case model::WarningCondition::not_submitted: {
            if (u.submitted) break;
            auto was = runs.unsubmitted_runs.find(u.unit);
            const YearMonth start = was != runs.unsubmitted_runs.end() ? was->second : ms.month;
            next.unsubmitted_runs[u.unit] = start;
            if (months_between(start, ms.month) >= n) {
              since = start;
              detail = "自 " + start.str() + " 起连续 " + std::to_string(months_between(start, ms.month)) + " 个月未报送";
            }
            break;
          }
        }
        if (!detail) continue;
        if (rule.condition != model::WarningCondition::zero_row &&
            rule.condition != model::WarningCondition::not_submitted) {
          const auto key = std::make_pair(i, u.unit);
          auto was = runs.rule_runs.find(key);
          since = was != runs.rule_runs.end() ? was->second : ms.month;
          next.rule_runs[key] = since;
        }
        a.warnings.push_back({u.unit, i, *detail, since, months_between(since, ms.month)});
      }
    }
    for (size_t i = 0; i < a.warnings.size(); ++i) a.warnings_by_unit[a.warnings[i].unit].push_back(i);
    for (size_t k = 0; k < a.type_rankings.size(); ++k)
      for (size_t e = 0; e < a.type_rankings[k].units.size(); ++e) a.kind_of_unit[a.type_rankings[k].units[e].unit] = {k, e};
    runs = std::move(next);
    out.push_back(std::move(a));
    previous = &ms;
  }
  return out;
}

std::string analysis_json(const MonthAnalysis& a, const score::MonthScores& ms, const model::Content& content) {
  auto num = [](double v) { return format_rounded(v, 4); };
  auto q = [](std::string_view s) { return json_quoted(s); };
  auto name = [&](const std::string& id) {
    const model::Unit* u = content.unit(id);
    return q(u ? u->name : id);
  };
  std::ostringstream o;
  o << "{\n  \"month\": " << q(a.month.str()) << ",\n";
  o << "  \"warning_rules\": [";
  for (size_t i = 0; i < a.rules.size(); ++i) {
    const auto& r = a.rules[i];
    o << (i ? "," : "") << "\n    {\"condition\": " << q(model::warning_condition_id(r.condition))
      << ", \"threshold\": " << num(r.threshold) << ", \"text\": " << q(describe(r))
      << ", \"consequence\": " << q(r.consequence) << "}";
  }
  o << (a.rules.empty() ? "" : "\n  ") << "],\n";
  o << "  \"warnings\": [";
  for (size_t i = 0; i < a.warnings.size(); ++i) {
    const Warning& w = a.warnings[i];
    const auto& r = a.rules[w.rule];
    o << (i ? "," : "") << "\n    {\"unit\": " << q(w.unit) << ", \"name\": " << name(w.unit)
      << ", \"condition\": " << q(model::warning_condition_id(r.condition)) << ", \"rule\": " << q(describe(r))
      << ", \"consequence\": " << q(r.consequence) << ", \"detail\": " << q(w.detail) << ", \"since\": "
      << q(w.since.str()) << ", \"months\": " << w.months << "}";
  }
  o << (a.warnings.empty() ? "" : "\n  ") << "],\n";
  o << "  \"shortfalls\": {\n    \"lost\": " << num(a.lost) << ",\n    \"lost_previous\": "
    << (a.lost_previous ? num(*a.lost_previous) : "null") << ",\n    \"rows\": [";
  for (size_t i = 0; i < a.shortfalls.size(); ++i) {
    const RowShortfall& s = a.shortfalls[i];
    o << (i ? "," : "") << "\n      {\"row\": " << q(s.row_id) << ", \"name\": " << q(s.name)
      << ", \"possible\": " << num(s.possible) << ", \"earned\": " << num(s.earned) << ", \"lost\": " << num(s.lost)
      << ", \"lost_previous\": " << (s.lost_previous ? num(*s.lost_previous) : "null") << ", \"units\": [";
    for (size_t k = 0; k < s.worst.size(); ++k)
      o << (k ? ", " : "") << "{\"unit\": " << q(s.worst[k].unit) << ", \"lost\": " << num(s.worst[k].lost) << "}";
    o << "]}";
  }
  o << (a.shortfalls.empty() ? "" : "\n    ") << "]\n  },\n";
  o << "  \"units\": [";
  for (size_t i = 0; i < ms.units.size(); ++i) {
    const score::UnitScore& u = ms.units[i];
    const TypeRankEntry* t = a.type_rank_of(u.unit);
    const model::Unit* unit = content.unit(u.unit);
    o << (i ? "," : "") << "\n    {\"unit\": " << q(u.unit) << ", \"name\": " << name(u.unit)
      << ", \"category\": " << q(type_category(unit ? unit->type : model::UnitType::department).first)
      << ", \"category_rank\": " << (t ? t->rank : 0) << ", \"submitted\": " << (u.submitted ? "true" : "false")
      << ", \"weakest\": [";
    auto it = a.weakest.find(u.unit);
    if (it != a.weakest.end())
      for (size_t k = 0; k < it->second.size(); ++k) {
        const WeakRow& w = it->second[k];
        o << (k ? ", " : "") << "{\"row\": " << q(w.row_id) << ", \"points\": " << num(w.points)
          << ", \"earned\": " << num(w.earned) << ", \"lost\": " << num(w.lost) << ", \"earned_previous\": "
          << (w.earned_previous ? num(*w.earned_previous) : "null") << ", \"how\": " << q(w.how) << "}";
      }
    o << "]}";
  }
  o << (ms.units.empty() ? "" : "\n  ") << "],\n";
  o << "  \"type_rankings\": [";
  for (size_t i = 0; i < a.type_rankings.size(); ++i) {
    const TypeRanking& t = a.type_rankings[i];
    o << (i ? "," : "") << "\n    {\"category\": " << q(t.id) << ", \"label\": " << q(t.label) << ", \"units\": [";
    for (size_t k = 0; k < t.units.size(); ++k)
      o << (k ? ", " : "") << "{\"unit\": " << q(t.units[k].unit) << ", \"rank\": " << t.units[k].rank
        << ", \"score\": " << num(t.units[k].score) << ", \"submitted\": " << (t.units[k].submitted ? "true" : "false")
        << "}";
    o << "]}";
  }
  o << (a.type_rankings.empty() ? "" : "\n  ") << "]\n}\n";
  return o.str();
}

}  // namespace creditgen::analyze
