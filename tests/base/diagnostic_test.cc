// Diagnostics: the compiler-style line, JSON, and the sort order of outputs.md.
#include <boost/test/unit_test.hpp>

#include <sstream>
#include <thread>

#include "base/diagnostic.h"

using namespace creditgen;

BOOST_AUTO_TEST_SUITE(diagnostic)

BOOST_AUTO_TEST_CASE(format_line) {
  Diagnostic d{{"content/2022-05/lingang/news/a.md", 4, 7}, Severity::error, "bad-value",
               "日期无效“2022-05-32”，应为 YYYY-MM-DD"};
  BOOST_TEST(format_diagnostic(d) ==
             "content/2022-05/lingang/news/a.md:4:7: error: 日期无效“2022-05-32”，应为 YYYY-MM-DD [bad-value]");
  d.severity = Severity::warning;
  BOOST_TEST(format_diagnostic(d).find(":4:7: warning: ") != std::string::npos);
  std::ostringstream os;
  os << Severity::error << ' ' << Severity::warning;
  BOOST_TEST(os.str() == "error warning");
}

BOOST_AUTO_TEST_CASE(json) {
  std::vector<Diagnostic> v = {{{"a\"b.md", 1, 2}, Severity::warning, "late", "说明\n第二行"}};
  BOOST_TEST(diagnostics_json(v) ==
             "{\"diagnostics\":[\n  {\"file\":\"a\\\"b.md\",\"line\":1,\"column\":2,\"severity\":\"warning\","
             "\"code\":\"late\",\"message\":\"说明\\n第二行\"}\n]}\n");
  BOOST_TEST(diagnostics_json({}) == "{\"diagnostics\":[]}\n");
}

// A file name or a quoted value can hold anything: on the terminal it can
// neither start a forged diagnostic line nor drive the terminal, and JSON
// output stays valid JSON whatever the bytes.
BOOST_AUTO_TEST_CASE(content_cannot_forge_lines_or_break_json) {
  const std::string evil_file = std::string("content/2022-05/a\nb.md:1:1: error: 伪造 [x]\x1b[2J\xff\xfe") +
                                "\xe2\x80\xae" + "gpj.exe";  // U+202E RIGHT-TO-LEFT OVERRIDE
  Diagnostic d{{evil_file, 3, 2}, Severity::warning, "unknown-field", "值“a\rb\x7f”无效"};
  const std::string line = format_diagnostic(d);
  BOOST_TEST(line ==
             "content/2022-05/a\\x0ab.md:1:1: error: 伪造 [x]\\x1b[2J\\xff\\xfe\\u{202e}gpj.exe:3:2: warning: "
             "值“a\\x0db\\x7f”无效 [unknown-field]");
  BOOST_TEST(line.find('\n') == std::string::npos);
  const std::string json = diagnostics_json({d});
  BOOST_TEST(json.find("\"file\":\"content/2022-05/a\\nb.md:1:1: error: 伪造 [x]\\u001b[2J\\\\xff\\\\xfe\u202egpj.exe\"") !=
                 std::string::npos,
             json);
  BOOST_TEST(json.find("\"message\":\"值“a\\rb\\u007f”无效\"") != std::string::npos, json);
  // Valid UTF-8 throughout: every byte ≥ 0x80 belongs to a well-formed sequence.
  BOOST_TEST(json.find('\xff') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(sorted_by_path_line_column_code_message_and_deduplicated) {
  Diagnostics s;
  s.error({"content/b.yaml", 1, 1}, "bad-value", "乙");
  s.warning({"content/a.yaml", 10, 1}, "unknown-field", "甲");
  s.error({"content/a.yaml", 2, 5}, "duplicate", "丙");
  s.error({"content/a.yaml", 2, 5}, "bad-value", "丁");
  s.error({"content/a.yaml", 2, 5}, "bad-value", "丁");
  s.error({"content/a.yaml", 2, 3}, "yaml-syntax", "戊");
  BOOST_TEST(s.size() == 6u);
  BOOST_TEST(s.count(Severity::warning) == 1u);
  BOOST_TEST(s.has_errors());
  auto v = s.sorted();
  BOOST_TEST_REQUIRE(v.size() == 5u);
  BOOST_TEST(v[0].code == "yaml-syntax");
  BOOST_TEST(v[1].code == "bad-value");
  BOOST_TEST(v[2].code == "duplicate");
  BOOST_TEST(v[3].where.line == 10);  // 10 after 2: numbers, not text
  BOOST_TEST(v[4].where.file == "content/b.yaml");
  // Paths compare as UTF-8 bytes: "Z" (0x5A) before "a" (0x61) before "中".
  Diagnostic x{{"Z", 1, 1}, Severity::error, "", ""}, y{{"a", 1, 1}, Severity::error, "", ""},
      z{{"中", 1, 1}, Severity::error, "", ""};
  BOOST_TEST(diagnostic_less(x, y));
  BOOST_TEST(diagnostic_less(y, z));
  BOOST_TEST(!diagnostic_less(z, y));
}

BOOST_AUTO_TEST_CASE(append_copy_and_threads) {
  Diagnostics a, b;
  a.warning({"x", 1, 1}, "late", "m");
  b.append(a);
  b.append(a);
  BOOST_TEST(b.size() == 2u);
  BOOST_TEST(!b.has_errors());
  BOOST_TEST(b.has_warnings());
  Diagnostics c(b);
  BOOST_TEST(c.size() == 2u);
  Diagnostics shared;
  std::thread t1([&] { for (int i = 0; i < 500; ++i) shared.error({"t1", i, 1}, "e", "m"); });
  std::thread t2([&] { for (int i = 0; i < 500; ++i) shared.warning({"t2", i, 1}, "w", "m"); });
  t1.join();
  t2.join();
  BOOST_TEST(shared.size() == 1000u);
  BOOST_TEST(shared.count(Severity::error) == 500u);
}

BOOST_AUTO_TEST_SUITE_END()
