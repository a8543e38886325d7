#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <thread>
#include <vector>

#include "publish/site_writer.h"

namespace fs = std::filesystem;
using creditgen::publish::published_bytes;
using creditgen::publish::SiteWriter;
using creditgen::publish::write_site;
using creditgen::render::FileCopy;
using creditgen::render::OutputSet;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("creditgen-publish-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << s;
}

// Sets a file's time well in the past, so "kept" and "rewritten" differ.
void age(const fs::path& p) { fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(48)); }

// One input ("templates") with the value `value`; unknown when "".
creditgen::Inputs inputs_of(const std::string& value) {
  creditgen::Inputs inputs;
  if (value.empty()) inputs.unknown("templates");
  else inputs.add("templates", value);
  return inputs;
}
bool fresh(SiteWriter& w, const std::string& group, const std::string& value) {
  return !w.reuse_group(group, inputs_of(value)).stale;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(site_writer)

BOOST_AUTO_TEST_CASE(first_write_then_unchanged_files_keep_mtime) {
  TempDir tmp;
  const fs::path site = tmp.path / "site";
  spit(tmp.path / "src/a.jpg", "JPEGDATA");
  OutputSet out;
  out.files["index.html"] = "<p>首页</p>";
  out.files["2022-05/index.html"] = "<p>五月</p>";
  out.copies["2022-05/evidence/lingang/files/a.jpg"] = FileCopy{tmp.path / "src/a.jpg", false};

  auto r1 = write_site(out, site);
  BOOST_TEST(r1.written == 3u);
  BOOST_TEST(r1.unchanged == 0u);
  BOOST_TEST(slurp(site / "2022-05/index.html") == "<p>五月</p>");
  BOOST_TEST(slurp(site / "2022-05/evidence/lingang/files/a.jpg") == "JPEGDATA");

  age(site / "index.html");
  age(site / "2022-05/index.html");
  age(site / "2022-05/evidence/lingang/files/a.jpg");
  const auto old_index = fs::last_write_time(site / "index.html");
  const auto old_month = fs::last_write_time(site / "2022-05/index.html");
  const auto old_jpg = fs::last_write_time(site / "2022-05/evidence/lingang/files/a.jpg");
  spit(site / "stale.html", "old page");

  out.files["2022-05/index.html"] = "<p>五月（更正）</p>";
  auto r2 = write_site(out, site);
  BOOST_TEST(r2.written == 1u);
  BOOST_TEST(r2.unchanged == 2u);
  BOOST_TEST(r2.removed == 1u);
  BOOST_TEST((fs::last_write_time(site / "index.html") == old_index));
  BOOST_TEST((fs::last_write_time(site / "2022-05/evidence/lingang/files/a.jpg") == old_jpg));
  BOOST_TEST((fs::last_write_time(site / "2022-05/index.html") != old_month));
  BOOST_TEST(slurp(site / "2022-05/index.html") == "<p>五月（更正）</p>");
  BOOST_TEST(!fs::exists(site / "stale.html"));
  // No staging folder is left behind.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path)) ++entries;
  BOOST_TEST(entries == 2u);  // src/ and site/
}

BOOST_AUTO_TEST_CASE(a_build_that_changes_nothing_writes_nothing) {
  TempDir tmp;
  const fs::path site = tmp.path / "site";
  const fs::path state = tmp.path / "cache/published-site.txt";
  spit(tmp.path / "src/a.jpg", "JPEGDATA");
  spit(tmp.path / "src/b.csv", "name,phone\n张三,13812345678\n");
  age(tmp.path / "src/a.jpg");  // older than two seconds: stamps can be trusted
  age(tmp.path / "src/b.csv");
  OutputSet out;
  out.files["index.html"] = "<p>首页</p>";
  out.files["deep/er/page.html"] = "<p>页</p>";
  out.copies["files/a.jpg"] = FileCopy{tmp.path / "src/a.jpg", false};
  out.copies["files/b.csv"] = FileCopy{tmp.path / "src/b.csv", true};
  write_site(out, site, state);
  BOOST_TEST(slurp(site / "files/b.csv").find("138****5678") != std::string::npos);
  BOOST_TEST_REQUIRE(fs::exists(state));

  // Every file, the state file and the folder itself keep their inode and times.
  auto stamps = [&] {
    std::map<std::string, std::pair<fs::file_time_type, ino_t>> out_stamps;
    for (const auto& e : fs::recursive_directory_iterator(tmp.path)) {
      struct stat st {};
      ::stat(e.path().c_str(), &st);
      out_stamps[e.path().string()] = {fs::last_write_time(e.path()), st.st_ino};
    }
    return out_stamps;
  };
  const auto before = stamps();
  const auto r = write_site(out, site, state);
  BOOST_TEST(r.written == 0u);
  BOOST_TEST(r.unchanged == 4u);
  BOOST_TEST((stamps() == before));

  // A source changed in place with the same size is still seen.
  spit(tmp.path / "src/a.jpg", "JPEGDAT2");
  age(tmp.path / "src/a.jpg");
  const auto r2 = write_site(out, site, state);
  BOOST_TEST(r2.written == 1u);
  BOOST_TEST(slurp(site / "files/a.jpg") == "JPEGDAT2");

  // A page no longer produced goes, and so do the folders it leaves empty.
  out.files.erase("deep/er/page.html");
  const auto r3 = write_site(out, site, state);
  BOOST_TEST(r3.removed == 1u);
  BOOST_TEST(!fs::exists(site / "deep"));
  BOOST_TEST(fs::exists(site / "index.html"));
}

BOOST_AUTO_TEST_CASE(failed_publish_leaves_old_site_intact) {
  TempDir tmp;
  const fs::path site = tmp.path / "site";
  OutputSet good;
  good.files["index.html"] = "v1";
  good.files["2022-05/index.html"] = "may v1";
  write_site(good, site);
  age(site / "index.html");
  const auto before = fs::last_write_time(site / "index.html");

  OutputSet bad;
  bad.files["index.html"] = "v2";
  bad.files["2022-05/index.html"] = "may v2";
  bad.copies["2022-05/evidence/x/files/gone.pdf"] = FileCopy{tmp.path / "does-not-exist.pdf", false};
  BOOST_CHECK_THROW(write_site(bad, site), std::runtime_error);
  BOOST_TEST(slurp(site / "index.html") == "v1");
  BOOST_TEST(slurp(site / "2022-05/index.html") == "may v1");
  BOOST_TEST((fs::last_write_time(site / "index.html") == before));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path)) ++entries;
  BOOST_TEST(entries == 1u);  // staging removed

  OutputSet unsafe;
  unsafe.files["../escape.html"] = "x";
  BOOST_CHECK_THROW(write_site(unsafe, site), std::runtime_error);
  BOOST_TEST(!fs::exists(tmp.path / "escape.html"));
  BOOST_TEST(slurp(site / "index.html") == "v1");
}

