#include "load/rulebook.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "base/number.h"
#include "base/text.h"
#include "load/site_files.h"
#include "load/source_file.h"
#include "load/yaml_fields.h"

namespace creditgen::load {

namespace fs = std::filesystem;
using model::Measure;
using model::MeasureKind;
using model::Method;
using model::MethodKind;

namespace {

class RulebookParser {
 public:
  RulebookParser(const YamlFile& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  void metrics(MapReader& top, model::Rulebook& rb) {
    YAML::Node n = top.node("metrics");
    if (!n.IsDefined() || n.IsNull()) return;
    if (!expect_map(file_, n, "字段“metrics”", diags_)) return;
    MapReader names(file_, n, diags_);  // reports repeated names as [duplicate]
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string name = scalar_text(it->first);
      if (rb.metrics.count(name)) continue;
      names.node(name);
      model::MetricDecl decl;
      decl.name = name;
      if (!expect_map(file_, it->second, "指标数据“" + name + "”的定义", diags_)) continue;
      MapReader r(file_, it->second, diags_);
      if (auto k = r.choice("kind", true, {"rate", "count", "amount", "rank"})) {
        decl.kind = *k == "rate"     ? model::MetricKind::rate
                    : *k == "count"  ? model::MetricKind::count
                    : *k == "amount" ? model::MetricKind::amount
                                     : model::MetricKind::rank;
      }
      if (auto l = r.text("label", false)) decl.label = *l;
      r.finish();
      rb.metrics.emplace(name, std::move(decl));
    }
  }

  model::Applicability applies_to(MapReader& r) {
    model::Applicability a;
    YAML::Node n = r.node("applies_to");
    if (!n.IsDefined() || n.IsNull()) return a;
    if (!expect_map(file_, n, "字段“applies_to”", diags_)) return a;
    MapReader ar(file_, n, diags_);
    if (auto types = ar.text_list("types", false)) {
      for (auto& t : *types) {
        if (auto ut = model::parse_unit_type(t))
          a.types.push_back(*ut);
        else
          ar.bad_value("types", "单位类型“" + t + "”无效，应为 zone、subdistrict、department、dual、platform 之一");
      }
    }
    if (auto tags = ar.text_list("tags", false)) a.tags = *tags;
    if (auto units = ar.text_list("units", false)) a.units = *units;
    ar.finish();
    return a;
  }

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

  void row(const YAML::Node& n, model::Indicator& ind, const model::Rulebook& rb) {
    if (!expect_map(file_, n, "评分细则", diags_)) return;
    MapReader r(file_, n, diags_);
    model::Row row;
    row.where = file_.at(n);
    row.id = ind.id + "." + std::to_string(ind.rows.size() + 1);
    if (auto v = r.text("name", false)) row.name = *v;
    if (auto v = r.text("rule", false)) row.rule = *v;
    if (auto v = r.text("source", false)) row.source = *v;
    if (auto p = r.number("points", true, 0)) {
      if (*p <= 0)
        r.bad_value("points", "评分细则 " + row.id + " 的分值应大于 0");
      else
        row.points = *p;
    }
    YAML::Node mn = r.node("measure");
    if (!mn.IsDefined() || mn.IsNull())
      r.missing("measure（计分依据）");
    else if (auto m = measure(mn, rb))
      row.measure = *m;
    YAML::Node me = r.node("method");
    if (!me.IsDefined() || me.IsNull())
      r.missing("method（计分方法）");
    else if (auto m = method(me))
      row.method = *m;
    if (auto z = r.choice("missing", false, {"zero"})) row.missing_zero = true;
    r.finish();
    ind.rows.push_back(std::move(row));
  }

