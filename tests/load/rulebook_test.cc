// Rulebook parsing (rules.md): every measure and method form, and each
// loading check stopping the run.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>

#include "load/core_tree.h"
#include "load/rulebook.h"

using namespace creditgen;
using creditgen::testing::dump;
using creditgen::testing::TempTree;
using creditgen::testing::with_code;
using model::MeasureKind;
using model::MethodKind;

namespace {

const std::string kFixture = std::string(CREDITGEN_FIXTURES) + "/load/core-rulebook";

std::optional<model::Rulebook> parse(const std::string& text, Diagnostics& d, const std::string& month = "2022-01") {
  TempTree t;
  std::string rel = "rules/" + month + ".yaml";
  t.write(rel, text);
  return load::load_rulebook(t.path(rel), rel, "content/" + rel, *YearMonth::parse(month), d);
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  BOOST_REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

// Asserts exactly one diagnostic with `code`, at `line`:`column`, and no rulebook.
void expect_fatal(const std::string& text, const std::string& code, int line, int column) {
  Diagnostics d;
  auto rb = parse(text, d);
  BOOST_TEST(!rb.has_value());
  auto found = with_code(d, code);
  BOOST_TEST_REQUIRE(found.size() == 1u, dump(d));
  BOOST_TEST(found[0].where.file == "content/rules/2022-01.yaml");
  BOOST_TEST(found[0].where.line == line);
  BOOST_TEST(found[0].where.column == column);
  BOOST_TEST(found[0].severity == Severity::error);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rulebook)

BOOST_AUTO_TEST_CASE(default_rulebook_parses_completely) {
  Diagnostics d;
  auto rb = load::load_rulebook(kFixture + "/rules/2022-01.yaml", "rules/2022-01.yaml",
                                "content/rules/2022-01.yaml", YearMonth{2022, 1}, d);
  BOOST_TEST_REQUIRE(rb.has_value(), dump(d));
  BOOST_TEST(d.empty(), dump(d));
  BOOST_TEST(rb->name == "济南市区县信用状况监测指标（第一版）");
  BOOST_TEST(rb->file == "rules/2022-01.yaml");
  // sha256sum tests/fixtures/load/core-rulebook/rules/2022-01.yaml
  BOOST_TEST(rb->sha256 == "2dcf8ae29e3d7ea4515a85567d89dc820d084d8766c2a085f52f1ce7119a73c9");
  BOOST_TEST(rb->metrics.size() == 16u);
  BOOST_TEST((rb->metrics.at("sgs_third_party_rank").kind == model::MetricKind::rank));
  BOOST_TEST(rb->metrics.at("xyd_credit_amount").label == "信易贷授信成功金额（万元）");
  BOOST_TEST(rb->groups.size() == 4u);
  BOOST_TEST(rb->total_points() == 100.0);
  auto rows = rb->rows();
  BOOST_TEST_REQUIRE(rows.size() == 21u);
  std::vector<std::string> ids;
  for (auto& r : rows) ids.push_back(r.row->id);
  std::vector<std::string> expected = {"1.1", "2.1", "2.2", "2.3", "3.1", "4.1",  "5.1",  "6.1",  "7.1",  "7.2", "7.3",
                                       "8.1", "9.1", "10.1", "11.1", "12.1", "13.1", "14.1", "15.1", "16.1", "16.2"};
  BOOST_TEST(ids == expected, boost::test_tools::per_element());

  auto row = [&](size_t i) -> const model::Row& { return *rows[i].row; };
  // 1.1 count policy cumulative, min_max floor 1
  BOOST_TEST((row(0).measure.kind == MeasureKind::count));
  BOOST_TEST((row(0).measure.count_of == model::ItemKind::policy));
  BOOST_TEST((row(0).measure.window == model::Window::cumulative));
  BOOST_TEST((row(0).method.kind == MethodKind::min_max));
  BOOST_TEST(row(0).method.floor == 1.0);
  BOOST_TEST(row(0).where.line == 28);
  BOOST_TEST(row(0).where.column == 13);
  // 2.x: applies to tag sgs; 2.3 rank_table given
  BOOST_TEST(rows[1].indicator->applies_to.tags == std::vector<std::string>{"sgs"});
  BOOST_TEST(row(1).name == "合规率");
  BOOST_TEST((row(1).measure.kind == MeasureKind::metric));
  BOOST_TEST(row(1).measure.metric == "sgs_compliance_rate");
  BOOST_TEST((row(3).method.kind == MethodKind::rank_table));
  BOOST_TEST(row(3).method.table == (std::vector<double>{3, 2.5, 2, 1.5, 1, 0.5}), boost::test_tools::per_element());
  BOOST_TEST((row(3).method.order == model::RankOrder::given));
  // 3.1 sum ledger month; 4.1 count news ytd; 5.1 uscc_errors deduction 0.5
  BOOST_TEST((row(4).measure.kind == MeasureKind::sum_ledger));
  BOOST_TEST((row(4).measure.window == model::Window::month));
  BOOST_TEST((row(5).measure.window == model::Window::ytd));
  BOOST_TEST((row(6).measure.kind == MeasureKind::uscc_errors));
  BOOST_TEST((row(6).method.kind == MethodKind::deduction));
  BOOST_TEST(row(6).method.each == 0.5);
  // 6.1 ratio single numerator, types zone + subdistrict
  BOOST_TEST((row(7).measure.kind == MeasureKind::ratio));
  BOOST_TEST(row(7).measure.numerators == std::vector<std::string>{"xyd_registered"});
  BOOST_TEST(row(7).measure.denominator == "enterprises");
  BOOST_TEST(rows[7].indicator->applies_to.types.size() == 2u);
  // 7.3 growth rank_linear; 8.1 per_item; 9.1 missing: zero
  BOOST_TEST((row(10).measure.kind == MeasureKind::growth));
  BOOST_TEST((row(10).method.kind == MethodKind::rank_linear));
  BOOST_TEST((row(11).method.kind == MethodKind::per_item));
  BOOST_TEST(row(12).missing_zero);
  BOOST_TEST(!row(11).missing_zero);
  // 10.1 list numerator; 11.1 share inverse_min_max; 15.1 incidents
  BOOST_TEST(row(13).measure.numerators == (std::vector<std::string>{"taxpayer_a", "customs_aeo"}),
             boost::test_tools::per_element());
  BOOST_TEST((row(14).measure.kind == MeasureKind::share));
  BOOST_TEST((row(14).method.kind == MethodKind::inverse_min_max));
  BOOST_TEST((row(18).measure.kind == MeasureKind::incidents_unhandled));
  // 16.1 objection count ratio, lower_better_ratio; 16.2 worst_days tiers
  BOOST_TEST(row(19).measure.numerator_counts_objections);
  BOOST_TEST(row(19).measure.denominator == "sgs_total");
  BOOST_TEST((row(19).method.kind == MethodKind::lower_better_ratio));
  BOOST_TEST(rows[19].indicator->applies_to.units == std::vector<std::string>{"shenpiju"});
  BOOST_TEST((row(20).measure.kind == MeasureKind::objections_worst_days));
  BOOST_TEST_REQUIRE(row(20).method.tiers.size() == 2u);
  BOOST_TEST(row(20).method.tiers[1].max == 2.0);
  BOOST_TEST(row(20).method.tiers[1].points == 3.0);
  BOOST_TEST(row(20).method.none_points == 6.0);
  BOOST_TEST(rb->penalty.points == 20.0);
  BOOST_TEST(rb->penalty.months == 3);
  BOOST_TEST(rb->groups[0].stated_points.value_or(0) == 29.0);

  BOOST_TEST_REQUIRE(rb->obligations.size() == 4u);
  const auto& ob = rb->obligations;
  BOOST_TEST(ob[0].id == "news-monthly");
  BOOST_TEST(ob[0].applies_to.all());
  BOOST_TEST((ob[0].measure.kind == MeasureKind::count));
  BOOST_TEST((ob[0].measure.count_of == model::ItemKind::news));
  BOOST_TEST((ob[0].measure.window == model::Window::month));
  BOOST_TEST((ob[1].per == model::ObligationPeriod::year));
  BOOST_TEST((ob[1].measure.window == model::Window::ytd));
  BOOST_TEST(ob[1].min == 2.0);
  BOOST_TEST((ob[2].measure.window == model::Window::cumulative));
  BOOST_TEST(ob[2].min == 1.0);
  BOOST_TEST((ob[3].measure.kind == MeasureKind::sum_ledger));
  BOOST_TEST((ob[3].per == model::ObligationPeriod::month));
}

BOOST_AUTO_TEST_CASE(minimal_rulebook_parses) {
  Diagnostics d;
  auto rb = parse(TempTree::minimal_rulebook(), d);
  BOOST_TEST_REQUIRE(rb.has_value(), dump(d));
  BOOST_TEST(rb->total_points() == 6.0);
  BOOST_TEST(rb->sha256.size() == 64u);
}

BOOST_AUTO_TEST_CASE(points_must_be_positive) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "points: 6", "points: 0"), "bad-value", 15, 21);
}

