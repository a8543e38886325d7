#include <boost/test/unit_test.hpp>

#include "review/review.h"
#include "score/measures.h"
#include "score/test_content.h"

using namespace creditgen;
using namespace creditgen::score;
using namespace creditgen::testing;
using model::ItemKind;
using model::MeasureKind;
using model::ReviewStatus;
using model::Window;

namespace {

// Measures for one unit in one month of `c`, with every active unit as peers.
struct Probe {
  model::Content& c;
  std::vector<review::ReviewedMonth> reviewed;
  Diagnostics diags;

  explicit Probe(model::Content& content) : c(content) { reviewed = review::apply_reviews(c, diags); }

  MeasureValue at(const char* month, const model::Measure& m, const std::string& unit, bool missing_zero = false) {
    const WindowTallies tallies = WindowTallies::through(c, reviewed, ym(month));
    const model::Month& mm = *c.month(ym(month));
    std::vector<MonthUnit> peers;
    for (auto& u : c.units)
      if (u.active_in(ym(month))) peers.push_back(month_unit(c, mm, u.id));
    MeasureContext ctx{c, tallies, mm, {}};
    for (const MonthUnit& p : peers) ctx.peers.push_back(&p);
    return measure_value(ctx, m, missing_zero, month_unit(c, mm, unit));
  }
  double value(const char* month, const model::Measure& m, const std::string& unit) {
    auto v = at(month, m, unit);
    BOOST_TEST_REQUIRE(v.value.has_value());
    return *v.value;
  }
};

model::Measure ratio(std::vector<std::string> num, std::string den) {
  model::Measure m;
  m.kind = MeasureKind::ratio;
  m.numerators = std::move(num);
  m.denominator = std::move(den);
  return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(measures)

BOOST_AUTO_TEST_CASE(count_windows_cross_a_year_boundary) {
  auto c = make_content({make_unit("a")});
  auto& dec = add_accepted_month(c, "2021-12");
  add_news(dec, "a", "n1");
  add_news(dec, "a", "n2");
  auto& jan = add_accepted_month(c, "2022-01");
  add_news(jan, "a", "n3");
  auto& feb = add_accepted_month(c, "2022-02");
  add_news(feb, "a", "n4");
  Probe p(c);
  BOOST_TEST(p.value("2022-02", count_measure(ItemKind::news, Window::month), "a") == 1);
  BOOST_TEST(p.value("2022-02", count_measure(ItemKind::news, Window::ytd), "a") == 2);
  BOOST_TEST(p.value("2022-02", count_measure(ItemKind::news, Window::cumulative), "a") == 4);
  BOOST_TEST(p.value("2021-12", count_measure(ItemKind::news, Window::ytd), "a") == 2);
  BOOST_TEST(p.value("2022-01", count_measure(ItemKind::news, Window::ytd), "a") == 1);
  // Later months never leak into an earlier month's window.
  BOOST_TEST(p.value("2022-01", count_measure(ItemKind::news, Window::cumulative), "a") == 3);
}

BOOST_AUTO_TEST_CASE(only_counting_items_count) {
  auto c = make_content({make_unit("a")});
  auto& m = add_month(c, "2022-05");  // default pending
  add_news(m, "a", "accepted");
  add_news(m, "a", "pending");
  add_news(m, "a", "rejected");
  add_news(m, "a", "invalid").valid = false;
  add_campaign(m, "a", "late").late = true;
  decide(m, "a/news/accepted.md", ReviewStatus::accepted);
  decide(m, "a/news/rejected.md", ReviewStatus::rejected, "无关");
  decide(m, "a/news/invalid.md", ReviewStatus::accepted);
  decide(m, "a/campaigns/late.md", ReviewStatus::accepted);
  {
    Probe p(c);
    BOOST_TEST(p.value("2022-05", count_measure(ItemKind::news), "a") == 1);
    BOOST_TEST(p.value("2022-05", count_measure(ItemKind::campaign), "a") == 1);  // late_items: count
  }
  c.site.late_items = model::LateItems::exclude;
  Probe p(c);
  BOOST_TEST(p.value("2022-05", count_measure(ItemKind::campaign), "a") == 0);
}

BOOST_AUTO_TEST_CASE(policy_listed_twice_counts_once_and_repeal_removes_it) {
  auto c = make_content({make_unit("a")});
  auto& jan = add_accepted_month(c, "2022-01");
  add_policy(jan, "a", "文1");
  add_policy(jan, "a", "文2");
  auto& feb = add_accepted_month(c, "2022-02");
  add_policy(feb, "a", "文1");                                 // re-listed: still one
  add_policy(feb, "a", "文2", model::PolicyStatus::repealed);  // latest listing: repealed
  auto& mar = add_accepted_month(c, "2022-03");
  add_policy(mar, "a", "文3", model::PolicyStatus::repealed);  // never in force
  add_policy(mar, "a", "文1", model::PolicyStatus::repealed);  // repeal not accepted: ignored
  decide(mar, "a/policies.yaml#文1", ReviewStatus::rejected, "未核实");
  Probe p(c);
  auto cum = count_measure(ItemKind::policy, Window::cumulative);
  BOOST_TEST(p.value("2022-01", cum, "a") == 2);
  BOOST_TEST(p.value("2022-02", cum, "a") == 1);
  BOOST_TEST(p.value("2022-03", cum, "a") == 1);
  BOOST_TEST(p.value("2022-02", count_measure(ItemKind::policy, Window::month), "a") == 1);
}

BOOST_AUTO_TEST_CASE(rejected_then_accepted_item) {
  auto c = make_content({make_unit("a")});
  auto& jan = add_accepted_month(c, "2022-01");
  add_policy(jan, "a", "文1");
  decide(jan, "a/policies.yaml#文1", ReviewStatus::rejected, "缺少文件");
  auto& feb = add_accepted_month(c, "2022-02");
  add_policy(feb, "a", "文1");
  Probe p(c);
  auto cum = count_measure(ItemKind::policy, Window::cumulative);
  BOOST_TEST(p.value("2022-01", cum, "a") == 0);
  BOOST_TEST(p.value("2022-02", cum, "a") == 1);
}

BOOST_AUTO_TEST_CASE(scenarios_distinct_and_xinyidai_itself_not_counted) {
  auto c = make_content({make_unit("a")});
  auto& jan = add_accepted_month(c, "2022-01");
  add_scenario(jan, "a", "信易贷");
  add_scenario(jan, "a", "信易批");
  auto& feb = add_accepted_month(c, "2022-02");
  add_scenario(feb, "a", "信易批");
  add_scenario(feb, "a", "信易租");
  add_supervision(feb, "a", "汽车维修领域");
  add_supervision(jan, "a", "汽车维修领域");
  Probe p(c);
  BOOST_TEST(p.value("2022-02", count_measure(ItemKind::scenario, Window::cumulative), "a") == 2);
  BOOST_TEST(p.value("2022-01", count_measure(ItemKind::scenario, Window::cumulative), "a") == 1);
  BOOST_TEST(p.value("2022-02", count_measure(ItemKind::supervision, Window::cumulative), "a") == 1);
}

BOOST_AUTO_TEST_CASE(ledger_sum_and_uscc_errors) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  auto& m = add_accepted_month(c, "2022-05");
  add_ledger(m, "a", "纳税", 100);
  add_ledger(m, "a", "社保", 52);
  add_ledger(m, "a", "水", 7);
  decide(m, "a/ledger.yaml#水", ReviewStatus::pending);
  auto& um = folder(m, "a");
  um.uscc.bad_codes = 2;
  um.uscc.duplicate_codes = 1;
  set_figure(m, "a", "uscc_errors_reported", 3);
  model::Measure sum;
  sum.kind = MeasureKind::sum_ledger;
  Probe p(c);
  BOOST_TEST(p.value("2022-05", sum, "a") == 152);
  BOOST_TEST(p.value("2022-05", sum, "b") == 0);  // no items: 0, a value
  auto uscc = simple_measure(MeasureKind::uscc_errors);
  BOOST_TEST(p.value("2022-05", uscc, "a") == 6);
  BOOST_TEST(p.value("2022-05", uscc, "b") == 0);
}

BOOST_AUTO_TEST_CASE(incidents_unhandled) {
  auto c = make_content({make_unit("a")});
  auto& m = add_month(c, "2022-05");  // pending by default: incidents need no review
  add_incident(m, "a", "1", model::Handling::proactive);
  add_incident(m, "a", "2", model::Handling::late);
  add_incident(m, "a", "3", model::Handling::ordered);
  add_incident(m, "a", "4", model::Handling::after_report).valid = false;
  Probe p(c);
  BOOST_TEST(p.value("2022-05", simple_measure(MeasureKind::incidents_unhandled), "a") == 2);
}

BOOST_AUTO_TEST_CASE(objections_worst_working_days) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  c.calendar.holidays.insert(day("2022-05-04"));
  auto& m = add_month(c, "2022-05");
  // Mon 05-02 → Fri 05-06: 03, 05, 06 are working days (04 a holiday) = 3.
  add_objection(m, "a", "1", "2022-05-02 09:00", "2022-05-06 10:00", /*valid_objection=*/false);
  add_objection(m, "a", "2", "2022-05-09 09:00", "2022-05-10 16:00");
  // An invalid entry never counts, however slow.
  add_objection(m, "a", "3", "2022-05-09 09:00", "2022-05-30 16:00").valid = false;
  Probe p(c);
  auto worst = simple_measure(MeasureKind::objections_worst_days);
  BOOST_TEST(p.value("2022-05", worst, "a") == 3);
  auto none = p.at("2022-05", worst, "b");
  BOOST_TEST(!none.value.has_value());
  BOOST_TEST((none.flag == Flag::none));
}