  void groups(MapReader& top, model::Rulebook& rb) {
    YAML::Node n = top.node("groups");
    if (!n.IsDefined() || n.IsNull()) {
      top.missing("groups（一级指标列表）");
      return;
    }
    if (!n.IsSequence() || n.size() == 0) {
      top.bad_value("groups", "字段“groups”应为非空的一级指标列表");
      return;
    }
    std::set<std::string> group_ids, indicator_ids;
    for (const auto& g : n) {
      if (!expect_map(file_, g, "一级指标", diags_)) continue;
      MapReader gr(file_, g, diags_);
      model::Group group;
      if (auto id = gr.text("id", true)) {
        group.id = *id;
        if (!group_ids.insert(*id).second)
          diags_.error(gr.at("id"), "duplicate", "一级指标 id“" + *id + "”重复，id 必须唯一");
      }
      if (auto v = gr.text("name", true)) group.name = *v;
      if (auto v = gr.number("points", false, 0)) group.stated_points = *v;
      YAML::Node inds = gr.node("indicators");
      if (!inds.IsDefined() || inds.IsNull()) {
        gr.missing("indicators（二级指标列表）");
      } else if (!inds.IsSequence()) {
        gr.bad_value("indicators", "字段“indicators”应为二级指标列表");
      } else {
        for (const auto& i : inds) {
          if (!expect_map(file_, i, "二级指标", diags_)) continue;
          MapReader ir(file_, i, diags_);
          model::Indicator ind;
          if (auto id = ir.text("id", true)) {
            ind.id = *id;
            if (!indicator_ids.insert(*id).second)
              diags_.error(ir.at("id"), "duplicate", "二级指标 id“" + *id + "”重复，id 必须唯一");
          }
          if (auto v = ir.text("name", true)) ind.name = *v;
          ind.applies_to = applies_to(ir);
          YAML::Node rows = ir.node("rows");
          if (!rows.IsDefined() || rows.IsNull())
            ir.missing("rows（评分细则列表）");
          else if (!rows.IsSequence() || rows.size() == 0)
            ir.bad_value("rows", "字段“rows”应为非空的评分细则列表");
          else
            for (const auto& row_node : rows) row(row_node, ind, rb);
          ir.finish();
          group.indicators.push_back(std::move(ind));
        }
      }
      if (group.stated_points) {
        double sum = 0;
        for (auto& ind : group.indicators)
          for (auto& row : ind.rows) sum += row.points;
        if (comparable(sum) != comparable(*group.stated_points))
          gr.bad_value("points", "一级指标“" + group.id + "”标注 " + format_rounded(*group.stated_points, 4) +
                                     " 分，但其评分细则合计 " + format_rounded(sum, 4) + " 分，两者应相等");
      }
      gr.finish();
      rb.groups.push_back(std::move(group));
    }
  }

  void obligations(MapReader& top, model::Rulebook& rb) {
    YAML::Node n = top.node("obligations");
    if (!n.IsDefined() || n.IsNull()) return;
    if (!n.IsSequence()) {
      top.bad_value("obligations", "字段“obligations”应为列表");
      return;
    }
    std::set<std::string> ids;
    for (const auto& o : n) {
      if (!expect_map(file_, o, "报送义务", diags_)) continue;
      MapReader r(file_, o, diags_);
      model::Obligation ob;
      if (auto id = r.text("id", true)) {
        ob.id = *id;
        if (!ids.insert(*id).second) diags_.error(r.at("id"), "duplicate", "报送义务 id“" + *id + "”重复，id 必须唯一");
      }
      if (auto v = r.text("text", true)) ob.text = *v;
      ob.applies_to = applies_to(r);
      if (auto v = r.number("min", false, 0)) ob.min = *v;
      if (auto p = r.choice("per", false, {"month", "year", "cumulative"}))
        ob.per = *p == "year" ? model::ObligationPeriod::year
                 : *p == "cumulative" ? model::ObligationPeriod::cumulative : model::ObligationPeriod::month;
      bool has_count = r.has("count"), has_measure = r.has("measure");
      if (has_count == has_measure) {
        r.node("count");
        r.node("measure");
        diags_.error(r.where(), has_count ? "bad-value" : "missing-field",
                     "报送义务应恰好写 count（事项类型）或 measure（计分依据）之一");
        r.mark_failed();
      } else if (has_count) {
        if (auto c = r.choice("count", true, {"news", "campaign", "policy", "scenario", "supervision"})) {
          ob.measure.kind = MeasureKind::count;
          ob.measure.count_of = *model::parse_item_kind(*c);
          ob.measure.window = ob.per == model::ObligationPeriod::year         ? model::Window::ytd
                              : ob.per == model::ObligationPeriod::cumulative ? model::Window::cumulative
                                                                              : model::Window::month;
        }
      } else if (auto m = measure(r.node("measure"), rb)) {
        ob.measure = *m;
      }
      r.finish();
      rb.obligations.push_back(std::move(ob));
    }
  }

