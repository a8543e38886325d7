// bundle/manifest.h: the one manifest line format, written and read.
#include <boost/test/unit_test.hpp>

#include <vector>

#include "bundle/manifest.h"

using namespace creditgen::bundle;

BOOST_AUTO_TEST_SUITE(manifest_lines)

BOOST_AUTO_TEST_CASE(what_is_written_reads_back) {
  std::string text;
  append_manifest_line(text, "ab12", "data/content/2022-05/洪家楼/files/图 1.jpg");
  append_manifest_line(text, "cd34", "bag-info.txt");
  BOOST_TEST(text == "ab12  data/content/2022-05/洪家楼/files/图 1.jpg\ncd34  bag-info.txt\n");
  std::vector<std::pair<std::string, std::string>> read;
  for_each_manifest_line(text, [&](int, std::string_view, const std::optional<ManifestLine>& parsed) {
    BOOST_TEST_REQUIRE(parsed.has_value());
    read.emplace_back(parsed->hex, parsed->path);
  });
  BOOST_TEST_REQUIRE(read.size() == 2u);
  BOOST_TEST(read[0].second == "data/content/2022-05/洪家楼/files/图 1.jpg");  // spaces in a path kept
  BOOST_TEST(read[1].first == "cd34");
}

BOOST_AUTO_TEST_CASE(other_tools_lines_are_read_as_bagit_allows) {
  auto parsed = parse_manifest_line("AB12\tdata/a.txt\r");  // a tab, upper case, CRLF
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->hex == "AB12");
  BOOST_TEST(parsed->path == "data/a.txt");
  parsed = parse_manifest_line("ab12 data/a.txt");  // one space
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->path == "data/a.txt");
  BOOST_TEST(!parse_manifest_line("ab12").has_value());
  BOOST_TEST(!parse_manifest_line("  data/a.txt").has_value());
  BOOST_TEST(!parse_manifest_line("ab12   ").has_value());
  std::vector<int> bad;
  for_each_manifest_line("ab12  data/a\n\nbroken\r\ncd34  data/b", [&](int n, std::string_view, const auto& parsed) {
    if (!parsed) bad.push_back(n);
  });
  BOOST_TEST((bad == std::vector<int>{3}));  // line numbers count the empty line
}

BOOST_AUTO_TEST_SUITE_END()
