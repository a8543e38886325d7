// load_content: the top-level walk, fatal files, months and rulebooks.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>

#include "load/core_tree.h"
#include "load/load.h"

using namespace creditgen;
using creditgen::testing::dump;
using creditgen::testing::TempTree;
using creditgen::testing::with_code;

BOOST_AUTO_TEST_SUITE(load_content_walk)

BOOST_AUTO_TEST_CASE(minimal_tree_loads_with_defaults) {
  TempTree t;
  t.minimal();
  t.write("calendar.yaml", "holidays: [2022-06-03]\nworkdays: [2022-05-07]\n");
  t.mkdir("2022-05");
  t.mkdir("2022-04");
  Diagnostics d;
  auto c = load::load_content(t.root(), "content", d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST(d.empty(), dump(d));
  BOOST_TEST(c->site.slug == "test-district");
  BOOST_TEST(c->site.utc_offset == "+08:00");
  BOOST_TEST(c->site.utc_offset_minutes == 480);
  BOOST_TEST(c->units.size() == 3u);
  BOOST_TEST(c->rulebooks.size() == 1u);
  BOOST_TEST(c->rulebooks[0].file == "rules/2022-01.yaml");
  BOOST_TEST_REQUIRE(c->months.size() == 2u);
  BOOST_TEST(c->months[0].month.str() == "2022-04");
  BOOST_TEST(c->months[1].dir == "content/2022-05");
  BOOST_TEST(c->months[1].scorable);
  BOOST_TEST(c->calendar.holidays.count(*Date::parse("2022-06-03")) == 1u);
  std::vector<std::string> expected = {"calendar.yaml", "site.yaml", "units.yaml"};
  BOOST_TEST(c->site_files == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_month_folders_and_unknown_folders) {
  TempTree t;
  t.minimal();
  t.mkdir("2022-13");
  t.mkdir("2022-5");
  t.mkdir("drafts");
  t.write("notes.txt", "x");
  Diagnostics d;
  auto c = load::load_content(t.root(), "content", d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST(c->months.empty());
  auto bad = with_code(d, "bad-month");
  BOOST_TEST_REQUIRE(bad.size() == 2u, dump(d));
  BOOST_TEST(bad[0].where.file == "content/2022-13");
  BOOST_TEST(bad[0].where.line == 1);
  BOOST_TEST(bad[0].where.column == 1);
  BOOST_TEST((bad[0].severity == Severity::error));
  BOOST_TEST(bad[1].where.file == "content/2022-5");
  auto unknown = with_code(d, "unknown-field");
  BOOST_TEST_REQUIRE(unknown.size() == 2u, dump(d));
  BOOST_TEST(unknown[0].where.file == "content/drafts");
  BOOST_TEST((unknown[0].severity == Severity::warning));
  BOOST_TEST(unknown[1].where.file == "content/notes.txt");
}

BOOST_AUTO_TEST_CASE(month_older_than_every_rulebook_is_not_scorable) {
  TempTree t;
  t.minimal();
  t.mkdir("2021-12");
  t.mkdir("2022-01");
  Diagnostics d;
  auto c = load::load_content(t.root(), "content", d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST_REQUIRE(c->months.size() == 2u);
  BOOST_TEST(!c->months[0].scorable);
  BOOST_TEST(c->months[1].scorable);
  auto bad = with_code(d, "bad-month");
  BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
  BOOST_TEST(bad[0].where.file == "content/2021-12");
  BOOST_TEST(bad[0].where.line == 1);
}

BOOST_AUTO_TEST_CASE(top_level_symlink_is_unsafe_and_left_out) {
  TempTree t;
  t.minimal();
  t.mkdir("elsewhere/2022-05");
  std::filesystem::create_directory_symlink(t.path("elsewhere/2022-05"), t.path("2022-05"));
  Diagnostics d;
  auto c = load::load_content(t.root(), "content", d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST(c->months.empty());
  auto u = with_code(d, "unsafe-path");
  BOOST_TEST_REQUIRE(u.size() == 1u, dump(d));
  BOOST_TEST(u[0].where.file == "content/2022-05");
  BOOST_TEST((u[0].severity == Severity::error));
}

BOOST_AUTO_TEST_CASE(content_root_may_be_a_link_or_missing) {
  TempTree t;
  t.mkdir("real");
  t.write("real/site.yaml", "title: 标题\ndistrict: 区\nslug: t1\n");
  t.write("real/units.yaml", "units:\n  - id: a\n    name: 甲\n    type: zone\n");
  t.write("real/rules/2022-01.yaml", TempTree::minimal_rulebook());
  std::filesystem::create_directory_symlink(t.path("real"), t.path("link"));
  Diagnostics d;
  BOOST_TEST(load::load_content(t.path("link"), "link", d).has_value(), dump(d));
  Diagnostics d2;
  BOOST_TEST(!load::load_content(t.path("nowhere"), "nowhere", d2).has_value());
  auto m = with_code(d2, "missing-field");
  BOOST_TEST_REQUIRE(m.size() == 1u, dump(d2));
  BOOST_TEST(m[0].where.file == "nowhere");
}

BOOST_AUTO_TEST_CASE(broken_site_yaml_stops_the_run) {
  TempTree t;
  t.minimal();
  t.write("site.yaml", "title: 测试\ndistrict: 测试区\nslug: Test_District\n");
  Diagnostics d;
  BOOST_TEST(!load::load_content(t.root(), "content", d).has_value());
  auto bad = with_code(d, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
  BOOST_TEST(bad[0].where.file == "content/site.yaml");
  BOOST_TEST(bad[0].where.line == 3);
  BOOST_TEST(bad[0].where.column == 7);
}

BOOST_AUTO_TEST_CASE(missing_units_yaml_and_broken_rulebook_reported_together) {
  TempTree t;
  t.minimal();
  std::filesystem::remove(t.path("units.yaml"));
  t.write("rules/2022-01.yaml", TempTree::minimal_rulebook("2022-02"));
  Diagnostics d;
  BOOST_TEST(!load::load_content(t.root(), "content", d).has_value());
  auto missing = with_code(d, "missing-field");
  BOOST_TEST_REQUIRE(missing.size() == 1u, dump(d));
  BOOST_TEST(missing[0].where.file == "content/units.yaml");
  auto bad = with_code(d, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
  BOOST_TEST(bad[0].where.file == "content/rules/2022-01.yaml");
  BOOST_TEST(bad[0].where.line == 2);
  BOOST_TEST(bad[0].where.column == 12);
}

BOOST_AUTO_TEST_CASE(no_rulebook_stops_the_run) {
  TempTree t;
  t.minimal();
  std::filesystem::remove_all(t.path("rules"));
  Diagnostics d;
  BOOST_TEST(!load::load_content(t.root(), "content", d).has_value());
  auto missing = with_code(d, "missing-field");
  BOOST_TEST_REQUIRE(missing.size() == 1u, dump(d));
  BOOST_TEST(missing[0].where.file == "content/rules");
}

BOOST_AUTO_TEST_CASE(cli_minimal_fixture_loads) {
  Diagnostics d;
  auto c = load::load_content(std::string(CREDITGEN_FIXTURES) + "/cli/minimal", "content", d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST(!d.has_errors(), dump(d));
  BOOST_TEST_REQUIRE(c->months.size() == 1u);
  const auto& m = c->months[0];
  BOOST_TEST(m.review.present);
  BOOST_TEST(m.review.decisions.size() == 3u);
  BOOST_TEST_REQUIRE(m.figure("shenpiju", "sgs_compliance_rate") != nullptr);
  BOOST_TEST(m.figure("shenpiju", "sgs_compliance_rate")->value == 0.98);
  BOOST_TEST(m.units.count("lingang") == 1u);
  BOOST_TEST(m.units.count("shenpiju") == 1u);
  BOOST_TEST(m.files.size() == 5u);
  // Sorted by path bytes: "files/" before "news/".
  BOOST_TEST(m.files[0].path == "lingang/files/培训现场.png");
  BOOST_TEST(m.files[1].path == "lingang/news/2022-05-06-peixun.md");
}

BOOST_AUTO_TEST_CASE(core_district_fixture) {
  Diagnostics d;
  auto c = load::load_content(std::string(CREDITGEN_FIXTURES) + "/load/core-district", "content", d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  // The only problem: 2021-12 is older than every rulebook.
  auto all = d.sorted();
  BOOST_TEST_REQUIRE(all.size() == 1u, dump(d));
  BOOST_TEST(all[0].code == "bad-month");
  BOOST_TEST(all[0].where.file == "content/2021-12");
  BOOST_TEST(all[0].severity == Severity::error);

  BOOST_TEST(c->site.deadlines.monthly_day == 10);
  BOOST_TEST(c->site.deadlines.news_hours == 48);
  BOOST_TEST((c->site.late_items == model::LateItems::exclude));
  BOOST_TEST(c->site.contact == "区信用办综合科");
  BOOST_TEST(c->units.size() == 4u);
  BOOST_TEST(!c->unit("chengtou")->active_in({2022, 6}));
  BOOST_TEST(c->calendar.working_days_between(*DateTime::parse("2022-04-29 09:00"),
                                              *DateTime::parse("2022-05-07 09:00")) == 3);  // 5-5, 5-6 and the make-up 5-7
  BOOST_TEST_REQUIRE(c->months.size() == 3u);
  BOOST_TEST(!c->months[0].scorable);
  BOOST_TEST(c->rulebook_for({2022, 5})->total_points() == 100.0);

  const auto& may = c->months[1];
  BOOST_TEST(may.scorable);
  // Published by its record (publications/2022-05.yaml), at its first date.
  BOOST_TEST(may.published.value_or(Date{}).str() == "2022-06-05");
  BOOST_TEST(!c->months[2].published.has_value());
  const model::Publication* record = c->publication({2022, 5});
  BOOST_TEST_REQUIRE(record != nullptr);
  BOOST_TEST_REQUIRE(record->versions.size() == 2u);
  BOOST_TEST(record->file == "content/publications/2022-05.yaml");
  BOOST_TEST(record->newest().bundle == "2022-05.r2.zip");
  BOOST_TEST(record->newest().by == "张三 \"科长\"");
  BOOST_TEST(record->newest().reason == "补录：漏报的信用动态");
  BOOST_TEST(record->newest().date.str() == "2022-07-01");
  BOOST_TEST_REQUIRE(may.review.decisions.count("shenpiju/policies.yaml#历城行审发〔2022〕2号") == 1u);
  BOOST_TEST(may.review.decisions.at("shenpiju/policies.yaml#历城行审发〔2022〕2号").reason == "文件未正式印发");
  BOOST_TEST_REQUIRE(may.penalties.size() == 2u);
  BOOST_TEST(may.penalties[1].points.value_or(0) == 10.0);
  BOOST_TEST(may.figure("lingang", "sgs_timeliness_rate")->value == 0.97);
  BOOST_TEST(may.figure("lingang", "xyd_credit_amount")->value == 5200.25);
  BOOST_TEST(!may.figure("lingang", "xyd_credit_amount")->from_platform);
  BOOST_TEST(may.figure("lingang", "arrears_unfinished")->value == 0.0);
  BOOST_TEST(may.figure("hongjialou", "xyd_credit_amount")->value == 3500.5);
  BOOST_TEST(may.figure("shenpiju", "sgs_third_party_rank")->value == 2.0);
  BOOST_TEST_REQUIRE(may.unit("lingang") != nullptr);
  BOOST_TEST_REQUIRE(may.unit("lingang")->news.size() == 1u);
  BOOST_TEST(may.unit("lingang")->news[0].valid);
  BOOST_TEST_REQUIRE(may.unit("shenpiju")->policies.size() == 1u);
  BOOST_TEST(may.files.size() == 6u);

  const auto& june = c->months[2];
  BOOST_TEST(!june.review.present);
  BOOST_TEST(june.figure("hongjialou", "village_cases")->value == 1.0);
  BOOST_TEST(june.units.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