BOOST_AUTO_TEST_CASE(text_evidence_is_masked) {
  TempDir tmp;
  spit(tmp.path / "a.csv", "主体名称,电话\n某公司,13812345678\n");
  spit(tmp.path / "b.csv", "主体名称,数量\n某公司,3\n");
  BOOST_TEST(published_bytes(FileCopy{tmp.path / "a.csv", true}) == "\xEF\xBB\xBF主体名称,电话\n某公司,138****5678\n");
  BOOST_TEST(published_bytes(FileCopy{tmp.path / "b.csv", true}) == "主体名称,数量\n某公司,3\n");
  BOOST_TEST(published_bytes(FileCopy{tmp.path / "a.csv", false}) == "主体名称,电话\n某公司,13812345678\n");

  OutputSet out;
  out.copies["2022-05/evidence/u/files/a.csv"] = FileCopy{tmp.path / "a.csv", true};
  write_site(out, tmp.path / "site");
  BOOST_TEST(slurp(tmp.path / "site/2022-05/evidence/u/files/a.csv").find("13812345678") == std::string::npos);
}

// The file's encoding is the file's: a GB18030 line whose bytes are also
// valid UTF-8 ("省" is CA A1) is read as GB18030 like the rest, on the site
// and in the bundle alike.
BOOST_AUTO_TEST_CASE(a_gbk_file_is_decoded_as_one) {
  TempDir tmp;
  // "主体名称,电话\n省,13812345678\n" in GBK.
  spit(tmp.path / "g.csv", "\xD6\xF7\xCC\xE5\xC3\xFB\xB3\xC6,\xB5\xE7\xBB\xB0\n\xCA\xA1,13812345678\n");
  const std::string expected = "\xEF\xBB\xBF主体名称,电话\n省,138****5678\n";
  BOOST_TEST(published_bytes(FileCopy{tmp.path / "g.csv", true}) == expected);
  OutputSet out;
  out.copies["e/g.csv"] = FileCopy{tmp.path / "g.csv", true};
  write_site(out, tmp.path / "site");
  BOOST_TEST(slurp(tmp.path / "site/e/g.csv") == expected);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(site_writer_streaming)

// Large text evidence written to the site equals the
// in-memory published_bytes, CRLF and BOM included.
BOOST_AUTO_TEST_CASE(masked_copies_match_published_bytes) {
  namespace fs = std::filesystem;
  fs::path base = fs::temp_directory_path() / ("creditgen-mask-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base);
  std::string csv = "\xEF\xBB\xBF主体名称,电话\r\n";
  for (int i = 0; i < 20000; ++i) csv += "某公司" + std::to_string(i) + ",13812345678\r\n";
  csv += "最后一行,无换行";
  std::ofstream(base / "big.csv", std::ios::binary) << csv;
  creditgen::render::OutputSet out;
  out.copies["e/big.csv"] = creditgen::render::FileCopy{base / "big.csv", true};
  auto report = creditgen::publish::write_site(out, base / "site");
  BOOST_TEST(report.written == 1u);
  std::ifstream in(base / "site/e/big.csv", std::ios::binary);
  std::string written((std::istreambuf_iterator<char>(in)), {});
  BOOST_TEST(written == creditgen::publish::published_bytes(out.copies["e/big.csv"]));
  BOOST_TEST(written.find("138****5678") != std::string::npos);
  BOOST_TEST(written.find("13812345678") == std::string::npos);
  auto again = creditgen::publish::write_site(out, base / "site");
  BOOST_TEST(again.unchanged == 1u);
  fs::remove_all(base);
}

// Fed page by page from several threads while rendering: only changed pages
// are staged, nothing in the site moves before finish(), and the result is
// what write_site makes of the same files.
BOOST_AUTO_TEST_CASE(pages_fed_from_threads_publish_like_write_site) {
  TempDir tmp;
  const fs::path site = tmp.path / "site";
  OutputSet v1;
  for (int m = 1; m <= 4; ++m)
    for (int i = 0; i < 50; ++i) v1.files["2022-0" + std::to_string(m) + "/items/" + std::to_string(i) + ".html"] = "v1 " + std::to_string(i);
  v1.files["index.html"] = "home";
  write_site(v1, site);
  for (const auto& [rel, bytes] : v1.files) age(site / rel);

  OutputSet v2 = v1;
  v2.files["2022-03/items/7.html"] = "v2 changed";
  v2.files.erase("2022-04/items/49.html");
  v2.files["2022-05/index.html"] = "new month";
  {
    SiteWriter writer(site);
    std::vector<std::thread> threads;
    std::vector<std::pair<std::string, std::string>> all(v2.files.begin(), v2.files.end());
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (size_t i = t; i < all.size(); i += 4) writer.file(all[i].first, all[i].second);
      });
    for (auto& th : threads) th.join();
    // Before finish(): the site is exactly as it was.
    BOOST_TEST(slurp(site / "2022-03/items/7.html") == "v1 7");
    BOOST_TEST(fs::exists(site / "2022-04/items/49.html"));
    BOOST_TEST(!fs::exists(site / "2022-05/index.html"));
    const auto report = writer.finish();
    BOOST_TEST(report.written == 2u);
    BOOST_TEST(report.unchanged == v2.files.size() - 2);
    BOOST_TEST(report.removed == 1u);
  }
  BOOST_TEST(slurp(site / "2022-03/items/7.html") == "v2 changed");
  BOOST_TEST(slurp(site / "2022-05/index.html") == "new month");
  BOOST_TEST(!fs::exists(site / "2022-04/items/49.html"));
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(site)) files += e.is_regular_file();
  BOOST_TEST(files == v2.files.size());
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path)) ++entries;
  BOOST_TEST(entries == 1u);  // no staging folder left
}

