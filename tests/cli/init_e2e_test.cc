// End-to-end: `creditgen init` makes a district a clerk can start from — it
// passes `check` (saying only what to fill in), builds, and takes a first
// item made with `creditgen new`; it never writes into a folder with content.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "cli/run_binary.h"

namespace fs = std::filesystem;
using namespace creditgen::test;

BOOST_AUTO_TEST_SUITE(init_e2e)

BOOST_AUTO_TEST_CASE(a_new_district_checks_builds_and_takes_items) {
  const fs::path base = temp_dir("init");
  auto init = run_creditgen("init --district 马山区 --slug mashan --month 2026-11", base);
  BOOST_TEST_REQUIRE(init.status == 0, init.err);
  for (const char* f : {"site.yaml", "units.yaml", "calendar.yaml", "rules/2026-11.yaml", "2026-11/review.yaml"})
    BOOST_TEST(fs::is_regular_file(base / "content" / f), f);
  BOOST_TEST(slurp(base / "content/units.yaml").find("type: town") != std::string::npos);
  BOOST_TEST(slurp(base / "content/rules/2026-11.yaml").find("\neffective: 2026-11\n") != std::string::npos);

  // Only the calendar is left to fill in.
  auto check = run_creditgen("check --format json", base);
  BOOST_TEST(check.status == 0, check.out);
  BOOST_TEST(check.out.find("\"code\":\"calendar\"") != std::string::npos, check.out);
  BOOST_TEST(check.out.find("\"severity\":\"error\"") == std::string::npos, check.out);
  std::ofstream(base / "content/calendar.yaml", std::ios::trunc) << "holidays: [2026-10-01]\nworkdays: []\n";
  check = run_creditgen("check --strict", base);
  BOOST_TEST(check.status == 0, check.err);

  auto build = run_creditgen("build --quiet", base);
  BOOST_TEST(build.status == 0, build.err);
  BOOST_TEST(fs::is_regular_file(base / "site/index.html"));
  BOOST_TEST(fs::is_regular_file(base / "archive/2026-11.draft.zip"));

  // A first item from `new`, written: it counts.
  auto item = run_creditgen("new news --unit jiedao --month 2026-11 --title 街道开展信用承诺培训", base);
  BOOST_TEST_REQUIRE(item.status == 0, item.err);
  const fs::path created = base / item.out.substr(0, item.out.find('\n'));  // printed relative to base
  std::string text = slurp(created);
  text = text.substr(0, text.rfind("---\n") + 4) + "11月1日，街道举办信用承诺培训，30 家商户参加。\n";
  std::ofstream(created, std::ios::trunc) << text;
  check = run_creditgen("check --strict", base);
  BOOST_TEST(check.status == 0, check.err);
  fs::remove_all(base);
}

BOOST_AUTO_TEST_CASE(an_existing_folder_or_a_missing_district_is_refused) {
  const fs::path base = temp_dir("init-refused");
  fs::create_directories(base / "content");
  std::ofstream(base / "content/site.yaml") << "title: 已有\n";
  auto r = run_creditgen("init --district 马山区", base);
  BOOST_TEST(r.status == 3);
  BOOST_TEST(r.err == "creditgen init: content 已存在且不是空文件夹，不会覆盖其中的内容；请指定新的文件夹 [io]\n");
  BOOST_TEST(slurp(base / "content/site.yaml") == "title: 已有\n");
  r = run_creditgen("init other", base);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.find("creditgen init: 缺少 --district 区县名称，如 --district 历城区 [usage]") == 0u, r.err);
  BOOST_TEST(!fs::exists(base / "other"));
  r = run_creditgen("init other --district 马山区 --slug Ma_Shan", base);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(!fs::exists(base / "other"));
  fs::remove_all(base);
}

BOOST_AUTO_TEST_SUITE_END()
