#include "load/rulebook_measure.h"

#include <algorithm>
#include <string>
#include <vector>

#include "base/text.h"

namespace creditgen::load {

using model::Measure;
using model::MeasureKind;
using model::Method;
using model::MethodKind;

namespace {

class MeasureParser {
 public:
  MeasureParser(const YamlFile& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  // A metric name used by a measure must be declared under `metrics`.
  bool declared(const model::Rulebook& rb, const std::string& name, const Location& where) {
    if (rb.metrics.count(name)) return true;
    diags_.error(where, "bad-value", "指标数据“" + name + "”未在 metrics 中声明，请先在 metrics 下声明其名称和类型");
    return false;
  }

  std::optional<std::string> metric_name(MapReader& r, std::string_view key, const model::Rulebook& rb) {
    auto s = r.text(key, true);
    if (!s) return std::nullopt;
    if (!declared(rb, *s, r.at(key))) return std::nullopt;
    return s;
  }

  std::optional<Measure> measure(const YAML::Node& n, const model::Rulebook& rb) {
    Measure m;
    if (n.IsScalar()) {
      if (trim(n.Scalar()) == "uscc_errors") {
        m.kind = MeasureKind::uscc_errors;
        return m;
      }
      diags_.error(file_.at(n), "bad-value",
                   "计分依据“" + n.Scalar() + "”无效，应为 uscc_errors 或 {count: …}、{metric: …} 等映射");
      return std::nullopt;
    }
    if (!expect_map(file_, n, "计分依据 measure", diags_)) return std::nullopt;
    static const std::vector<std::string> kinds = {"count", "sum", "incidents", "objections",
                                                   "metric", "ratio", "share", "growth"};
    MapReader r(file_, n, diags_);
    std::vector<std::string> present;
    for (auto& k : kinds)
      if (r.has(k)) present.push_back(k);
    if (present.size() != 1) {
      diags_.error(file_.at(n), "bad-value",
                   "计分依据 measure 应恰好包含 count、sum、incidents、objections、metric、ratio、share、growth "
                   "中的一项，实际有 " + std::to_string(present.size()) + " 项");
      return std::nullopt;
    }
    const std::string& k = present[0];
    bool windowed = k == "count" || k == "sum";
    if (windowed) {
      if (auto w = r.choice("window", false, {"month", "ytd", "cumulative"}))
        m.window = *w == "ytd" ? model::Window::ytd : *w == "cumulative" ? model::Window::cumulative
                                                                          : model::Window::month;
    }
    if (k == "count") {
      m.kind = MeasureKind::count;
      if (auto c = r.choice("count", true, {"news", "campaign", "policy", "scenario", "supervision"}))
        m.count_of = *model::parse_item_kind(*c);
    } else if (k == "sum") {
      m.kind = MeasureKind::sum_ledger;
      r.choice("sum", true, {"ledger"});
    } else if (k == "incidents") {
      m.kind = MeasureKind::incidents_unhandled;
      r.choice("incidents", true, {"unhandled"});
    } else if (k == "objections") {
      m.kind = MeasureKind::objections_worst_days;
      r.choice("objections", true, {"worst_days"});
    } else if (k == "metric" || k == "share" || k == "growth") {
      m.kind = k == "metric" ? MeasureKind::metric : k == "share" ? MeasureKind::share : MeasureKind::growth;
      if (auto s = metric_name(r, k, rb)) m.metric = *s;
    } else {
      m.kind = MeasureKind::ratio;
      ratio(r, m, rb);
    }
    r.finish();
    if (r.failed()) return std::nullopt;
    return m;
  }

  void ratio(MapReader& outer, Measure& m, const model::Rulebook& rb) {
    YAML::Node n = outer.node("ratio");
    if (!expect_map(file_, n, "字段“ratio”", diags_)) {
      outer.mark_failed();
      return;
    }
    MapReader r(file_, n, diags_);
    YAML::Node num = r.node("num");
    if (!num.IsDefined() || num.IsNull()) {
      r.missing("num（分子）");
    } else if (num.IsMap()) {
      MapReader nr(file_, num, diags_);
      if (nr.choice("count", true, {"objection"})) m.numerator_counts_objections = true;
      nr.finish();
      if (nr.failed()) r.mark_failed();
    } else if (num.IsScalar() || num.IsSequence()) {
      // Each name is checked where it is written.
      std::vector<YAML::Node> items;
      if (num.IsScalar())
        items.push_back(num);
      else
        for (const auto& x : num) items.push_back(x);
      if (items.empty()) r.bad_value("num", "分子 num 不能为空列表");
      for (auto& x : items) {
        std::string name = x.IsScalar() ? trim(x.Scalar()) : std::string();
        if (!x.IsScalar()) {
          diags_.error(file_.at(x), "bad-value", "分子 num 的列表项应为指标名称，实际为" + node_kind_zh(x));
          r.mark_failed();
        } else if (declared(rb, name, file_.at(x))) {
          m.numerators.push_back(name);
        } else {
          r.mark_failed();
        }
      }
    } else {
      r.bad_value("num", "分子 num 应为指标名称、名称列表或 {count: objection}");
    }
    if (auto den = metric_name(r, "den", rb))
      m.denominator = *den;
    else
      r.mark_failed();
    r.finish();
    if (r.failed()) outer.mark_failed();
  }

  std::optional<Method> method(const YAML::Node& n) {
    if (!expect_map(file_, n, "计分方法 method", diags_)) return std::nullopt;
    MapReader r(file_, n, diags_);
    Method m;
    static const std::vector<std::string> types = {"proportional", "min_max",    "inverse_min_max",
                                                   "lower_better_ratio", "per_item", "deduction",
                                                   "rank_table",  "rank_linear", "tiers"};
    auto t = r.choice("type", true, types);
    if (!t) {
      r.finish();
      return std::nullopt;
    }
    m.kind = static_cast<MethodKind>(std::find(types.begin(), types.end(), *t) - types.begin());
    if (auto v = r.number("floor", false, 0)) m.floor = *v;
    else if ((m.kind == MethodKind::min_max || m.kind == MethodKind::inverse_min_max) && !r.has("floor"))
      diags_.warning(r.where(), "missing-field",
                    "计分方法 " + *t + " 未写最低分 floor，按 0 分计；如有意为之，请写 floor: 0");
    bool needs_each = m.kind == MethodKind::per_item || m.kind == MethodKind::deduction;
    if (auto v = r.number("each", needs_each, 0)) m.each = *v;
    if (auto o = r.choice("order", false, {"given", "desc"}))
      m.order = *o == "desc" ? model::RankOrder::desc : model::RankOrder::given;
    if (auto v = r.number("none", false, 0)) m.none_points = *v;
    YAML::Node table = r.node("table");
    if (m.kind == MethodKind::rank_table || (table.IsDefined() && !table.IsNull())) {
      if (!table.IsSequence() || table.size() == 0) {
        if (!table.IsDefined() || table.IsNull())
          r.missing("table（名次分值表）");
        else
          r.bad_value("table", "字段“table”应为分值列表，如 [3, 2.5, 2]");
      } else {
        for (const auto& x : table) {
          auto v = x.IsScalar() ? parse_number(x.Scalar()) : std::nullopt;
          if (!v || *v < 0) {
            diags_.error(file_.at(x), "bad-value", "名次分值" + node_kind_zh(x) + "无效，应为不小于 0 的数");
            r.mark_failed();
          } else {
            m.table.push_back(*v);
          }
        }
      }
    }
    YAML::Node tiers = r.node("tiers");
    if (m.kind == MethodKind::tiers || (tiers.IsDefined() && !tiers.IsNull())) {
      if (!tiers.IsSequence() || tiers.size() == 0) {
        if (!tiers.IsDefined() || tiers.IsNull())
          r.missing("tiers（分档列表）");
        else
          r.bad_value("tiers", "字段“tiers”应为分档列表，如 [{max: 1, points: 6}]");
      } else {
        for (const auto& x : tiers) {
          if (!expect_map(file_, x, "分档", diags_)) {
            r.mark_failed();
            continue;
          }
          MapReader tr(file_, x, diags_);
          auto mx = tr.number("max", true, 0);
          auto pts = tr.number("points", true, 0);
          tr.finish();
          if (tr.failed() || !mx || !pts)
            r.mark_failed();
          else
            m.tiers.push_back({*mx, *pts});
        }
      }
    }
    r.finish();
    if (r.failed()) return std::nullopt;
    return m;
  }


 private:
  const YamlFile& file_;
  Diagnostics& diags_;
};

}  // namespace

std::optional<Measure> parse_measure(const YamlFile& file, const YAML::Node& node, const model::Rulebook& rb,
                                     Diagnostics& diags) {
  return MeasureParser(file, diags).measure(node, rb);
}

std::optional<Method> parse_method(const YamlFile& file, const YAML::Node& node, Diagnostics& diags) {
  return MeasureParser(file, diags).method(node);
}

}  // namespace creditgen::load
