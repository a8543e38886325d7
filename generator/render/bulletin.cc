#include "render/bulletin.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/number.h"
#include "base/text.h"
#include "render/docx_package.h"
#include "render/view_common.h"

namespace creditgen::render {

using namespace detail;

namespace {

// The package's parts: name in the .docx → template. [Content_Types].xml
// first, as Word writes it and format identification expects.
const std::pair<const char*, const char*> kParts[] = {
    {"[Content_Types].xml", "bulletin/content-types.xml"},
    {"_rels/.rels", "bulletin/package-rels.xml"},
    {"word/document.xml", "bulletin/document.xml"},
    {"word/_rels/document.xml.rels", "bulletin/document-rels.xml"},
    {"word/styles.xml", "bulletin/styles.xml"},
    {"word/settings.xml", "bulletin/settings.xml"},
    {"word/fontTable.xml", "bulletin/font-table.xml"},
    {"word/footer1.xml", "bulletin/footer.xml"},
    {"docProps/core.xml", "bulletin/core.xml"},
    {"docProps/app.xml", "bulletin/app.xml"},
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

// 主送 when site.yaml does not say: the kinds of unit monitored, in the usual order.
std::string default_recipients(const SiteInput& in, YearMonth m) {
  bool subdistrict = false, town = false, department = false, platform = false, dual = false;
  std::vector<std::string> zones;
  for (const auto& u : in.content.units) {
    if (!u.active_in(m)) continue;
    switch (u.type) {
      case model::UnitType::subdistrict: subdistrict = true; break;
      case model::UnitType::town: town = true; break;
      case model::UnitType::department: department = true; break;
      case model::UnitType::zone: zones.push_back(u.name); break;
      case model::UnitType::platform: platform = true; break;
      case model::UnitType::dual: dual = true; break;
    }
  }
  std::vector<std::string> parts;
  if (subdistrict && town) parts.push_back("各街道办事处、乡镇");
  else if (subdistrict) parts.push_back("各街道办事处");
  else if (town) parts.push_back("各乡镇");
  if (department) parts.push_back("区直各部门");
  for (const auto& z : zones) parts.push_back(z);
  if (platform) parts.push_back("各区属平台公司");
  if (dual) parts.push_back("各双管单位");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "，") + p;
  return out;
}

mu::data paragraph(const std::string& text) {
  mu::data p;
  p.set("text", text);
  return p;
}

std::string names_with_scores(const SiteInput& in, const std::vector<const score::UnitScore*>& units) {
  std::string out;
  for (const auto* u : units) out += (out.empty() ? "" : "、") + unit_name(in, u->unit) + "（" + score_text(u->score) + " 分）";
  return out;
}

}  // namespace

std::string render_bulletin(const SiteInput& in, const MonthView& mv, PageRenderer& renderer) {
  if (!mv.scores || !mv.scores->rulebook || !mv.analysis) return "";
  const YearMonth m = mv.month->month;
  const score::MonthScores& ms = *mv.scores;
  const analyze::MonthAnalysis& a = *mv.analysis;
  const model::Site& site = in.content.site;
  mu::data d;
  const std::string issuer = site.bulletin.issuer.empty() ? site.organization() : site.bulletin.issuer;
  d.set("issuer", issuer);
  // The 发文机关标志 on one line: at most 30 pt, smaller for a long name (156 mm is about 440 pt).
  const size_t issuer_chars = std::max<size_t>(1, to_code_points(issuer).size());
  d.set("issuer_size", std::to_string(2 * std::min<size_t>(30, 430 / issuer_chars)));
  d.set("number", site.bulletin.number.empty()
                      ? std::string("〔　　〕　号")
                      : replace_all(replace_all(site.bulletin.number, "{year}", std::to_string(m.year)), "{month}",
                                    std::to_string(m.month)));
  d.set("title", "关于" + month_label(m) + "全区信用状况监测情况的通报");
  // Two lines, broken where the sense allows (GB/T 9704: a long title in lines of sense).
  d.set("title_first", "关于" + month_label(m) + "全区信用状况");
  d.set("title_second", std::string("监测情况的通报"));
  d.set("month_label", month_label(m));
  d.set("district", site.district);
  d.set("recipients", site.bulletin.recipients.empty() ? default_recipients(in, m) : site.bulletin.recipients);
  if (mv.month->published) {
    d.set("date", date_label(*mv.month->published));
    d.set("created", mv.month->published->str() + "T00:00:00Z");
  } else {
    d.set("draft", true);
    d.set("date", std::string("　　年　月　日"));
  }
  d.set("monthly_day", std::to_string(site.deadlines.monthly_day));

  // 一、总体情况
  const size_t units = ms.units.size();
  size_t submitted = 0;
  double sum = 0;
  for (const auto& u : ms.units) {
    submitted += u.submitted ? 1 : 0;
    sum += u.score;
  }
  size_t accepted = 0, rejected = 0, items = 0;
  if (mv.reviewed)
    for (const auto& [key, st] : mv.reviewed->items) {
      if (!st.valid) continue;
      ++items;
      accepted += st.status == model::ReviewStatus::accepted ? 1 : 0;
      rejected += st.status == model::ReviewStatus::rejected ? 1 : 0;
    }
  std::string overview = month_label(m) + "，全区共有 " + std::to_string(units) + " 个单位纳入信用状况监测，" +
                         std::to_string(submitted) + " 个单位报送了材料，共报送各类材料 " + std::to_string(items) +
                         " 条，经审核采纳 " + std::to_string(accepted) + " 条、退回 " + std::to_string(rejected) + " 条。";
  if (units) {
    overview += "全区平均得分 " + score_text(sum / static_cast<double>(units)) + " 分";
    if (mv.previous && !mv.previous->units.empty()) {
      double before = 0;
      for (const auto& u : mv.previous->units) before += u.score;
      overview += "（上月 " + score_text(before / static_cast<double>(mv.previous->units.size())) + " 分）";
    }
    overview += "，最高 " + score_text(ms.units.front().score) + " 分，最低 " + score_text(ms.units.back().score) + " 分。";
  }
  d.set("overview", list({paragraph(overview)}));

  // 二、排名情况
  std::vector<mu::data> ranking;
  std::vector<const score::UnitScore*> top, bottom, not_submitted;
  for (const auto& u : ms.units) {
    if (u.rank <= 3) top.push_back(&u);
    if (units > 3 && u.rank > static_cast<int>(units) - 3) bottom.push_back(&u);
    if (!u.submitted) not_submitted.push_back(&u);
  }
  if (!top.empty()) ranking.push_back(paragraph("综合排名前三位的是：" + names_with_scores(in, top) + "。"));
  if (!bottom.empty()) ranking.push_back(paragraph("综合排名后三位的是：" + names_with_scores(in, bottom) + "。"));
  std::string kinds;
  for (const auto& t : a.type_rankings) {
    if (t.units.size() < 2) continue;
    kinds += (kinds.empty() ? "" : "；") + t.label + "中，第一名为" + unit_name(in, t.units.front().unit) + "，最后一名为" +
             unit_name(in, t.units.back().unit);
  }
  if (!kinds.empty()) ranking.push_back(paragraph("分类看，" + kinds + "。"));
  if (mv.previous) {
    std::vector<std::pair<int, std::string>> rose, fell;
    for (const auto& u : ms.units)
      if (const score::UnitScore* p = mv.previous->unit(u.unit)) {
        const int up = p->rank - u.rank;
        if (up >= 3) rose.push_back({up, unit_name(in, u.unit) + "（上升 " + std::to_string(up) + " 位）"});
        if (up <= -3) fell.push_back({-up, unit_name(in, u.unit) + "（下降 " + std::to_string(-up) + " 位）"});
      }
    auto joined = [](std::vector<std::pair<int, std::string>> v) {
      std::stable_sort(v.begin(), v.end(), [](auto& x, auto& y) { return x.first > y.first; });
      std::string out;
      for (const auto& [n, text] : v) out += (out.empty() ? "" : "、") + text;
      return out;
    };
    if (!rose.empty()) ranking.push_back(paragraph("与上月相比，排名上升较快的有：" + joined(rose) + "。"));
    if (!fell.empty()) ranking.push_back(paragraph("排名下降较多的有：" + joined(fell) + "。"));
  }
  if (!not_submitted.empty()) {
    std::string names;
    for (const auto* u : not_submitted) names += (names.empty() ? "" : "、") + unit_name(in, u->unit);
    ranking.push_back(paragraph("本月未报送任何材料的单位：" + names + "。"));
  }
  ranking.push_back(paragraph("各单位得分和排名见附件1，各项评分细则得分见附件2。"));
  d.set("ranking", list(std::move(ranking)));

  // 三、预警情况
  std::vector<mu::data> warnings;
  if (a.warnings.empty()) {
    warnings.push_back(paragraph("本月没有单位触发预警。"));
  } else {
    std::vector<std::string> order;
    std::map<std::string, std::string> text;
    for (const auto& w : a.warnings) {
      if (!text.count(w.unit)) order.push_back(w.unit);
      const model::WarningRule& rule = a.rules[w.rule];
      std::string& t = text[w.unit];
      t += (t.empty() ? "" : "；") + analyze::describe(rule) + "（" + w.detail +
           (w.months > 1 ? "，自" + month_label(w.since) + "起连续 " + std::to_string(w.months) + " 个月" : "") + "），" +
           rule.consequence;
    }
    warnings.push_back(paragraph("按照预警规则，本月共有 " + std::to_string(order.size()) + " 个单位触发预警："));
    for (size_t i = 0; i < order.size(); ++i)
      warnings.push_back(paragraph(std::to_string(i + 1) + ". " + unit_name(in, order[i]) + "：" + text[order[i]] + "。"));
  }
  d.set("warnings", list(std::move(warnings)));

  // 四、存在问题
  std::vector<mu::data> problems;
  std::string lost = "本月全区各单位合计失分 " + points_text(a.lost) + " 分";
  if (a.lost_previous) lost += "（上月 " + points_text(*a.lost_previous) + " 分）";
  problems.push_back(paragraph(lost + "。失分较多的评分细则是："));
  for (size_t i = 0; i < a.shortfalls.size() && i < 5; ++i) {
    const auto& s = a.shortfalls[i];
    std::string worst;
    for (const auto& w : s.worst) worst += (worst.empty() ? "" : "、") + unit_name(in, w.unit);
    problems.push_back(paragraph(std::to_string(i + 1) + ". " + s.row_id + " " + s.name + "：失分 " + points_text(s.lost) +
                                 " 分（应得 " + points_text(s.possible) + " 分）" +
                                 (worst.empty() ? "" : "，失分最多的有" + worst) + "。"));
  }
  size_t unmet = 0, overdue = 0, missing = 0;
  std::set<std::string> unmet_units;
  for (const auto& u : ms.units) {
    for (const auto& ob : u.obligations)
      if (ob.status != score::ObligationStatus::met) {
        ++unmet;
        overdue += ob.status == score::ObligationStatus::overdue ? 1 : 0;
        unmet_units.insert(u.unit);
      }
    for (const auto& r : u.rows) missing += r.flag == score::Flag::missing ? 1 : 0;
  }
  if (unmet)
    problems.push_back(paragraph("报送任务方面，" + std::to_string(unmet_units.size()) + " 个单位共有 " + std::to_string(unmet) +
                                 " 项报送任务未完成，其中已逾期 " + std::to_string(overdue) + " 项。"));
  if (missing) problems.push_back(paragraph("数据报送方面，共有 " + std::to_string(missing) + " 项指标数据缺报。"));
  if (rejected) problems.push_back(paragraph("材料质量方面，本月退回材料 " + std::to_string(rejected) + " 条，请相关单位按退回原因修改后重新报送。"));
  d.set("problems", list(std::move(problems)));
  std::string weakest;
  for (size_t i = 0; i < a.shortfalls.size() && i < 3; ++i) weakest += (weakest.empty() ? "" : "、") + a.shortfalls[i].row_id;
  d.set("weakest_rows", weakest.empty() ? std::string("各项评分细则") : "评分细则 " + weakest + " 等失分较多的项目");

  // 附件1: the ranking; 附件2: the unit × row points (landscape).
  std::vector<mu::data> rows;
  for (const auto& u : ms.units) {
    mu::data r;
    r.set("rank", std::to_string(u.rank));
    r.set("name", unit_name(in, u.unit));
    r.set("type", std::string(unit_type(in, u.unit)));
    r.set("score", score_text(u.score));
    const analyze::TypeRankEntry* t = a.type_rank_of(u.unit);
    r.set("kind_rank", t ? std::to_string(t->rank) : "");
    const score::UnitScore* p = mv.previous ? mv.previous->unit(u.unit) : nullptr;
    const int up = p ? p->rank - u.rank : 0;
    r.set("change", !p ? "—" : up > 0 ? "↑" + std::to_string(up) : up < 0 ? "↓" + std::to_string(-up) : "—");
    r.set("note", std::string(u.submitted ? "" : "未报送"));
    rows.push_back(std::move(r));
  }
  d.set("annex_ranking", list(std::move(rows)));
  std::vector<mu::data> headers, points;
  std::string legend;
  const auto refs = ms.rulebook->rows();
  for (const auto& ref : refs) {
    mu::data h;
    h.set("id", ref.row->id);
    headers.push_back(std::move(h));
    legend += (legend.empty() ? "" : "；") + ref.row->id + " " + model::Rulebook::row_name(ref) + "（" +
              points_text(ref.row->points) + " 分）";
  }
  for (const auto& u : ms.units) {
    mu::data r;
    r.set("name", unit_name(in, u.unit));
    std::vector<mu::data> cells;
    for (const auto& ref : refs) {
      const score::RowScore* rs = u.row(ref.row->id);
      cells.push_back(paragraph(rs ? points_text(rs->points) + (rs->flag == score::Flag::missing ? "*" : "") : ""));
    }
    r.set("cells", list(std::move(cells)));
    r.set("score", score_text(u.score));
    points.push_back(std::move(r));
  }
  d.set("annex_headers", list(std::move(headers)));
  d.set("annex_points", list(std::move(points)));
  d.set("annex_legend", legend + "。");
  // Table grid: the unit column, then equal columns for the rows and the total (landscape A4, 247 mm).
  const int width = 14000, unit_col = 2600;
  const int col = (width - unit_col) / static_cast<int>(refs.size() + 1);
  std::vector<mu::data> grid;
  for (size_t i = 0; i <= refs.size(); ++i) grid.push_back(paragraph(std::to_string(col)));
  d.set("annex_grid", list(std::move(grid)));
  d.set("annex_unit_col", std::to_string(unit_col));

  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& [name, part] : kParts) parts.emplace_back(name, renderer.render_part(part, d));
  return docx_package(parts);
}

}  // namespace creditgen::render
