// cli::BuildStore: the one folder a build keeps for the next, its one
// version, and where each part lives.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "cli/build_store.h"

namespace fs = std::filesystem;
using creditgen::cli::BuildStore;

namespace {

struct TempFolder {
  fs::path path = fs::temp_directory_path() /
                  ("creditgen-store-" + std::to_string(::getpid()) + "-" +
                   std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  TempFolder() { fs::create_directories(path); }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A file the digest cache will keep: settled (not changed in the last two seconds).
fs::path settled_file(const fs::path& dir) {
  const fs::path file = dir / "evidence.pdf";
  write(file, "%PDF-1.7 evidence");
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(48);
  fs::last_write_time(file, old);
  return file;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(build_store)

BOOST_AUTO_TEST_CASE(parts_live_in_one_folder_and_site_folders_are_named_alike) {
  TempFolder tmp;
  const BuildStore store(tmp.path / "cache");
  BOOST_TEST(store.months_folder() == tmp.path / "cache/months");
  BOOST_TEST(store.site_state("site") == tmp.path / "cache/published-site.txt");
  BOOST_TEST(store.site_state("site/") == tmp.path / "cache/published-site.txt");
  BOOST_TEST(store.site_state("out/preview//") == tmp.path / "cache/published-preview.txt");
  BOOST_TEST(store.site_state("out/../site") == tmp.path / "cache/published-site.txt");
  BOOST_TEST(store.site_state("out/.") == tmp.path / "cache/published-out.txt");
  BOOST_TEST(store.site_state("/") == tmp.path / "cache/published-root.txt");
  BOOST_TEST(store.site_state(".") ==
             tmp.path / "cache" / ("published-" + fs::current_path().filename().string() + ".txt"));
  BOOST_TEST(store.published_content("ab12") == tmp.path / "cache/published/ab12");
}

BOOST_AUTO_TEST_CASE(what_one_build_learns_the_next_knows) {
  TempFolder tmp;
  const fs::path file = settled_file(tmp.path);
  // Its ctime is still recent (it cannot be set back): trusted as "ours",
  // as a bundle this process just wrote would be.
  std::string sha;
  {
    BuildStore store(tmp.path / "cache");
    sha = *store.bundles().file_sha256(file, true);
  }  // saved on the way out
  BOOST_TEST(read(tmp.path / "cache/store.txt") == "creditgen-store " + std::to_string(BuildStore::kVersion) + "\n");
  BOOST_TEST(read(tmp.path / "cache/digests.txt").find(sha) != std::string::npos);
  BuildStore next(tmp.path / "cache");
  const auto stamp = creditgen::FileStamp::of(file);
  BOOST_TEST(next.bundles().digests.find(file, *stamp, false)->hex(creditgen::bundle::DigestKind::sha256) == sha);
}

BOOST_AUTO_TEST_CASE(a_store_of_another_version_is_emptied_not_misread) {
  TempFolder tmp;
  const fs::path cache = tmp.path / "cache";
  const fs::path file = settled_file(tmp.path);
  {
    BuildStore store(cache);
    (void)store.bundles().file_sha256(file, true);
  }
  // What an older creditgen left: its own version, a month, a site state, an unpacked bundle.
  write(cache / "store.txt", "creditgen-store 0\n");
  write(cache / "months/2022-05.bin", "old month");
  write(cache / "published-site.txt", "old pages");
  write(cache / "published/ab12/.complete", "2022-05.zip\n");
  write(cache / "notes.txt", "not ours");
  {
    BuildStore store(cache);
    const auto stamp = creditgen::FileStamp::of(file);
    BOOST_TEST(!store.bundles().digests.find(file, *stamp, false).has_value());
  }
  BOOST_TEST(!fs::exists(cache / "months"));
  BOOST_TEST(!fs::exists(cache / "published-site.txt"));
  BOOST_TEST(!fs::exists(cache / "published"));
  BOOST_TEST(read(cache / "notes.txt") == "not ours");  // only the parts the layout names
  BOOST_TEST(read(cache / "store.txt") == "creditgen-store " + std::to_string(BuildStore::kVersion) + "\n");
}

BOOST_AUTO_TEST_CASE(a_build_that_learned_nothing_writes_nothing) {
  TempFolder tmp;
  const fs::path cache = tmp.path / "cache";
  { BuildStore store(cache); }
  const auto before = fs::last_write_time(cache / "digests.txt");
  const auto version_before = fs::last_write_time(cache / "store.txt");
  fs::last_write_time(cache / "digests.txt", before - std::chrono::hours(1));
  fs::last_write_time(cache / "store.txt", version_before - std::chrono::hours(1));
  { BuildStore store(cache); }
  BOOST_TEST((fs::last_write_time(cache / "digests.txt") == before - std::chrono::hours(1)));
  BOOST_TEST((fs::last_write_time(cache / "store.txt") == version_before - std::chrono::hours(1)));
}

BOOST_AUTO_TEST_SUITE_END()