BOOST_AUTO_TEST_CASE(metric_missing_and_missing_zero) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  auto& m = add_month(c, "2022-05");
  set_figure(m, "a", "arrears_unfinished", 2);
  Probe p(c);
  auto metric = simple_measure(MeasureKind::metric, "arrears_unfinished");
  BOOST_TEST(p.value("2022-05", metric, "a") == 2);
  auto miss = p.at("2022-05", metric, "b");
  BOOST_TEST(!miss.value.has_value());
  BOOST_TEST((miss.flag == Flag::missing));
  auto zero = p.at("2022-05", metric, "b", /*missing_zero=*/true);
  BOOST_TEST(*zero.value == 0);
  BOOST_TEST((zero.flag == Flag::none));
}

BOOST_AUTO_TEST_CASE(ratio_of_figures) {
  auto c = make_content({make_unit("a"), make_unit("b"), make_unit("c"), make_unit("d")});
  auto& m = add_month(c, "2022-05");
  set_figure(m, "a", "taxpayer_a", 30);
  set_figure(m, "a", "legal_entities", 200);  // customs_aeo missing: counts 0
  set_figure(m, "b", "legal_entities", 200);  // all numerators missing
  set_figure(m, "c", "taxpayer_a", 5);
  set_figure(m, "c", "customs_aeo", 5);
  set_figure(m, "c", "legal_entities", 0);    // den 0
  set_figure(m, "d", "taxpayer_a", 5);        // den missing
  Probe p(c);
  auto r = ratio({"taxpayer_a", "customs_aeo"}, "legal_entities");
  BOOST_TEST(p.value("2022-05", r, "a") == 0.15);
  BOOST_TEST((p.at("2022-05", r, "b").flag == Flag::missing));
  BOOST_TEST((p.at("2022-05", r, "c").flag == Flag::no_value));
  BOOST_TEST((p.at("2022-05", r, "d").flag == Flag::missing));
  BOOST_TEST(!p.at("2022-05", r, "c").value.has_value());
}

