// A rebuild after a change must equal a clean build of the changed content,
// byte for byte (site/ and archive/), and a rebuild after no change must
// write nothing. Runs the real binary on a copy of the demo district; the
// changes are in its draft month (2022-06), where a clean build and a rebuild
// are meant to agree (a change to a sealed month rightly differs: the
// rebuild keeps the sealed bundle and adds a revision).
#include <boost/test/unit_test.hpp>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include "run_binary.h"

namespace fs = std::filesystem;
using creditgen::test::run_creditgen;
using creditgen::test::slurp;

namespace {

struct Tree {
  std::map<std::string, std::string> files;  // relative path → bytes
  std::map<std::string, std::pair<ino_t, int64_t>> stamps;
};

Tree read_tree(const fs::path& dir) {
  Tree t;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), dir).generic_string();
    t.files[rel] = slurp(e.path());
    struct stat st {};
    ::stat(e.path().c_str(), &st);
    t.stamps[rel] = {st.st_ino, int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec};
  }
  return t;
}

// Names the first differing file, so a failure says where.
std::string first_difference(const Tree& a, const Tree& b) {
  for (const auto& [rel, bytes] : a.files) {
    auto it = b.files.find(rel);
    if (it == b.files.end()) return rel + " (only in the rebuild)";
    if (it->second != bytes) return rel + " (different bytes)";
  }
  for (const auto& [rel, bytes] : b.files)
    if (!a.files.count(rel)) return rel + " (only in the clean build)";
  return "";
}

void write_text(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc) << s;
}

void replace_in(const fs::path& p, const std::string& from, const std::string& to) {
  std::string s = slurp(p);
  const size_t at = s.find(from);
  BOOST_TEST_REQUIRE(at != std::string::npos, p.string() + " lacks " + from);
  s.replace(at, from.size(), to);
  write_text(p, s);
}

