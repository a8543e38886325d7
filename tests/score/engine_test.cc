#include <boost/test/unit_test.hpp>

#include "review/review.h"
#include "score/score.h"
#include "score/test_content.h"
#include "score/totals.h"

using namespace creditgen;
using namespace creditgen::score;
using namespace creditgen::testing;
using model::ItemKind;
using model::MeasureKind;
using model::MethodKind;
using model::ReviewStatus;
using model::Window;

namespace {

std::vector<MonthScores> run(const model::Content& c) {
  Diagnostics d;
  auto reviewed = review::apply_reviews(c, d);
  return score_all(c, reviewed);
}

const MonthScores& month_of(const std::vector<MonthScores>& all, const char* m) {
  for (auto& s : all)
    if (s.month == ym(m)) return s;
  BOOST_FAIL("month not scored");
  return all.front();
}

// Everything scoring shows of a month, as one comparable text.
std::string shown(const MonthScores& s) {
  std::string out;
  for (const UnitScore& u : s.units) {
    out += u.unit + " " + std::to_string(u.score) + " " + std::to_string(u.rank) + " " + std::to_string(u.penalty);
    for (const RowScore& r : u.rows) out += " " + r.row_id + "=" + std::to_string(r.points);
    for (const auto& o : u.obligations) out += " " + o.id + ":" + std::to_string(o.value);
    out += "\n";
  }
  return out;
}

// "2022-01 2022-02": a set of months as text, for comparing and printing.
std::string listed(const std::set<YearMonth>& months) {
  std::string out;
  for (YearMonth m : months) out += (out.empty() ? "" : " ") + m.str();
  return out;
}

model::Obligation yearly_news() {
  model::Obligation o;
  o.id = "news-yearly";
  o.text = "每年上报信用动态不少于3篇";
  o.measure = count_measure(ItemKind::news);  // the measure's own window: the month
  o.min = 3;
  o.per = model::ObligationPeriod::year;      // …but counted over the year
  return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(engine)

BOOST_AUTO_TEST_CASE(missing_and_no_value_are_left_out_of_peers) {
  auto c = make_content({make_unit("a"), make_unit("b"), make_unit("c"), make_unit("d")});
  auto mm = method(MethodKind::min_max);
  mm.floor = 1;
  c.rulebooks.push_back(make_rulebook(
      "2022-01", {{"1", 6, simple_measure(MeasureKind::metric, "m"), mm},
                  {"2", 4, simple_measure(MeasureKind::metric, "m"), method(MethodKind::proportional)}}));
  auto& m = add_month(c, "2022-05");
  set_figure(m, "a", "m", 10);
  set_figure(m, "b", "m", 5);
  set_figure(m, "c", "m", 7.5);  // d missing
  auto all = run(c);
  const auto& s = month_of(all, "2022-05");
  const RowScore* b = s.unit("b")->row("1.1");
  BOOST_TEST(b->points == 1.0);  // b is the minimum: d's missing value is not a 0
  BOOST_TEST(s.unit("c")->row("1.1")->points == 3.5);  // 1 + 5 × 2.5 ÷ 5
  const RowScore* d = s.unit("d")->row("1.1");
  BOOST_TEST(d->points == 0.0);
  BOOST_TEST((d->flag == Flag::missing));
  BOOST_TEST(!d->value.has_value());
  BOOST_TEST(*b->explain.peer_min() == 5.0);
  BOOST_TEST(*b->explain.peer_max() == 10.0);
  BOOST_TEST(*b->explain.peer_sum() == 22.5);
  BOOST_TEST(b->explain.method_words() == "最多的得满分，最少的得1分，其他的按比例计分");
  BOOST_TEST(s.unit("b")->row("2.1")->arithmetic() == "4 × 5 ÷ 10 = 2.00");
  BOOST_TEST(s.unit("a")->earned == 10.0);
  BOOST_TEST(s.unit("a")->applicable == 10.0);
  BOOST_TEST(s.unit("a")->score == 100.0);
  BOOST_TEST(s.unit("d")->score == 0.0);
}

BOOST_AUTO_TEST_CASE(applicability_peers_and_totals) {
  auto c = make_content({make_unit("z1", model::UnitType::zone), make_unit("s1", model::UnitType::subdistrict, {"sgs"}),
                         make_unit("d1")});
  model::Applicability zones;
  zones.types = {model::UnitType::zone, model::UnitType::subdistrict};
  model::Applicability sgs;
  sgs.tags = {"sgs"};
  sgs.units = {"d1"};
  c.rulebooks.push_back(make_rulebook(
      "2022-01", {{"1", 6, simple_measure(MeasureKind::metric, "m"), method(MethodKind::proportional), zones},
                  {"2", 4, simple_measure(MeasureKind::metric, "m"), method(MethodKind::proportional), sgs},
                  {"3", 10, count_measure(ItemKind::news), method(MethodKind::proportional)}}));
  auto& m = add_accepted_month(c, "2022-05");
  set_figure(m, "z1", "m", 2);
  set_figure(m, "s1", "m", 4);
  set_figure(m, "d1", "m", 8);  // d1 is not a peer of row 1.1: z1 and s1 share it
  add_news(m, "z1", "x");
  auto s = run(c);
  const auto& ms = month_of(s, "2022-05");
  BOOST_TEST(ms.unit("z1")->row("1.1")->points == 3.0);
  BOOST_TEST(ms.unit("s1")->row("1.1")->points == 6.0);
  BOOST_TEST(ms.unit("d1")->row("1.1") == nullptr);
  BOOST_TEST(ms.unit("z1")->row("2.1") == nullptr);
  BOOST_TEST(ms.unit("s1")->row("2.1")->points == 2.0);
  BOOST_TEST(ms.unit("d1")->row("2.1")->points == 4.0);
  BOOST_TEST(ms.unit("z1")->applicable == 16.0);
  BOOST_TEST(ms.unit("d1")->applicable == 14.0);
  BOOST_TEST(ms.unit("z1")->earned == 13.0);
  BOOST_TEST(ms.unit("z1")->score == 100.0 * 13 / 16, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(ms.unit("z1")->rows.size() == 2u);
  BOOST_TEST(ms.unit("z1")->rows[0].row_id == "1.1");
  BOOST_TEST(ms.unit("z1")->group_earned.at(0).first == "I");
  BOOST_TEST(ms.unit("z1")->group_earned.at(0).second == 13.0);
  BOOST_TEST(ms.unit("z1")->submitted);
  BOOST_TEST(!ms.unit("s1")->submitted);  // no folder: 未报送, still scored
}

BOOST_AUTO_TEST_CASE(unit_activated_in_the_second_month) {
  auto a = make_unit("a");
  auto b = make_unit("b");
  b.active_from = ym("2022-02");
  auto c = make_content({a, b});
  c.rulebooks.push_back(make_rulebook("2022-01", {{"1", 10, simple_measure(MeasureKind::metric, "m"),
                                                   method(MethodKind::proportional)}}));
  auto& jan = add_month(c, "2022-01");
  set_figure(jan, "a", "m", 5);
  set_figure(jan, "b", "m", 10);  // not active yet: neither scored nor a peer
  auto& feb = add_month(c, "2022-02");
  set_figure(feb, "a", "m", 5);
  set_figure(feb, "b", "m", 10);
  auto s = run(c);
  const auto& j = month_of(s, "2022-01");
  BOOST_TEST(j.units.size() == 1u);
  BOOST_TEST(j.unit("b") == nullptr);
  BOOST_TEST(j.unit("a")->score == 100.0);
  const auto& f = month_of(s, "2022-02");
  BOOST_TEST(f.units.size() == 2u);
  BOOST_TEST(f.unit("a")->score == 50.0);
  BOOST_TEST(f.units[0].unit == "b");
}

BOOST_AUTO_TEST_CASE(penalty_active_three_months_then_gone) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  c.rulebooks.push_back(make_rulebook("2022-01", {{"1", 10, simple_measure(MeasureKind::metric, "m"),
                                                   method(MethodKind::proportional)}}));
  for (const char* mo : {"2022-01", "2022-02", "2022-03", "2022-04"}) {
    auto& m = add_month(c, mo);
    set_figure(m, "a", "m", 10);
    set_figure(m, "b", "m", 5);
  }
  model::Penalty p;
  p.unit = "a";
  p.reason = "照片重复";
  c.months[0].penalties.push_back(p);  // defaults: 20 points, 3 months
  model::Penalty q;
  q.unit = "a";
  q.reason = "另一项";
  q.points = 5;
  q.months = 1;
  c.months[1].penalties.push_back(q);
  auto s = run(c);
  BOOST_TEST(month_of(s, "2022-01").unit("a")->score == 80.0);
  BOOST_TEST(month_of(s, "2022-02").unit("a")->score == 75.0);  // both add up
  BOOST_TEST(month_of(s, "2022-02").unit("a")->penalties.size() == 2u);
  const auto& mar = month_of(s, "2022-03");  // the third month: still active
  BOOST_TEST(mar.unit("a")->penalty == 20.0);
  BOOST_TEST(mar.unit("a")->score == 80.0);
  BOOST_TEST(mar.unit("a")->penalties.at(0).reason == "照片重复");
  BOOST_TEST((mar.unit("a")->penalties.at(0).decided == ym("2022-01")));
  const auto& apr = month_of(s, "2022-04");  // the fourth: over
  BOOST_TEST(apr.unit("a")->penalty == 0.0);
  BOOST_TEST(apr.unit("a")->score == 100.0);
  BOOST_TEST(apr.units[0].unit == "a");
  BOOST_TEST(mar.units[0].unit == "a");  // 80 still beats b's 50
}

BOOST_AUTO_TEST_CASE(score_is_not_clamped) {
  auto c = make_content({make_unit("a")});
  c.rulebooks.push_back(make_rulebook("2022-01", {{"1", 10, simple_measure(MeasureKind::metric, "m"),
                                                   method(MethodKind::proportional)}}));
  auto& m = add_month(c, "2022-01");
  model::Penalty p;
  p.unit = "a";
  m.penalties.push_back(p);
  auto s = run(c);
  BOOST_TEST(month_of(s, "2022-01").unit("a")->score == -20.0);
}

BOOST_AUTO_TEST_CASE(competition_ranking_then_id) {
  auto c = make_content({make_unit("d"), make_unit("c"), make_unit("b"), make_unit("a")});
  c.rulebooks.push_back(make_rulebook("2022-01", {{"1", 10, simple_measure(MeasureKind::metric, "m"),
                                                   method(MethodKind::proportional)}}));
  auto& m = add_month(c, "2022-01");
  set_figure(m, "d", "m", 10);
  set_figure(m, "c", "m", 5);
  set_figure(m, "b", "m", 5.0000000001);  // equal after rounding to 6 decimals
  set_figure(m, "a", "m", 1);
  auto s = run(c);
  const auto& ms = month_of(s, "2022-01");
  std::vector<std::string> order;
  std::vector<int> ranks;
  for (auto& u : ms.units) {
    order.push_back(u.unit);
    ranks.push_back(u.rank);
  }
  BOOST_TEST(order == (std::vector<std::string>{"d", "b", "c", "a"}), boost::test_tools::per_element());
  BOOST_TEST(ranks == (std::vector<int>{1, 2, 2, 4}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rulebook_in_force_per_month) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  c.rulebooks.push_back(make_rulebook("2022-01", {{"1", 10, simple_measure(MeasureKind::metric, "m"),
                                                   method(MethodKind::proportional)}}, "第一版"));
  auto mm = method(MethodKind::min_max);
  mm.floor = 0;
  c.rulebooks.push_back(make_rulebook("2022-03", {{"1", 10, simple_measure(MeasureKind::metric, "m"), mm}}, "第二版"));
  for (const char* mo : {"2021-12", "2022-02", "2022-03"}) {
    auto& m = add_month(c, mo);
    set_figure(m, "a", "m", 10);
    set_figure(m, "b", "m", 5);
  }
  c.months[0].scorable = false;  // older than every rulebook
  auto s = run(c);
  BOOST_TEST(s.size() == 2u);
  BOOST_TEST(month_of(s, "2022-02").rulebook->name == "第一版");
  BOOST_TEST(month_of(s, "2022-02").unit("b")->score == 50.0);
  BOOST_TEST(month_of(s, "2022-03").rulebook->name == "第二版");
  BOOST_TEST(month_of(s, "2022-03").unit("b")->score == 0.0);
}

BOOST_AUTO_TEST_CASE(objections_16_2_without_objections) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  auto t = method(MethodKind::tiers);
  t.tiers = {{1, 6}, {2, 3}};
  t.none_points = 6;
  c.rulebooks.push_back(make_rulebook("2022-01", {{"16", 6, simple_measure(MeasureKind::objections_worst_days), t}}));
  auto& m = add_month(c, "2022-05");
  add_objection(m, "a", "1", "2022-05-09 09:00", "2022-05-11 09:00");  // 2 working days
  auto s = run(c);
  const auto& ms = month_of(s, "2022-05");
  BOOST_TEST(ms.unit("a")->row("16.1")->points == 3.0);
  const RowScore* b = ms.unit("b")->row("16.1");
  BOOST_TEST(!b->value.has_value());
  BOOST_TEST(b->points == 6.0);
  BOOST_TEST((b->flag == Flag::none));
}

BOOST_AUTO_TEST_CASE(obligations_met_not_yet_overdue) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  c.site.deadlines.monthly_day = 30;
  auto rb = make_rulebook("2022-01", {{"1", 10, count_measure(ItemKind::news), method(MethodKind::proportional)}});
  model::Obligation news;
  news.id = "news-monthly";
  news.text = "每月上报信用动态不少于1篇";
  news.measure = count_measure(ItemKind::news);
  news.min = 1;
  news.per = model::ObligationPeriod::month;
  model::Obligation camp = news;
  camp.id = "campaign-yearly";
  camp.measure = count_measure(ItemKind::campaign);
  camp.min = 2;
  camp.per = model::ObligationPeriod::year;
  model::Obligation scen = news;
  scen.id = "scenario-each";
  scen.measure = count_measure(ItemKind::scenario);
  scen.per = model::ObligationPeriod::cumulative;
  rb.obligations = {news, camp, scen};
  c.rulebooks.push_back(rb);
  auto& may = add_accepted_month(c, "2022-05");  // epoch: the latest submission, 05-31 > 05-30
  add_news(may, "a", "n").submitted = at("2022-05-31 10:00");
  add_campaign(may, "a", "c1");
  add_campaign(may, "a", "c2");
  auto& jun = add_accepted_month(c, "2022-06");  // epoch 06-10: not after the deadline day
  add_campaign(jun, "b", "c3").submitted = at("2022-06-10 10:00");
  auto& nov = add_accepted_month(c, "2022-11");
  nov.published = day("2022-12-05");
  auto& dec = add_accepted_month(c, "2022-12");
  dec.published = day("2023-01-05");
  auto s = run(c);
  auto status = [&](const char* mo, const char* unit, size_t i) {
    return month_of(s, mo).unit(unit)->obligations.at(i).status;
  };
  BOOST_TEST((status("2022-05", "a", 0) == ObligationStatus::met));
  BOOST_TEST((status("2022-05", "b", 0) == ObligationStatus::overdue));
  BOOST_TEST((status("2022-06", "b", 0) == ObligationStatus::not_yet));
  BOOST_TEST((status("2022-05", "a", 1) == ObligationStatus::met));
  BOOST_TEST((status("2022-06", "a", 1) == ObligationStatus::met));  // year to date
  BOOST_TEST((status("2022-11", "b", 1) == ObligationStatus::not_yet));  // only December can be overdue
  BOOST_TEST((status("2022-12", "b", 1) == ObligationStatus::overdue));
  BOOST_TEST((status("2022-12", "b", 2) == ObligationStatus::not_yet));  // cumulative: never overdue
  BOOST_TEST((status("2022-11", "a", 0) == ObligationStatus::overdue));
  BOOST_TEST(month_of(s, "2022-06").unit("b")->obligations.at(1).value == 1.0);
  BOOST_TEST(month_of(s, "2022-06").unit("b")->obligations.at(1).min == 2.0);
}

BOOST_AUTO_TEST_CASE(deadline_clamped_and_judgement_date) {
  BOOST_TEST((deadline_day(ym("2022-02"), 30) == day("2022-02-28")));
  BOOST_TEST((deadline_day(ym("2022-05"), 30) == day("2022-05-30")));
  model::Month m;
  m.month = ym("2022-05");
  BOOST_TEST((judgement_date(m) == day("2022-05-31")));
  m.published = day("2022-06-05");
  BOOST_TEST((judgement_date(m) == day("2022-06-05")));
}

// score_all scores every month in one pass, adding each month to the
// windows' running tallies once: each month's values must be those of its
// own windows, whatever came before or after.
BOOST_AUTO_TEST_CASE(one_pass_counts_each_month_over_its_own_windows) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  const auto proportional = method(MethodKind::proportional);
  model::Measure ledger_ytd = count_measure(ItemKind::news, Window::ytd);
  ledger_ytd.kind = model::MeasureKind::sum_ledger;
  c.rulebooks.push_back(make_rulebook(
      "2021-11", {{"1", 10, count_measure(ItemKind::policy, Window::cumulative), proportional},
                  {"2", 10, count_measure(ItemKind::news, Window::ytd), proportional},
                  {"3", 10, count_measure(ItemKind::news, Window::month), proportional},
                  {"4", 10, count_measure(ItemKind::scenario, Window::cumulative), proportional},
                  {"5", 10, ledger_ytd, proportional}}));
  auto& nov = add_accepted_month(c, "2021-11");
  add_policy(nov, "a", "P1");
  add_news(nov, "a", "n1");
  add_news(nov, "a", "n2");
  add_scenario(nov, "a", "信易租");
  add_ledger(nov, "a", "公示", 4);
  auto& dec = add_accepted_month(c, "2021-12");
  add_policy(dec, "a", "P1", model::PolicyStatus::repealed);
  add_policy(dec, "a", "P2");
  add_news(dec, "a", "n3");
  add_scenario(dec, "a", "信易租");
  add_ledger(dec, "a", "公示", 3);
  add_news(dec, "b", "n1");
  auto& jan = add_accepted_month(c, "2022-01");  // a has no folder this month
  add_news(jan, "b", "n2");
  auto& feb = add_accepted_month(c, "2022-02");
  add_policy(feb, "a", "P3");
  add_policy(feb, "a", "P4").valid = false;
  add_news(feb, "a", "n4");
  add_news(feb, "a", "rejected");
  decide(feb, "a/news/rejected.md", ReviewStatus::rejected, "不符合要求");
  add_scenario(feb, "a", "信易游");
  add_ledger(feb, "a", "公示", 5);
  auto& mar = add_month(c, "2022-03");  // every item still pending review
  add_news(mar, "a", "n5");
  const auto all = run(c);
  // month: policies (cumulative) · news (ytd) · news (month) · scenarios (cumulative) · ledger sum (ytd)
  auto values = [&](const char* m, const char* unit) {
    std::string out;
    for (const RowScore& r : month_of(all, m).unit(unit)->rows)
      out += (out.empty() ? "" : " ") + (r.value ? std::to_string(static_cast<int>(*r.value)) : std::string("-"));
    return out;
  };
  BOOST_TEST(values("2021-11", "a") == "1 2 2 1 4");
  BOOST_TEST(values("2021-12", "a") == "1 3 1 1 7");  // P1 repealed, P2 in force
  BOOST_TEST(values("2021-12", "b") == "0 1 1 0 0");
  BOOST_TEST(values("2022-01", "a") == "1 0 0 1 0");  // a new year, and no folder for a
  BOOST_TEST(values("2022-01", "b") == "0 1 1 0 0");
  BOOST_TEST(values("2022-02", "a") == "2 1 1 2 5");  // P4 invalid, one news rejected
  BOOST_TEST(values("2022-03", "a") == "2 1 0 2 5");  // a pending item counts in no window
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(engine_more)

BOOST_AUTO_TEST_CASE(rank_explanations_and_submitted) {
  auto c = make_content({make_unit("a"), make_unit("b"), make_unit("c"), make_unit("d")});
  c.rulebooks.push_back(make_rulebook("2022-01", {{"7", 3, simple_measure(MeasureKind::growth, "amt"),
                                                   method(MethodKind::rank_linear)}}));
  auto& apr = add_month(c, "2022-04");
  set_figure(apr, "a", "amt", 100);
  set_figure(apr, "b", "amt", 100);
  set_figure(apr, "c", "amt", 100);
  auto& may = add_month(c, "2022-05");
  set_figure(may, "a", "amt", 110);  // +10 %
  set_figure(may, "b", "amt", 90);   // −10 %
  model::Figure platform;
  platform.value = 1;
  platform.from_platform = true;
  may.figures["c"]["other"] = platform;  // c reported nothing itself
  folder(may, "d");                      // an empty folder is not a submission
  folder(may, "a");
  folder(may, "b");  // holds its metrics.yaml
  model::ContentFile f;
  f.path = "a/metrics.yaml";
  may.files.push_back(f);
  Diagnostics d;
  auto all = score_all(c, review::apply_reviews(c, d));
  const auto& ms = month_of(all, "2022-05");
  const RowScore* a = ms.unit("a")->row("7.1");
  BOOST_TEST(*a->explain.rank == 1);
  BOOST_TEST(*a->explain.ranked == 2);  // c has no value: not ranked
  BOOST_TEST(a->points == 3.0);
  const RowScore* b = ms.unit("b")->row("7.1");
  BOOST_TEST(*b->explain.rank == 2);
  BOOST_TEST(b->points == 1.5);
  BOOST_TEST(value_text(*b, ms.rulebook->rows()[0].row->measure) == "-10%");  // growth reads as a percentage
  BOOST_TEST(b->explain.method_words() == "按数值从高到低排名，第r名（共n名）得 满分×(n−r+1)÷n");
  const RowScore* cc = ms.unit("c")->row("7.1");
  BOOST_TEST((cc->flag == Flag::missing));
  BOOST_TEST(value_text(*cc, ms.rulebook->rows()[0].row->measure) == "—");
  BOOST_TEST(!cc->explain.rank.has_value());
  BOOST_TEST(ms.unit("a")->submitted);   // a file in its folder
  BOOST_TEST(ms.unit("b")->submitted);   // a figure of its own (metrics.yaml)
  BOOST_TEST(!ms.unit("c")->submitted);  // only platform figures, no folder
  BOOST_TEST(!ms.unit("d")->submitted);
}

BOOST_AUTO_TEST_SUITE_END()

// score::months_read: which earlier months scoring a month reads, decided by
// the rules the engine scores with. Evidence bundles carry exactly these
// months' text files, so a month that scoring reads but this leaves out would
// make the bag's scores impossible to re-derive.
BOOST_AUTO_TEST_SUITE(months_read_by_scoring)

BOOST_AUTO_TEST_CASE(an_obligation_counted_per_year_reads_the_year_so_far) {
  auto c = make_content({make_unit("a")});
  auto rb = make_rulebook("2021-01", {{"1", 10, simple_measure(MeasureKind::metric, "m"),
                                       method(MethodKind::proportional)}});
  rb.obligations = {yearly_news()};
  c.rulebooks.push_back(rb);
  for (const char* m : {"2021-12", "2022-01", "2022-02", "2022-03"}) add_accepted_month(c, m);
  BOOST_TEST(listed(months_read(c, c.rulebooks[0], ym("2022-03"))) == "2022-01 2022-02");
  BOOST_TEST(months_read(c, c.rulebooks[0], ym("2022-01")).empty());
}

BOOST_AUTO_TEST_CASE(a_penalty_lasts_as_long_as_the_rulebook_that_decided_it_says) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  auto long_rules = make_rulebook("2022-01", {{"1", 10, simple_measure(MeasureKind::metric, "m"),
                                               method(MethodKind::proportional)}});
  long_rules.penalty.months = 12;
  auto short_rules = long_rules;
  short_rules.effective = ym("2022-06");
  short_rules.file = "rules/2022-06.yaml";
  short_rules.penalty.months = 3;
  c.rulebooks = {long_rules, short_rules};
  for (const char* m : {"2022-03", "2022-04", "2022-08"}) {
    auto& mo = add_month(c, m);
    set_figure(mo, "a", "m", 10);
    set_figure(mo, "b", "m", 5);
  }
  model::Penalty p;
  p.unit = "a";
  p.reason = "照片重复";
  c.months[0].penalties.push_back(p);  // decided in 2022-03 under the 12-month defaults
  // Scoring August (under the 3-month rulebook) still applies it…
  const auto scores = run(c);
  BOOST_TEST(month_of(scores, "2022-08").unit("a")->penalty == 20.0);
  // …so August's bag must carry March.
  BOOST_TEST(listed(months_read(c, c.rulebooks[1], ym("2022-08"))) == "2022-03");
}

