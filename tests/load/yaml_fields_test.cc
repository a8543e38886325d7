// YAML with positions and the typed field reader.
#include <boost/test/unit_test.hpp>

#include "load/core_tree.h"
#include "load/yaml_fields.h"

using namespace creditgen;
using creditgen::testing::dump;
using creditgen::testing::with_code;
using load::MapReader;
using load::YamlFile;

namespace {
YamlFile parse_ok(const std::string& text, Diagnostics& d, int line_offset = 0) {
  auto f = YamlFile::parse(text, "content/x.yaml", line_offset, d);
  BOOST_REQUIRE(f.has_value());
  return std::move(*f);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(yaml_fields)

BOOST_AUTO_TEST_CASE(syntax_error_position) {
  Diagnostics d;
  auto f = YamlFile::parse("title: a\nlist: [1, 2\n", "content/x.yaml", 0, d);
  BOOST_TEST(!f.has_value());
  auto e = with_code(d, "yaml-syntax");
  BOOST_TEST_REQUIRE(e.size() == 1u, dump(d));
  BOOST_TEST(e[0].where.file == "content/x.yaml");
  BOOST_TEST(e[0].severity == Severity::error);
  BOOST_TEST(e[0].where.line == 2);  // end of input: the end of the last line, not a line past it
  BOOST_TEST(e[0].where.column == 12);
}

// The slips a clerk makes, each with the exact words, line and column.
BOOST_AUTO_TEST_CASE(full_width_colon_is_reported_on_its_own_line) {
  Diagnostics d;
  auto f = YamlFile::parse("date: 2022-05-06\ntitle：会议纪要\n- note ：x\nsummary: 会议：内容\n", "content/x.md", 1, d);
  BOOST_TEST(!f.has_value());
  auto e = with_code(d, "yaml-syntax");
  BOOST_TEST_REQUIRE(e.size() == 2u, dump(d));
  BOOST_TEST(e[0].where.line == 3);  // line 2 of the block, after the opening ---
  BOOST_TEST(e[0].where.column == 6);
  BOOST_TEST(e[0].message == "字段“title”后面是全角冒号“：”：请改为半角冒号“:”，并在冒号后加一个空格");
  BOOST_TEST(e[1].where.line == 4);
  BOOST_TEST(e[1].where.column == 8);
  BOOST_TEST(e[1].message == "字段“note”后面是全角冒号“：”：请改为半角冒号“:”，并在冒号后加一个空格");
}

BOOST_AUTO_TEST_CASE(parser_messages_are_in_chinese) {
  struct Case {
    const char* text;
    int line, column;
    const char* message;
  };
  for (const Case& c : {Case{"title: a\n\tdate: b\n", 2, 1, "YAML 格式错误：缩进中有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 改为空格"},
                        Case{"title: 会议: 纪要\n", 1, 10, "YAML 格式错误：这里不能出现“字段: 值”：请检查缩进，或把含有“: ”的值用引号括起来"},
                        Case{"title: @张三\n", 1, 8, "YAML 格式错误：有不能直接写在值中的字符（如行首的 @、`、%）：请把整个值用引号括起来"},
                        Case{"list: [1, 2\n", 1, 12, "YAML 格式错误：方括号 [ ] 没有成对：请检查这一行的 [ 是否有对应的 ]"}}) {
    Diagnostics d;
    BOOST_TEST_CONTEXT(c.text) {
      BOOST_TEST(!YamlFile::parse(c.text, "content/x.yaml", 0, d).has_value());
      auto e = with_code(d, "yaml-syntax");
      BOOST_TEST_REQUIRE(e.size() == 1u, dump(d));
      BOOST_TEST(e[0].message == c.message);
      BOOST_TEST(e[0].where.line == c.line);
      BOOST_TEST(e[0].where.column == c.column);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_field_gets_the_likely_one) {
  Diagnostics d;
  auto f = parse_ok("title: 会议\nsubmited: 2022-05-06 10:00\ncolour: 红\n", d);
  MapReader r(f, f.root(), d);
  r.text("title", true);
  r.date_time("submitted", false);
  r.finish();
  auto w = with_code(d, "unknown-field");
  BOOST_TEST_REQUIRE(w.size() == 2u, dump(d));
  BOOST_TEST(w[0].where.line == 2);
  BOOST_TEST(w[0].where.column == 1);
  BOOST_TEST(w[0].message == "未知字段“submited”，已忽略；是不是“submitted”？");
  BOOST_TEST(w[1].message == "未知字段“colour”，已忽略");
}

BOOST_AUTO_TEST_CASE(positions_count_code_points_and_front_matter_offset) {
  Diagnostics d;
  auto f = parse_ok("标题: 中文\n日期: 2022-05-32\n", d, 1);
  MapReader r(f, f.root(), d);
  BOOST_TEST(!r.date("日期", true).has_value());
  auto bad = with_code(d, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
  BOOST_TEST(bad[0].where.line == 3);    // one line of front matter before
  BOOST_TEST(bad[0].where.column == 5);  // 日 期 : space → the value is the 5th code point
  BOOST_TEST(bad[0].message.find("2022-05-32") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(typed_fields) {
  Diagnostics d;
  auto f = parse_ok(
      "id: 01\n"
      "when: 2022-05-07 10:30\n"
      "n: 12\n"
      "x: 2.5\n"
      "flag: yes\n"
      "ok: true\n"
      "tags: [a, b]\n"
      "one: c\n"
      "kind: zone\n",
      d);
  MapReader r(f, f.root(), d);
  BOOST_TEST(r.text("id", true).value_or("") == "01");  // never reinterpreted
  BOOST_TEST(r.date_time("when", true).value_or(DateTime{}).str() == "2022-05-07 10:30");
  BOOST_TEST(r.integer("n", true, 0, 20).value_or(-1) == 12);
  BOOST_TEST(r.number("x", true, 0).value_or(-1) == 2.5);
  BOOST_TEST(!r.boolean("flag", true).has_value());  // only true/false are booleans
  BOOST_TEST(r.boolean("ok", true).value_or(false));
  BOOST_TEST(r.text_list("tags", true).value_or(std::vector<std::string>{}).size() == 2u);
  BOOST_TEST(r.text_list("one", true).value_or(std::vector<std::string>{}).at(0) == "c");
  BOOST_TEST(r.choice("kind", true, {"zone", "dual"}).value_or("") == "zone");
  r.finish();
  auto bad = with_code(d, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
  BOOST_TEST(bad[0].where.line == 5);
  BOOST_TEST(bad[0].where.column == 7);
  BOOST_TEST(r.failed());
}

BOOST_AUTO_TEST_CASE(missing_bad_duplicate_unknown) {
  Diagnostics d;
  auto f = parse_ok(
      "  title: a\n"
      "  count: -1\n"
      "  title: b\n"
      "  extra: 1\n",
      d);
  MapReader r(f, f.root(), d);
  BOOST_TEST(r.text("title", true).value_or("") == "a");  // the first occurrence stands
  BOOST_TEST(!r.integer("count", true, 0, 100).has_value());
  BOOST_TEST(!r.date("date", true).has_value());
  r.finish();
  auto dup = with_code(d, "duplicate");
  BOOST_TEST_REQUIRE(dup.size() == 1u, dump(d));
  BOOST_TEST(dup[0].where.line == 3);
  BOOST_TEST(dup[0].where.column == 3);
  auto bad = with_code(d, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
  BOOST_TEST(bad[0].where.line == 2);
  BOOST_TEST(bad[0].where.column == 10);
  auto missing = with_code(d, "missing-field");
  BOOST_TEST_REQUIRE(missing.size() == 1u, dump(d));
  BOOST_TEST(missing[0].where.line == 1);  // at the mapping
  BOOST_TEST(missing[0].where.column == 3);
  BOOST_TEST(missing[0].message.find("“date”") != std::string::npos);
  auto unknown = with_code(d, "unknown-field");
  BOOST_TEST_REQUIRE(unknown.size() == 1u, dump(d));
  BOOST_TEST(unknown[0].where.line == 4);
  BOOST_TEST(unknown[0].severity == Severity::warning);
}

BOOST_AUTO_TEST_CASE(empty_value_is_missing) {
  Diagnostics d;
  auto f = parse_ok("title:\nname: \"  \"\n", d);
  MapReader r(f, f.root(), d);
  BOOST_TEST(!r.text("title", true).has_value());
  BOOST_TEST(!r.text("name", true).has_value());
  BOOST_TEST(with_code(d, "missing-field").size() == 2u, dump(d));
}

BOOST_AUTO_TEST_CASE(numbers_from_source_text) {
  BOOST_TEST(load::parse_number("12").value_or(0) == 12.0);
  BOOST_TEST(load::parse_number("-3.5").value_or(0) == -3.5);
  BOOST_TEST(load::parse_number("1e3").value_or(0) == 1000.0);
  BOOST_TEST(!load::parse_number("0x10"));
  BOOST_TEST(!load::parse_number(".inf"));
  BOOST_TEST(!load::parse_number("nan"));
  BOOST_TEST(!load::parse_number("12abc"));
  BOOST_TEST(load::parse_integer("+7").value_or(0) == 7);
  BOOST_TEST(!load::parse_integer("7.0"));
  BOOST_TEST(!load::parse_integer(""));
}

BOOST_AUTO_TEST_SUITE_END()
