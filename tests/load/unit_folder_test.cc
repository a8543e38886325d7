#include <sys/stat.h>
#include <boost/test/unit_test.hpp>

#include "items_test_util.h"

using namespace creditgen;
using namespace creditgen::test;

namespace {
const std::string kNews = "---\ntitle: 培训\ndate: 2022-05-06\nsubmitted: 2022-05-07 10:30\n---\n正文\n";
}

BOOST_AUTO_TEST_SUITE(unit_folder)

BOOST_AUTO_TEST_CASE(orphan_files_under_files_and_records) {
  TempUnit u;
  u.write("files/used.pdf", "x");
  u.write("files/unused.jpg", "x");
  u.write("files/sub/deep.pdf", "x");
  u.write("records/a.csv", "主体名称,统一社会信用代码\n");
  u.write("records/说明.txt", "x");
  u.write("scenarios.yaml", "scenarios:\n  - name: 信易批\n    file: files/used.pdf\n");
  Diagnostics d;
  u.load(d);
  auto w = with_code(d, "orphan-file");
  BOOST_REQUIRE(w.size() == 3u);
  BOOST_TEST(w[0].where.file == u.shown("files/sub/deep.pdf"));
  BOOST_TEST(w[1].where.file == u.shown("files/unused.jpg"));
  BOOST_TEST(w[1].where.line == 1);
  BOOST_TEST(w[1].where.column == 1);
  BOOST_TEST((w[1].severity == Severity::warning));
  BOOST_TEST(w[2].where.file == u.shown("records/说明.txt"));
  BOOST_TEST(d.count(Severity::error) == 0u, dump(d));
}

BOOST_AUTO_TEST_CASE(unexpected_files_and_folders_are_unknown_field) {
  TempUnit u;
  u.write("notes.txt", "x");
  u.write("photos/a.jpg", "x");
  u.write("news/readme.txt", "x");
  u.write("news/old/a.md", kNews);
  u.write("metrics.yaml", "sgs_compliance_rate: 0.9\n");  // read by the month loader
  Diagnostics d;
  auto um = u.load(d);
  auto w = with_code(d, "unknown-field");
  BOOST_REQUIRE(w.size() == 4u);
  BOOST_TEST(w[0].where.file == u.shown("news/old"));
  BOOST_TEST(w[1].where.file == u.shown("news/readme.txt"));
  BOOST_TEST(w[2].where.file == u.shown("notes.txt"));
  BOOST_TEST(w[3].where.file == u.shown("photos"));
  BOOST_TEST((w[3].severity == Severity::warning));
  BOOST_TEST(contains(w[3].message, "文件夹"));
  BOOST_TEST(um.news.empty());
  BOOST_TEST(d.count(Severity::error) == 0u);
}

BOOST_AUTO_TEST_CASE(links_and_special_files_anywhere_are_unsafe_and_not_followed) {
  TempUnit u;
  u.write("elsewhere/policies.yaml", "policies:\n  - doc_no: A\n    title: 甲\n    status: in_force\n    url: http://x\n");
  fs::create_symlink(u.dir / "elsewhere/policies.yaml", u.dir / "policies.yaml");
  fs::create_directories(u.dir / "files");
  BOOST_REQUIRE(::mkfifo((u.dir / "files/pipe").c_str(), 0644) == 0);
  fs::create_directory_symlink("/", u.dir / "elsewhere/root");
  fs::create_directories(u.dir / "news");
  fs::create_symlink("/etc/passwd", u.dir / "news/x.md");
  Diagnostics d;
  auto um = u.load(d);
  auto e = with_code(d, "unsafe-path");
  BOOST_REQUIRE(e.size() == 4u);
  BOOST_TEST(e[0].where.file == u.shown("elsewhere/root"));
  BOOST_TEST(e[1].where.file == u.shown("files/pipe"));
  BOOST_TEST(e[2].where.file == u.shown("news/x.md"));
  BOOST_TEST(e[3].where.file == u.shown("policies.yaml"));
  BOOST_TEST((e[3].severity == Severity::error));
  BOOST_TEST(e[3].where.line == 1);
  BOOST_TEST(um.policies.empty());  // the link was never read
  BOOST_TEST(um.news.empty());
  BOOST_TEST(with_code(d, "orphan-file").empty());  // the FIFO is not a file to reference
}

BOOST_AUTO_TEST_CASE(malformed_files_never_stop_the_rest) {
  TempUnit u;
  u.write("news/a-good.md", kNews);
  u.write("news/b-binary.md", std::string("\xFF\xFE\x00\x81\xFF", 5));
  u.write("news/c-nofm.md", "只有正文\n");
  u.write("campaigns/x.md", "---\ntitle: [\n---\n\n");
  u.write("policies.yaml", "policies:\n\t- doc_no: A\n");
  u.write("scenarios.yaml", "scenarios:\n  - name: 信易批\n");
  u.write("records/a.csv", std::string("\xFF\xFF\xFF", 3));
  u.write("ledger.yaml", "ledger:\n  - category: 水\n    count: 1\n    records: records/a.csv\n");
  Diagnostics d;
  model::UnitMonth um;
  BOOST_CHECK_NO_THROW(um = u.load(d));
  BOOST_REQUIRE(um.news.size() == 3u);
  BOOST_TEST(um.news[0].valid);
  BOOST_TEST(!um.news[1].valid);
  BOOST_TEST(um.news[1].key == "lingang/news/b-binary.md");
  BOOST_TEST(!um.news[2].valid);
  BOOST_REQUIRE(um.campaigns.size() == 1u);
  BOOST_TEST(!um.campaigns[0].valid);
  BOOST_TEST(um.scenarios.size() == 1u);
  BOOST_TEST(um.broken_files.size() == 1u);
  BOOST_TEST(!um.ledger.at(0).valid);
  auto enc = with_code(d, "encoding");
  BOOST_REQUIRE(enc.size() == 2u);
  BOOST_TEST((enc[0].severity == Severity::error));
  BOOST_TEST(enc[0].where.file == u.shown("news/b-binary.md"));
  BOOST_TEST(enc[1].where.file == u.shown("records/a.csv"));
  BOOST_TEST(only(d, "front-matter").where.file == u.shown("news/c-nofm.md"));
}

