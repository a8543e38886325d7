#include <boost/test/unit_test.hpp>

#include <string>

#include "base/bundle_name.h"

using creditgen::bundle_name_problem;
using creditgen::case_clashes;

namespace {
const std::string kRoot = "jinan-licheng-2022-05/data/content/2022-05/lingang/files/";
bool bad(const std::string& tail) { return bundle_name_problem(kRoot + tail).has_value(); }
}  // namespace

BOOST_AUTO_TEST_SUITE(bundle_name)

BOOST_AUTO_TEST_CASE(ordinary_names_pass) {
  BOOST_TEST(!bad("培训现场.jpg"));
  BOOST_TEST(!bad("315活动方案.pdf"));
  BOOST_TEST(!bad("sub/dir/a b.txt"));
  BOOST_TEST(!bad("console.txt"));   // only the exact device stem is reserved
  BOOST_TEST(!bad("com10.txt"));
  BOOST_TEST(!bad("lpt0"));
  BOOST_TEST(!bad(".hidden"));       // a leading dot is fine on every system
  BOOST_TEST(!bad("a.b.c"));
  BOOST_TEST(creditgen::bundle_root_name("jinan-licheng", {2022, 5}) == "jinan-licheng-2022-05");
}

BOOST_AUTO_TEST_CASE(forbidden_characters) {
  for (const char* c : {"%", "<", ">", ":", "\"", "\\", "|", "?", "*"})
    BOOST_TEST(bad(std::string("a") + c + "b.txt"), c);
  BOOST_TEST(*bundle_name_problem("a%20b") == "文件名含“%”（解压工具可能把它当作转义）");
  BOOST_TEST(*bundle_name_problem("a:b") == "文件名含 Windows 不允许的字符“:”（不允许 < > : \" \\ | ? *）");
}

BOOST_AUTO_TEST_CASE(control_characters) {
  BOOST_TEST(bad(std::string("a\tb")));
  BOOST_TEST(bad(std::string("a\nb")));
  BOOST_TEST(bad(std::string("a\x7f" "b")));
  BOOST_TEST(bad(std::string("a\xc2\x85" "b")));  // U+0085 NEL
  BOOST_TEST(bad(std::string("a\0b", 3)));
  BOOST_TEST(*bundle_name_problem("a\x01") == "文件名含控制字符 0x01");
}

BOOST_AUTO_TEST_CASE(components_ending_in_dot_or_space) {
  BOOST_TEST(bad("name."));
  BOOST_TEST(bad("name "));
  BOOST_TEST(bad("dir./a.txt"));
  BOOST_TEST(bad("dir /a.txt"));
  BOOST_TEST(bad("../a.txt"));
  BOOST_TEST(bad("./a.txt"));
  BOOST_TEST(bad("a//b"));
  BOOST_TEST(bundle_name_problem("x/") .has_value());
  BOOST_TEST(*bundle_name_problem("d/报告.") == "“报告.”以点号结尾（Windows 无法保存）");
}

BOOST_AUTO_TEST_CASE(device_names_any_case_any_extension) {
  for (const char* n : {"CON", "con", "Prn.txt", "aux.tar.gz", "NUL", "nul.jpg", "COM1", "com9.pdf", "LPT1",
                        "lpt9.x", "Con .txt"})
    BOOST_TEST(bad(n), n);
  BOOST_TEST(bad("con/a.txt"));  // a folder named CON is just as bad
  BOOST_TEST(*bundle_name_problem("d/aux.pdf") ==
             "“aux.pdf”是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–9、LPT1–9）");
}

BOOST_AUTO_TEST_CASE(not_nfc) {
  // "é" as e + U+0301 COMBINING ACUTE ACCENT
  BOOST_TEST(bad("caf" "e\xcc\x81" ".txt"));
  BOOST_TEST(!bad("caf\xc3\xa9.txt"));  // precomposed
  BOOST_TEST(bad("\xef\xa8\x80.txt"));  // U+FA00, a CJK compatibility ideograph: NFC maps it to U+5207
}

BOOST_AUTO_TEST_CASE(invalid_utf8) {
  BOOST_TEST(*bundle_name_problem("\xd6\xd0.txt") == "文件名不是有效的 UTF-8 编码");  // GBK 中
}

BOOST_AUTO_TEST_CASE(length_counts_code_points_of_the_whole_name) {
  const std::string prefix = "jinan-licheng-2022-05/data/";  // 27 code points
  std::string ok = prefix;
  while (ok.size() < 180) ok += "a";
  BOOST_TEST(!bundle_name_problem(ok));
  BOOST_TEST(*bundle_name_problem(ok + "b") == "压缩包内的完整路径有 181 个字符，超过 180 个字符的上限");
  // 51 Chinese characters (3 bytes each) + 27 = 78 code points: fine although 180 bytes are exceeded.
  std::string zh = prefix;
  for (int i = 0; i < 51; ++i) zh += "中";
  BOOST_TEST(!bundle_name_problem(zh));
  std::string zh_long = prefix;
  for (int i = 0; i < 154; ++i) zh_long += "中";
  BOOST_TEST(bundle_name_problem(zh_long).has_value());
}

BOOST_AUTO_TEST_CASE(case_clash_pairs) {
  auto clashes = case_clashes({"d/Report.PDF", "d/other.pdf", "d/report.pdf", "d/REPORT.pdf", "d/Straße", "d/STRASSE"});
  BOOST_TEST_REQUIRE(clashes.size() == 4u);
  BOOST_TEST(clashes[0].first == "d/Report.PDF");
  BOOST_TEST(clashes[0].second == "d/report.pdf");
  BOOST_TEST(clashes[1].first == "d/Report.PDF");
  BOOST_TEST(clashes[1].second == "d/REPORT.pdf");
  BOOST_TEST(clashes[2].first == "d/report.pdf");
  BOOST_TEST(clashes[2].second == "d/REPORT.pdf");
  BOOST_TEST(clashes[3].first == "d/Straße");  // full folding: ß → ss
  BOOST_TEST(clashes[3].second == "d/STRASSE");
  BOOST_TEST(case_clashes({"a", "b", "中"}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
