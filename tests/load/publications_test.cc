// Publication records (content/publications/): read back exactly as
// `publish` writes them, and every way a record can fail to hold together
// stops the run with the place and the reason.
#include <boost/test/unit_test.hpp>

#include "load/core_tree.h"
#include "load/load.h"
#include "load/publications.h"

using namespace creditgen;
using creditgen::testing::dump;
using creditgen::testing::TempTree;
using creditgen::testing::with_code;

namespace {

const std::string kSha1 = std::string(63, 'a') + "1";
const std::string kSha2 = std::string(63, 'b') + "2";

model::Publication corrected_may() {
  model::Publication p;
  p.month = {2022, 5};
  p.file = "content/publications/2022-05.yaml";
  p.versions.push_back({1, {2022, 6, 5}, "区信用办", "", "2022-05.zip", kSha1, ""});
  // Free text with every character YAML would otherwise read differently.
  p.versions.push_back({2, {2022, 7, 1}, "张三 \"科长\"", "补录: 漏报的\\信用动态 #1\n第二行", "2022-05.r2.zip", kSha2,
                        "2022-05.r2.tsr"});
  return p;
}

struct Tree : TempTree {
  Tree() {
    minimal();
    mkdir("2022-05");
  }
  std::optional<model::Content> load(Diagnostics& d) const { return load::load_content(root(), "content", d); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(publications)

BOOST_AUTO_TEST_CASE(a_written_record_reads_back_the_same) {
  Tree t;
  const model::Publication written = corrected_may();
  t.write(load::publication_record_path({2022, 5}), load::publication_record_yaml(written));
  t.write("publications/2022-05.r2.tsr", "reply");
  Diagnostics d;
  auto c = t.load(d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST(d.empty(), dump(d));
  const model::Publication* read = c->publication({2022, 5});
  BOOST_TEST_REQUIRE(read != nullptr);
  BOOST_TEST((*read == written));
  // The month is published at its first date, whatever its corrections.
  BOOST_TEST(c->month({2022, 5})->published.value_or(Date{}).str() == "2022-06-05");
  BOOST_TEST(load::publication_record_path({2022, 5}) == "publications/2022-05.yaml");
}

BOOST_AUTO_TEST_CASE(no_folder_means_nothing_is_published) {
  Tree t;
  Diagnostics d;
  auto c = t.load(d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST(c->publications.empty());
  BOOST_TEST(!c->month({2022, 5})->published.has_value());
}

struct BadCase {
  std::string record;
  int line, column;
  std::string message;
};

BOOST_AUTO_TEST_CASE(a_record_that_does_not_hold_together_stops_the_run) {
  const std::string head = "month: 2022-05\nversions:\n";
  auto v = [](int rev, const std::string& date, const std::string& bundle, const std::string& sha,
              const std::string& reason = "") {
    return "  - revision: " + std::to_string(rev) + "\n    date: " + date + "\n    by: 区信用办\n" +
           (reason.empty() ? "" : "    reason: " + reason + "\n") + "    bundle: " + bundle + "\n    sha256: " + sha +
           "\n";
  };
  std::vector<BadCase> cases = {
      {"month: 2022-06\nversions:\n" + v(1, "2022-06-05", "2022-05.zip", kSha1), 1, 8,
       "发布记录的月份“2022-06”与文件名 2022-05.yaml 不符"},
      {head + v(2, "2022-06-05", "2022-05.r2.zip", kSha1, "更正"), 3, 5, "版本号应依次为 1、2、3……，此处应为 1"},
      {head + v(1, "2022-06-05", "2022-05.r1.zip", kSha1), 3, 5, "证据包文件名应为“2022-05.zip”，实际为“2022-05.r1.zip”"},
      {head + v(1, "2022-06-05", "2022-05.zip", "ABC"), 3, 5, "sha256 应为 64 位小写十六进制数"},
      {head + v(1, "2022-06-05", "2022-05.zip", kSha1) + v(2, "2022-07-01", "2022-05.r2.zip", kSha2), 8, 5,
       "更正版本（revision ≥ 2）须写明更正原因 reason"},
      {head + v(1, "2022-05-31", "2022-05.zip", kSha1), 3, 5, "发布日期 2022-05-31 早于该月结束"},
      {head + v(1, "2022-06-05", "2022-05.zip", kSha1) + v(2, "2022-06-01", "2022-05.r2.zip", kSha2, "更正"), 8, 5,
       "更正日期 2022-06-01 早于上一版本的日期"},
      {head, 2, 1, "发布记录缺少 versions 列表（至少一个已封存的版本）"},
  };
  // A timestamp reply the record names: under its own name, and there.
  const std::string stamped = head + v(1, "2022-06-05", "2022-05.zip", kSha1);
  cases.push_back({stamped + "    timestamp: 2022-05.tsq\n", 3, 5,
                   "时间戳回执文件名应为“2022-05.tsr”，实际为“2022-05.tsq”"});
  cases.push_back({stamped + "    timestamp: 2022-05.tsr\n", 3, 5,
                   "发布记录所指的时间戳回执 2022-05.tsr 不在发布记录文件夹中（它与证据包一起封存，不能删除）"});
  for (const auto& bad : cases) {
    Tree t;
    t.write("publications/2022-05.yaml", bad.record);
    Diagnostics d;
    BOOST_TEST(!t.load(d).has_value(), bad.record);
    const auto all = d.sorted();
    BOOST_TEST_REQUIRE(all.size() == 1u, dump(d));
    BOOST_TEST(all[0].where.file == "content/publications/2022-05.yaml");
    BOOST_TEST(all[0].where.line == bad.line, bad.message << ": " << dump(d));
    BOOST_TEST(all[0].where.column == bad.column, bad.message << ": " << dump(d));
    BOOST_TEST(all[0].message == bad.message);
    BOOST_TEST((all[0].severity == Severity::error));
  }
}

BOOST_AUTO_TEST_CASE(a_stray_file_or_a_record_without_its_month_stops_the_run) {
  {
    Tree t;
    t.write("publications/说明.txt", "x");
    Diagnostics d;
    BOOST_TEST(!t.load(d).has_value());
    auto bad = with_code(d, "bad-publication");
    BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
    BOOST_TEST(bad[0].where.file == "content/publications/说明.txt");
  }
  {
    // A timestamp reply no record names.
    Tree t;
    model::Publication may = corrected_may();
    may.versions.resize(1);
    t.write("publications/2022-05.yaml", load::publication_record_yaml(may));
    t.write("publications/2022-05.tsr", "reply");
    Diagnostics d;
    BOOST_TEST(!t.load(d).has_value());
    auto bad = with_code(d, "bad-publication");
    BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
    BOOST_TEST(bad[0].where.file == "content/publications/2022-05.tsr");
  }
  {
    Tree t;
    model::Publication june = corrected_may();
    june.month = {2022, 6};
    june.versions.resize(1);
    june.versions[0].bundle = "2022-06.zip";
    june.versions[0].date = {2022, 7, 5};
    t.write("publications/2022-06.yaml", load::publication_record_yaml(june));
    Diagnostics d;
    BOOST_TEST(!t.load(d).has_value());
    auto bad = with_code(d, "bad-publication");
    BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
    BOOST_TEST(bad[0].message == "发布记录所指的月份文件夹 2022-06 不存在：已发布月份的材料不能删除");
  }
}

BOOST_AUTO_TEST_SUITE_END()
