// End-to-end: a build killed at any point leaves site/ and archive/ each
// wholly as it was or wholly as the finished build makes it, never a mix;
// the next build cleans up what the killed one left. Two runs never work on
// the same folders at once.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>

#include "cli/run_binary.h"

namespace fs = std::filesystem;
using namespace creditgen::test;

namespace {

const fs::path kSource = CREDITGEN_SOURCE_DIR;

struct Copy {
  fs::path base;
  explicit Copy(const std::string& name) : base(temp_dir(name)) {
    fs::copy(kSource / "content", base / "content", fs::copy_options::recursive);
    copy_demo_archive(base / "archive");
  }
  ~Copy() { fs::remove_all(base); }
  std::string build_command() const {
    return "cd " + quote(base) + " && '" + std::string(CREDITGEN_BINARY) + "' build --quiet";
  }
};

void edit_draft_month(const fs::path& base) {
  std::ofstream(base / "content/2022-06/hongjialou/news/2022-06-16-daima-qingli.md", std::ios::app)
      << "\n补充一段说明。\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(crash_e2e)

BOOST_AUTO_TEST_CASE(a_killed_build_leaves_old_or_new_never_mixed) {
  // What the finished build makes of the edited content.
  Copy reference("crash-reference");
  BOOST_TEST_REQUIRE(run_shell(reference.build_command()).status == 0);
  edit_draft_month(reference.base);
  BOOST_TEST_REQUIRE(run_shell(reference.build_command()).status == 0);
  const auto new_site = read_files(reference.base / "site");
  const auto new_archive = read_files(reference.base / "archive");

  for (const char* delay : {"0.05", "0.1", "0.15", "0.2", "0.3", "0.45"}) {
    BOOST_TEST_CONTEXT("killed after " << delay << " s") {
      Copy c("crash-run");
      BOOST_TEST_REQUIRE(run_shell(c.build_command()).status == 0);
      const auto old_site = read_files(c.base / "site");
      const auto old_archive = read_files(c.base / "archive");
      edit_draft_month(c.base);
      // --foreground: timeout kills the build alone and waits until it is
      // gone. Without it timeout sends KILL to its whole process group,
      // itself included, and returns while the build may still be exiting
      // and holding its folder locks (the next build then saw [busy]).
      run_shell(c.build_command().replace(c.build_command().find("&& '") + 3, 0, "timeout --foreground -s KILL " +
                                                                                       std::string(delay) + " "));
      // Each folder is wholly as it was or wholly as the finished build makes
      // it. A half-written temporary file is not an output (the next build
      // removes it).
      auto check = [](std::map<std::string, std::string> now, const std::map<std::string, std::string>& before,
                      const std::map<std::string, std::string>& after, const std::string& what) {
        std::erase_if(now, [](const auto& entry) {
          const std::string name = fs::path(entry.first).filename().string();
          return name.find(".partial-") != std::string::npos || name.find(".tmp-") != std::string::npos ||
                 name.find(".previous-") != std::string::npos;
        });
        const bool old_folder = now == before, new_folder = now == after;
        BOOST_TEST((old_folder || new_folder), what << " is a mix of the old and the new build");
        if (!old_folder && !new_folder)
          for (const auto& [path, bytes] : now) {
            const bool old_bytes = before.count(path) && before.at(path) == bytes;
            const bool new_bytes = after.count(path) && after.at(path) == bytes;
            BOOST_TEST_MESSAGE(what << "/" << path << (old_bytes ? " old" : "") << (new_bytes ? " new" : ""));
          }
      };
      check(read_files(c.base / "site"), old_site, new_site, "site");
      check(read_files(c.base / "archive"), old_archive, new_archive, "archive");
      // The next build finishes the work and leaves nothing behind.
      auto r = run_shell(c.build_command());
      BOOST_TEST(r.status == 0, r.out);
      BOOST_TEST((read_files(c.base / "site") == new_site));
      BOOST_TEST((read_files(c.base / "archive") == new_archive));
      for (const auto& e : fs::recursive_directory_iterator(c.base)) {
        const std::string name = e.path().filename().string();
        BOOST_TEST(name.find(".partial-") == std::string::npos, e.path());
        BOOST_TEST(name.find(".staging-") == std::string::npos, e.path());
        BOOST_TEST(name.find(".tmp-") == std::string::npos, e.path());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_second_run_on_the_same_folders_is_refused) {
  Copy c("crash-busy");
  BOOST_TEST_REQUIRE(run_shell(c.build_command()).status == 0);
  const auto site = read_files(c.base / "site");
  // Another run holds archive/ (util-linux flock, as a running build would).
  auto r = run_shell("cd " + quote(c.base) + " && flock archive sh -c \"" +
                     "'" + std::string(CREDITGEN_BINARY) + "' build --quiet; echo exit=\\$?\"");
  BOOST_TEST(r.out.find("另一个 creditgen build 或 publish 正在使用 archive") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("[busy]") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("exit=3") != std::string::npos, r.out);
  BOOST_TEST((read_files(c.base / "site") == site));
  auto p = run_shell("cd " + quote(c.base) + " && flock archive sh -c \"'" + std::string(CREDITGEN_BINARY) +
                     "' publish --month 2022-06 --force; echo exit=\\$?\"");
  BOOST_TEST(p.out.find("[busy]") != std::string::npos, p.out);
  BOOST_TEST(p.out.find("exit=3") != std::string::npos, p.out);
}

// A full disk: site/ (and, the first time, archive/ too) on a 1 MiB tmpfs,
// then an attachment that does not fit. The build fails and changes
// nothing: with archive/ on the full disk the bundle stage fails; with
// archive/ elsewhere the bundle is written and the site then fails, and the
// draft it replaced is put back. (Needs root to mount; skipped with a
// message elsewhere.)
BOOST_AUTO_TEST_CASE(a_full_disk_changes_nothing) {
  for (const bool archive_on_full_disk : {true, false}) {
    BOOST_TEST_CONTEXT("archive on the full disk: " << archive_on_full_disk) {
      const fs::path base = temp_dir("crash-full-disk");
      const fs::path disk = base / "disk";
      const fs::path archive_dir = archive_on_full_disk ? disk / "archive" : base / "archive";
      fs::create_directories(disk);
      if (run_shell("mount -t tmpfs -o size=1m tmpfs " + quote(disk)).status != 0) {
        BOOST_TEST_MESSAGE("skipped: cannot mount a tmpfs here");
        fs::remove_all(base);
        return;
      }
      fs::copy(fs::path(CREDITGEN_FIXTURES) / "cli" / "minimal", base / "content", fs::copy_options::recursive);
      const std::string build = "'" + std::string(CREDITGEN_BINARY) + "' build --quiet --content " +
                                quote(base / "content") + " --site " + quote(disk / "site") + " --archive " +
                                quote(archive_dir);
      auto first = run_shell(build);
      BOOST_TEST(first.status == 0, first.out);
      const auto site = read_files(disk / "site");
      const auto archive = read_files(archive_dir);
      BOOST_TEST(!archive.empty());
      // 1.5 MB that does not compress, referenced by the news item.
      {
        std::ofstream big(base / "content/2022-05/lingang/files/扫描件.pdf", std::ios::binary);
        big << "%PDF-1.4\n";
        unsigned x = 12345;
        for (int i = 0; i < 1500000; ++i) big.put(static_cast<char>((x = x * 1103515245 + 12345) >> 16));
      }
      std::ofstream(base / "content/2022-05/lingang/news/2022-05-06-peixun.md", std::ios::app)
          << "\n[扫描件](files/扫描件.pdf)\n";
      auto r = run_shell(build);
      BOOST_TEST(r.status == 3, r.out);
      BOOST_TEST(r.out.find("生成完成") == std::string::npos, r.out);
      BOOST_TEST((read_files(disk / "site") == site));
      BOOST_TEST((read_files(archive_dir) == archive));
      for (const auto& e : fs::recursive_directory_iterator(base))
        BOOST_TEST(e.path().filename().string().find(".previous-") == std::string::npos, e.path());
      run_shell("umount " + quote(disk));
      fs::remove_all(base);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
