#include "load/rulebook.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "base/number.h"
#include "base/text.h"
#include "load/month.h"
#include "load/rulebook_measure.h"
#include "load/site_files.h"
#include "load/source_file.h"
#include "load/yaml_fields.h"

namespace creditgen::load {

namespace fs = std::filesystem;
using model::MeasureKind;

namespace {

class RulebookParser {
 public:
  RulebookParser(const YamlFile& file, Diagnostics& diags, const std::vector<model::Unit>* units)
      : file_(file), diags_(diags), units_(units) {}

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
          ar.bad_value("types", "单位类型“" + t + "”无效，应为 " + model::unit_type_ids_text() + " 之一");
      }
    }
    if (auto tags = ar.text_list("tags", false)) a.tags = *tags;
    YAML::Node unit_nodes = ar.node("units");
    if (auto units = ar.text_list("units", false)) {
      a.units = *units;
      // A misspelt id would silently drop a unit from the indicator.
      std::vector<YAML::Node> items;
      if (unit_nodes.IsSequence())
        for (const auto& x : unit_nodes) items.push_back(x);
      else
        items.push_back(unit_nodes);
      for (size_t i = 0; units_ && i < items.size() && i < units->size(); ++i) {
        const std::string& id = (*units)[i];
        if (std::none_of(units_->begin(), units_->end(), [&](auto& u) { return u.id == id; }))
          diags_.error(file_.at(items[i]), "unknown-unit",
                       "单位 id“" + id + "”不在 units.yaml 中" + unit_suggestion(id, *units_));
      }
    }
    ar.finish();
    return a;
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
    else if (auto m = parse_measure(file_, mn, rb, diags_))
      row.measure = *m;
    YAML::Node me = r.node("method");
    if (!me.IsDefined() || me.IsNull())
      r.missing("method（计分方法）");
    else if (auto m = parse_method(file_, me, diags_))
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
      } else if (auto m = parse_measure(file_, r.node("measure"), rb, diags_)) {
        ob.measure = *m;
      }
      r.finish();
      rb.obligations.push_back(std::move(ob));
    }
  }

 private:
  const YamlFile& file_;
  Diagnostics& diags_;
  const std::vector<model::Unit>* units_;
};

}  // namespace

std::optional<model::Rulebook> load_rulebook(const fs::path& path, const std::string& rel, const std::string& shown,
                                             YearMonth file_month, Diagnostics& diags,
                                             const std::vector<model::Unit>* units, const SourceTree& tree) {
  Diagnostics local;
  model::Rulebook rb;
  rb.file = rel;
  auto file = read_yaml_file(path, shown, local, tree);
  if (file && (file->root().IsNull() || expect_map(*file, file->root(), "规则文件", local))) {
    MapReader top(*file, file->root(), local);
    RulebookParser p(*file, local, units);
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
    // Scores are 100 · earned ÷ applicable whatever the rows add up to, so a
    // table that does not total 100 still scores; it is almost always a
    // mistyped row (the seed's 附件2 totals 100).
    double total = 0;
    for (const auto& g : rb.groups)
      for (const auto& ind : g.indicators)
        for (const auto& row : ind.rows) total += row.points;
    // `total` states another intended sum (a test table, a partial rulebook).
    const double expected = top.number("total", false, 0).value_or(100);
    if (!rb.groups.empty() && comparable(total) != comparable(expected))
      local.warning(top.at("groups"), "rulebook-total",
                    "各评分细则分值合计 " + format_rounded(total, 4) + " 分，不是 " + format_rounded(expected, 4) +
                        " 分。得分仍按“所得分 ÷ 适用分值 × 100”折算为百分制，但请核对各细则的 points 是否录错" +
                        (top.has("total") ? "" : "（合计本应不是 100 分时，请在规则文件中写明 total）"));
    YAML::Node pen = top.node("penalty");
    if (pen.IsDefined() && !pen.IsNull() && expect_map(*file, pen, "字段“penalty”", local)) {
      MapReader pr(*file, pen, local);
      if (auto v = pr.number("points", false, 0)) rb.penalty.points = *v;
      if (auto v = pr.integer("months", false, 1, 1200)) rb.penalty.months = static_cast<int>(*v);
      pr.finish();
    }
    p.obligations(top, rb);
    top.finish();
    if (auto bytes = tree.read(path)) {
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
                                                           Diagnostics& diags, const std::vector<model::Unit>* units,
                                                           const SourceTree& tree) {
  std::string shown_rules = shown_path(shown_root, "rules");
  EntryType t = tree.type(root / "rules");
  if (t != EntryType::directory) {
    if (t == EntryType::symlink || t == EntryType::special)
      diags.error({shown_rules, 1, 1}, "unsafe-path", "rules 是符号链接或特殊文件，出于安全考虑不会读取，应为真实文件夹");
    else
      diags.error({shown_rules, 1, 1}, "missing-field", "缺少规则文件夹 rules/，至少需要一个规则文件 rules/<YYYY-MM>.yaml");
    return std::nullopt;
  }
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : list_folder(tree, root / "rules", shown_rules, diags, ec)) names.push_back(e.name);
  std::sort(names.begin(), names.end());
  static const std::regex month_like(R"(^\d{4}-\d+\.yaml$)");
  std::vector<model::Rulebook> books;
  bool broken = false;
  for (auto& name : names) {
    std::string rel = "rules/" + name;
    std::string shown = shown_path(shown_root, rel);
    fs::path p = root / "rules" / name;
    EntryType et = tree.type(p);
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
    auto rb = load_rulebook(p, rel, shown, *ym, diags, units, tree);
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
