// cli::month_input_digests_of: what tells the renderer a month's files (and the
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
    return cli::month_input_digests_of(*content);
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

// A bag's inputs: the months it takes files from and its scores; a draft's:
// those, its report's inputs and the bundles its Prior-Bundle lines name.
// Each named when it changes; unknown when a month's inputs are.
BOOST_AUTO_TEST_CASE(a_bundle_declares_its_months_scores_report_and_prior_bundles) {
  using creditgen::bundle::BundleRef;
  const YearMonth april{2022, 4}, may{2022, 5};
  const std::map<YearMonth, std::string> digests = {{april, "a"}, {may, "m"}};
  const Inputs bag = cli::bag_inputs(digests, may, {april}, "{json}", "csv");
  BOOST_TEST(bag.known());
  auto why = [&](const Inputs& now) { return why_stale(bag, now).why; };
  BOOST_TEST(why(cli::bag_inputs(digests, may, {april}, "{json}", "csv")) == "");
  BOOST_TEST(why(cli::bag_inputs({{april, "a2"}, {may, "m"}}, may, {april}, "{json}", "csv")) == "已修改：2022-04 的材料");
  BOOST_TEST(why(cli::bag_inputs(digests, may, {}, "{json}", "csv")) == "不再使用：2022-04 的材料");
  BOOST_TEST(why(cli::bag_inputs(digests, may, {april}, "{json}", "csv2")) == "已修改：证据包中的得分");
  BOOST_TEST(!cli::bag_inputs({{april, ""}, {may, "m"}}, may, {april}, "{json}", "csv").known());

  Inputs report;
  report.add("month:2022-05", "m").add("templates", "t");
  const std::vector<BundleRef> prior = {{"2022-04.zip", std::string(64, 'c')}};
  const Inputs draft = cli::draft_inputs(bag, report, prior);
  // Listed once though both the bag and the report read May.
  BOOST_TEST(std::count_if(draft.list().begin(), draft.list().end(),
                           [](const Inputs::Input& i) { return i.name == "month:2022-05"; }) == 1);
  auto draft_why = [&](const Inputs& now) { return why_stale(draft, now).why; };
  BOOST_TEST(draft_why(cli::draft_inputs(bag, report, prior)) == "");
  Inputs other_report;
  other_report.add("month:2022-05", "m").add("templates", "t2");
  BOOST_TEST(draft_why(cli::draft_inputs(bag, other_report, prior)) == "已修改：模板");
  BOOST_TEST(draft_why(cli::draft_inputs(bag, report, {})) == "已修改：前序证据包");
  BOOST_TEST(draft_why(cli::draft_inputs(bag, report, {{"2022-04.r2.zip", std::string(64, 'c')}})) == "已修改：前序证据包");
  BOOST_TEST(!cli::draft_inputs(bag, Inputs().unknown("month:2022-05"), prior).known());
}

BOOST_AUTO_TEST_SUITE_END()