// A build that fails while rendering never calls finish(): the staged pages
// are removed and the site is untouched. The same path twice is refused.
BOOST_AUTO_TEST_CASE(an_abandoned_writer_leaves_the_site_untouched) {
  TempDir tmp;
  const fs::path site = tmp.path / "site";
  OutputSet v1;
  v1.files["index.html"] = "v1";
  write_site(v1, site);
  {
    SiteWriter writer(site);
    writer.file("index.html", "v2");
    writer.file("2022-05/index.html", "new");
    BOOST_CHECK_THROW(writer.file("index.html", "again"), std::logic_error);
    BOOST_CHECK_THROW(writer.file("../outside.html", "x"), std::runtime_error);
  }
  BOOST_TEST(slurp(site / "index.html") == "v1");
  BOOST_TEST(!fs::exists(site / "2022-05"));
  BOOST_TEST(!fs::exists(tmp.path / "outside.html"));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path)) ++entries;
  BOOST_TEST(entries == 1u);

  // A first site that is abandoned leaves no site at all.
  {
    SiteWriter writer(tmp.path / "fresh");
    writer.file("index.html", "x");
  }
  BOOST_TEST(!fs::exists(tmp.path / "fresh"));
}

// One month's pages as a group: rendered once and recorded, then kept as the
// site has them while their fingerprint holds and no file was touched.
// A change swaps in the whole new site at once; the unchanged files are the
// same inodes as before (hard links), and what was recorded of them still
// holds, so the next build reuses them rather than rendering them again.
BOOST_AUTO_TEST_CASE(a_changed_site_is_swapped_whole_and_kept_files_stay_reusable) {
  TempDir tmp;
  const fs::path site = tmp.path / "site";
  const fs::path state = tmp.path / "cache/published-site.txt";
  spit(tmp.path / "photo.jpg", "JPEG");
  auto render_month = [&](SiteWriter& w) {
    w.file("2022-05/index.html", "month");
    w.copy("2022-05/evidence/photo.jpg", FileCopy{tmp.path / "photo.jpg"});
    w.end_group("2022-05", inputs_of("fp1"), {"2022-05/index.html", "2022-05/evidence/photo.jpg"});
  };
  {
    SiteWriter w(site, state);
    render_month(w);
    w.file("index.html", "home");
    w.file("old.html", "to be removed");
    w.finish();
  }
  fs::permissions(site, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  struct stat before {};
  BOOST_TEST_REQUIRE(::stat((site / "2022-05/evidence/photo.jpg").c_str(), &before) == 0);
  for (int round = 0; round < 2; ++round) {
    SiteWriter w(site, state);
    BOOST_TEST(fresh(w, "2022-05", "fp1"), "round " << round);
    w.file("index.html", round == 0 ? "home, changed" : "home, changed again");
    const auto report = w.finish();
    BOOST_TEST(report.written == 1u);
    BOOST_TEST(report.removed == (round == 0 ? 1u : 0u));
  }
  struct stat after {};
  BOOST_TEST_REQUIRE(::stat((site / "2022-05/evidence/photo.jpg").c_str(), &after) == 0);
  BOOST_TEST(after.st_ino == before.st_ino);
  BOOST_TEST(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
  BOOST_TEST(after.st_nlink == 1u);  // the old site's links are gone with it
  BOOST_TEST(slurp(site / "index.html") == "home, changed again");
  BOOST_TEST(!fs::exists(site / "old.html"));
  BOOST_TEST((fs::status(site).permissions() ==
              (fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec)));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path)) ++entries;
  BOOST_TEST(entries == 3u);  // photo.jpg, cache/ and site/: no staging folder left
}

