// Reading submitted files: encodings a clerk's editor may produce.
#include <boost/test/unit_test.hpp>

#include "items_test_util.h"
#include "load/source_file.h"

using namespace creditgen;
using namespace creditgen::test;

BOOST_AUTO_TEST_SUITE(source_file)

BOOST_AUTO_TEST_CASE(utf16_from_notepad_is_read_with_a_warning) {
  TempUnit u;
  std::string bytes = "\xFF\xFE";
  for (char16_t c : std::u16string(u"title: 会议\r\n")) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  u.write("a.yaml", bytes);
  Diagnostics d;
  auto text = load::read_text_file(u.dir / "a.yaml", "content/a.yaml", d);
  BOOST_TEST_REQUIRE(text.has_value());
  BOOST_TEST(*text == "title: 会议\n");
  const auto w = only(d, "encoding");
  BOOST_TEST((w.severity == Severity::warning));
  BOOST_TEST(w.where.file == "content/a.yaml");
  BOOST_TEST(w.where.line == 1);
  BOOST_TEST(w.message == "文件按 UTF-16 编码读取（Windows 记事本另存为“Unicode”时的编码），建议另存为 UTF-8");
}

BOOST_AUTO_TEST_SUITE_END()
