#include <boost/test/unit_test.hpp>

#include "items_test_util.h"
#include "load/front_matter.h"

using namespace creditgen;
using namespace creditgen::test;

BOOST_AUTO_TEST_SUITE(front_matter)

BOOST_AUTO_TEST_CASE(splits_yaml_and_body_with_lines_and_offsets) {
  Diagnostics d;
  std::string text = "---\ntitle: 标题\ndate: 2022-05-06\n---\n正文第一行\n第二行\n";
  auto fm = load::split_front_matter(text, "a.md", d);
  BOOST_REQUIRE(fm);
  BOOST_TEST(d.empty());
  BOOST_TEST(fm->yaml == "title: 标题\ndate: 2022-05-06\n");
  BOOST_TEST(fm->yaml_line_offset == 1);
  BOOST_TEST(fm->yaml_offset == 4u);
  BOOST_TEST(fm->close_line == 4);
  BOOST_TEST(fm->body == "正文第一行\n第二行\n");
  BOOST_TEST(fm->body_line == 5);
  BOOST_TEST(text.substr(fm->body_offset) == fm->body);
}

BOOST_AUTO_TEST_CASE(closing_line_may_have_trailing_blanks) {
  Diagnostics d;
  auto fm = load::split_front_matter("--- \ntitle: x\n---\t\nbody", "a.md", d);
  BOOST_REQUIRE(fm);
  BOOST_TEST(fm->yaml == "title: x\n");
  BOOST_TEST(fm->body == "body");
}

BOOST_AUTO_TEST_CASE(missing_block_is_front_matter_error_at_1_1) {
  Diagnostics d;
  BOOST_TEST(!load::split_front_matter("title: x\n\n正文", "content/a.md", d));
  auto e = only(d, "front-matter");
  BOOST_TEST((e.severity == Severity::error));
  BOOST_TEST(e.where.file == "content/a.md");
  BOOST_TEST(e.where.line == 1);
  BOOST_TEST(e.where.column == 1);
  BOOST_TEST(contains(e.message, "未找到 YAML 头部"));
  BOOST_TEST(contains(e.message, "文件应以 --- 开始"));
}

BOOST_AUTO_TEST_CASE(leading_blank_line_gets_a_hint) {
  Diagnostics d;
  BOOST_TEST(!load::split_front_matter("\n---\ntitle: x\n---\nbody", "a.md", d));
  BOOST_TEST(contains(only(d, "front-matter").message, "第一行不能是空行"));
}

BOOST_AUTO_TEST_CASE(unterminated_block_is_front_matter_error) {
  Diagnostics d;
  BOOST_TEST(!load::split_front_matter("---\ntitle: x\ndate: 2022-05-06\n正文", "a.md", d));
  auto e = only(d, "front-matter");
  BOOST_TEST(e.where.line == 1);
  BOOST_TEST(contains(e.message, "没有结束"));
}

BOOST_AUTO_TEST_CASE(empty_file_is_front_matter_error) {
  Diagnostics d;
  BOOST_TEST(!load::split_front_matter("", "a.md", d));
  BOOST_TEST(with_code(d, "front-matter").size() == 1u);
}

// BOM + CRLF: positions are of the whole file, BOM not counted, CR invisible.
BOOST_AUTO_TEST_CASE(crlf_and_bom_keep_lines_and_columns) {
  TempUnit u;
  u.write("news/a.md",
          "\xEF\xBB\xBF---\r\ntitle: 培训\r\ndate: 2022-05-32\r\nsubmitted: 2022-05-07 10:30\r\n---\r\n正文\r\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "bad-value");
  BOOST_TEST(e.where.file == u.shown("news/a.md"));
  BOOST_TEST(e.where.line == 3);
  BOOST_TEST(e.where.column == 7);
  BOOST_TEST(contains(e.message, "2022-05-32"));
  BOOST_REQUIRE(um.news.size() == 1u);
  BOOST_TEST(!um.news[0].valid);
  BOOST_TEST(um.news[0].body == "正文\n");
  BOOST_TEST(um.news[0].body_line == 6);
}

BOOST_AUTO_TEST_CASE(crlf_bom_unknown_field_column_after_wide_chars) {
  TempUnit u;
  u.write("news/a.md",
          "\xEF\xBB\xBF---\r\ntitle: 培训\r\ndate: 2022-05-06\r\nsubmitted: 2022-05-07 10:30\r\n"
          "来源: 区局\r\n---\r\n正文\r\n");
  Diagnostics d;
  auto um = u.load(d);
  auto w = only(d, "unknown-field");
  BOOST_TEST((w.severity == Severity::warning));
  BOOST_TEST(w.where.line == 5);
  BOOST_TEST(w.where.column == 1);
  BOOST_TEST(um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(yaml_syntax_error_points_into_the_whole_file) {
  TempUnit u;
  u.write("news/a.md", "---\ntitle: 培训\ndate: [2022-05-06\nsubmitted: 2022-05-07 10:30\n---\n正文\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "yaml-syntax");
  BOOST_TEST(e.where.file == u.shown("news/a.md"));
  BOOST_TEST(e.where.line >= 3);  // yaml-cpp reports where it noticed, never inside the --- line
  BOOST_TEST(!um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(empty_front_matter_is_reported) {
  TempUnit u;
  u.write("news/a.md", "---\n---\n正文\n");
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(only(d, "front-matter").where.line == 1);
  BOOST_TEST(!um.news.at(0).valid);
}

BOOST_AUTO_TEST_SUITE_END()