BOOST_AUTO_TEST_CASE(a_recorded_group_is_kept_until_its_inputs_or_files_change) {
  TempDir tmp;
  const fs::path site = tmp.path / "site";
  const fs::path state = tmp.path / "cache/published-site.txt";
  spit(tmp.path / "photo.jpg", "JPEG");
  auto render_month = [&](SiteWriter& w, const std::string& page) {
    w.file("2022-05/index.html", page);
    w.file("2022-05/unit.html", "unit");
    w.copy("2022-05/evidence/photo.jpg", FileCopy{tmp.path / "photo.jpg"});
    w.end_group("2022-05", inputs_of("fp1"), {"2022-05/index.html", "2022-05/unit.html", "2022-05/evidence/photo.jpg"});
  };
  {
    SiteWriter w(site, state);
    BOOST_TEST(!fresh(w, "2022-05", "fp1"));  // no site yet
    render_month(w, "month");
    w.file("index.html", "home");
    w.finish();
  }
  // Same fingerprint, files untouched: kept, nothing handed over, nothing
  // removed as stale, counted unchanged; and recorded again for next time.
  for (int round = 0; round < 2; ++round) {
    SiteWriter w(site, state);
    BOOST_TEST(!fresh(w, "2022-05", ""));          // an unknown input is never reused
    BOOST_TEST(!fresh(w, "2022-05", "fp2"));       // other inputs
    BOOST_TEST(w.reuse_group("2022-05", inputs_of("fp2")).why == "已修改：模板");
    BOOST_TEST(!fresh(w, "2022-06", "fp1"));       // a group never recorded
    BOOST_TEST(fresh(w, "2022-05", "fp1"));
    w.file("index.html", "home");
    const auto report = w.finish();
    BOOST_TEST(report.written == 0u);
    BOOST_TEST(report.removed == 0u);
    BOOST_TEST(report.unchanged == 4u);
    BOOST_TEST(slurp(site / "2022-05/evidence/photo.jpg") == "JPEG");
  }
  // A page edited by hand: the group is not reused, and rendering repairs it.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  spit(site / "2022-05/unit.html", "vandalised");
  {
    SiteWriter w(site, state);
    BOOST_TEST(w.reuse_group("2022-05", inputs_of("fp1")).why == "网站中的 2022-05/unit.html 被改动过");
    render_month(w, "month");
    w.file("index.html", "home");
    BOOST_TEST(w.finish().written == 1u);
    BOOST_TEST(slurp(site / "2022-05/unit.html") == "unit");
  }
  // A page removed by hand: the same.
  fs::remove(site / "2022-05/index.html");
  {
    SiteWriter w(site, state);
    BOOST_TEST(!fresh(w, "2022-05", "fp1"));
    render_month(w, "month");
    w.file("index.html", "home");
    w.finish();
    BOOST_TEST(slurp(site / "2022-05/index.html") == "month");
  }
  // A build that does not offer the group drops it: its files go as stale.
  {
    SiteWriter w(site, state);
    w.file("index.html", "home");
    BOOST_TEST(w.finish().removed == 3u);
    BOOST_TEST(!fs::exists(site / "2022-05"));
  }
  {
    SiteWriter w(site, state);
    BOOST_TEST(!fresh(w, "2022-05", "fp1"));  // forgotten with its files
  }
  // A damaged state file is ignored whole.
  {
    SiteWriter w(site, state);
    render_month(w, "month");
    w.file("index.html", "home");
    w.finish();
  }
  std::string text = slurp(state);
  const size_t f = text.find("\nF\t");
  BOOST_TEST_REQUIRE(f != std::string::npos);
  text.insert(text.find('\t', f + 3) + 1, "x");
  spit(state, text);
  SiteWriter w(site, state);
  BOOST_TEST(!fresh(w, "2022-05", "fp1"));
}

BOOST_AUTO_TEST_SUITE_END()