// The property that matters: a month's scores do not change when every
// earlier month outside months_read is emptied, and do change when one
// inside is (so the set is not simply "every month").
BOOST_AUTO_TEST_CASE(scoring_reads_nothing_outside_the_months_read) {
  auto c = make_content({make_unit("a"), make_unit("b")});
  auto rb = make_rulebook("2021-11", {{"1", 10, count_measure(ItemKind::campaign, model::Window::ytd),
                                       method(MethodKind::proportional)},
                                      {"2", 10, simple_measure(MeasureKind::growth, "m"),
                                       method(MethodKind::proportional)},
                                      {"3", 10, count_measure(ItemKind::news), method(MethodKind::proportional)}});
  rb.obligations = {yearly_news()};
  c.rulebooks.push_back(rb);
  const char* names[] = {"2021-11", "2021-12", "2022-01", "2022-02", "2022-03", "2022-04"};
  for (size_t i = 0; i < std::size(names); ++i) {
    auto& mo = add_accepted_month(c, names[i]);
    for (const char* u : {"a", "b"}) {
      add_news(mo, u, std::string("n") + names[i]);
      set_figure(mo, u, "m", 10.0 + static_cast<double>(i) * (u[0] == 'a' ? 3 : 1));
    }
    add_campaign(mo, i % 2 ? "a" : "b", std::string("c") + names[i]);
    if (i == 1) {
      model::Penalty p;
      p.unit = "b";
      p.reason = "逾期未整改";
      p.months = 6;
      mo.penalties.push_back(p);  // 2021-12 … 2022-05
    }
  }
  const YearMonth target = ym("2022-04");
  const std::set<YearMonth> read = months_read(c, c.rulebooks[0], target);
  BOOST_TEST(listed(read) == "2021-12 2022-01 2022-02 2022-03");
  const std::string expected = shown(month_of(run(c), "2022-04"));

  auto emptied = [&](YearMonth m) {
    model::Content e = c;
    for (auto& mo : e.months)
      if (mo.month == m) {
        mo.units.clear();
        mo.figures.clear();
        mo.penalties.clear();
      }
    return shown(month_of(run(e), "2022-04"));
  };
  for (const auto& mo : c.months) {
    if (!(mo.month < target)) continue;
    if (read.count(mo.month)) BOOST_TEST(emptied(mo.month) != expected, mo.month.str() + " is read");
    else BOOST_TEST(emptied(mo.month) == expected, mo.month.str() + " is not read");
  }
}

BOOST_AUTO_TEST_SUITE_END()
