// cli::source_fingerprints: what tells the renderer a month's files (and the
// site-wide files) are as they were.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli/site_sources.h"
#include "load/load.h"

namespace fs = std::filesystem;
using namespace creditgen;

namespace {

struct DemoCopy {
  fs::path root;
  DemoCopy() {
    root = fs::temp_directory_path() / ("creditgen-sources-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(root);
    fs::copy(fs::path(CREDITGEN_SOURCE_DIR) / "content", root / "content", fs::copy_options::recursive);
  }
  ~DemoCopy() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::map<YearMonth, std::string> fingerprints() const {
    Diagnostics diags;
    auto content = load::load_content(root / "content", "content", diags);
    BOOST_TEST_REQUIRE(content.has_value());
    return cli::source_fingerprints(*content);
  }
};

void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(2100)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(site_sources)

BOOST_AUTO_TEST_CASE(a_month_changes_its_fingerprint_and_a_site_file_changes_all) {
  DemoCopy demo;
  const YearMonth april{2022, 4}, may{2022, 5}, june{2022, 6};
  // Just copied: no stamp is trusted yet, so no month may be kept.
  for (const auto& [month, fp] : demo.fingerprints()) BOOST_TEST(fp.empty(), month.str());
  settle();
  const auto before = demo.fingerprints();
  BOOST_TEST_REQUIRE(before.size() == 3u);
  for (const auto& [month, fp] : before) BOOST_TEST(fp.size() == 64u, month.str());
  BOOST_TEST((demo.fingerprints() == before));  // stable

  // A touched file in May: May's fingerprint changes, the others do not.
  fs::last_write_time(demo.root / "content/2022-05/review.yaml", fs::file_time_type::clock::now());
  auto after = demo.fingerprints();
  BOOST_TEST(after.at(may).empty());  // changed moments ago: not trusted yet
  settle();
  after = demo.fingerprints();
  BOOST_TEST(after.at(may).size() == 64u);
  BOOST_TEST(after.at(may) != before.at(may));
  BOOST_TEST(after.at(april) == before.at(april));
  BOOST_TEST(after.at(june) == before.at(june));

  // A new file in June's folder.
  std::ofstream(demo.root / "content/2022-06/lingang/files/新增.txt") << "新增的佐证\n";
  settle();
  const auto with_new = demo.fingerprints();
  BOOST_TEST(with_new.at(june) != after.at(june));
  BOOST_TEST(with_new.at(april) == after.at(april));

  // A site-wide file: every month's fingerprint changes.
  fs::last_write_time(demo.root / "content/units.yaml", fs::file_time_type::clock::now());
  for (const auto& [month, fp] : demo.fingerprints()) BOOST_TEST(fp.empty(), month.str());  // changed moments ago
  settle();
  const auto site_changed = demo.fingerprints();
  for (const auto& [month, fp] : site_changed) {
    BOOST_TEST(fp.size() == 64u);
    BOOST_TEST(fp != with_new.at(month), month.str());
  }
}

// A draft's digest: its sealing sources, its report's inputs and the
// bundles its Prior-Bundle lines name; unknown when either digest is.
BOOST_AUTO_TEST_CASE(a_draft_is_known_by_its_sources_report_and_prior_bundles) {
  using creditgen::bundle::BundleRef;
  const std::string sealing(64, 'a'), report(64, 'b');
  const std::vector<BundleRef> prior = {{"2022-04.zip", std::string(64, 'c')}};
  const std::string d = cli::draft_sources(sealing, report, prior);
  BOOST_TEST(d.size() == 64u);
  BOOST_TEST(cli::draft_sources(sealing, report, prior) == d);
  BOOST_TEST(cli::draft_sources("", report, prior).empty());
  BOOST_TEST(cli::draft_sources(sealing, "", prior).empty());
  BOOST_TEST(cli::draft_sources(std::string(64, 'x'), report, prior) != d);
  BOOST_TEST(cli::draft_sources(sealing, std::string(64, 'x'), prior) != d);
  BOOST_TEST(cli::draft_sources(sealing, report, {}) != d);
  BOOST_TEST(cli::draft_sources(sealing, report, {{"2022-04.r2.zip", std::string(64, 'c')}}) != d);
  BOOST_TEST(cli::draft_sources(sealing, report, {{"2022-04.zip", std::string(64, 'd')}}) != d);
}

BOOST_AUTO_TEST_SUITE_END()
