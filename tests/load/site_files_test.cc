// site.yaml, units.yaml and calendar.yaml.
#include <boost/test/unit_test.hpp>

#include "load/core_tree.h"
#include "load/load.h"
#include "load/site_files.h"

using namespace creditgen;
using creditgen::testing::dump;
using creditgen::testing::TempTree;
using creditgen::testing::with_code;

namespace {

void expect_one(const Diagnostics& d, const std::string& code, const std::string& file, int line, int column,
                Severity sev = Severity::error) {
  auto v = with_code(d, code);
  BOOST_TEST_REQUIRE(v.size() == 1u, dump(d));
  BOOST_TEST(v[0].where.file == file);
  BOOST_TEST(v[0].where.line == line);
  BOOST_TEST(v[0].where.column == column);
  BOOST_TEST(v[0].severity == sev);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(site_files)

BOOST_AUTO_TEST_CASE(site_yaml_all_fields) {
  TempTree t;
  t.write("site.yaml",
          "title: 历城区信用状况监测月报\n"
          "district: 历城区\n"
          "slug: jinan-licheng\n"
          "office: 历城区社会信用体系建设工作领导小组办公室\n"
          "address: 济南市历城区\n"
          "contact: 区信用办综合科\n"
          "utc_offset: \"+09:30\"\n"
          "deadlines:\n"
          "  monthly_day: 25\n"
          "  news_hours: 24\n"
          "  campaign_hours: 72\n"
          "late_items: exclude\n"
          "max_attachment_mb: 20\n"
          "sensitive_words: [黑名单, 联合惩戒]\n");
  Diagnostics d;
  auto s = load::load_site(t.root(), "content", d);
  BOOST_TEST_REQUIRE(s.has_value(), dump(d));
  BOOST_TEST(d.empty(), dump(d));
  BOOST_TEST(s->title == "历城区信用状况监测月报");
  BOOST_TEST(s->slug == "jinan-licheng");
  BOOST_TEST(s->organization() == "历城区社会信用体系建设工作领导小组办公室");
  BOOST_TEST(s->address == "济南市历城区");
  BOOST_TEST(s->contact == "区信用办综合科");
  BOOST_TEST(s->utc_offset == "+09:30");
  BOOST_TEST(s->utc_offset_minutes == 570);
  BOOST_TEST(s->deadlines.monthly_day == 25);
  BOOST_TEST(s->deadlines.news_hours == 24);
  BOOST_TEST(s->deadlines.campaign_hours == 72);
  BOOST_TEST((s->late_items == model::LateItems::exclude));
  BOOST_TEST(s->max_attachment_mb == 20);
  BOOST_TEST(s->sensitive_words == (std::vector<std::string>{"黑名单", "联合惩戒"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(site_yaml_defaults) {
  TempTree t;
  t.write("site.yaml", "title: 标题\ndistrict: 测试区\nslug: t1\n");
  Diagnostics d;
  auto s = load::load_site(t.root(), "content", d);
  BOOST_TEST_REQUIRE(s.has_value(), dump(d));
  BOOST_TEST(s->utc_offset == "+08:00");
  BOOST_TEST(s->utc_offset_minutes == 480);
  BOOST_TEST(s->deadlines.monthly_day == 30);
  BOOST_TEST(s->deadlines.news_hours == 48);
  BOOST_TEST(s->deadlines.campaign_hours == 48);
  BOOST_TEST((s->late_items == model::LateItems::count));
  BOOST_TEST(s->max_attachment_mb == 50);
  BOOST_TEST(s->sensitive_words.empty());
  BOOST_TEST(s->organization() == "测试区");
}

BOOST_AUTO_TEST_CASE(site_yaml_missing_required_field) {
  TempTree t;
  t.write("site.yaml", "title: 标题\nslug: t1\n");
  Diagnostics d;
  BOOST_TEST(!load::load_site(t.root(), "content", d).has_value());
  expect_one(d, "missing-field", "content/site.yaml", 1, 1);
  BOOST_TEST(with_code(d, "missing-field")[0].message.find("district") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(site_yaml_bad_values) {
  TempTree t;
  t.write("site.yaml", "title: 标题\ndistrict: 区\nslug: t1\nutc_offset: 北京时间\n");
  Diagnostics d;
  BOOST_TEST(!load::load_site(t.root(), "content", d).has_value());
  expect_one(d, "bad-value", "content/site.yaml", 4, 13);

  t.write("site.yaml", "title: 标题\ndistrict: 区\nslug: t1\nlate_items: drop\ndeadlines: {monthly_day: 40}\n");
  Diagnostics d2;
  BOOST_TEST(!load::load_site(t.root(), "content", d2).has_value());
  std::vector<Diagnostic> bad;
  for (auto& x : d2.sorted())
    if (x.code == "bad-value") bad.push_back(x);
  BOOST_TEST_REQUIRE(bad.size() == 2u, dump(d2));
  BOOST_TEST(bad[0].where.line == 4);
  BOOST_TEST(bad[0].where.column == 13);
  BOOST_TEST(bad[1].where.line == 5);
  BOOST_TEST(bad[1].where.column == 26);
}

// 预警 rules and the 通报's settings: defaults, a list of one-condition
// rules, `[]` for none, and a rule naming zero or two conditions refused.
BOOST_AUTO_TEST_CASE(site_yaml_warning_rules_and_bulletin) {
  TempTree t;
  const std::string head = "title: 标题\ndistrict: 区\nslug: t1\n";
  t.write("site.yaml", head);
  Diagnostics d;
  auto s = load::load_site(t.root(), "content", d);
  BOOST_TEST_REQUIRE(s.has_value(), dump(d));
  BOOST_TEST(s->warning_rules.size() == model::default_warning_rules().size());
  BOOST_TEST(s->bulletin.number.empty());

  t.write("site.yaml", head +
                           "warnings:\n  - {below: 45.5, consequence: 约谈}\n  - not_submitted: 2\n    consequence: 通报\n"
                           "bulletin:\n  issuer: 区信用办\n  number: 信用办〔{year}〕{month}号\n  recipients: 各单位\n");
  Diagnostics d2;
  s = load::load_site(t.root(), "content", d2);
  BOOST_TEST_REQUIRE(s.has_value(), dump(d2));
  BOOST_TEST(d2.empty(), dump(d2));
  BOOST_TEST_REQUIRE(s->warning_rules.size() == 2u);
  BOOST_TEST((s->warning_rules[0].condition == model::WarningCondition::below));
  BOOST_TEST(s->warning_rules[0].threshold == 45.5);
  BOOST_TEST(s->warning_rules[1].consequence == "通报");
  BOOST_TEST(s->bulletin.issuer == "区信用办");
  BOOST_TEST(s->bulletin.number == "信用办〔{year}〕{month}号");
  BOOST_TEST(s->bulletin.recipients == "各单位");

  t.write("site.yaml", head + "warnings: []\n");
  Diagnostics d3;
  s = load::load_site(t.root(), "content", d3);
  BOOST_TEST_REQUIRE(s.has_value(), dump(d3));
  BOOST_TEST(s->warning_rules.empty());

  t.write("site.yaml", head + "warnings:\n  - {bottom: 3, fell: 2, consequence: 提醒}\n  - {consequence: 提醒}\n");
  Diagnostics d4;
  BOOST_TEST(!load::load_site(t.root(), "content", d4).has_value());
  auto bad = with_code(d4, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 2u, dump(d4));
  BOOST_TEST(bad[0].where.line == 5);
  BOOST_TEST(bad[0].where.column == 5);
  BOOST_TEST(bad[0].message.find("此处写了 2 个条件") != std::string::npos, bad[0].message);
  BOOST_TEST(bad[1].message.find("此处写了 0 个条件") != std::string::npos, bad[1].message);

  t.write("site.yaml", head + "warnings:\n  - {bottom: 0}\n");
  Diagnostics d5;
  BOOST_TEST(!load::load_site(t.root(), "content", d5).has_value());
  BOOST_TEST(with_code(d5, "bad-value").size() == 1u, dump(d5));     // 0 places
  BOOST_TEST(with_code(d5, "missing-field").size() == 1u, dump(d5));  // no consequence
}

BOOST_AUTO_TEST_CASE(site_yaml_unknown_field_is_only_a_warning) {
  TempTree t;
  t.write("site.yaml", "title: 标题\ndistrict: 区\nslug: t1\ncolour: red\n");
  Diagnostics d;
  BOOST_TEST(load::load_site(t.root(), "content", d).has_value());
  expect_one(d, "unknown-field", "content/site.yaml", 4, 1, Severity::warning);
}

BOOST_AUTO_TEST_CASE(site_yaml_syntax_error_and_missing_file) {
  TempTree t;
  t.write("site.yaml", "title: [标题\n");
  Diagnostics d;
  BOOST_TEST(!load::load_site(t.root(), "content", d).has_value());
  BOOST_TEST(with_code(d, "yaml-syntax").size() == 1u, dump(d));
  TempTree empty;
  Diagnostics d2;
  BOOST_TEST(!load::load_site(empty.root(), "content", d2).has_value());
  expect_one(d2, "missing-field", "content/site.yaml", 1, 1);
}

BOOST_AUTO_TEST_CASE(site_yaml_in_gbk_is_used_with_a_warning) {
  TempTree t;
  // "title: 区信用办\ndistrict: 区\nslug: t1\n" in GBK.
  t.write("site.yaml", "title: \xC7\xF8\xD0\xC5\xD3\xC3\xB0\xEC\ndistrict: \xC7\xF8\nslug: t1\n");
  Diagnostics d;
  auto s = load::load_site(t.root(), "content", d);
  BOOST_TEST_REQUIRE(s.has_value(), dump(d));
  BOOST_TEST(s->title == "区信用办");
  expect_one(d, "encoding", "content/site.yaml", 1, 1, Severity::warning);
}

BOOST_AUTO_TEST_CASE(units_yaml) {
  TempTree t;
  t.write("units.yaml",
          "units:\n"
          "  - id: lingang\n"
          "    name: 临港开发区\n"
          "    type: zone\n"
          "    tags: [sgs]\n"
          "    active_from: 2022-01\n"
          "    active_until: 2023-06\n"
          "  - id: hongjialou\n"
          "    name: 洪家楼街道\n"
          "    type: subdistrict\n"
          "  - id: mashan\n"
          "    name: 马山镇\n"
          "    type: town\n");
  Diagnostics d;
  auto u = load::load_units(t.root(), "content", d);
  BOOST_TEST_REQUIRE(u.has_value(), dump(d));
  BOOST_TEST_REQUIRE(u->size() == 3u);
  BOOST_TEST((u->at(2).type == model::UnitType::town));
  BOOST_TEST(std::string(model::unit_type_label(u->at(2).type)) == "乡镇");
  const auto& a = u->at(0);
  BOOST_TEST(a.id == "lingang");
  BOOST_TEST((a.type == model::UnitType::zone));
  BOOST_TEST(a.has_tag("sgs"));
  BOOST_TEST(a.where.line == 2);
  BOOST_TEST(a.where.column == 5);
  BOOST_TEST(a.active_from.value_or(YearMonth{}).str() == "2022-01");
  BOOST_TEST(!a.active_in({2021, 12}));
  BOOST_TEST(a.active_in({2023, 6}));
  BOOST_TEST(!a.active_in({2023, 7}));
  BOOST_TEST((u->at(1).type == model::UnitType::subdistrict));
  BOOST_TEST(u->at(1).active_in({2030, 1}));
}

BOOST_AUTO_TEST_CASE(units_yaml_errors_stop_the_run) {
  TempTree t;
  t.write("units.yaml",
          "units:\n"
          "  - id: lingang\n"
          "    name: 临港开发区\n"
          "    type: zone\n"
          "  - id: lingang\n"
          "    name: 临港开发区\n"
          "    type: county\n"
          "  - id: Bad_Id\n"
          "    name: 某局\n"
          "    type: department\n"
          "    active_from: 2022-13\n"
          "  - name: 无编号\n"
          "    type: dual\n");
  Diagnostics d;
  BOOST_TEST(!load::load_units(t.root(), "content", d).has_value());
  auto dup = with_code(d, "duplicate");
  BOOST_TEST_REQUIRE(dup.size() == 2u, dump(d));
  BOOST_TEST(dup[0].where.line == 5);  // the id
  BOOST_TEST(dup[0].where.column == 9);
  BOOST_TEST(dup[1].where.line == 6);  // the name
  BOOST_TEST(dup[1].where.column == 11);
  auto bad = with_code(d, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 3u, dump(d));
  BOOST_TEST(bad[0].where.line == 7);   // type county
  BOOST_TEST(bad[0].where.column == 11);
  BOOST_TEST(bad[0].message.find("zone、subdistrict、town、department、dual、platform") != std::string::npos, bad[0].message);
  BOOST_TEST(bad[1].where.line == 8);   // id Bad_Id
  BOOST_TEST(bad[2].where.line == 11);  // active_from 2022-13
  BOOST_TEST(bad[2].where.column == 18);
  auto missing = with_code(d, "missing-field");
  BOOST_TEST_REQUIRE(missing.size() == 1u, dump(d));
  BOOST_TEST(missing[0].where.line == 12);
  BOOST_TEST(missing[0].where.column == 5);
}

BOOST_AUTO_TEST_CASE(calendar_yaml) {
  TempTree t;
  t.write("calendar.yaml", "holidays: [2022-06-03, 2022-09-10, 2022-02-30]\nworkdays: [2022-05-07]\n");
  Diagnostics d;
  auto cal = load::load_calendar(t.root(), "content", d);
  BOOST_TEST(cal.holidays.size() == 2u);
  BOOST_TEST(cal.workdays.count(*Date::parse("2022-05-07")) == 1u);
  expect_one(d, "bad-value", "content/calendar.yaml", 1, 36);
  TempTree none;
  Diagnostics d2;
  auto empty = load::load_calendar(none.root(), "content", d2);
  BOOST_TEST(empty.holidays.empty());
  // No calendar at all: working days silently ignore holidays, so it is said.
  auto w = with_code(d2, "calendar");
  BOOST_TEST_REQUIRE(w.size() == 1u, dump(d2));
  BOOST_TEST((w[0].severity == Severity::warning));
  BOOST_TEST(w[0].where.file == "content/calendar.yaml");
  BOOST_TEST(w[0].message ==
             "没有 calendar.yaml：工作日只按周六、周日休息计算，法定节假日和调休上班日都不会考虑（影响异议处理用时等按工作日"
             "计的指标）。请按国务院办公厅公布的当年放假安排填写 holidays 和 workdays");
}

BOOST_AUTO_TEST_CASE(calendar_contradictions_and_coverage) {
  TempTree t;
  t.minimal();
  // 2022-05-07 is a Saturday (a make-up day); 2022-05-04 a Wednesday.
  t.write("calendar.yaml", "holidays: [2022-05-02, 2022-05-04]\nworkdays: [2022-05-07, 2022-05-04, 2022-05-10]\n");
  t.write("2023-01/lingang/news/a.md", "---\ntitle: 培训\ndate: 2023-01-05\nsubmitted: 2023-01-05 10:00\n---\n正文。\n");
  Diagnostics d;
  auto c = load::load_content(t.root(), "content", d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  auto w = with_code(d, "calendar");
  BOOST_TEST_REQUIRE(w.size() == 3u, dump(d));
  BOOST_TEST(w[0].where.line == 2);
  BOOST_TEST(w[0].where.column == 24);
  BOOST_TEST(w[0].message ==
             "日期 2022-05-04 同时列在 holidays 和 workdays 中：请核对放假安排，删去其中一处（现按上班日计算）");
  BOOST_TEST(w[2].where.line == 1);  // coverage: the whole file
  BOOST_TEST(w[2].where.column == 1);
  BOOST_TEST(w[2].message == "calendar.yaml 中没有 2023 年的节假日，而内容中有 2023 年的月份：这些月份按工作日计的用时不会扣除"
                             "法定节假日。请补充当年的放假安排");
  BOOST_TEST(w[1].where.column == 36);
  BOOST_TEST(w[1].message ==
             "调休上班日 2022-05-10 本来就是工作日（周一至周五）：workdays 只需列出需要上班的周六、周日，请核对是否录错");
}

BOOST_AUTO_TEST_CASE(slugs) {
  BOOST_TEST(load::is_slug("jinan-licheng"));
  BOOST_TEST(load::is_slug("a1"));
  BOOST_TEST(!load::is_slug(""));
  BOOST_TEST(!load::is_slug("Lingang"));
  BOOST_TEST(!load::is_slug("ling_gang"));
  BOOST_TEST(!load::is_slug("临港"));
}

// A unit name is on every page: one beyond the limit is refused, at its place.
BOOST_AUTO_TEST_CASE(a_unit_name_beyond_the_limit_is_refused) {
  TempTree t;
  std::string name;
  for (int i = 0; i < 61; ++i) name += "长";
  t.write("units.yaml", "units:\n  - id: lingang\n    name: " + name + "\n    type: zone\n");
  Diagnostics d;
  BOOST_TEST(!load::load_units(t.root(), "content", d).has_value());
  auto bad = with_code(d, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
  BOOST_TEST(bad[0].where.line == 3);
  BOOST_TEST(bad[0].where.column == 11);
  BOOST_TEST(bad[0].message == "单位名称有 61 个字，超过 60 个字的上限，请用单位的正式简称");
}

BOOST_AUTO_TEST_SUITE_END()
