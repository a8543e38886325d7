// The bag input the cli assembles for a month (cli/bundle_input.h): which
// files it carries, and where a diagnostic about one of them points.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

#include "bundle/bag.h"
#include "cli/bundle_input.h"
#include "load/load.h"
#include "review/review.h"
#include "score/score.h"

namespace fs = std::filesystem;
using namespace creditgen;

BOOST_AUTO_TEST_SUITE(bundle_input)

BOOST_AUTO_TEST_CASE(a_months_bag_points_at_its_content_files_as_the_user_named_the_folder) {
  Diagnostics diags;
  const auto content = load::load_content(fs::path(CREDITGEN_SOURCE_DIR) / "content", "演示/内容", diags);
  BOOST_TEST_REQUIRE(content.has_value());
  const auto reviewed = review::apply_reviews(*content, diags);
  const auto scores = score::score_all(*content, reviewed);
  BOOST_TEST_REQUIRE(scores.size() >= 2u);
  const score::MonthScores& last = scores.back();
  const model::Month* month = content->month(last.month);
  BOOST_TEST_REQUIRE(month != nullptr);

  bundle::BagInput in = cli::make_bag_input(*content, *month, last, reviewed);
  BOOST_TEST(in.content_shown_root == "演示/内容");
  // Earlier months' text is carried, their attachments only listed.
  const std::string earlier = "content/" + scores.front().month.str() + "/";
  const auto carried = std::count_if(in.payload.begin(), in.payload.end(),
                                     [&](const bundle::PayloadEntry& e) { return e.name.starts_with(earlier); });
  BOOST_TEST(carried > 0);
  for (const auto& e : in.payload)
    if (e.name.starts_with(earlier)) BOOST_TEST(!e.name.ends_with(".jpg"), e.name);

  // A name the bag cannot hold is reported at the file as the user sees it,
  // under the content folder's shown name, not as a path inside the bag.
  const std::string folder = last.month.str() + "/lingang/files/";
  in.payload.push_back(bundle::PayloadEntry::from_file("content/" + folder + "100%.jpg", "/nonexistent/100%.jpg"));
  Diagnostics names;
  BOOST_TEST(!bundle::check_payload_names(in, names));
  BOOST_TEST_REQUIRE(names.all().size() == 1u);
  BOOST_TEST(names.all()[0].code == "bad-filename");
  BOOST_TEST(names.all()[0].where.file == "演示/内容/" + folder + "100%.jpg");
}

BOOST_AUTO_TEST_SUITE_END()