 private:
  const YamlFile& file_;
  Diagnostics& diags_;
};

}  // namespace

std::optional<model::Rulebook> load_rulebook(const fs::path& path, const std::string& rel, const std::string& shown,
                                             YearMonth file_month, Diagnostics& diags) {
  Diagnostics local;
  model::Rulebook rb;
  rb.file = rel;
  auto file = read_yaml_file(path, shown, local);
  if (file && (file->root().IsNull() || expect_map(*file, file->root(), "规则文件", local))) {
    MapReader top(*file, file->root(), local);
    RulebookParser p(*file, local);
    if (auto v = top.text("name", true)) rb.name = *v;
    if (auto v = top.text("effective", true)) {
      auto ym = YearMonth::parse(*v);
      if (!ym)
        top.bad_value("effective", "字段“effective”的值“" + *v + "”无效，应为真实的年月 YYYY-MM");
      else if (*ym != file_month)
        top.bad_value("effective", "字段“effective”为 " + ym->str() + "，与文件名的月份 " + file_month.str() +
                                       " 不一致，两者应相同");
      else
        rb.effective = *ym;
    }
    p.metrics(top, rb);
    p.groups(top, rb);
    YAML::Node pen = top.node("penalty");
    if (pen.IsDefined() && !pen.IsNull() && expect_map(*file, pen, "字段“penalty”", local)) {
      MapReader pr(*file, pen, local);
      if (auto v = pr.number("points", false, 0)) rb.penalty.points = *v;
      if (auto v = pr.integer("months", false, 1, 1200)) rb.penalty.months = static_cast<int>(*v);
      pr.finish();
    }
    p.obligations(top, rb);
    top.finish();
    if (auto bytes = read_bytes(path)) {
      Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
      sha.update(bytes->data(), bytes->size());
      rb.sha256 = Poco::DigestEngine::digestToHex(sha.digest());
    }
  }
  bool broken = !file || local.has_errors();
  diags.append(local);
  if (broken) return std::nullopt;
  return rb;
}

std::optional<std::vector<model::Rulebook>> load_rulebooks(const fs::path& root, const std::string& shown_root,
                                                           Diagnostics& diags) {
  std::string shown_rules = shown_path(shown_root, "rules");
  EntryType t = entry_type(root / "rules");
  if (t != EntryType::directory) {
    if (t == EntryType::symlink || t == EntryType::special)
      diags.error({shown_rules, 1, 1}, "unsafe-path", "rules 是符号链接或特殊文件，出于安全考虑不会读取，应为真实文件夹");
    else
      diags.error({shown_rules, 1, 1}, "missing-field", "缺少规则文件夹 rules/，至少需要一个规则文件 rules/<YYYY-MM>.yaml");
    return std::nullopt;
  }
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root / "rules", ec)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  static const std::regex month_like(R"(^\d{4}-\d+\.yaml$)");
  std::vector<model::Rulebook> books;
  bool broken = false;
  for (auto& name : names) {
    std::string rel = "rules/" + name;
    std::string shown = shown_path(shown_root, rel);
    fs::path p = root / "rules" / name;
    EntryType et = entry_type(p);
    if (et == EntryType::symlink || et == EntryType::special) {
      diags.error({shown, 1, 1}, "unsafe-path", "规则文件夹中的符号链接或特殊文件不会被读取，请放入真实文件");
      broken = true;
      continue;
    }
    if (!std::regex_match(name, month_like)) {
      diags.warning({shown, 1, 1}, "unknown-field", "规则文件夹中的“" + name + "”不是 <YYYY-MM>.yaml 规则文件，已忽略");
      continue;
    }
    auto ym = YearMonth::parse(name.substr(0, name.size() - 5));
    if (!ym) {
      diags.error({shown, 1, 1}, "bad-month", "规则文件名“" + name + "”不是真实的年月，应为 <YYYY-MM>.yaml，如 2022-01.yaml");
      broken = true;
      continue;
    }
    if (et != EntryType::regular) {
      diags.warning({shown, 1, 1}, "unknown-field", "规则文件夹中的“" + name + "”不是文件，已忽略");
      continue;
    }
    auto rb = load_rulebook(p, rel, shown, *ym, diags);
    if (rb)
      books.push_back(std::move(*rb));
    else
      broken = true;
  }
  if (!broken && books.empty()) {
    diags.error({shown_rules, 1, 1}, "missing-field", "规则文件夹 rules/ 中没有规则文件，至少需要一个 rules/<YYYY-MM>.yaml");
    broken = true;
  }
  if (broken) return std::nullopt;
  std::sort(books.begin(), books.end(), [](auto& a, auto& b) { return a.effective < b.effective; });
  return books;
}

}  // namespace creditgen::load