BOOST_AUTO_TEST_CASE(measure_is_required) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "            measure: {count: policy, window: cumulative}\n", ""),
               "missing-field", 15, 13);
}

BOOST_AUTO_TEST_CASE(method_is_required) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "            method: {type: min_max, floor: 1}\n", ""),
               "missing-field", 15, 13);
}

BOOST_AUTO_TEST_CASE(metric_must_be_declared) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "{count: policy, window: cumulative}", "{metric: nope}"),
               "bad-value", 16, 31);
}

BOOST_AUTO_TEST_CASE(ratio_names_must_be_declared) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "{count: policy, window: cumulative}",
                       "{ratio: {num: [xyd_registered, nope], den: xyd_registered}}"),
               "bad-value", 16, 53);
}

BOOST_AUTO_TEST_CASE(group_points_must_equal_its_rows) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "    name: 基础\n", "    name: 基础\n    points: 7\n"), "bad-value",
               11, 13);
}

BOOST_AUTO_TEST_CASE(indicator_ids_are_unique) {
  std::string text = TempTree::minimal_rulebook() +
                     "      - id: \"1\"\n"
                     "        name: 重复\n"
                     "        rows:\n"
                     "          - points: 4\n"
                     "            measure: {metric: sgs_compliance_rate}\n"
                     "            method: {type: proportional}\n";
  expect_fatal(text, "duplicate", 18, 13);
}

