#include <boost/test/unit_test.hpp>

#include "review/review.h"
#include "score/test_content.h"

using namespace creditgen;
using namespace creditgen::testing;
using model::ItemKind;
using model::ReviewStatus;

namespace {

std::vector<Diagnostic> by_code(const Diagnostics& d, const std::string& code) {
  std::vector<Diagnostic> out;
  for (auto& x : d.sorted())
    if (x.code == code) out.push_back(x);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(review_stage)

BOOST_AUTO_TEST_CASE(default_pending_and_accepted) {
  auto c = make_content({make_unit("a")});
  auto& pending = add_month(c, "2022-04");
  add_news(pending, "a", "x");
  auto& accepted = add_accepted_month(c, "2022-05");
  add_news(accepted, "a", "y");
  Diagnostics d;
  auto r = review::apply_reviews(c, d);
  BOOST_TEST_REQUIRE(r.size() == 2u);
  BOOST_TEST((r[0].month == ym("2022-04")));
  const auto* x = r[0].find("a/news/x.md");
  BOOST_TEST_REQUIRE(x);
  BOOST_TEST((x->status == ReviewStatus::pending));
  BOOST_TEST(!x->counts);
  const auto* y = r[1].find("a/news/y.md");
  BOOST_TEST_REQUIRE(y);
  BOOST_TEST((y->status == ReviewStatus::accepted));
  BOOST_TEST((y->kind == ItemKind::news));
  BOOST_TEST(y->counts);
  BOOST_TEST(d.empty());
}

BOOST_AUTO_TEST_CASE(rejected_with_reason) {
  auto c = make_content({make_unit("a")});
  auto& m = add_accepted_month(c, "2022-05");
  add_news(m, "a", "x");
  add_policy(m, "a", "历城行审发〔2022〕2号");
  decide(m, "a/news/x.md", ReviewStatus::rejected, "内容与信用工作无关");
  decide(m, "a/policies.yaml#历城行审发〔2022〕2号", ReviewStatus::accepted);
  Diagnostics d;
  auto r = review::apply_reviews(c, d);
  const auto* x = r[0].find("a/news/x.md");
  BOOST_TEST((x->status == ReviewStatus::rejected));
  BOOST_TEST(x->reason == "内容与信用工作无关");
  BOOST_TEST(!x->counts);
  BOOST_TEST(r[0].counts("a/policies.yaml#历城行审发〔2022〕2号"));
  BOOST_TEST(d.empty());
}

BOOST_AUTO_TEST_CASE(dangling_decision_is_an_error_at_its_line) {
  auto c = make_content({make_unit("a")});
  auto& m = add_month(c, "2022-05");
  add_news(m, "a", "x");
  decide(m, "a/news/nothing.md", ReviewStatus::accepted, "", 7);
  decide(m, "b/news/x.md", ReviewStatus::accepted, "", 8);  // no such unit folder
  Diagnostics d;
  review::apply_reviews(c, d);
  auto dangling = by_code(d, "dangling-review");
  BOOST_TEST_REQUIRE(dangling.size() == 2u);
  BOOST_TEST((dangling[0].severity == Severity::error));
  BOOST_TEST(dangling[0].where.file == "content/2022-05/review.yaml");
  BOOST_TEST(dangling[0].where.line == 7);
  BOOST_TEST(dangling[0].message.find("a/news/nothing.md") != std::string::npos);
  BOOST_TEST(dangling[1].where.line == 8);
}

BOOST_AUTO_TEST_CASE(a_mistyped_key_gets_the_likely_one) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  auto& m = add_month(c, "2022-05");
  add_news(m, "a", "2022-05-06-peixun");
  add_news(m, "b", "2022-05-06-peixin");  // another unit's: never suggested for a
  decide(m, "a/news/2022-05-06-peixin.md", ReviewStatus::accepted, "", 3);
  decide(m, "a/news/qita.md", ReviewStatus::accepted, "", 4);
  Diagnostics d;
  review::apply_reviews(c, d);
  auto dangling = by_code(d, "dangling-review");
  BOOST_TEST_REQUIRE(dangling.size() == 2u);
  BOOST_TEST(dangling[0].message ==
             "审核决定“a/news/2022-05-06-peixin.md”指向的条目不存在；是不是“a/news/2022-05-06-peixun.md”？");
  BOOST_TEST(dangling[1].message ==
             "审核决定“a/news/qita.md”指向的条目不存在；应为本月已报送条目的审核键，如 单位/news/文件名.md 或 "
             "单位/policies.yaml#文号");
}

BOOST_AUTO_TEST_CASE(invalid_item_or_broken_file_is_not_dangling) {
  auto c = make_content({make_unit("a")});
  auto& m = add_month(c, "2022-05");
  add_news(m, "a", "bad").valid = false;
  folder(m, "a").broken_files.push_back("scenarios.yaml");
  decide(m, "a/news/bad.md", ReviewStatus::accepted);
  decide(m, "a/scenarios.yaml#信易批", ReviewStatus::accepted);
  Diagnostics d;
  auto r = review::apply_reviews(c, d);
  BOOST_TEST(d.empty());
  const auto* bad = r[0].find("a/news/bad.md");
  BOOST_TEST((bad->status == ReviewStatus::accepted));
  BOOST_TEST(!bad->valid);
  BOOST_TEST(!bad->counts);  // the item stays invalid
}

BOOST_AUTO_TEST_CASE(decisions_on_facts_are_unknown_field_warnings) {
  auto c = make_content({make_unit("a")});
  auto& m = add_month(c, "2022-05");
  add_incident(m, "a", "1", model::Handling::late);
  add_objection(m, "a", "YY-1", "2022-05-12 09:00", "2022-05-13 16:00");
  decide(m, "a/incidents.yaml#1", ReviewStatus::rejected, "", 3);
  decide(m, "a/objections.yaml#YY-1", ReviewStatus::accepted, "", 4);
  decide(m, "a/metrics.yaml", ReviewStatus::accepted, "", 5);
  Diagnostics d;
  auto r = review::apply_reviews(c, d);
  auto w = by_code(d, "unknown-field");
  BOOST_TEST_REQUIRE(w.size() == 3u);
  BOOST_TEST((w[0].severity == Severity::warning));
  BOOST_TEST(by_code(d, "dangling-review").empty());
  // Facts count whatever the decision says.
  const auto* inc = r[0].find("a/incidents.yaml#1");
  BOOST_TEST((inc->status == ReviewStatus::accepted));
  BOOST_TEST(inc->counts);
  BOOST_TEST(r[0].counts("a/objections.yaml#YY-1"));
}

BOOST_AUTO_TEST_CASE(late_items_excluded_only_under_exclude) {
  auto c = make_content({make_unit("a")});
  auto& m = add_accepted_month(c, "2022-05");
  add_news(m, "a", "late").late = true;
  add_campaign(m, "a", "on-time");
  {
    Diagnostics d;
    auto r = review::apply_reviews(c, d);
    BOOST_TEST(r[0].find("a/news/late.md")->late);
    BOOST_TEST(r[0].counts("a/news/late.md"));
  }
  c.site.late_items = model::LateItems::exclude;
  Diagnostics d;
  auto r = review::apply_reviews(c, d);
  const auto* late = r[0].find("a/news/late.md");
  BOOST_TEST((late->status == ReviewStatus::accepted));
  BOOST_TEST(!late->counts);
  BOOST_TEST(r[0].counts("a/campaigns/on-time.md"));
}

BOOST_AUTO_TEST_SUITE_END()
