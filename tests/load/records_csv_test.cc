#include <boost/test/unit_test.hpp>

#include "items_test_util.h"
#include "load/records_csv.h"

using namespace creditgen;
using namespace creditgen::test;

BOOST_AUTO_TEST_SUITE(records_csv)

BOOST_AUTO_TEST_CASE(parses_quoted_fields) {
  auto csv = load::parse_csv("a,\"b,c\",\"d \"\"e\"\"\"\n\"多\n行\",,x\n");
  BOOST_REQUIRE(csv.rows.size() == 2u);
  BOOST_REQUIRE(csv.rows[0].size() == 3u);
  BOOST_TEST(csv.rows[0][1].text == "b,c");
  BOOST_TEST(csv.rows[0][1].offset == 2u);
  BOOST_TEST(csv.rows[0][2].text == "d \"e\"");
  BOOST_REQUIRE(csv.rows[1].size() == 3u);
  BOOST_TEST(csv.rows[1][0].text == "多\n行");
  BOOST_TEST(csv.rows[1][1].text == "");
  BOOST_TEST(csv.rows[1][2].text == "x");
  BOOST_TEST(csv.unclosed_quote == std::string::npos);
}

BOOST_AUTO_TEST_CASE(unclosed_quote_is_reported) {
  TempUnit u;
  u.write("records/a.csv", "主体名称,统一社会信用代码\n\"甲公司,91350100M000100Y43\n");
  Diagnostics d;
  auto f = load::read_records_csv(load::disk_tree(), u.dir / "records/a.csv", "records/a.csv", "r.csv", d);
  BOOST_TEST(!f.ok);
  auto e = only(d, "bad-value");
  BOOST_TEST(e.where.line == 2);
  BOOST_TEST(e.where.column == 1);
}