BOOST_AUTO_TEST_CASE(effective_must_match_file_name) {
  expect_fatal(TempTree::minimal_rulebook("2022-02"), "bad-value", 2, 12);
}

BOOST_AUTO_TEST_CASE(measure_with_two_kinds_is_rejected) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "{count: policy, window: cumulative}",
                       "{count: policy, metric: xyd_registered}"),
               "bad-value", 16, 22);
}

BOOST_AUTO_TEST_CASE(unknown_method_type_is_rejected) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "type: min_max", "type: linear"), "bad-value", 17, 28);
}

BOOST_AUTO_TEST_CASE(obligation_needs_exactly_one_of_count_and_measure) {
  std::string text = TempTree::minimal_rulebook() +
                     "obligations:\n"
                     "  - id: news-monthly\n"
                     "    text: 每月至少1篇\n"
                     "    count: news\n"
                     "    measure: {count: news}\n";
  expect_fatal(text, "bad-value", 19, 5);
}

BOOST_AUTO_TEST_CASE(unknown_unit_type_in_applies_to) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "        name: 制度文件\n",
                       "        name: 制度文件\n        applies_to: {types: [county]}\n"),
               "bad-value", 14, 29);
}

BOOST_AUTO_TEST_CASE(unknown_unit_in_applies_to) {
  TempTree t;
  t.write("rules/2022-01.yaml", replace(TempTree::minimal_rulebook(), "        name: 制度文件\n",
                                        "        name: 制度文件\n        applies_to: {units: [lingang, shenpju]}\n"));
  std::vector<model::Unit> units(2);
  units[0].id = "lingang";
  units[1].id = "shenpiju";
  Diagnostics d;
  BOOST_TEST(!load::load_rulebook(t.path("rules/2022-01.yaml"), "rules/2022-01.yaml", "content/rules/2022-01.yaml",
                                  YearMonth{2022, 1}, d, &units)
                  .has_value());
  auto u = with_code(d, "unknown-unit");
  BOOST_TEST_REQUIRE(u.size() == 1u, dump(d));
  BOOST_TEST(u[0].where.line == 14);
  BOOST_TEST(u[0].where.column == 39);
  BOOST_TEST(u[0].severity == Severity::error);
  BOOST_TEST(u[0].message.find("是否应为“shenpiju”") != std::string::npos, u[0].message);
  // Without a unit list (units.yaml broken) the ids are not checked.
  Diagnostics d2;
  BOOST_TEST(load::load_rulebook(t.path("rules/2022-01.yaml"), "rules/2022-01.yaml", "content/rules/2022-01.yaml",
                                 YearMonth{2022, 1}, d2)
                 .has_value(), dump(d2));
}

