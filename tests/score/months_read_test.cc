// score::months_read: which earlier months scoring a month reads, decided by
// the rules the engine scores with. Evidence bundles carry exactly these
// months' text files, so a month that scoring reads but this leaves out would
// make the bag's scores impossible to re-derive.
#include <boost/test/unit_test.hpp>

#include "review/review.h"
#include "score/score.h"
#include "score/test_content.h"

using namespace creditgen;
using namespace creditgen::score;
using namespace creditgen::testing;
using model::ItemKind;
using model::MeasureKind;
using model::MethodKind;

namespace {

std::vector<MonthScores> run(const model::Content& c) {
  Diagnostics d;
  auto reviewed = review::apply_reviews(c, d);
  return score_all(c, reviewed);
}

const MonthScores* month_of(const std::vector<MonthScores>& all, YearMonth m) {
  for (auto& s : all)
    if (s.month == m) return &s;
  return nullptr;
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
  BOOST_TEST_REQUIRE(month_of(scores, ym("2022-08")) != nullptr);
  BOOST_TEST(month_of(scores, ym("2022-08"))->unit("a")->penalty == 20.0);
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
  const std::string expected = shown(*month_of(run(c), target));

  auto emptied = [&](YearMonth m) {
    model::Content e = c;
    for (auto& mo : e.months)
      if (mo.month == m) {
        mo.units.clear();
        mo.figures.clear();
        mo.penalties.clear();
      }
    return shown(*month_of(run(e), target));
  };
  for (const auto& mo : c.months) {
    if (!(mo.month < target)) continue;
    if (read.count(mo.month)) BOOST_TEST(emptied(mo.month) != expected, mo.month.str() + " is read");
    else BOOST_TEST(emptied(mo.month) == expected, mo.month.str() + " is not read");
  }
}

BOOST_AUTO_TEST_SUITE_END()
