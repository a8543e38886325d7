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
  BOOST_TEST(with_title.err.find(bare_file.string() + ":2:8: error: “title”仍是 creditgen new 写入的占位文字“请填写信息标题”："
                                 "请改为实际内容 [placeholder]") != std::string::npos,
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

// Replaces every line of `text` that holds `from` with `to` (whole line).
std::string replace_line(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, from);
  const size_t start = text.rfind('\n', at) + 1;
  const size_t end = text.find('\n', at);
  return text.replace(start, end - start, to);
}

BOOST_AUTO_TEST_CASE(list_entries_are_appended_and_refused_until_edited) {
  fs::path base = temp_dir("new-lists");
  fs::copy(fs::path(CREDITGEN_FIXTURES) / "cli" / "minimal", base / "content", fs::copy_options::recursive);
  const std::string content = quote(base / "content");
  const fs::path policies = base / "content/2022-05/shenpiju/policies.yaml";
  const std::string before = slurp(policies);

  // Appended after the two existing entries (the fixture has 11 lines).
  auto r = run_creditgen("new policy --unit shenpiju --month 2022-05 --content " + content);
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  BOOST_TEST(r.out == policies.string() + "\n");
  BOOST_TEST(r.err.find("第 12 行添加一条制度文件") != std::string::npos, r.err);
  BOOST_TEST(slurp(policies).starts_with(before));
  // A new file gets a header and the list key.
  auto s = run_creditgen("new scenario --unit lingang --month 2022-05 --content " + content);
  BOOST_REQUIRE_MESSAGE(s.status == 0, s.err);
  const fs::path scenarios = base / "content/2022-05/lingang/scenarios.yaml";
  BOOST_TEST(slurp(scenarios).find("\nscenarios:\n  - name: ") != std::string::npos, slurp(scenarios));

  // Untouched, every placeholder is an error at its value.
  auto untouched = run_creditgen("check --content " + content);
  BOOST_TEST(untouched.status == 1);
  BOOST_TEST(untouched.err.find(policies.string() + ":12:13: error: “doc_no”仍是 creditgen new 写入的占位文字"
                                "“请填写文号（没有文号的写文件标题）”：请改为实际内容 [placeholder]") != std::string::npos,
             untouched.err);
  BOOST_TEST(untouched.err.find(scenarios.string() + ":3:11: error: “name”仍是 creditgen new 写入的占位文字"
                                "“请填写应用名称，如 信易租”：请改为实际内容 [placeholder]") != std::string::npos,
             untouched.err);

  // Edited: passes, and the new policy counts as the unit's third.
  std::string p = slurp(policies);
  p = replace_line(p, "请填写文号", "  - doc_no: 历城行审发〔2022〕9号");
  p = replace_line(p, "请填写文件标题", "    title: 关于推进信用承诺的通知");
  p = replace_line(p, "请填写印发日期", "    issued: 2022-05-10");
  p = replace_line(p, "请填写印发机关", "");
  p = replace_line(p, "请填写文件原件路径", "    url: http://example.gov.cn/c.html");
  std::ofstream(policies, std::ios::trunc) << p;
  fs::remove(scenarios);
  auto edited = run_creditgen("check --content " + content);
  BOOST_TEST(edited.status == 0, edited.err);

  // A file whose list cannot take an entry at its end is left as it was.
  const fs::path incidents = base / "content/2022-05/shenpiju/incidents.yaml";
  std::ofstream(incidents) << "incidents: []\n";
  auto flow = run_creditgen("new incident --unit shenpiju --month 2022-05 --content " + content);
  BOOST_TEST(flow.status == 1);
  BOOST_TEST(flow.err.find("无法在 " + incidents.string() + " 末尾自动添加") != std::string::npos, flow.err);
  BOOST_TEST(flow.err.find("  - id: 请填写事件编号") != std::string::npos, flow.err);  // shown to paste by hand
  BOOST_TEST(slurp(incidents) == "incidents: []\n");

  // Month files: a penalty entry, and no second platform line for a unit.
  auto pen = run_creditgen("new penalty --unit lingang --month 2022-05 --content " + content);
  BOOST_REQUIRE_MESSAGE(pen.status == 0, pen.err);
  BOOST_TEST(slurp(base / "content/2022-05/penalties.yaml").find("  - unit: lingang") != std::string::npos);
  const std::string platform = slurp(base / "content/2022-05/platform.yaml");
  BOOST_TEST(run_creditgen("new platform --unit lingang --month 2022-05 --content " + content).status == 1);
  BOOST_TEST(slurp(base / "content/2022-05/platform.yaml") == platform);
  // metrics.yaml lists the rulebook's figures, commented out, so it checks clean until filled in.
  auto m = run_creditgen("new metrics --unit lingang --month 2022-05 --content " + content);
  BOOST_REQUIRE_MESSAGE(m.status == 0, m.err);
  BOOST_TEST(slurp(base / "content/2022-05/lingang/metrics.yaml").find("\n# sgs_compliance_rate:") != std::string::npos);
  BOOST_TEST(run_creditgen("new metrics --unit lingang --month 2022-05 --content " + content).status == 1);
  auto after = run_creditgen("check --content " + content);
  BOOST_TEST(after.err.find("metrics.yaml") == std::string::npos, after.err);
  BOOST_TEST(after.err.find("penalties.yaml:4:13: error: “reason”仍是 creditgen new 写入的占位文字“请填写扣分原因”") !=
                 std::string::npos,
             after.err);
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
  auto memo = run_creditgen("new memo --unit lingang --content " + quote(base / "content"));
  BOOST_TEST(memo.status == 2);
  BOOST_TEST(memo.err.find("材料类型只能是 news、campaign、policy、scenario、supervision、ledger、incident、objection、metrics、"
                           "penalty、platform，而不是“memo”") != std::string::npos,
             memo.err);
  auto near = run_creditgen("new polcy --unit lingang --content " + quote(base / "content"));
  BOOST_TEST(near.err.find("您是不是要输入“policy”？") != std::string::npos, near.err);
  fs::remove_all(base);
}

BOOST_AUTO_TEST_SUITE_END()
