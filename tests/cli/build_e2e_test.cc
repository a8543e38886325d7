// End-to-end: `creditgen build` on a fixture tree — what it writes, that a
// rebuild keeps unchanged files, and that a failed build changes nothing.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "cli/run_binary.h"

namespace fs = std::filesystem;
using namespace creditgen::test;

namespace {

const fs::path kMinimal = fs::path(CREDITGEN_FIXTURES) / "cli" / "minimal";

struct FileState {
  std::string bytes;
  int64_t mtime_ns = 0;
  bool operator==(const FileState&) const = default;
};

std::map<std::string, FileState> snapshot(const fs::path& dir) {
  std::map<std::string, FileState> out;
  if (!fs::exists(dir)) return out;
  for (auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    struct stat st;
    ::stat(e.path().c_str(), &st);
    out[fs::relative(e.path(), dir).string()] =
        FileState{slurp(e.path()), int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec};
  }
  return out;
}

struct Tree {
  fs::path base, content, site, archive;
  explicit Tree(const std::string& name) : base(temp_dir(name)) {
    content = base / "content";
    site = base / "site";
    archive = base / "archive";
    fs::copy(kMinimal, content, fs::copy_options::recursive);
  }
  ~Tree() { fs::remove_all(base); }
  RunResult build(const std::string& extra = "") const {
    return run_creditgen("build --quiet --content " + quote(content) + " --site " + quote(site) + " --archive " +
                         quote(archive) + " " + extra);
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((content / rel).parent_path());
    std::ofstream(content / rel, std::ios::binary) << text;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(build_e2e)

BOOST_AUTO_TEST_CASE(writes_every_page_kind_scores_and_a_draft_bundle) {
  Tree t("build-pages");
  auto r = t.build();
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  for (auto page : {"index.html", "2022-05/index.html", "2022-05/units/lingang.html", "2022-05/indicators/1.1.html",
                    "2022-05/items/lingang/news/2022-05-06-peixun.html", "2022-05/problems.html",
                    "2022-05/scores.json", "2022-05/scores.csv", "units/lingang.html", "archive/index.html"})
    BOOST_TEST(fs::is_regular_file(t.site / page), page);
  // Bundles hold unmasked personal data: never copied into the site.
  BOOST_TEST(!fs::exists(t.site / "archive/2022-05.draft.zip"));
  BOOST_TEST(fs::is_regular_file(t.archive / "2022-05.draft.zip"));
  // The summary line of outputs.md: months, units, items, pages, bundles, seconds.
  std::regex summary("生成完成：1 个月份，3 个单位，条目 2 采纳 / 1 退回 / 0 待审 / 0 无效；网站文件 [0-9]+ 个写入，0 个未变；证据包 1 个；用时 [0-9.]+ 秒；搜索索引 [0-9]+ KB。");
  BOOST_TEST(std::regex_search(r.err, summary), r.err);
  auto month = slurp(t.site / "2022-05/index.html");
  BOOST_TEST(month.find("<html lang=\"zh-CN\"") != std::string::npos);
  BOOST_TEST(month.find("区行政审批服务局") != std::string::npos);
  BOOST_TEST(month.find("与信用工作无关") != std::string::npos);  // the rejected item's reason
  BOOST_TEST(month.find("<svg") != std::string::npos);
  // Without bundles_url the month page names the bundle but links nowhere…
  BOOST_TEST(month.find("download=\"test-district-2022-05.draft.zip\"") == std::string::npos, month);
  BOOST_TEST(month.find("不在本站公开") != std::string::npos, month);
  auto verify = run_creditgen("verify " + quote(t.archive / "2022-05.draft.zip"));
  BOOST_TEST(verify.status == 0, verify.err);

  // …with it, every page links the bundles there (relative to the site's root).
  t.write("site.yaml", slurp(t.content / "site.yaml") + "bundles_url: ../证据包\n");
  BOOST_REQUIRE(t.build().status == 0);
  month = slurp(t.site / "2022-05/index.html");
  BOOST_TEST(month.find("href=\"../../%E8%AF%81%E6%8D%AE%E5%8C%85/2022-05.draft.zip\" download=\"test-district-2022-05.draft.zip\"") !=
                 std::string::npos,
             month);
  const std::string archive = slurp(t.site / "archive/index.html");
  BOOST_TEST(archive.find("href=\"../../%E8%AF%81%E6%8D%AE%E5%8C%85/2022-05.draft.zip\"") != std::string::npos, archive);
  t.write("site.yaml", slurp(kMinimal / "site.yaml") + "bundles_url: https://xyb.example/bundles\n");
  BOOST_REQUIRE(t.build().status == 0);
  month = slurp(t.site / "2022-05/index.html");
  BOOST_TEST(month.find("href=\"https://xyb.example/bundles/2022-05.draft.zip\"") != std::string::npos, month);
  t.write("site.yaml", slurp(kMinimal / "site.yaml") + "bundles_url: \"ftp://x/ y\"\n");
  auto bad = t.build();
  BOOST_TEST(bad.status == 3);
  BOOST_TEST(bad.err.find("字段“bundles_url”的值“ftp://x/ y”无效") != std::string::npos, bad.err);
}

BOOST_AUTO_TEST_CASE(unchanged_rebuild_keeps_bytes_and_times) {
  Tree t("build-rebuild");
  BOOST_REQUIRE(t.build().status == 0);
  auto site_before = snapshot(t.site);
  auto archive_before = snapshot(t.archive);
  auto r = t.build("--timings");
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  BOOST_TEST(r.err.find("网站文件 0 个写入") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("证据包 0 个") != std::string::npos, r.err);  // the unchanged draft is not rewritten
  // --timings: one line with every stage.
  std::regex stages("阶段用时：读取审核 [0-9.]+ 秒，计分 [0-9.]+ 秒，证据包 [0-9.]+ 秒，渲染页面 [0-9.]+ 秒，写入网站 [0-9.]+ 秒\n");
  BOOST_TEST(std::regex_search(r.err, stages), r.err);
  BOOST_TEST((snapshot(t.site) == site_before));  // every file: same bytes and times
  BOOST_TEST((snapshot(t.archive) == archive_before));
  // The build cache sits beside the site, never inside it.
  BOOST_TEST(fs::is_regular_file(t.base / ".creditgen-cache/digests.txt"));
  BOOST_TEST(!fs::exists(t.site / ".creditgen-cache"));
}

BOOST_AUTO_TEST_CASE(broken_rulebook_leaves_site_and_archive_untouched) {
  Tree t("build-broken");
  BOOST_REQUIRE(t.build().status == 0);
  auto site_before = snapshot(t.site);
  auto archive_before = snapshot(t.archive);
  std::string rules = slurp(t.content / "rules/2022-01.yaml");
  rules.replace(rules.find("points: 6"), 9, "points: 0");
  t.write("rules/2022-01.yaml", rules);
  auto r = t.build();
  BOOST_TEST(r.status == 3, r.err);
  BOOST_TEST(r.err.find("rules/2022-01.yaml:") != std::string::npos, r.err);
  BOOST_TEST((snapshot(t.site) == site_before));
  BOOST_TEST((snapshot(t.archive) == archive_before));
}

// A bundle that cannot be written (archive/ is a plain file) fails the build
// before the site changes, and no success line is printed.
BOOST_AUTO_TEST_CASE(a_bundle_io_failure_leaves_the_site_untouched) {
  Tree t("build-archive-io");
  BOOST_REQUIRE(t.build().status == 0);
  t.write("2022-05/lingang/news/2022-05-06-peixun.md",
          slurp(t.content / "2022-05/lingang/news/2022-05-06-peixun.md") + "\n补充一段。\n");
  const auto site_before = snapshot(t.site);
  fs::remove_all(t.archive);
  std::ofstream(t.archive) << "not a folder";
  auto r = t.build();
  BOOST_TEST(r.status == 3, r.err);
  BOOST_TEST(r.err.find("证据包写入失败") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("生成失败：网站未改动") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("生成完成") == std::string::npos, r.err);
  BOOST_TEST((snapshot(t.site) == site_before));
  BOOST_TEST(slurp(t.archive) == "not a folder");
}

// A site folder that is a plain file is found before any bundle is written.
BOOST_AUTO_TEST_CASE(a_site_that_is_a_file_changes_nothing) {
  Tree t("build-site-file");
  BOOST_REQUIRE(t.build().status == 0);
  t.write("2022-05/lingang/news/2022-05-06-peixun.md",
          slurp(t.content / "2022-05/lingang/news/2022-05-06-peixun.md") + "\n补充一段。\n");
  const auto archive_before = snapshot(t.archive);
  fs::remove_all(t.site);
  std::ofstream(t.site) << "not a folder";
  auto r = t.build();
  BOOST_TEST(r.status == 3, r.err);
  BOOST_TEST(r.err.find("不是文件夹，未做任何改动") != std::string::npos, r.err);
  BOOST_TEST((snapshot(t.archive) == archive_before));
}

// "content/" and "site/" name the same folders as "content" and "site": the
// office's own templates beside the content are used, and the build cache
// keeps its usual name.
BOOST_AUTO_TEST_CASE(trailing_slashes_name_the_same_folders) {
  Tree t("build-slashes");
  fs::copy(fs::path(CREDITGEN_SOURCE_DIR) / "templates", t.base / "templates", fs::copy_options::recursive);
  std::string layout = slurp(t.base / "templates/layout.mustache");
  layout.replace(layout.find("</body>"), 7, "<!-- 本区自己的模板 --></body>");
  std::ofstream(t.base / "templates/layout.mustache", std::ios::trunc) << layout;
  auto r = run_creditgen("build --quiet --content " + quote(t.content.string() + "/") + " --site " +
                         quote(t.site.string() + "/") + " --archive " + quote(t.archive.string() + "/"));
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  BOOST_TEST(slurp(t.site / "index.html").find("<!-- 本区自己的模板 -->") != std::string::npos);
  BOOST_TEST(fs::exists(t.base / ".creditgen-cache/published-site.txt"));
  BOOST_TEST(!fs::exists(t.base / ".creditgen-cache/published-.txt"));
}

// An office that copied only the templates it restyles (or copied them
// before a newer program added the 通报's parts) builds: every template it
// does not have comes from the built-in set, and its own are used.
BOOST_AUTO_TEST_CASE(templates_the_office_did_not_copy_are_the_built_in_ones) {
  Tree t("build-partial-templates");
  fs::create_directories(t.base / "templates");
  std::string month = slurp(fs::path(CREDITGEN_SOURCE_DIR) / "templates/month.mustache");
  month.insert(0, "<!-- 本区改过的月报模板 -->\n");
  std::ofstream(t.base / "templates/month.mustache") << month;
  auto r = t.build();
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  BOOST_TEST(slurp(t.site / "2022-05/index.html").find("<!-- 本区改过的月报模板 -->") != std::string::npos);
  BOOST_TEST(fs::exists(t.site / "2022-05/units/lingang.html"));  // unit.mustache: built in
  BOOST_TEST(fs::exists(t.site / "2022-05/tongbao-2022-05.docx"));  // templates/bulletin/: built in
}

// A link in a month folder is never read or bundled, and the bag says so.
BOOST_AUTO_TEST_CASE(bag_info_names_the_unsafe_files_left_out) {
  Tree t("build-unsafe");
  fs::create_directories(t.content / "2022-05/lingang/files");
  fs::create_symlink("/etc/passwd", t.content / "2022-05/lingang/files/链接.jpg");
  auto r = t.build();
  BOOST_TEST(r.err.find("[unsafe-path]") != std::string::npos, r.err);
  auto info = run_shell("unzip -p " + quote(t.archive / "2022-05.draft.zip") + " '*/bag-info.txt'");
  BOOST_TEST(info.out.find("\nOmitted-Unsafe-File: data/content/2022-05/lingang/files/链接.jpg\n") != std::string::npos,
             info.out);
  auto list = run_shell("unzip -Z1 " + quote(t.archive / "2022-05.draft.zip"));
  BOOST_TEST(list.out.find("链接.jpg") == std::string::npos, list.out);
  BOOST_TEST(run_creditgen("verify " + quote(t.archive / "2022-05.draft.zip")).status == 0);
}

BOOST_AUTO_TEST_CASE(strict_build_with_a_warning_changes_nothing) {
  Tree t("build-strict");
  BOOST_REQUIRE(t.build().status == 0);
  auto site_before = snapshot(t.site);
  t.write("2022-05/lingang/news/2022-05-06-peixun.md",
          "---\ntitle: 临港开发区开展“信用承诺”专题培训\ndate: 2022-05-06\nsubmitted: 2022-05-07 10:30\n"
          "colour: red\n---\n5月6日，临港开发区组织辖区企业开展信用承诺专题培训。\n");
  auto r = t.build("--strict");
  BOOST_TEST(r.status == 1, r.err);
  BOOST_TEST((snapshot(t.site) == site_before));
  // Without --strict the warning is reported and the build goes on.
  auto lax = t.build();
  BOOST_TEST(lax.status == 0, lax.err);
  BOOST_TEST(lax.err.find("[unknown-field]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(invalid_item_is_left_out_but_build_succeeds) {
  Tree t("build-invalid");
  t.write("2022-05/lingang/news/2022-05-06-peixun.md",
          "---\ntitle: 培训\ndate: 2022-05-32\nsubmitted: 2022-05-07 10:30\n---\n正文\n");
  auto r = t.build();
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.err.find("1 无效") != std::string::npos, r.err);
  auto problems = slurp(t.site / "2022-05/problems.html");
  BOOST_TEST(problems.find("bad-value") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_link_in_the_demo_site_resolves) {
  fs::path base = temp_dir("build-links");
  // The demo's sealed bundles come with it (its publication records name them).
  copy_demo_archive(base / "archive");
  auto r = run_creditgen("build --quiet --content " + quote(fs::path(CREDITGEN_SOURCE_DIR) / "content") + " --site " +
                         quote(base / "site") + " --archive " + quote(base / "archive"));
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.err);
  std::regex attr("(?:href|src)=\"([^\"]*)\"");
  size_t checked = 0;
  for (auto& e : fs::recursive_directory_iterator(base / "site")) {
    if (e.path().extension() != ".html") continue;
    std::string html = slurp(e.path());
    for (std::sregex_iterator it(html.begin(), html.end(), attr), end; it != end; ++it) {
      std::string url = (*it)[1];
      if (url.empty() || url[0] == '#' || url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0 ||
          url.rfind("mailto:", 0) == 0)
        continue;
      BOOST_TEST(url[0] != '/', "absolute link " << url << " in " << e.path());
      std::string path = url.substr(0, url.find_first_of("?#"));
      // Percent-decode the path.
      std::string decoded;
      for (size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '%' && i + 2 < path.size()) {
          decoded += static_cast<char>(std::stoi(path.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          decoded += path[i];
        }
      }
      fs::path target = (e.path().parent_path() / decoded).lexically_normal();
      if (fs::is_directory(target)) target /= "index.html";
      BOOST_TEST(fs::is_regular_file(target), url << " in " << e.path());
      ++checked;
    }
  }
  BOOST_TEST(checked > 500u);
  fs::remove_all(base);
}

BOOST_AUTO_TEST_SUITE_END()
