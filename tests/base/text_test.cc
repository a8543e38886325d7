// Decoding submitted files, key normalisation, columns and widths.
#include <boost/test/unit_test.hpp>

#include "base/text.h"

using namespace creditgen;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(decode_utf8_bom_and_crlf) {
  auto d = decode_text("\xEF\xBB\xBFtitle: 标题\r\nx: 1\ry\n");
  BOOST_TEST_REQUIRE(d.has_value());
  BOOST_TEST(d->text == "title: 标题\nx: 1\ny\n");
  BOOST_TEST((d->encoding == SourceEncoding::utf8_bom));
  auto plain = decode_text("a: 中文\n");
  BOOST_TEST_REQUIRE(plain.has_value());
  BOOST_TEST((plain->encoding == SourceEncoding::utf8));
  BOOST_TEST(plain->text == "a: 中文\n");
}

BOOST_AUTO_TEST_CASE(decode_gbk) {
  // "reviewer: 区信用办\r\n" saved by Notepad as GBK.
  auto d = decode_text("reviewer: \xC7\xF8\xD0\xC5\xD3\xC3\xB0\xEC\r\n");
  BOOST_TEST_REQUIRE(d.has_value());
  BOOST_TEST((d->encoding == SourceEncoding::gb18030));
  BOOST_TEST(d->text == "reviewer: 区信用办\n");
}

BOOST_AUTO_TEST_CASE(decode_rejects_undecodable_bytes) {
  BOOST_TEST(!decode_text("a: \xFF\xFF\xFF\n").has_value());
  BOOST_TEST(!decode_text("\x81").has_value());  // a GBK lead byte with nothing after it
}

BOOST_AUTO_TEST_CASE(utf8_validity_and_code_points) {
  BOOST_TEST(is_valid_utf8("中文ab"));
  BOOST_TEST(!is_valid_utf8("\xC0\xAF"));  // overlong '/'
  BOOST_TEST(!is_valid_utf8("\xED\xA0\x80"));  // a surrogate
  BOOST_TEST(code_point_count("中文ab") == 4u);
  BOOST_TEST(to_code_points("a中").size() == 2u);
  BOOST_TEST((to_code_points("a中")[1] == U'中'));
  BOOST_TEST(to_utf8(U'〔') == "〔");
  BOOST_TEST(to_utf8(0x1F600) == "\xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(columns_and_widths) {
  BOOST_TEST(column_of_byte("中文ab", 0) == 1);
  BOOST_TEST(column_of_byte("中文ab", 6) == 3);
  BOOST_TEST(column_of_byte("中文ab", 7) == 4);
  BOOST_TEST(display_width("中文ab") == 6u);
  BOOST_TEST(display_width("ＡＢ") == 4u);
  BOOST_TEST(display_width("abc") == 3u);
}

// The column index agrees with counting from the line start, for every byte
// of a text whose lines are long and mix one- to four-byte characters, and
// whose checkpoints fall inside multi-byte characters.
BOOST_AUTO_TEST_CASE(column_index_agrees_with_counting) {
  std::string text;
  for (int i = 0; i < 700; ++i) text += i % 97 == 0 ? "\n" : i % 5 == 0 ? "中" : i % 7 == 0 ? "\xF0\x9F\x98\x80" : "a";
  text += "尾";
  const ColumnIndex index(text);
  size_t line_start = 0;
  for (size_t byte = 0; byte <= text.size(); ++byte) {
    if (byte > 0 && text[byte - 1] == '\n') line_start = byte;
    const std::string_view line(text.data() + line_start, text.size() - line_start);
    BOOST_TEST(index.column(text, line_start, byte) == column_of_byte(line, byte - line_start), "byte " << byte);
  }
  BOOST_TEST(ColumnIndex("").column("", 0, 0) == 1);
}

BOOST_AUTO_TEST_CASE(normalize_key_nfkc_and_trim) {
  BOOST_TEST(normalize_key("历城行审发〔２０２２〕２号 ") == "历城行审发〔2022〕2号");
  BOOST_TEST(normalize_key("\t（ＡＢ）\n") == "(AB)");
  BOOST_TEST(normalize_key("信用承诺") == "信用承诺");
  BOOST_TEST(normalize_key("  ") == "");
  BOOST_TEST(trim("  a b \n") == "a b");
}

BOOST_AUTO_TEST_CASE(nfc_and_case_folding) {
  BOOST_TEST(!is_nfc("e\xCC\x81"));  // e + combining acute
  BOOST_TEST(to_nfc("e\xCC\x81") == "\xC3\xA9");
  BOOST_TEST(is_nfc("\xC3\xA9"));
  BOOST_TEST(case_fold("Photo.JPG") == "photo.jpg");
  BOOST_TEST(case_fold("Straße") == "strasse");
  BOOST_TEST(ascii_lower("A.JPG中") == "a.jpg中");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(utf16)

// Windows Notepad's "Unicode" is UTF-16 LE with a byte order mark.
BOOST_AUTO_TEST_CASE(utf16_with_a_byte_order_mark_is_decoded) {
  auto le = [](std::u16string s) {
    std::string out = "\xFF\xFE";
    for (char16_t c : s) {
      out += static_cast<char>(c & 0xFF);
      out += static_cast<char>(c >> 8);
    }
    return out;
  };
  auto d = creditgen::decode_text(le(u"标题: 会议\r\n𠀀\r\n"));
  BOOST_TEST_REQUIRE(d.has_value());
  BOOST_TEST((d->encoding == creditgen::SourceEncoding::utf16));
  BOOST_TEST(d->text == "标题: 会议\n𠀀\n");
  std::string be = "\xFE\xFF";
  be += std::string("\0a\x4F\x1A", 4);  // "a会" big-endian
  auto b = creditgen::decode_text(be);
  BOOST_TEST_REQUIRE(b.has_value());
  BOOST_TEST(b->text == "a会");
  BOOST_TEST(!creditgen::decode_text(std::string("\xFF\xFE" "a", 3)).has_value());           // odd length
  BOOST_TEST(!creditgen::decode_text(std::string("\xFF\xFE\x00\xD8" "a\0", 6)).has_value());  // lone surrogate
}

BOOST_AUTO_TEST_CASE(percent_decoding_has_one_rule_lenient_or_strict) {
  using creditgen::percent_decode;
  using creditgen::percent_decode_strict;
  BOOST_TEST(percent_decode("files/%E5%9B%BE.jpg") == "files/图.jpg");
  BOOST_TEST(percent_decode("files/%e5%9b%be.jpg") == "files/图.jpg");   // either case
  BOOST_TEST(percent_decode("files/100%.jpg") == "files/100%.jpg");      // not an escape: as written
  BOOST_TEST(percent_decode("files/%G1%E5%9B%BE") == "files/%G1图");     // the valid ones decoded
  BOOST_TEST(percent_decode("files/%FF.jpg") == "files/%FF.jpg");        // not UTF-8: the input unchanged
  BOOST_TEST(percent_decode("a%2") == "a%2");
  BOOST_TEST(*percent_decode_strict("/%E5%9F%B9.jpg") == "/培.jpg");
  BOOST_TEST(*percent_decode_strict("%2e%2e") == "..");                  // decoded; the caller refuses it
  BOOST_TEST(*percent_decode_strict("%FF") == std::string(1, static_cast<char>(0xFF)));
  for (const char* bad : {"100%", "%G1", "a%2", "%"}) BOOST_TEST(!percent_decode_strict(bad).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()
