// End-to-end: `creditgen new` writes a skeleton that `check` refuses until
// its placeholders are replaced (then it passes), never overwrites, and
// refuses unknown units with a suggestion.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

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

  // Untouched: the body placeholder is an error, at its line (after the 8-line front matter).
  auto untouched = run_creditgen("check --content " + content);
  BOOST_TEST(untouched.status == 1, untouched.err);
  BOOST_TEST(untouched.err.find(created.string() + ":9:1: error: 正文中仍有 creditgen new 写入的提示文字“（请在此处撰写正文："
                                "时间、地点、参加人员、主要内容和成效。正文不能为空。）”：请删除它，写上信用动态正文 [placeholder]") !=
                 std::string::npos,
             untouched.err);
  // Without --title the title is a placeholder too.
  auto bare = run_creditgen("new news --unit shuiwuju --month 2022-05 --content " + content);
  BOOST_REQUIRE_MESSAGE(bare.status == 0, bare.err);
  const fs::path bare_file = bare.out.substr(0, bare.out.find('\n'));
  auto with_title = run_creditgen("check --content " + content);
  BOOST_TEST(with_title.err.find(bare_file.string() + ":2:8: error: 信用动态的标题仍是 creditgen new 写入的占位文字“请填写信息标题”："
                                 "请改为实际的信用动态的标题 [placeholder]") != std::string::npos,
             with_title.err);
  fs::remove(bare_file);
  // Written: passes.
  for (const fs::path& f : {created, created2}) {
    std::string t = slurp(f);
    t = t.substr(0, t.rfind("---\n") + 4) + "5月6日，区税务局举办信用承诺培训，40 家企业参加。\n";
    std::ofstream(f, std::ios::trunc) << t;
  }
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
