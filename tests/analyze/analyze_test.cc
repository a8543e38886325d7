// 预警, 短板 and rankings by kind, from hand-made scores: every rule met and
// not met, runs across consecutive months only, sums over the district.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>

#include "analyze/analyze.h"
#include "score/test_content.h"

using namespace creditgen;
using namespace creditgen::testing;
using model::UnitType;
using model::WarningCondition;

namespace {

// Three rows (1.1: 10 points, 2.1: 6, 3.1: 4) and units of several kinds.
struct District {
  model::Content content;
  model::Rulebook rulebook;
  District() {
    rulebook = make_rulebook("2022-01", {{"1", 10, simple_measure(model::MeasureKind::metric, "a"), method(model::MethodKind::proportional)},
                                         {"2", 6, simple_measure(model::MeasureKind::metric, "b"), method(model::MethodKind::proportional)},
                                         {"3", 4, simple_measure(model::MeasureKind::ratio, "c"), method(model::MethodKind::proportional)}});
    content.units = {make_unit("s1", UnitType::subdistrict), make_unit("t1", UnitType::town),
                     make_unit("d1", UnitType::department), make_unit("d2", UnitType::department),
                     make_unit("z1", UnitType::zone)};
    content.index_units();
    content.site.warning_rules = {{WarningCondition::bottom, 1, "提醒"},
                                  {WarningCondition::fell, 2, "提醒"},
                                  {WarningCondition::below, 50, "约谈"},
                                  {WarningCondition::zero_row, 2, "提醒"},
                                  {WarningCondition::not_submitted, 2, "约谈"}};
  }
  // A month's scores: each unit's points on 1.1, 2.1, 3.1 (score = their sum,
  // ranked by it), submitted or not.
  struct U {
    std::string id;
    double p1, p2, p3;
    bool submitted = true;
    score::Flag flag3 = score::Flag::none;
  };
  score::MonthScores month(const char* m, std::vector<U> units) const {
    score::MonthScores ms;
    ms.month = ym(m);
    ms.rulebook = &rulebook;
    for (const U& u : units) {
      score::UnitScore us;
      us.unit = u.id;
      us.submitted = u.submitted;
      for (auto [id, p] : {std::pair{"1.1", u.p1}, std::pair{"2.1", u.p2}, std::pair{"3.1", u.p3}}) {
        score::RowScore rs;
        rs.row_id = id;
        rs.points = p;
        rs.value = p;
        if (std::string(id) == "3.1") rs.flag = u.flag3;
        us.rows.push_back(rs);
      }
      us.earned = u.p1 + u.p2 + u.p3;
      us.applicable = 20;
      us.score = us.earned * 5;
      ms.units.push_back(us);
    }
    std::sort(ms.units.begin(), ms.units.end(), [](auto& a, auto& b) { return a.score > b.score; });
    for (size_t i = 0; i < ms.units.size(); ++i) {
      ms.units[i].rank = static_cast<int>(i) + 1;
      if (i && ms.units[i].score == ms.units[i - 1].score) ms.units[i].rank = ms.units[i - 1].rank;
    }
    return ms;
  }
};

std::vector<std::string> warnings_text(const analyze::MonthAnalysis& a) {
  std::vector<std::string> out;
  for (const auto& w : a.warnings)
    out.push_back(w.unit + " " + model::warning_condition_id(a.rules[w.rule].condition) + " " + w.since.str() + " " +
                  std::to_string(w.months) + " " + w.detail);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(analyze_warnings)

BOOST_AUTO_TEST_CASE(each_rule_is_met_with_the_month_its_run_began) {
  District d;
  std::vector<score::MonthScores> scores;
  scores.push_back(d.month("2022-03", {{"s1", 10, 6, 4}, {"t1", 9, 6, 4}, {"d1", 8, 0, 4}, {"d2", 7, 6, 0, false}, {"z1", 1, 1, 1}}));
  scores.push_back(d.month("2022-04", {{"s1", 10, 6, 4}, {"t1", 2, 2, 2}, {"d1", 8, 0, 4}, {"d2", 7, 6, 0, false}, {"z1", 1, 1, 1}}));
  const auto all = analyze::analyze_all(d.content, scores);
  BOOST_TEST_REQUIRE(all.size() == 2u);
  // March: z1 last (1 place) and below 50 (15 points); d1 and d2 have a zero
  // row and d2 sent nothing, but only for one month.
  BOOST_TEST(warnings_text(all[0]) == (std::vector<std::string>{"z1 bottom 2022-03 1 第 5 位，共 5 个单位",
                                                               "z1 below 2022-03 1 得分 15.00"}),
             boost::test_tools::per_element());
  // April (in rank order: s1, d2, d1, t1, z1): t1 fell from 2nd to 4th (30 points: below 50); z1 still last and
  // below since March; d1's 2.1 and d2's 3.1 at 0 for two months; d2 sent
  // nothing for two months.
  BOOST_TEST(warnings_text(all[1]) ==
                 (std::vector<std::string>{"d2 zero_row 2022-03 2 3.1 指标3 连续 2 个月得 0 分",
                                           "d2 not_submitted 2022-03 2 自 2022-03 起连续 2 个月未报送",
                                           "d1 zero_row 2022-03 2 2.1 指标2 连续 2 个月得 0 分",
                                           "t1 fell 2022-04 1 由上月第 2 位降至第 4 位",
                                           "t1 below 2022-04 1 得分 30.00",
                                           "z1 bottom 2022-03 2 第 5 位，共 5 个单位",
                                           "z1 below 2022-03 2 得分 15.00"}),
             boost::test_tools::per_element());
  BOOST_TEST(all[1].warnings_of("z1").size() == 2u);
  BOOST_TEST(analyze::describe(d.content.site.warning_rules[1]) == "排名比上月下降 2 位及以上");
}

BOOST_AUTO_TEST_CASE(a_month_without_scores_breaks_every_run) {
  District d;
  std::vector<score::MonthScores> scores;
  scores.push_back(d.month("2022-03", {{"s1", 10, 6, 4}, {"z1", 1, 1, 1, false}}));
  scores.push_back(d.month("2022-05", {{"s1", 10, 6, 4}, {"z1", 1, 1, 1, false}}));  // April not scored
  const auto all = analyze::analyze_all(d.content, scores);
  for (const auto& w : all[1].warnings) BOOST_TEST(w.since.str() == "2022-05");
  BOOST_TEST(all[1].lost_previous.has_value() == false);
  // Not sent in March and May, but not two months running.
  for (const auto& w : all[1].warnings) BOOST_TEST((all[1].rules[w.rule].condition != WarningCondition::not_submitted));
}

BOOST_AUTO_TEST_CASE(no_rules_no_warnings) {
  District d;
  d.content.site.warning_rules.clear();
  const auto all = analyze::analyze_all(d.content, {d.month("2022-03", {{"s1", 0, 0, 0, false}, {"z1", 0, 0, 0, false}})});
  BOOST_TEST(all[0].warnings.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(analyze_shortfalls)

BOOST_AUTO_TEST_CASE(points_lost_per_row_are_summed_over_the_district_and_ranked) {
  District d;
  std::vector<score::MonthScores> scores;
  scores.push_back(d.month("2022-03", {{"s1", 10, 6, 4}, {"t1", 5, 6, 4}, {"d1", 8, 3, 4}}));
  scores.push_back(d.month("2022-04", {{"s1", 10, 6, 4}, {"t1", 4, 6, 2}, {"d1", 7, 1, 4, true, score::Flag::missing},
                                       {"d2", 10, 6, 3}}));
  const auto all = analyze::analyze_all(d.content, scores);
  const analyze::MonthAnalysis& a = all[1];
  // 1.1: 6 + 3 = 9 lost of 40; 2.1: 5 of 24; 3.1: 2 + 0 + 1 = 3 of 16.
  BOOST_TEST_REQUIRE(a.shortfalls.size() == 3u);
  BOOST_TEST(a.shortfalls[0].row_id == "1.1");
  BOOST_TEST(a.shortfalls[0].lost == 9);
  BOOST_TEST(a.shortfalls[0].possible == 40);
  BOOST_TEST(a.shortfalls[0].earned == 31);
  BOOST_TEST(*a.shortfalls[0].lost_previous == 7);  // March: 5 + 2
  BOOST_TEST(a.shortfalls[0].worst.size() == 2u);
  BOOST_TEST(a.shortfalls[0].worst[0].unit == "t1");
  BOOST_TEST(a.shortfalls[1].row_id == "2.1");
  BOOST_TEST(a.shortfalls[1].lost == 5);
  BOOST_TEST(a.shortfalls[2].row_id == "3.1");
  BOOST_TEST(a.lost == 17);
  BOOST_TEST(*a.lost_previous == 10);
  // Each unit's weakest rows, most lost first, with what would earn them.
  const auto& weak = a.weakest.at("d1");
  BOOST_TEST_REQUIRE(weak.size() == 2u);  // 3.1 lost nothing
  BOOST_TEST(weak[0].row_id == "2.1");
  BOOST_TEST(weak[0].lost == 5);
  BOOST_TEST(*weak[0].earned_previous == 3);
  BOOST_TEST(weak[1].row_id == "1.1");
  BOOST_TEST(weak[1].how.starts_with("本单位数值 7"), weak[1].how);
  BOOST_TEST(a.weakest.count("s1") == 0u);  // full marks everywhere
  const auto& t1 = a.weakest.at("t1");
  BOOST_TEST(t1[1].row_id == "3.1");
}

BOOST_AUTO_TEST_CASE(a_row_not_reported_says_so) {
  District d;
  const auto all = analyze::analyze_all(d.content, {d.month("2022-03", {{"d1", 10, 6, 0, true, score::Flag::missing}})});
  BOOST_TEST(all[0].weakest.at("d1")[0].how == "该项数据未报送（缺报），按时报送即可按规则计分");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(analyze_kinds)

BOOST_AUTO_TEST_CASE(units_are_ranked_within_their_kind_with_ties_and_towns_among_subdistricts) {
  District d;
  const auto all = analyze::analyze_all(
      d.content, {d.month("2022-03", {{"z1", 10, 6, 4}, {"d1", 9, 6, 4}, {"s1", 8, 6, 4}, {"d2", 9, 6, 4, false}, {"t1", 1, 1, 1}})});
  const auto& kinds = all[0].type_rankings;
  BOOST_TEST_REQUIRE(kinds.size() == 3u);
  BOOST_TEST(kinds[0].label == "街道（乡镇）");
  BOOST_TEST(kinds[1].label == "区直部门");
  BOOST_TEST(kinds[2].label == "开发区");
  BOOST_TEST(kinds[0].units.size() == 2u);
  BOOST_TEST(kinds[0].units[1].unit == "t1");
  BOOST_TEST(kinds[0].units[1].rank == 2);
  // d1 and d2 tie: both first among departments; d2 sent nothing.
  BOOST_TEST(kinds[1].units[0].rank == 1);
  BOOST_TEST(kinds[1].units[1].rank == 1);
  BOOST_TEST(all[0].type_rank_of("d2")->submitted == false);
}

BOOST_AUTO_TEST_CASE(the_json_holds_what_the_pages_show) {
  District d;
  std::vector<score::MonthScores> scores = {d.month("2022-03", {{"s1", 10, 6, 4}, {"z1", 1, 1, 1, false}})};
  const auto all = analyze::analyze_all(d.content, scores);
  const std::string json = analyze::analysis_json(all[0], scores[0], d.content);
  Poco::JSON::Parser parser;
  auto root = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  BOOST_TEST(root->getValue<std::string>("month") == "2022-03");
  auto warnings = root->getArray("warnings");
  BOOST_TEST(warnings->size() == 2u);  // z1: last, below 50
  BOOST_TEST(warnings->getObject(0)->getValue<std::string>("consequence") == "提醒");
  BOOST_TEST(warnings->getObject(0)->getValue<std::string>("name") == "z1单位");
  auto rows = root->getObject("shortfalls")->getArray("rows");
  BOOST_TEST(rows->getObject(0)->getValue<double>("lost") == 9);
  BOOST_TEST(root->getObject("shortfalls")->isNull("lost_previous"));
  auto units = root->getArray("units");
  BOOST_TEST(units->getObject(1)->getValue<bool>("submitted") == false);
  BOOST_TEST(units->getObject(1)->getArray("weakest")->size() == 3u);
  BOOST_TEST(root->getArray("type_rankings")->size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
