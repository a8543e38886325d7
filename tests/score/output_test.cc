#include <boost/test/unit_test.hpp>

#include "base/text.h"
#include "review/review.h"
#include "score/score.h"
#include "score/test_content.h"

using namespace creditgen;
using namespace creditgen::score;
using namespace creditgen::testing;
using model::MeasureKind;
using model::MethodKind;

namespace {

// Two units, three rows: one metric (one unit missing), one growth with no
// previous month (no value), one row that applies only to the zone.
struct Small {
  model::Content c;
  std::vector<MonthScores> all;

  Small() {
    auto z = make_unit("lingang", model::UnitType::zone);
    z.name = "临港开发区";
    auto d = make_unit("shenpiju", model::UnitType::department);
    d.name = "区行政审批服务局, 窗口";  // a comma: quoted in CSV
    c = make_content({z, d});
    model::Applicability zones;
    zones.types = {model::UnitType::zone};
    c.rulebooks.push_back(make_rulebook(
        "2022-01",
        {{"1", 6, simple_measure(MeasureKind::metric, "rate"), method(MethodKind::proportional), {}, "合规率"},
         {"2", 3, simple_measure(MeasureKind::growth, "rate"), method(MethodKind::rank_linear)},
         {"3", 1, simple_measure(MeasureKind::metric, "rate"), method(MethodKind::proportional), zones}},
        "济南市区县信用状况监测指标（第一版）"));
    auto& m = add_month(c, "2022-05");
    set_figure(m, "lingang", "rate", 0.985);
    model::Penalty p;
    p.unit = "shenpiju";
    m.penalties.push_back(p);
    Diagnostics diags;
    all = score_all(c, review::apply_reviews(c, diags));
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(output)

BOOST_AUTO_TEST_CASE(scores_json_bytes) {
  Small s;
  BOOST_TEST_REQUIRE(s.all.size() == 1u);
  std::string expected = R"({
  "month": "2022-05",
  "rulebook": "济南市区县信用状况监测指标（第一版）",
  "rows": [
    {
      "id": "1.1",
      "indicator": "1",
      "name": "合规率",
      "points": 6
    },
    {
      "id": "2.1",
      "indicator": "2",
      "name": "指标2",
      "points": 3
    },
    {
      "id": "3.1",
      "indicator": "3",
      "name": "指标3",
      "points": 1
    }
  ],
  "units": [
    {
      "id": "lingang",
      "name": "临港开发区",
      "type": "zone",
      "rank": 1,
      "score": 70,
      "earned": 7,
      "applicable": 10,
      "penalty": 0,
      "rows": {
        "1.1": {
          "value": 0.985,
          "points": 6
        },
        "2.1": {
          "value": null,
          "points": 0,
          "flag": "no-value"
        },
        "3.1": {
          "value": 0.985,
          "points": 1
        }
      }
    },
    {
      "id": "shenpiju",
      "name": "区行政审批服务局, 窗口",
      "type": "department",
      "rank": 2,
      "score": -20,
      "earned": 0,
      "applicable": 9,
      "penalty": 20,
      "rows": {
        "1.1": {
          "value": null,
          "points": 0,
          "flag": "missing"
        },
        "2.1": {
          "value": null,
          "points": 0,
          "flag": "missing"
        }
      }
    }
  ]
}
)";
  BOOST_TEST(scores_json(s.all[0], s.c) == expected);
}

BOOST_AUTO_TEST_CASE(scores_csv_bytes) {
  Small s;
  std::string expected =
      "\xEF\xBB\xBF"
      "排名,单位,类型,得分,应得分,实得分,扣分,1.1,2.1,3.1\r\n"
      "1,临港开发区,开发区,70,10,7,0,6,0,1\r\n"
      "2,\"区行政审批服务局, 窗口\",区直部门,-20,9,0,20,0,0,\r\n";
  BOOST_TEST(scores_csv(s.all[0], s.c) == expected);
}

BOOST_AUTO_TEST_CASE(numbers_round_to_four_decimals) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  c.rulebooks.push_back(make_rulebook("2022-01", {{"1", 6, simple_measure(MeasureKind::metric, "m"),
                                                   method(MethodKind::proportional)}}));
  auto& m = add_month(c, "2022-05");
  set_figure(m, "a", "m", 3);
  set_figure(m, "b", "m", 1.23456);
  Diagnostics diags;
  auto all = score_all(c, review::apply_reviews(c, diags));
  std::string json = scores_json(all[0], c);
  // b: 6 × 1.23456 ÷ 3 = 2.46912 points, score 41.152.
  BOOST_TEST(json.find("\"value\": 1.2346,") != std::string::npos);
  BOOST_TEST(json.find("\"points\": 2.4691\n") != std::string::npos);
  BOOST_TEST(json.find("\"score\": 41.152,") != std::string::npos);
  std::string csv = scores_csv(all[0], c);
  BOOST_TEST(csv.find("\r\n2,b单位,区直部门,41.152,6,2.4691,0,2.4691\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(quotes_are_escaped_in_json_and_doubled_in_csv) {
  Small s;
  s.c.units[0].name = "临港\"开发\"区";
  std::string json = scores_json(s.all[0], s.c);
  BOOST_TEST(json.find("\"name\": \"临港\\\"开发\\\"区\",") != std::string::npos);
  std::string csv = scores_csv(s.all[0], s.c);
  BOOST_TEST(csv.find("\r\n1,\"临港\"\"开发\"\"区\",开发区,") != std::string::npos);
}

// OWASP CSV injection: a text cell that starts like a formula is shown as
// text by a spreadsheet; numbers (a negative score too) are left alone.
BOOST_AUTO_TEST_CASE(formula_like_names_are_neutralised_in_csv) {
  for (const auto& [name, cell] : std::vector<std::pair<std::string, std::string>>{
           {"=HYPERLINK(\"http://x\",\"点击\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\""},
           {"+1+2", "\"'+1+2\""},
           {"-2+3", "\"'-2+3\""},
           {"@SUM(A1)", "\"'@SUM(A1)\""},
           {"\t=1", "\"'\t=1\""},
           {"临港=开发区", "临港=开发区"}}) {
    Small s;
    s.c.units[0].name = name;
    const std::string csv = scores_csv(s.all[0], s.c);
    BOOST_TEST(csv.find("\r\n1," + cell + ",开发区,") != std::string::npos, name << ": " << csv);
  }
  // scores.json keeps the name as it is.
  Small s;
  s.c.units[0].name = "+1+2";
  BOOST_TEST(scores_json(s.all[0], s.c).find("\"name\": \"+1+2\",") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(table_aligns_wide_characters) {
  Small s;
  std::string t = scores_table(s.all[0], s.c);
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = t.find('\n', start)) != std::string::npos; start = nl + 1) lines.push_back(t.substr(start, nl - start));
  BOOST_TEST_REQUIRE(lines.size() == 4u);
  BOOST_TEST(lines[0] == "2022-05  济南市区县信用状况监测指标（第一版）");
  // Every data line is as wide as the header on a terminal.
  for (size_t i = 2; i < lines.size(); ++i) BOOST_TEST(display_width(lines[i]) == display_width(lines[1]));
  BOOST_TEST(lines[1].find("排名") == 0u);
  BOOST_TEST(lines[2].find("临港开发区（未报送）") != std::string::npos);
  BOOST_TEST(lines[2].find("70.00") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