BOOST_AUTO_TEST_CASE(ratio_of_valid_objections) {
  auto c = make_content({make_unit("a"), make_unit("b"), make_unit("c")});
  auto& m = add_month(c, "2022-05");
  add_objection(m, "a", "1", "2022-05-02 09:00", "2022-05-02 10:00");
  add_objection(m, "a", "2", "2022-05-02 09:00", "2022-05-02 10:00");
  add_objection(m, "a", "3", "2022-05-02 09:00", "2022-05-02 10:00", false);   // not 有效
  add_objection(m, "a", "4", "2022-05-02 09:00", "2022-05-02 10:00").valid = false;
  set_figure(m, "a", "sgs_total", 400);
  set_figure(m, "b", "sgs_total", 0);
  model::Measure r;
  r.kind = MeasureKind::ratio;
  r.numerator_counts_objections = true;
  r.denominator = "sgs_total";
  Probe p(c);
  BOOST_TEST(p.value("2022-05", r, "a") == 0.005);
  BOOST_TEST((p.at("2022-05", r, "b").flag == Flag::no_value));
  BOOST_TEST((p.at("2022-05", r, "c").flag == Flag::missing));
}

BOOST_AUTO_TEST_CASE(share_over_peers_that_have_it) {
  auto c = make_content({make_unit("a"), make_unit("b"), make_unit("c")});
  auto& m = add_month(c, "2022-05");
  set_figure(m, "a", "village_cases", 3);
  set_figure(m, "b", "village_cases", 1);
  Probe p(c);
  auto s = simple_measure(MeasureKind::share, "village_cases");
  BOOST_TEST(p.value("2022-05", s, "a") == 0.75);
  BOOST_TEST(p.value("2022-05", s, "b") == 0.25);
  BOOST_TEST((p.at("2022-05", s, "c").flag == Flag::missing));
  set_figure(c.months[0], "a", "village_cases", 0);
  set_figure(c.months[0], "b", "village_cases", 0);
  Probe q(c);
  BOOST_TEST(q.value("2022-05", s, "a") == 0);  // sum 0 → 0
}

