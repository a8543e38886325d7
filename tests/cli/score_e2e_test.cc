// End-to-end: `creditgen score` on the minimal fixture, every number worked
// out by hand below.
//
// Units: lingang (zone, sgs), shenpiju (department, sgs), shuiwuju (department).
// Row 1.1 (6 points, accepted policies cumulative, min_max floor 1):
//   lingang 0, shenpiju 1 (〔2022〕2号 accepted; 3号 rejected), shuiwuju 0 (no folder).
//   min 0, max 1 → lingang 1 + 5·0/1 = 1; shenpiju 1 + 5·1/1 = 6; shuiwuju 1.
// Row 2.1 (4 points, sgs only, proportional): lingang 0.9, shenpiju "98%" = 0.98.
//   lingang 4 · 0.9 / 0.98 = 3.673469…; shenpiju 4.
// Totals: shenpiju 10/10 → 100; lingang 4.673469…/10 → 46.7347; shuiwuju 1/6 → 16.6667.
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "cli/run_binary.h"

namespace fs = std::filesystem;
using namespace creditgen::test;

namespace {
const fs::path kMinimal = fs::path(CREDITGEN_FIXTURES) / "cli" / "minimal";
}

BOOST_AUTO_TEST_SUITE(score_e2e)

BOOST_AUTO_TEST_CASE(json_scores_match_hand_computation) {
  auto r = run_creditgen("score --month 2022-05 --format json --content " + quote(kMinimal));
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  Poco::JSON::Parser parser;
  auto root = parser.parse(r.out).extract<Poco::JSON::Object::Ptr>();
  BOOST_TEST(root->getValue<std::string>("month") == "2022-05");
  BOOST_TEST(root->getValue<std::string>("rulebook") == "测试指标");
  auto rows = root->getArray("rows");
  BOOST_REQUIRE(rows->size() == 2u);
  BOOST_TEST(rows->getObject(0)->getValue<std::string>("id") == "1.1");
  BOOST_TEST(rows->getObject(1)->getValue<std::string>("name") == "双公示合规率");

  auto units = root->getArray("units");
  BOOST_REQUIRE(units->size() == 3u);
  auto first = units->getObject(0), second = units->getObject(1), third = units->getObject(2);
  BOOST_TEST(first->getValue<std::string>("id") == "shenpiju");
  BOOST_TEST(first->getValue<int>("rank") == 1);
  BOOST_TEST(first->getValue<double>("score") == 100.0);
  BOOST_TEST(second->getValue<std::string>("id") == "lingang");
  BOOST_TEST(second->getValue<double>("score") == 46.7347);
  BOOST_TEST(second->getValue<double>("earned") == 4.6735);
  BOOST_TEST(second->getObject("rows")->getObject("2.1")->getValue<double>("points") == 3.6735);
  BOOST_TEST(second->getObject("rows")->getObject("1.1")->getValue<double>("points") == 1.0);
  BOOST_TEST(third->getValue<std::string>("id") == "shuiwuju");
  BOOST_TEST(third->getValue<double>("applicable") == 6.0);
  BOOST_TEST(third->getValue<double>("score") == 16.6667);
  // A row that does not apply is absent.
  BOOST_TEST(!third->getObject("rows")->has("2.1"));
  // Bytes: no escaped non-ASCII, two-space indentation.
  BOOST_TEST(r.out.find("\\u") == std::string::npos);
  BOOST_TEST(r.out.find("\n  \"month\": \"2022-05\"") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(csv_has_bom_crlf_and_header) {
  auto r = run_creditgen("score --month 2022-05 --format csv --content " + quote(kMinimal));
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  BOOST_TEST(r.out.rfind("\xEF\xBB\xBF排名,单位,类型,得分,应得分,实得分,扣分,1.1,2.1\r\n", 0) == 0u, r.out);
  BOOST_TEST(r.out.find("\r\n1,区行政审批服务局,区直部门,100,10,10,0,6,4\r\n") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("\r\n3,区税务局,区直部门,16.6667,6,1,0,1,\r\n") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(table_lists_units_in_rank_order) {
  auto r = run_creditgen("score --month 2022-05 --content " + quote(kMinimal));
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  auto a = r.out.find("区行政审批服务局"), b = r.out.find("临港开发区"), c = r.out.find("区税务局");
  BOOST_TEST((a < b && b < c && c != std::string::npos), r.out);
}

BOOST_AUTO_TEST_SUITE_END()
