// Golden scoring test: `creditgen score --format json` on the demo district (content/) and on
// small fixture trees (tests/fixtures/score-trees/), every expected number worked out by hand
// from the content files and rules.md — never copied from creditgen's output.
//
// Notation: P = the row's points, x = the unit's value, max/min over the row's peers that have a
// value (rules.md "Methods"), r/n = competition rank among the n peers with a value. JSON numbers
// are rounded to 4 decimals (half away from zero), so each expectation below is the 4-decimal
// rounding of the exact value shown in the comment.
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/run_binary.h"

namespace fs = std::filesystem;
using namespace creditgen::test;

namespace {

const fs::path kDemo = fs::path(CREDITGEN_SOURCE_DIR) / "content";
const fs::path kTrees = fs::path(CREDITGEN_FIXTURES) / "score-trees";
constexpr std::nullopt_t kNull = std::nullopt;

struct RowCase {
  const char* unit;
  const char* row;
  std::optional<double> value;  // nullopt = JSON null
  double points;
  const char* flag;  // "" = no flag member
};

struct UnitCase {
  const char* unit;
  double earned, applicable, penalty, score;
  int rank;
};

Poco::JSON::Object::Ptr score(const fs::path& content, const std::string& month) {
  auto r = run_creditgen("score --month " + month + " --format json --content " + quote(content));
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  Poco::JSON::Parser parser;
  return parser.parse(r.out).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr find_unit(const Poco::JSON::Object::Ptr& root, const std::string& id) {
  auto units = root->getArray("units");
  for (std::size_t i = 0; i < units->size(); ++i)
    if (units->getObject(i)->getValue<std::string>("id") == id) return units->getObject(i);
  return nullptr;
}

void check_row(const Poco::JSON::Object::Ptr& root, const RowCase& c) {
  BOOST_TEST_CONTEXT("unit " << c.unit << " row " << c.row) {
    auto u = find_unit(root, c.unit);
    BOOST_REQUIRE(u);
    auto rows = u->getObject("rows");
    BOOST_REQUIRE(rows->has(c.row));
    auto r = rows->getObject(c.row);
    if (c.value) {
      BOOST_REQUIRE(!r->isNull("value"));
      BOOST_TEST(r->getValue<double>("value") == *c.value);
    } else {
      BOOST_TEST(r->isNull("value"));
    }
    BOOST_TEST(r->getValue<double>("points") == c.points);
    if (*c.flag) {
      BOOST_REQUIRE(r->has("flag"));
      BOOST_TEST(r->getValue<std::string>("flag") == c.flag);
    } else {
      BOOST_TEST(!r->has("flag"));
    }
  }
}

void check_unit(const Poco::JSON::Object::Ptr& root, const UnitCase& c, std::size_t row_count) {
  BOOST_TEST_CONTEXT("unit " << c.unit) {
    auto u = find_unit(root, c.unit);
    BOOST_REQUIRE(u);
    BOOST_TEST(u->getValue<double>("earned") == c.earned);
    BOOST_TEST(u->getValue<double>("applicable") == c.applicable);
    BOOST_TEST(u->getValue<double>("penalty") == c.penalty);
    BOOST_TEST(u->getValue<double>("score") == c.score);
    BOOST_TEST(u->getValue<int>("rank") == c.rank);
    // Exactly the applicable rows are present (a row that does not apply is absent).
    BOOST_TEST(u->getObject("rows")->size() == row_count);
  }
}

std::vector<std::string> unit_order(const Poco::JSON::Object::Ptr& root) {
  std::vector<std::string> ids;
  auto units = root->getArray("units");
  for (std::size_t i = 0; i < units->size(); ++i) ids.push_back(units->getObject(i)->getValue<std::string>("id"));
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(golden_scores)

// ===========================================================================================
// Demo district, 2022-05 (rulebook content/rules/2022-01.yaml, 21 rows, 100 points).
//
// Active units in 2022-05: all 25 (tangye active_from 2022-05; caijin, jiaoti, ziranziyuan have
// no folder and are still scored). Windows: months 2022-04 (review default: accepted) and
// 2022-05 (review default: pending, so only listed decisions "accepted" count).
//
// Peers' statistics used below (all derived from the files):
//  1.1 policies cumulative, 25 peers: shenpiju 3 (2021〕9号 in 04; 2022〕2号 in 04 and again in
//      05 = one key; 2022〕5号 in 05) = max; min 0 (e.g. tangye: its 05 policy has no decision,
//      default pending). Formula 1 + 5·(x − 0)/(3 − 0).
//  2.1 sgs, 12 peers: max 0.996 = shenpiju's own metrics.yaml "99.6%" (platform lacks it).
//  2.2 sgs: max 0.998 (shuiwuju); jiaotong missing → 11 peers with a value.
//  3.1 ledger sum this month, 25 peers: max 3612 (shuiwuju 纳税), min 0. Pending entries
//      (quanfu 61, tangye 60: no decision, default pending) do not count → 0.
//  4.1 news ytd, 25 peers: max 2, min 0; formula 6·x/2.
//  6.1 zone+subdistrict, 8 peers: max lingang 205/1335 = 0.153558…
//  7.1 max lingang 5600. 7.2 max lingang 3420 (dongfeng has no 05 xyd_credit_amount → missing).
//  7.3 growth 05 vs 04 (rank_linear, P·(n − r + 1)/n), 6 peers with a value:
//      huashan (760−640)/640 = 0.1875 r1; lingang (3420−3150)/3150 = 0.085714 r2 (04 figure from
//      lingang/metrics.yaml); shandalu 120/1500 = 0.08 r3; quanfu 80/1210 = 0.066116 r4;
//      hongjialou 110/1940 = 0.056701 r5; wangsheren −70/2260 = −0.030973 r6.
//      dongfeng (no 05 figure) → no value, flag missing; tangye (not monitored in 04, active_from
//      2022-05) → growth undefined, flag no-value.
//  10.1 max lingang (98 + 4)/1190 = 0.085714…
//  11.1 subdistricts (7): village_cases hongjialou 0 (its metrics.yaml), shandalu 1, dongfeng 2,
//      wangsheren 3, quanfu 0, tangye 1, huashan missing; sum over those with it = 7.
//      share x/7; inverse_min_max floor 0: 2·(3/7 − x)/(3/7 − 0).
//  12.1 campaigns ytd: max 2 (shichangju 04 + 05); formula 8·x/2.
//  14.1 sgs: max shenpiju 3420/18750 = 0.1824.
//  16.1 sgs: min over peers = 0 (many units have no valid objection) → any x > 0 gets 0.
// ===========================================================================================

// clang-format off
const std::vector<RowCase> kDemo0505Rows = {
  // ---- lingang (zone, 14 rows, applicable 100 − 11 (2.x) − 3 (14) − 12 (16.x) − 2 (11.1) = 72)
  {"lingang", "1.1", 0.0, 1.0, ""},        // 0 policies → 1 + 5·0/3 = 1
  {"lingang", "3.1", 0.0, 0.0, ""},        // no ledger → 4·0/3612 = 0
  {"lingang", "4.1", 0.0, 0.0, ""},        // 04 news rejected, 05 news rejected → 0
  {"lingang", "5.1", 0.0, 2.0, ""},        // no records → 2 − 0
  {"lingang", "6.1", 0.1536, 6.0, ""},     // 205/1335 = 0.153558 = max → 6
  {"lingang", "7.1", 5600.0, 4.0, ""},     // max → 4
  {"lingang", "7.2", 3420.0, 5.0, ""},     // max → 5
  {"lingang", "7.3", 0.0857, 2.5, ""},     // 0.085714, r2/6 → 3·5/6 = 2.5
  {"lingang", "8.1", 0.0, 0.0, ""},        // no scenarios
  {"lingang", "9.1", 0.0, 2.0, ""},        // arrears missing, missing: zero → 0 → 2
  {"lingang", "10.1", 0.0857, 2.0, ""},    // 102/1190 = max → 2
  {"lingang", "12.1", 0.0, 0.0, ""},       // no campaigns
  {"lingang", "13.1", 0.0, 0.0, ""},       // no supervision
  {"lingang", "15.1", 0.0, 4.0, ""},       // no incidents
  // earned 1+2+6+4+5+2.5+2+2+4 = 28.5; 100·28.5/72 = 39.583333

  // ---- hongjialou (subdistrict, 15 rows, applicable 74)
  {"hongjialou", "1.1", 0.0, 1.0, ""},       // no policies → 1
  {"hongjialou", "3.1", 10.0, 0.0111, ""},   // 合同履约 10 → 4·10/3612 = 0.011074
  {"hongjialou", "4.1", 2.0, 6.0, ""},       // 04 (default accepted) + 05 accepted = 2 → 6
  {"hongjialou", "5.1", 3.0, 0.5, ""},       // 错码 2 (…MA45E3QT6X check char should be N,
                                             // …MA6DDN1C8M should be E) + 重码 1 (…MA91XCU83M
                                             // for 洪福物业管理 and 洪福物业服务) = 3 → 2 − 1.5
  {"hongjialou", "6.1", 0.0442, 1.7256, ""}, // 171/3872 = 0.044163 → 6·0.044163/0.153558 = 1.725597
  {"hongjialou", "7.1", 3120.0, 2.2286, ""}, // 4·3120/5600 = 2.228571
  {"hongjialou", "7.2", 2050.0, 2.9971, ""}, // 5·2050/3420 = 2.997076
  {"hongjialou", "7.3", 0.0567, 1.0, ""},    // 0.056701, r5/6 → 3·2/6 = 1
  {"hongjialou", "8.1", 1.0, 0.5, ""},       // 信易租 accepted → 0.5
  {"hongjialou", "9.1", 0.0, 2.0, ""},
  {"hongjialou", "10.1", 0.0687, 1.6023, ""},// 215/3131 = 0.068668 → 2·0.068668/0.085714 = 1.602257
  {"hongjialou", "11.1", 0.0, 2.0, ""},      // 0/7 = 0 = min → 2
  {"hongjialou", "12.1", 0.0, 0.0, ""},
  {"hongjialou", "13.1", 0.0, 0.0, ""},
  {"hongjialou", "15.1", 0.0, 4.0, ""},
  // earned 25.564576; 100·25.564576/74 = 34.546724

  // ---- huashan (subdistrict, village_cases not reported)
  {"huashan", "1.1", 0.0, 1.0, ""},
  {"huashan", "3.1", 0.0, 0.0, ""},
  {"huashan", "4.1", 0.0, 0.0, ""},
  {"huashan", "5.1", 0.0, 2.0, ""},
  {"huashan", "6.1", 0.0384, 1.4998, ""},    // 95/2475 = 0.038384 → 6·0.038384/0.153558 = 1.499778
  {"huashan", "7.1", 1260.0, 0.9, ""},       // 4·1260/5600 = 0.9
  {"huashan", "7.2", 760.0, 1.1111, ""},     // 5·760/3420 = 1.111111
  {"huashan", "7.3", 0.1875, 3.0, ""},       // r1/6 → 3
  {"huashan", "8.1", 0.0, 0.0, ""},
  {"huashan", "9.1", 0.0, 2.0, ""},
  {"huashan", "10.1", 0.0527, 1.2305, ""},   // 105/1991 = 0.052737 → 1.230537
  {"huashan", "11.1", kNull, 0.0, "missing"},// village_cases absent from platform.yaml → 缺报
  {"huashan", "12.1", 1.0, 4.0, ""},         // 04 campaign (default accepted); 05 one rejected → 8·1/2
  {"huashan", "13.1", 0.0, 0.0, ""},
  {"huashan", "15.1", 0.0, 4.0, ""},
  // earned 20.741427; 100·20.741427/74 = 28.028955

  // ---- wangsheren (subdistrict, falsification penalty decided 2022-05)
  {"wangsheren", "1.1", 0.0, 1.0, ""},
  {"wangsheren", "3.1", 70.0, 0.0775, ""},   // 4·70/3612 = 0.077519
  {"wangsheren", "4.1", 0.0, 0.0, ""},
  {"wangsheren", "5.1", 0.0, 2.0, ""},
  {"wangsheren", "6.1", 0.0442, 1.7264, ""}, // 150/3395 = 0.044183 → 1.726355
  {"wangsheren", "7.1", 3180.0, 2.2714, ""}, // 4·3180/5600 = 2.271429
  {"wangsheren", "7.2", 2190.0, 3.2018, ""}, // 5·2190/3420 = 3.201754
  {"wangsheren", "7.3", -0.031, 0.5, ""},    // −0.030973, r6/6 → 3·1/6 = 0.5
  {"wangsheren", "8.1", 0.0, 0.0, ""},
  {"wangsheren", "9.1", 0.0, 2.0, ""},
  {"wangsheren", "10.1", 0.07, 1.6328, ""},  // 196/2801 = 0.069975 → 1.632750
  {"wangsheren", "11.1", 0.4286, 0.0, ""},   // 3/7 = max → 0
  {"wangsheren", "12.1", 1.0, 4.0, ""},      // 04 campaign counts; 05 campaign rejected (falsified)
  {"wangsheren", "13.1", 0.0, 0.0, ""},
  {"wangsheren", "15.1", 1.0, 2.0, ""},      // after_report incident → 4 − 2
  // earned 20.409808; 100·20.409808/74 − 20 = 7.580821

  // ---- tangye (subdistrict, active from 2022-05)
  {"tangye", "1.1", 0.0, 1.0, ""},           // its policy has no decision (pending) → 0
  {"tangye", "3.1", 0.0, 0.0, ""},           // its ledger entry has no decision (pending) → 0
  {"tangye", "4.1", 1.0, 3.0, ""},           // 05 news accepted → 6·1/2
  {"tangye", "5.1", 0.0, 2.0, ""},
  {"tangye", "6.1", 0.0342, 1.3373, ""},     // 64/1870 = 0.034225 → 1.337264
  {"tangye", "7.1", 820.0, 0.5857, ""},      // 4·820/5600 = 0.585714
  {"tangye", "7.2", 410.0, 0.5994, ""},      // 5·410/3420 = 0.599415
  {"tangye", "7.3", kNull, 0.0, "no-value"},  // not monitored in 2022-04: growth undefined
                                             // (the flag choice documented in docs/design.md "Flags")
  {"tangye", "8.1", 0.0, 0.0, ""},
  {"tangye", "9.1", 0.0, 2.0, ""},
  {"tangye", "10.1", 0.0513, 1.1962, ""},    // 77/1502 = 0.051265 → 1.196183
  {"tangye", "11.1", 0.1429, 1.3333, ""},    // 1/7 → 2·(3/7 − 1/7)/(3/7) = 4/3
  {"tangye", "12.1", 0.0, 0.0, ""},
  {"tangye", "13.1", 0.0, 0.0, ""},
  {"tangye", "15.1", 0.0, 4.0, ""},
  // earned 17.051909; 100·17.051909/74 = 23.043121

  // ---- shuiwuju (department, sgs, 15 rows, applicable 78 = 100 − 6 − 12 − 2 − 2)
  {"shuiwuju", "1.1", 0.0, 1.0, ""},
  {"shuiwuju", "2.1", 0.995, 3.996, ""},     // 4·0.995/0.996 = 3.995984
  {"shuiwuju", "2.2", 0.998, 4.0, ""},       // max
  {"shuiwuju", "2.3", 3.0, 2.0, ""},         // rank 3 → table[3] = 2
  {"shuiwuju", "3.1", 3612.0, 4.0, ""},      // max
  {"shuiwuju", "4.1", 2.0, 6.0, ""},         // 04 + 05
  {"shuiwuju", "5.1", 0.0, 2.0, ""},
  {"shuiwuju", "8.1", 0.0, 0.0, ""},
  {"shuiwuju", "9.1", 0.0, 2.0, ""},
  {"shuiwuju", "12.1", 0.0, 0.0, ""},
  {"shuiwuju", "13.1", 0.0, 0.0, ""},
  {"shuiwuju", "14.1", 0.0229, 0.3772, ""},  // 430/18750 = 0.022933 → 3·0.022933/0.1824 = 0.377193
  {"shuiwuju", "15.1", 0.0, 4.0, ""},
  {"shuiwuju", "16.1", 0.0004, 0.0, ""},     // 1 valid / 2490 = 0.000402; min 0 → 6·0/x = 0
  {"shuiwuju", "16.2", 1.0, 6.0, ""},        // 05-06 16:00 → 05-07 (Sat, 调休 workday) = 1 day;
                                             // 05-11 same day = 0; worst 1 ≤ 1 → 6
  // earned 35.373177; 100·35.373177/78 = 45.350227

  // ---- shenpiju (department, sgs)
  {"shenpiju", "1.1", 3.0, 6.0, ""},         // 3 distinct in-force doc_no (2号 listed twice) = max
  {"shenpiju", "2.1", 0.996, 4.0, ""},       // own metrics.yaml "99.6%" = 0.996 = max
  {"shenpiju", "2.2", 0.997, 3.996, ""},     // 4·0.997/0.998 = 3.995992
  {"shenpiju", "2.3", 1.0, 3.0, ""},
  {"shenpiju", "3.1", 53.0, 0.0587, ""},     // 12 + 41 → 4·53/3612 = 0.058693
  {"shenpiju", "4.1", 2.0, 6.0, ""},
  {"shenpiju", "5.1", 0.0, 2.0, ""},         // 12 valid, distinct codes and names
  {"shenpiju", "8.1", 1.0, 0.5, ""},         // 信易批 (04)
  {"shenpiju", "9.1", 0.0, 2.0, ""},
  {"shenpiju", "12.1", 0.0, 0.0, ""},
  {"shenpiju", "13.1", 0.0, 0.0, ""},
  {"shenpiju", "14.1", 0.1824, 3.0, ""},     // max
  {"shenpiju", "15.1", 0.0, 4.0, ""},
  {"shenpiju", "16.1", 0.0, 6.0, ""},        // no objections this month: 0/5130 = 0 → 6
  {"shenpiju", "16.2", kNull, 6.0, ""},      // no objections → null, none: 6, no flag
  // earned 46.554685; 100·46.554685/78 = 59.685494

  // ---- weijian (two sgs rows only): objection 05-20 (Fri) 15:40 → 05-24 (Tue): 23, 24 = 2 days
  {"weijian", "16.1", 0.0007, 0.0, ""},      // 1/1420 = 0.000704 = max; min 0 → 0
  {"weijian", "16.2", 2.0, 3.0, ""},         // 2 ≤ 2 → 3
  // ---- jiaotong (sgs timeliness rate not reported)
  {"jiaotong", "2.2", kNull, 0.0, "missing"},
  // ---- dongfeng (no 05 xyd_credit_amount)
  {"dongfeng", "7.2", kNull, 0.0, "missing"},
  {"dongfeng", "7.3", kNull, 0.0, "missing"},
};

const std::vector<std::pair<UnitCase, std::size_t>> kDemo0505Units = {
  {{"lingang", 28.5, 72.0, 0.0, 39.5833, 11}, 14},
  {{"hongjialou", 25.5646, 74.0, 0.0, 34.5467, 16}, 15},
  {{"huashan", 20.7414, 74.0, 0.0, 28.029, 19}, 15},
  {{"wangsheren", 20.4098, 74.0, 20.0, 7.5808, 25}, 15},
  {{"tangye", 17.0519, 74.0, 0.0, 23.0431, 22}, 15},
  {{"shuiwuju", 35.3732, 78.0, 0.0, 45.3502, 5}, 15},
  {{"shenpiju", 46.5547, 78.0, 0.0, 59.6855, 2}, 15},
};
// clang-format on

// Ranks (score, 6 decimals) of all 25 units, from the same hand computation:
// shichangju 61.009573, shenpiju 59.685494, renshe 52.088444, wenlv 48.114460, shuiwuju 45.350227,
// zhujian 44.605701, weijian 43.998608, jiaotong 41.407126, jiaoti 40.739266, ziranziyuan
// 40.645104, lingang 39.583333, yingji 38.921544, gongan 37.851846, shandalu 35.774563, fagaiju
// 35.256410, hongjialou 34.546724, quanfu 29.600574, jinrong 28.846154, huashan 28.028955,
// chengtou 25, gongxin 23.545447, tangye 23.043121, dongfeng 22.795052, caijin 17.307692,
// wangsheren 7.580821.
BOOST_AUTO_TEST_CASE(demo_2022_05_rows_and_totals) {
  auto root = score(kDemo, "2022-05");
  BOOST_TEST(root->getValue<std::string>("rulebook") == "济南市区县信用状况监测指标（第一版）");
  BOOST_TEST(root->getArray("rows")->size() == 21u);
  for (const auto& c : kDemo0505Rows) check_row(root, c);
  for (const auto& [c, n] : kDemo0505Units) check_unit(root, c, n);
  std::vector<std::string> expected = {
      "shichangju", "shenpiju", "renshe", "wenlv",      "shuiwuju", "zhujian", "weijian",
      "jiaotong",   "jiaoti",   "ziranziyuan", "lingang", "yingji", "gongan",  "shandalu",
      "fagaiju",    "hongjialou", "quanfu", "jinrong",  "huashan",  "chengtou", "gongxin",
      "tangye",     "dongfeng", "caijin",  "wangsheren"};
  auto got = unit_order(root);
  BOOST_TEST(got == expected, boost::test_tools::per_element());
}

// 2022-06: wangsheren's penalty (decided 2022-05, months 3) is in its second month → still −20.
// wangsheren 06 earned 19.641648 / 74 → 26.542767 − 20 = 6.542767.
// Row 7.3 for hongjialou, growth 06 vs 05: (2310 − 2050)/2050 = 0.126829. Peers with a value (7):
// tangye (530−410)/410 = 0.292683 r1, huashan 145/760 = 0.190789 r2, hongjialou 0.126829 r3,
// quanfu 115/1290 = 0.089147 r4, wangsheren 110/2190 = 0.050228 r5, shandalu 80/1620 = 0.049383
// r6, lingang (3380 − 3420)/3420 = −0.011696 r7; dongfeng has no 05 figure → missing.
// hongjialou: 3·(7 − 3 + 1)/7 = 15/7 = 2.142857.
BOOST_AUTO_TEST_CASE(demo_2022_06_penalty_continues_and_growth) {
  auto root = score(kDemo, "2022-06");
  auto w = find_unit(root, "wangsheren");
  BOOST_REQUIRE(w);
  BOOST_TEST(w->getValue<double>("penalty") == 20.0);
  BOOST_TEST(w->getValue<double>("score") == 6.5428);
  check_row(root, {"hongjialou", "7.3", 0.1268, 2.1429, ""});
  check_row(root, {"tangye", "7.3", 0.2927, 3.0, ""});  // tangye now has a previous figure
  check_row(root, {"lingang", "7.3", -0.0117, 0.4286, ""});  // 3·1/7
  check_row(root, {"dongfeng", "7.3", kNull, 0.0, "missing"});
}

// ===========================================================================================
// Fixture trees (tests/fixtures/score-trees/<case>/).
// ===========================================================================================

// windows-year-boundary: rulebook 2021-12; every item accepted (review default accepted).
// Accepted news: alpha 2021-12 ×3, 2022-01 ×1; beta 2022-01 ×2.
// Scoring 2022-01:
//  1.1 news ytd (only 2022-01), proportional P 6: alpha 1, beta 2 (max) → alpha 6·1/2 = 3, beta 6.
//  2.1 news cumulative (2021-12 + 2022-01), proportional P 4: alpha 4 (max) → 4; beta 2 → 4·2/4 = 2.
//  alpha 7/10 → 70 (rank 2); beta 8/10 → 80 (rank 1).
BOOST_AUTO_TEST_CASE(tree_windows_cross_year_boundary) {
  auto root = score(kTrees / "windows-year-boundary", "2022-01");
  check_row(root, {"alpha", "1.1", 1.0, 3.0, ""});
  check_row(root, {"alpha", "2.1", 4.0, 4.0, ""});
  check_row(root, {"beta", "1.1", 2.0, 6.0, ""});
  check_row(root, {"beta", "2.1", 2.0, 2.0, ""});
  check_unit(root, {"alpha", 7.0, 10.0, 0.0, 70.0, 2}, 2);
  check_unit(root, {"beta", 8.0, 10.0, 0.0, 80.0, 1}, 2);
  BOOST_TEST(unit_order(root) == (std::vector<std::string>{"beta", "alpha"}), boost::test_tools::per_element());
}

// policies: row 1.1 count policy cumulative, min_max floor 1, P 6. Four departments.
//  alpha: 03 甲1 in_force; 04 甲1 again (same key) + 甲2 in_force → 03: 1, 04: 2.
//  beta:  03 乙1, 乙2 in_force; 04 乙1 repealed (accepted) → 03: 2, 04: 1 (乙1's latest says repealed).
//  gamma: 03 丙1 rejected, 丙2 in_force; 04 丙1 accepted (rejected then accepted), 丙2 repealed but
//         that listing rejected (changes nothing) → 03: 1, 04: 2.
//  delta: no folder → 0 (未报送, still scored).
//  2022-03: min 0, max 2 → alpha 1 + 5·1/2 = 3.5, beta 6, gamma 3.5, delta 1;
//           scores 58.333333, 100, 58.333333, 16.666667; ranks beta 1, alpha 2, gamma 2, delta 4.
//  2022-04: alpha 6, beta 3.5, gamma 6, delta 1; ranks alpha 1, gamma 1, beta 3, delta 4.
BOOST_AUTO_TEST_CASE(tree_policies_relisted_repealed_rejected_then_accepted) {
  auto march = score(kTrees / "policies", "2022-03");
  check_row(march, {"alpha", "1.1", 1.0, 3.5, ""});
  check_row(march, {"beta", "1.1", 2.0, 6.0, ""});
  check_row(march, {"gamma", "1.1", 1.0, 3.5, ""});
  check_row(march, {"delta", "1.1", 0.0, 1.0, ""});
  check_unit(march, {"alpha", 3.5, 6.0, 0.0, 58.3333, 2}, 1);
  check_unit(march, {"delta", 1.0, 6.0, 0.0, 16.6667, 4}, 1);
  BOOST_TEST(unit_order(march) == (std::vector<std::string>{"beta", "alpha", "gamma", "delta"}),
             boost::test_tools::per_element());

  auto april = score(kTrees / "policies", "2022-04");
  check_row(april, {"alpha", "1.1", 2.0, 6.0, ""});
  check_row(april, {"beta", "1.1", 1.0, 3.5, ""});
  check_row(april, {"gamma", "1.1", 2.0, 6.0, ""});
  check_row(april, {"delta", "1.1", 0.0, 1.0, ""});
  check_unit(april, {"alpha", 6.0, 6.0, 0.0, 100.0, 1}, 1);
  check_unit(april, {"gamma", 6.0, 6.0, 0.0, 100.0, 1}, 1);
  check_unit(april, {"beta", 3.5, 6.0, 0.0, 58.3333, 3}, 1);
  BOOST_TEST(unit_order(april) == (std::vector<std::string>{"alpha", "gamma", "beta", "delta"}),
             boost::test_tools::per_element());
}

// activation-growth: zones east, west, north; subdistrict newtown active from 2022-05.
// Row 7.1 metric xyd_credit_amount proportional P 5; row 7.2 growth rank_linear P 3.
//  2022-04 (first month folder, newtown not active so not listed):
//   7.1 east 100, west 200 (max), north 0 → 2.5, 5, 0.
//   7.2: no previous month folder → null, no-value, 0 for all.
//   scores: west 5/8 → 62.5, east 2.5/8 → 31.25, north 0.
//  2022-05: 7.1 east 120, west 210 (max), north 30, newtown 50 → 2.857143, 5, 0.714286, 1.190476.
//   7.2: east 20/100 = 0.2 r1, west 10/200 = 0.05 r2 (n 2) → 3·2/2 = 3, 3·1/2 = 1.5;
//        north previous 0 → no-value; newtown not monitored in 04 (active_from 05) → no-value.
//   scores: west 6.5/8 = 81.25, east 5.857143/8 = 73.214286, newtown 14.880952, north 8.928571.
BOOST_AUTO_TEST_CASE(tree_activation_and_growth) {
  auto april = score(kTrees / "activation-growth", "2022-04");
  BOOST_TEST(april->getArray("units")->size() == 3u);  // newtown not active yet
  BOOST_TEST(!find_unit(april, "newtown"));
  check_row(april, {"east", "7.1", 100.0, 2.5, ""});
  check_row(april, {"north", "7.1", 0.0, 0.0, ""});
  check_row(april, {"east", "7.2", kNull, 0.0, "no-value"});
  check_row(april, {"west", "7.2", kNull, 0.0, "no-value"});
  check_unit(april, {"west", 5.0, 8.0, 0.0, 62.5, 1}, 2);
  check_unit(april, {"east", 2.5, 8.0, 0.0, 31.25, 2}, 2);

  auto may = score(kTrees / "activation-growth", "2022-05");
  BOOST_TEST(may->getArray("units")->size() == 4u);
  check_row(may, {"east", "7.1", 120.0, 2.8571, ""});
  check_row(may, {"newtown", "7.1", 50.0, 1.1905, ""});
  check_row(may, {"east", "7.2", 0.2, 3.0, ""});
  check_row(may, {"west", "7.2", 0.05, 1.5, ""});
  check_row(may, {"north", "7.2", kNull, 0.0, "no-value"});
  check_row(may, {"newtown", "7.2", kNull, 0.0, "no-value"});
  check_unit(may, {"west", 6.5, 8.0, 0.0, 81.25, 1}, 2);
  check_unit(may, {"east", 5.8571, 8.0, 0.0, 73.2143, 2}, 2);
  check_unit(may, {"newtown", 1.1905, 8.0, 0.0, 14.881, 3}, 2);
  check_unit(may, {"north", 0.7143, 8.0, 0.0, 8.9286, 4}, 2);
}

// penalty-months: rulebook penalty default {points: 10, months: 3}. 2022-01/penalties.yaml gives
// north two penalties: one with defaults (10 points, 2022-01..03) and one {points: 5, months: 4}
// (2022-01..04). There is no 2022-02 folder: months count on the calendar.
// Row 4.1 news this month, per_item each 1, P 2.
//  2022-03 (third month): north 1 accepted news → 1; 100·1/2 − 15 = 35 (rank 1); south 0 (rank 2).
//  2022-04 (fourth month): only the 4-month penalty → north 0 − 5 = −5 (not clamped, rank 2);
//  south 0 (rank 1).
BOOST_AUTO_TEST_CASE(tree_penalty_third_and_fourth_month) {
  auto march = score(kTrees / "penalty-months", "2022-03");
  check_row(march, {"north", "4.1", 1.0, 1.0, ""});
  check_unit(march, {"north", 1.0, 2.0, 15.0, 35.0, 1}, 1);
  check_unit(march, {"south", 0.0, 2.0, 0.0, 0.0, 2}, 1);

  auto april = score(kTrees / "penalty-months", "2022-04");
  check_row(april, {"north", "4.1", 0.0, 0.0, ""});
  check_unit(april, {"north", 0.0, 2.0, 5.0, -5.0, 2}, 1);
  check_unit(april, {"south", 0.0, 2.0, 0.0, 0.0, 1}, 1);
  BOOST_TEST(unit_order(april) == (std::vector<std::string>{"south", "north"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