BOOST_AUTO_TEST_CASE(yaml_syntax_error_stops) {
  expect_fatal(replace(TempTree::minimal_rulebook(), "name: 基础\n", "name: [基础\n"), "yaml-syntax", 11, 15);
}

BOOST_AUTO_TEST_CASE(rule_file_named_like_a_month_but_not_real) {
  TempTree t;
  t.write("rules/2022-01.yaml", TempTree::minimal_rulebook());
  t.write("rules/2022-13.yaml", TempTree::minimal_rulebook());
  t.write("rules/README.md", "说明");
  Diagnostics d;
  BOOST_TEST(!load::load_rulebooks(t.root(), "content", d).has_value());
  auto bad = with_code(d, "bad-month");
  BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
  BOOST_TEST(bad[0].where.file == "content/rules/2022-13.yaml");
  auto unknown = with_code(d, "unknown-field");
  BOOST_TEST_REQUIRE(unknown.size() == 1u, dump(d));
  BOOST_TEST(unknown[0].where.file == "content/rules/README.md");
  BOOST_TEST(unknown[0].severity == Severity::warning);
}

BOOST_AUTO_TEST_CASE(rulebooks_sorted_by_month) {
  TempTree t;
  t.write("rules/2023-01.yaml", TempTree::minimal_rulebook("2023-01"));
  t.write("rules/2022-01.yaml", TempTree::minimal_rulebook());
  Diagnostics d;
  auto books = load::load_rulebooks(t.root(), "content", d);
  BOOST_TEST_REQUIRE(books.has_value(), dump(d));
  BOOST_TEST_REQUIRE(books->size() == 2u);
  BOOST_TEST(books->at(0).effective.str() == "2022-01");
  BOOST_TEST(books->at(1).file == "rules/2023-01.yaml");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rulebook_warnings)

std::string fixture_text() {
  std::ifstream in(kFixture + "/rules/2022-01.yaml");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Rows adding up to 102: still loads (scores are on a 100 scale anyway) but says so.
BOOST_AUTO_TEST_CASE(a_total_other_than_100_is_a_warning) {
  std::string text = fixture_text();
  text = replace(text, "            points: 6\n            measure: {count: policy, window: cumulative}",
                 "            points: 8\n            measure: {count: policy, window: cumulative}");
  // The group's stated points follow, so only the total is off.
  text = replace(text, "    points: 29\n", "    points: 31\n");
  Diagnostics d;
  auto rb = parse(text, d);
  BOOST_TEST_REQUIRE(rb.has_value(), dump(d));
  auto w = with_code(d, "rulebook-total");
  BOOST_TEST_REQUIRE(w.size() == 1u, dump(d));
  BOOST_TEST((w[0].severity == Severity::warning));
  BOOST_TEST(w[0].where.line == 21);
  BOOST_TEST(w[0].where.column == 3);
  BOOST_TEST(w[0].message ==
             "各评分细则分值合计 102 分，不是 100 分。得分仍按“所得分 ÷ 适用分值 × 100”折算为百分制，但请核对各细则的 points "
             "是否录错（合计本应不是 100 分时，请在规则文件中写明 total）");
  Diagnostics clean;
  BOOST_TEST(parse(fixture_text(), clean).has_value());
  BOOST_TEST(with_code(clean, "rulebook-total").empty());
}

BOOST_AUTO_TEST_CASE(min_max_without_floor_is_a_warning) {
  const std::string text = replace(fixture_text(), "method: {type: min_max, floor: 1}", "method: {type: min_max}");
  Diagnostics d;
  auto rb = parse(text, d);
  BOOST_TEST_REQUIRE(rb.has_value(), dump(d));
  auto w = with_code(d, "missing-field");
  BOOST_TEST_REQUIRE(w.size() == 1u, dump(d));
  BOOST_TEST((w[0].severity == Severity::warning));
  BOOST_TEST(w[0].where.line == 31);
  BOOST_TEST(w[0].where.column == 21);
  BOOST_TEST(w[0].message == "计分方法 min_max 未写最低分 floor，按 0 分计；如有意为之，请写 floor: 0");
}

BOOST_AUTO_TEST_SUITE_END()