struct Workspace {
  fs::path root;
  fs::path content;
  Workspace() {
    root = fs::temp_directory_path() /
           ("creditgen-incremental-" + std::to_string(::getpid()) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    content = root / "content";
    fs::create_directories(root);
    fs::copy(fs::path(CREDITGEN_SOURCE_DIR) / "content", content, fs::copy_options::recursive);
  }
  ~Workspace() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  // Builds into root/<name>/{site,archive} (its own cache beside them);
  // returns what it printed.
  std::string build(const std::string& name, const std::string& options = "") {
    const fs::path out = root / name;
    // A new output starts with the demo's sealed bundles, as a clone does.
    if (!fs::exists(out / "archive")) creditgen::test::copy_demo_archive(out / "archive");
    auto r = run_creditgen("build --quiet " + options + " --content '" + content.string() + "' --site '" + (out / "site").string() +
                           "' --archive '" + (out / "archive").string() + "'");
    BOOST_TEST_REQUIRE(r.status == 0, name + ": " + r.err);
    return r.err;
  }
};

// The change time of the archive folder and of every file in it: a build
// that changes nothing must not even link a draft aside.
std::map<std::string, int64_t> change_times(const fs::path& dir) {
  std::map<std::string, int64_t> out;
  auto ctime_of = [](const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return int64_t{st.st_ctim.tv_sec} * 1000000000 + st.st_ctim.tv_nsec;
  };
  out["."] = ctime_of(dir);
  for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = ctime_of(e.path());
  return out;
}

// What `build --explain` said was redone: "页面 2022-06" → the reason.
std::map<std::string, std::string> redone(const std::string& printed) {
  std::map<std::string, std::string> out;
  const std::string mark = "  重做 ";
  for (size_t at = printed.find(mark); at != std::string::npos; at = printed.find(mark, at + 1)) {
    const size_t end = printed.find('\n', at);
    const std::string line = printed.substr(at + mark.size(), end - at - mark.size());
    const size_t colon = line.find("：");
    if (colon == std::string::npos) continue;
    const bool first = out.emplace(line.substr(0, colon), line.substr(colon + std::string("：").size())).second;
    BOOST_TEST(first, "redone twice: " << line);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(incremental)

BOOST_AUTO_TEST_CASE(every_rebuild_equals_a_clean_build_and_a_no_op_writes_nothing) {
  Workspace w;
  // Let the copied files settle, so the caches trust their stamps (as for
  // real content, edited minutes or months ago, not milliseconds).
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  w.build("rebuilt");

  const fs::path month = w.content / "2022-06";
  const std::vector<std::pair<std::string, std::function<void()>>> changes = {
      {"nothing", [] {}},
      {"one news body edited",
       [&] { replace_in(month / "hongjialou/news/2022-06-16-daima-qingli.md", "双人核对", "双人交叉核对"); }},
      {"one review decision changed",
       [&] {
         replace_in(month / "review.yaml", "hongjialou/news/2022-06-16-daima-qingli.md: accepted",
                    "hongjialou/news/2022-06-16-daima-qingli.md: {status: rejected, reason: 请补充核实记录}");
       }},
      {"a news item added",
       [&] {
         write_text(month / "hongjialou/news/2022-06-20-xinyong-xuanchuan.md",
                    "---\ntitle: 洪家楼街道开展信用知识宣讲\ndate: 2022-06-20\nsubmitted: 2022-06-21 09:00\n"
                    "author: 洪家楼街道经济发展办\n---\n街道在社区广场开展信用知识宣讲，发放宣传册 200 份。\n");
       }},
      {"an attachment replaced",
       [&] {
         const fs::path png = month / "dongfeng/files/信用进社区-3.png";
         std::string bytes = slurp(png);
         bytes += std::string(16, '\0');  // still a PNG to a browser; different bytes and size
         write_text(png, bytes);
       }},
      {"a news item removed", [&] { fs::remove(month / "hongjialou/news/2022-06-20-xinyong-xuanchuan.md"); }},
  };

  for (const auto& [what, change] : changes) {
    BOOST_TEST_CONTEXT(what) {
      const Tree site_before = read_tree(w.root / "rebuilt/site");
      const Tree archive_before = read_tree(w.root / "rebuilt/archive");
      change();
      w.build("rebuilt");
      const std::string clean = "clean-" + std::to_string(&change - &changes.front().second);
      w.build(clean);
      const Tree site = read_tree(w.root / "rebuilt/site"), archive = read_tree(w.root / "rebuilt/archive");
      BOOST_TEST(first_difference(site, read_tree(w.root / clean / "site")) == "");
      BOOST_TEST(first_difference(archive, read_tree(w.root / clean / "archive")) == "");
      if (what == std::string("nothing")) {
        BOOST_TEST((site.stamps == site_before.stamps));  // not one file rewritten
        BOOST_TEST((archive.stamps == archive_before.stamps));
      } else {
        BOOST_TEST((site.stamps != site_before.stamps));
      }
      // Sealed months' bundles are never touched by a change in the draft month.
      BOOST_TEST((archive.stamps.at("2022-04.zip") == archive_before.stamps.at("2022-04.zip")));
      BOOST_TEST((archive.stamps.at("2022-05.zip") == archive_before.stamps.at("2022-05.zip")));
      fs::remove_all(w.root / clean);
    }
  }
}

// The same, with each change made more than two seconds before the build, as
// real edits are: the build then trusts the files' stamps and keeps the
// pages of every month whose inputs did not change (and must still notice
// each change that reaches a month's pages from outside its folder).
BOOST_AUTO_TEST_CASE(settled_changes_rebuild_exactly_what_they_reach) {
  Workspace w;
  const fs::path templates = w.root / "templates";  // beside content/: used instead of the embedded ones
  fs::copy(fs::path(CREDITGEN_SOURCE_DIR) / "templates", templates, fs::copy_options::recursive);
  auto settle = [] { std::this_thread::sleep_for(std::chrono::milliseconds(2100)); };
  settle();
  w.build("rebuilt");
  const fs::path june = w.content / "2022-06";
  struct Change {
    std::string what;
    std::function<void()> make;
    bool changes_site;
    /// What `build --explain` must say was redone (exactly these), each
    /// with a word of its reason: every declared input reaches exactly the
    /// outputs that depend on it.
    std::map<std::string, std::string> redone;
  };
  // A change to June's files reaches June's loading (which names the file),
  // pages and draft bundle.
  auto june_redone = [](const std::string& file) {
    return std::map<std::string, std::string>{{"读取 2022-06", "已修改：2022-06/ 中的文件（" + file + "）"},
                                              {"页面 2022-06", "已修改：2022-06 的材料"},
                                              {"证据包 2022-06", "已修改：2022-06 的材料"}};
  };
  // A change to May's reaches May's and, as June's scores read May, June's.
  const std::map<std::string, std::string> may_redone = {
      {"读取 2022-05", "已修改：2022-05/ 中的文件（2022-05/"},
      {"页面 2022-05", "已修改：2022-05 的材料"},
      {"核对已发布的 2022-05", "2022-05 的材料"},
      {"页面 2022-06", "2022-05 的材料"},
      {"证据包 2022-06", "2022-05 的材料"}};
  // Since the unit was renamed, April's content no longer gives what was
  // published (its scores name the unit): it is compared again every build.
  auto with = [](std::map<std::string, std::string> redone, std::pair<std::string, std::string> more) {
    redone.insert(std::move(more));
    return redone;
  };
  const std::vector<Change> changes = {
      {"nothing", [] {}, false, {}},
      {"one news body edited",
       [&] { replace_in(june / "hongjialou/news/2022-06-16-daima-qingli.md", "双人核对", "双人交叉核对"); }, true,
       june_redone("2022-06/hongjialou/news/2022-06-16-daima-qingli.md 已修改")},
      // Every month's unit pages change; no content file does. Sealed
      // bundles are compared by their content, which no template reaches.
      {"a template edited", [&] { replace_in(templates / "unit.mustache", "</section>", "</section>\n<!-- 模板已修改 -->"); },
       true,
       {{"页面 2022-04", "已修改：模板"},
        {"页面 2022-05", "已修改：模板"},
        {"页面 2022-06", "已修改：模板"},
        {"证据包 2022-06", "已修改：模板"}}},
      // A sealed month's pages, damaged and removed by hand, are rendered again.
      {"a kept month's pages damaged by hand",
       [&] {
         write_text(w.root / "rebuilt/site/2022-04/index.html", "<p>被改动的页面</p>");
         fs::remove(w.root / "rebuilt/site/2022-05/problems.html");
       },
       true,
       {{"页面 2022-04", "网站中的 2022-04/index.html 被改动过"}, {"页面 2022-05", "网站中的 2022-05/problems.html 已不存在"}}},
      // A sealed month's file touched, its bytes unchanged: rendered again, the same bytes.
      {"a sealed month's review touched",
       [&] { fs::last_write_time(w.content / "2022-05/review.yaml", fs::file_time_type::clock::now()); }, false,
       may_redone},
      // Loading keeps months whose inputs did not change (load/month_cache):
      // a file that is not content, put in and taken out again, is reported
      // and then no longer; a unit renamed in units.yaml reaches every month.
      {"a stray file put in the draft month", [&] { write_text(june / "说明.txt", "备忘\n"); }, true,
       june_redone("2022-06/说明.txt 新增")},
      {"the stray file removed", [&] { fs::remove(june / "说明.txt"); }, true, june_redone("2022-06/说明.txt 已删除")},
      {"a unit renamed", [&] { replace_in(w.content / "units.yaml", "name: 洪家楼街道办事处", "name: 洪家楼街道"); },
       true,
       {{"读取 2022-04", "已修改：units.yaml"},
        {"读取 2022-05", "已修改：units.yaml"},
        {"读取 2022-06", "已修改：units.yaml"},
        {"页面 2022-04", "2022-04 的材料"},
        {"页面 2022-05", "2022-05 的材料"},
        {"页面 2022-06", "2022-06 的材料"},
        {"核对已发布的 2022-04", "2022-04 的材料"},
        {"核对已发布的 2022-05", "2022-05 的材料"},
        {"证据包 2022-06", "2022-06 的材料"}}},
      // A published month edited: its settled stamps must not let the build
      // take it for unchanged (it warns [changed-after-publish]); only
      // `publish --correct` makes a revision.
      {"a sealed month's news body edited",
       [&] {
         const fs::path news = w.content / "2022-05/hongjialou/news";
         fs::path first;
         for (const auto& e : fs::directory_iterator(news))
           if (first.empty() || e.path() < first) first = e.path();
         BOOST_TEST_REQUIRE(!first.empty());
         write_text(first, slurp(first) + "\n（更正）补充说明。\n");
       },
       true, with(may_redone, {"核对已发布的 2022-04", "已修改：2022-04 的材料"})},
  };
  for (const Change& change : changes) {
    BOOST_TEST_CONTEXT(change.what) {
      const Tree site_before = read_tree(w.root / "rebuilt/site");
      const Tree archive_before = read_tree(w.root / "rebuilt/archive");
      const auto archive_times = change_times(w.root / "rebuilt/archive");
      change.make();
      const Tree site_changed = read_tree(w.root / "rebuilt/site");
      // The clean build starts from the same archive: a sealed bundle is
      // never rewritten (a changed template reaches a fresh bundle's report,
      // not a sealed one's), so only the site and the caches start afresh.
      fs::create_directories(w.root / "clean");
      fs::copy(w.root / "rebuilt/archive", w.root / "clean/archive", fs::copy_options::recursive);
      settle();
      const std::string printed = w.build("rebuilt", "--explain");
      const auto said = redone(printed);
      BOOST_TEST(said.size() == change.redone.size());
      if (change.redone.empty()) {
        BOOST_TEST(printed.find("重做说明：没有需要重做的内容") != std::string::npos, printed);
        BOOST_TEST((change_times(w.root / "rebuilt/archive") == archive_times));  // not one link made or removed
      }
      for (const auto& [what, why] : change.redone) {
        BOOST_TEST(said.count(what) == 1u, what);
        if (said.count(what)) BOOST_TEST(said.at(what).find(why) != std::string::npos, what << ": " << said.at(what));
      }
      for (const auto& [what, why] : said) BOOST_TEST(change.redone.count(what) == 1u, "also redone: " << what << "：" << why);
      w.build("clean");
      const Tree site = read_tree(w.root / "rebuilt/site"), archive = read_tree(w.root / "rebuilt/archive");
      BOOST_TEST(first_difference(site, read_tree(w.root / "clean/site")) == "");
      BOOST_TEST(first_difference(archive, read_tree(w.root / "clean/archive")) == "");
      if (change.changes_site) BOOST_TEST((site.stamps != site_changed.stamps));
      else BOOST_TEST((site.stamps == site_before.stamps));  // not one page rewritten
      BOOST_TEST((archive.stamps.at("2022-04.zip") == archive_before.stamps.at("2022-04.zip")));
      BOOST_TEST((archive.stamps.at("2022-05.zip") == archive_before.stamps.at("2022-05.zip")));
      fs::remove_all(w.root / "clean");
    }
  }
  BOOST_TEST(!fs::exists(w.root / "rebuilt/archive/2022-05.r2.zip"));
  // The months were kept by fingerprint, not rendered again: the cache
  // records each month's pages as a group.
  const std::string published = slurp(w.root / "rebuilt/.creditgen-cache/published-site.txt");
  for (const char* month : {"2022-04", "2022-05", "2022-06"})
    BOOST_TEST(published.find(std::string("\nG\t") + month + "\t") != std::string::npos, month);
}

BOOST_AUTO_TEST_SUITE_END()