BOOST_AUTO_TEST_CASE(odd_yaml_shapes_never_throw) {
  const char* shapes[] = {
      "policies:\n  -\n  - ~\n  - [a, b]\n  - doc_no: [x]\n    title: {a: 1}\n    status: in_force\n    url: u\n",
      "policies: &a\n  - doc_no: *a\n",
      "policies:\n  - doc_no: A\n    title: t\n    status: in_force\n    url: u\n---\npolicies: []\n",
      "? [complex, key]\n: 1\npolicies: []\n",
      "policies:\n  - {doc_no: A, title: t, status: in_force, file: {x: 1}}\n",
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
      "policies:\n  - doc_no: 'unterminated\n",
  };
  for (const char* shape : shapes) {
    TempUnit u;
    u.write("policies.yaml", shape);
    u.write("news/a.md", std::string("---\n") + shape + "---\n正文\n");
    u.write("ledger.yaml", std::string("ledger:\n  - category: 水\n    count: 1\n    records: [records/a.csv]\n"));
    Diagnostics d;
    model::UnitMonth um;
    BOOST_CHECK_NO_THROW(um = u.load(d));
    BOOST_TEST(d.has_errors(), shape);
    BOOST_TEST(um.news.size() == 1u);
    BOOST_TEST(!um.news.at(0).valid);
  }
}

BOOST_AUTO_TEST_CASE(gbk_news_is_used_with_encoding_warning) {
  TempUnit u;
  u.write("news/a.md", "---\ntitle: \xC5\xE0\xD1\xB5\ndate: 2022-05-06\nsubmitted: 2022-05-07 10:30\n---\n\xD5\xFD\xCE\xC4\n");
  Diagnostics d;
  auto um = u.load(d);
  auto w = only(d, "encoding");
  BOOST_TEST((w.severity == Severity::warning));
  BOOST_TEST(w.where.file == u.shown("news/a.md"));
  BOOST_TEST(w.where.line == 1);
  BOOST_REQUIRE(um.news.size() == 1u);
  BOOST_TEST(um.news[0].valid);
  BOOST_TEST(um.news[0].title == "培训");
  BOOST_TEST(um.news[0].body == "正文\n");
}

BOOST_AUTO_TEST_CASE(missing_unit_folder_gives_an_empty_unit) {
  TempUnit u;
  auto ctx = u.ctx();
  ctx.dir = u.dir / "nope";
  Diagnostics d;
  auto um = load::load_unit_folder(ctx, d);
  BOOST_TEST(um.unit == "lingang");
  BOOST_TEST(um.news.empty());
  BOOST_TEST(d.empty());
}

// A complete, valid unit folder checked into the repository.
BOOST_AUTO_TEST_CASE(fixture_unit_loads_clean) {
  load::UnitFolderContext ctx;
  ctx.dir = fs::path(CREDITGEN_FIXTURES) / "load/items-full/2022-05/shenpiju";
  ctx.shown_dir = "content/2022-05/shenpiju";
  ctx.unit = "shenpiju";
  ctx.month = {2022, 5};
  model::Site site;
  site.slug = "jinan-licheng";
  site.sensitive_words = {"黑名单"};
  ctx.site = &site;
  Diagnostics d;
  auto um = load::load_unit_folder(ctx, d);
  BOOST_TEST(d.empty(), dump(d));
  BOOST_TEST(um.news.size() == 2u);
  BOOST_TEST(um.campaigns.size() == 1u);
  BOOST_TEST(um.policies.size() == 1u);
  BOOST_TEST(um.scenarios.size() == 1u);
  BOOST_TEST(um.supervision.size() == 1u);
  BOOST_TEST(um.ledger.size() == 1u);
  BOOST_TEST(um.incidents.size() == 1u);
  BOOST_TEST(um.objections.size() == 1u);
  for (auto& n : um.news) BOOST_TEST(n.valid);
  BOOST_TEST(um.campaigns[0].valid);
  BOOST_TEST(um.campaigns[0].photos.size() == 2u);
  BOOST_TEST(um.ledger[0].count == 3);
  BOOST_TEST(um.uscc.bad_codes == 0);
  BOOST_TEST(um.uscc.duplicate_codes == 0);
  BOOST_TEST(um.news[0].key == "shenpiju/news/2022-05-06-training.md");
}

BOOST_AUTO_TEST_SUITE_END()