BOOST_AUTO_TEST_CASE(growth_against_previous_calendar_month) {
  auto c = make_content({make_unit("a"), make_unit("b"), make_unit("c"), make_unit("d")});
  auto& dec = add_month(c, "2021-12");
  set_figure(dec, "a", "xyd_credit_amount", 200);
  set_figure(dec, "c", "xyd_credit_amount", 0);
  set_figure(dec, "d", "xyd_credit_amount", 50);
  auto& jan = add_month(c, "2022-01");
  set_figure(jan, "a", "xyd_credit_amount", 250);
  set_figure(jan, "b", "xyd_credit_amount", 10);  // no previous figure
  set_figure(jan, "c", "xyd_credit_amount", 10);  // previous 0
  auto& mar = add_month(c, "2022-03");           // February has no folder
  set_figure(mar, "a", "xyd_credit_amount", 100);
  Probe p(c);
  auto g = simple_measure(MeasureKind::growth, "xyd_credit_amount");
  BOOST_TEST(p.value("2022-01", g, "a") == 0.25);  // across the year boundary
  BOOST_TEST((p.at("2022-01", g, "b").flag == Flag::missing));
  BOOST_TEST((p.at("2022-01", g, "c").flag == Flag::no_value));
  BOOST_TEST((p.at("2022-01", g, "d").flag == Flag::missing));  // this month not reported
  // The first month monitored, or a month after a gap: no previous month at all.
  BOOST_TEST((p.at("2021-12", g, "a").flag == Flag::no_value));
  BOOST_TEST((p.at("2022-03", g, "a").flag == Flag::no_value));
  BOOST_TEST(!p.at("2022-03", g, "a").value.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
