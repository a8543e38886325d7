// End-to-end: `creditgen new` writes a skeleton that passes `check`, never
// overwrites, and refuses unknown units with a suggestion.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "cli/run_binary.h"

namespace fs = std::filesystem;
using namespace creditgen::test;

BOOST_AUTO_TEST_SUITE(new_e2e)

BOOST_AUTO_TEST_CASE(news_skeleton_passes_check_and_slugs_stay_unique) {
  fs::path base = temp_dir("new-news");
  fs::copy(fs::path(CREDITGEN_FIXTURES) / "cli" / "minimal", base / "content", fs::copy_options::recursive);
  const std::string content = quote(base / "content");

  auto first = run_creditgen("new news --unit shuiwuju --month 2022-05 --title '税务局“信用承诺”培训: 第1期' --content " + content);
  BOOST_REQUIRE_MESSAGE(first.status == 0, first.err);
  fs::path created = first.out.substr(0, first.out.find('\n'));
  BOOST_TEST(created.parent_path() == base / "content/2022-05/shuiwuju/news");
  BOOST_TEST(fs::is_regular_file(created));
  std::string text = slurp(created);
  BOOST_TEST(text.find("title: \"税务局“信用承诺”培训: 第1期\"") != std::string::npos, text);
  BOOST_TEST(text.find("# 必填") != std::string::npos);

  auto second = run_creditgen("new news --unit shuiwuju --month 2022-05 --title '税务局“信用承诺”培训: 第1期' --content " + content);
  BOOST_REQUIRE_MESSAGE(second.status == 0, second.err);
  fs::path created2 = second.out.substr(0, second.out.find('\n'));
  BOOST_TEST(created2 != created);
  BOOST_TEST(slurp(created) == text);  // the first file is untouched

  auto check = run_creditgen("check --format json --content " + content);
  BOOST_TEST(check.status == 0, check.out);
  BOOST_TEST(check.out.find("shuiwuju/news") == std::string::npos, check.out);  // no diagnostic on the new items
  fs::remove_all(base);
}

BOOST_AUTO_TEST_CASE(unknown_unit_fails_with_a_suggestion) {
  fs::path base = temp_dir("new-unknown");
  fs::copy(fs::path(CREDITGEN_FIXTURES) / "cli" / "minimal", base / "content", fs::copy_options::recursive);
  auto r = run_creditgen("new news --unit shenpju --content " + quote(base / "content"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.err.find("未知单位“shenpju”") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("“shenpiju”") != std::string::npos, r.err);
  BOOST_TEST(!fs::exists(base / "content" / "2022-05" / "shenpju"));
  BOOST_TEST(run_creditgen("new memo --unit lingang --content " + quote(base / "content")).status == 2);
  fs::remove_all(base);
}

BOOST_AUTO_TEST_SUITE_END()