BOOST_AUTO_TEST_CASE(header_needs_both_columns) {
  TempUnit u;
  u.write("records/a.csv", "名称,代码\n甲,91350100M000100Y43\n");
  u.write("ledger.yaml", "ledger:\n  - category: 水\n    count: 1\n    records: records/a.csv\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "missing-field");
  BOOST_TEST(e.where.file == u.shown("records/a.csv"));
  BOOST_TEST(e.where.line == 1);
  BOOST_TEST(e.where.column == 1);
  BOOST_TEST(contains(e.message, "主体名称"));
  BOOST_TEST(contains(e.message, "统一社会信用代码"));
  // The ledger entry cannot be checked against a broken CSV.
  BOOST_TEST(only(d, "bad-value").where.file == u.shown("ledger.yaml"));
  BOOST_TEST(!um.ledger.at(0).valid);
}

BOOST_AUTO_TEST_CASE(blank_rows_skipped_extra_columns_any_order) {
  TempUnit u;
  u.write("records/a.csv", "\xEF\xBB\xBF序号,统一社会信用代码,主体名称\r\n1,91350100M000100Y43,甲公司\r\n\r\n , , \r\n2,\"91370112MA3C12345M\",\"乙公司\"\r\n");
  Diagnostics d;
  auto f = load::read_records_csv(load::disk_tree(), u.dir / "records/a.csv", "records/a.csv", "r.csv", d);
  BOOST_TEST(d.empty(), dump(d));
  BOOST_TEST(f.ok);
  BOOST_TEST(f.data_rows == 2);
  BOOST_REQUIRE(f.rows.size() == 2u);
  BOOST_TEST(f.rows[1].name == "乙公司");
  BOOST_TEST(f.rows[1].code == "91370112MA3C12345M");
  BOOST_TEST(f.rows[1].code_at.line == 5);
  BOOST_TEST(f.rows[1].code_at.column == 3);
}

BOOST_AUTO_TEST_CASE(gbk_csv_is_read_with_encoding_warning) {
  TempUnit u;
  // "主体名称,统一社会信用代码\n甲,91350100M000100Y43\n" in GBK.
  std::string gbk = "\xD6\xF7\xCC\xE5\xC3\xFB\xB3\xC6,\xCD\xB3\xD2\xBB\xC9\xE7\xBB\xE1\xD0\xC5\xD3\xC3\xB4\xFA\xC2\xEB\n"
                    "\xBC\xD7,91350100M000100Y43\n";
  u.write("records/a.csv", gbk);
  Diagnostics d;
  auto um = u.load(d);
  auto w = only(d, "encoding");
  BOOST_TEST((w.severity == Severity::warning));
  BOOST_TEST(w.where.file == u.shown("records/a.csv"));
  BOOST_TEST(um.uscc.bad_codes == 0);
  BOOST_TEST(d.count(Severity::error) == 0u);
}

BOOST_AUTO_TEST_CASE(bad_codes_are_warnings_at_the_code_cell) {
  TempUnit u;
  u.write("records/a.csv",
          "主体名称,统一社会信用代码\n"
          "甲公司,91350100M000100Y43\n"
          "乙公司,91350100M000100Y44\n"
          "丙公司,９１３５０１００ｍ０００１００ｙ４３\n"   // full-width, lower case: fine after NFKC
          "丁公司,\n");
  Diagnostics d;
  auto um = u.load(d);
  auto w = with_code(d, "bad-uscc");
  BOOST_REQUIRE(w.size() == 3u);  // 乙: check character; 丁: empty; 丙+甲: same code, two names (重码)
  BOOST_TEST((w[0].severity == Severity::warning));
  BOOST_TEST(w[0].where.file == u.shown("records/a.csv"));
  BOOST_TEST(w[0].where.line == 3);
  BOOST_TEST(w[0].where.column == 5);
  BOOST_TEST(contains(w[0].message, "错码"));
  BOOST_TEST(w[1].where.line == 4);
  BOOST_TEST(contains(w[1].message, "重码"));
  BOOST_TEST(w[2].where.line == 5);
  BOOST_TEST(um.uscc.bad_codes == 2);
  BOOST_TEST(um.uscc.duplicate_codes == 1);
  BOOST_REQUIRE(um.uscc.problems.size() == 3u);
  BOOST_TEST((um.uscc.problems[0].kind == model::UsccProblem::Kind::bad_code));
  BOOST_TEST(um.uscc.problems[0].name == "乙公司");
  BOOST_TEST(d.count(Severity::error) == 0u);
}

BOOST_AUTO_TEST_CASE(duplicate_both_ways_across_files) {
  TempUnit u;
  // One code, two names (across two CSVs); one name, two codes.
  u.write("records/a.csv",
          "主体名称,统一社会信用代码\n"
          "甲公司,91350100M000100Y43\n"
          "乙公司,91370112MA3C12345M\n"
          "甲公司,91350100M000100Y43\n");
  u.write("records/b.csv",
          "主体名称,统一社会信用代码\n"
          "甲有限公司,91350100M000100Y43\n"
          "乙公司,12370112004197850H\n"
          "乙公司,91110000600037341L\n");
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(um.uscc.bad_codes == 0);
  BOOST_TEST(um.uscc.duplicate_codes == 2);  // one code (91350100…) + one name (乙公司)
  auto w = with_code(d, "bad-uscc");
  BOOST_REQUIRE(w.size() == 2u);
  BOOST_TEST(w[0].where.file == u.shown("records/b.csv"));
  BOOST_TEST(w[0].where.line == 2);
  BOOST_TEST(w[0].where.column == 7);
  BOOST_TEST(contains(w[0].message, "甲公司、甲有限公司"));
  BOOST_TEST(w[1].where.line == 3);
  BOOST_TEST(contains(w[1].message, "主体名称“乙公司”"));
  BOOST_TEST(contains(w[1].message, "91370112MA3C12345M、12370112004197850H、91110000600037341L"));
  BOOST_REQUIRE(um.uscc.problems.size() == 2u);
  BOOST_TEST((um.uscc.problems[0].kind == model::UsccProblem::Kind::duplicate));
  BOOST_TEST(um.uscc.problems[0].code == "91350100M000100Y43");
}

// One code shared by many names: one 重码, naming the first ten and the count.
BOOST_AUTO_TEST_CASE(a_code_shared_by_many_names_is_one_readable_warning) {
  TempUnit u;
  std::string csv = "主体名称,统一社会信用代码\n";
  for (int i = 0; i < 25; ++i) csv += "公司" + std::to_string(i) + ",91350100M000100Y43\n";
  u.write("records/a.csv", csv);
  Diagnostics d;
  auto um = u.load(d);
  auto w = with_code(d, "bad-uscc");
  BOOST_REQUIRE(w.size() == 1u);
  BOOST_TEST(w[0].where.line == 3);
  BOOST_TEST(w[0].message ==
             "重码：统一社会信用代码“91350100M000100Y43”对应多个主体名称：公司0、公司1、公司2、公司3、公司4、公司5、"
             "公司6、公司7、公司8、公司9 等共 25 个，同一主体应只有一个代码");
  BOOST_TEST(um.uscc.duplicate_codes == 1);
}

BOOST_AUTO_TEST_SUITE_END()
