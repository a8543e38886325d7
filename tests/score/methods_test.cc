#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>

#include "score/methods.h"
#include "score/score.h"

using namespace creditgen;
using namespace creditgen::score;
using model::MethodKind;

namespace {

model::Method mk(MethodKind k) {
  model::Method m;
  m.kind = k;
  return m;
}

double pts(const model::Method& m, double P, std::optional<double> x, std::vector<double> peers) {
  return apply_method(m, P, x, peers).points;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(methods)

BOOST_AUTO_TEST_CASE(proportional_hand_computed) {
  auto m = mk(MethodKind::proportional);
  auto r = apply_method(m, 6, 9, {9, 12, 3});
  BOOST_TEST(r.points == 4.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.arithmetic == "6 × 9 ÷ 12 = 4.50");
  BOOST_TEST(pts(m, 6, 12, {9, 12, 3}) == 6.0);
  BOOST_TEST(pts(m, 4, 0.985, {0.985, 0.5}) == 4.0);
}

BOOST_AUTO_TEST_CASE(proportional_max_not_positive_gives_zero) {
  auto m = mk(MethodKind::proportional);
  BOOST_TEST(pts(m, 6, 0, {0, 0}) == 0.0);
  BOOST_TEST(pts(m, 6, -1, {-1, -2}) == 0.0);
  // 1e-7 rounds to 0 at 6 decimals: max ≤ 0.
  BOOST_TEST(pts(m, 6, 1e-7, {1e-7, 0}) == 0.0);
}

BOOST_AUTO_TEST_CASE(no_value_gives_zero_except_tiers) {
  for (auto k : {MethodKind::proportional, MethodKind::min_max, MethodKind::inverse_min_max,
                 MethodKind::lower_better_ratio, MethodKind::per_item, MethodKind::deduction, MethodKind::rank_table,
                 MethodKind::rank_linear})
    BOOST_TEST(pts(mk(k), 5, std::nullopt, {1, 2, 3}) == 0.0);
  auto t = mk(MethodKind::tiers);
  t.tiers = {{1, 6}, {2, 3}};
  t.none_points = 6;
  BOOST_TEST(pts(t, 6, std::nullopt, {}) == 6.0);
}

BOOST_AUTO_TEST_CASE(min_max_hand_computed_and_degenerate) {
  auto m = mk(MethodKind::min_max);
  m.floor = 1;
  auto r = apply_method(m, 6, 4, {2, 4, 10});
  BOOST_TEST(r.points == 2.25, boost::test_tools::tolerance(1e-12));  // 1 + 5 × 2 ÷ 8
  BOOST_TEST(r.arithmetic == "1 + (6 − 1) × (4 − 2) ÷ (10 − 2) = 2.25");
  BOOST_TEST(pts(m, 6, 2, {2, 4, 10}) == 1.0);
  BOOST_TEST(pts(m, 6, 10, {2, 4, 10}) == 6.0);
  // max = min > 0 → P; max = min = 0 → F.
  BOOST_TEST(pts(m, 6, 3, {3, 3}) == 6.0);
  BOOST_TEST(pts(m, 6, 0, {0, 0, 0}) == 1.0);
  // Equal after rounding to 6 decimals counts as max = min.
  BOOST_TEST(pts(m, 6, 1.0000001, {1.0000001, 1.0000002}) == 6.0);
}

BOOST_AUTO_TEST_CASE(inverse_min_max_hand_computed_and_degenerate) {
  auto m = mk(MethodKind::inverse_min_max);
  m.floor = 0;
  BOOST_TEST(pts(m, 2, 0.2, {0.1, 0.3, 0.2}) == 1.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(pts(m, 2, 0.1, {0.1, 0.3, 0.2}) == 2.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(pts(m, 2, 0.3, {0.1, 0.3, 0.2}) == 0.0, boost::test_tools::tolerance(1e-12));
  m.floor = 0.5;
  BOOST_TEST(pts(m, 2, 0.3, {0.1, 0.3}) == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(pts(m, 2, 0.0, {0, 0}) == 2.0);  // max = min → P
  BOOST_TEST(pts(m, 2, 7, {7}) == 2.0);
}

BOOST_AUTO_TEST_CASE(lower_better_ratio_hand_computed_and_zero) {
  auto m = mk(MethodKind::lower_better_ratio);
  auto r = apply_method(m, 6, 0.05, {0.02, 0.05});
  BOOST_TEST(r.points == 2.4, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.arithmetic == "6 × 0.02 ÷ 0.05 = 2.40");
  BOOST_TEST(pts(m, 6, 0, {0, 0.05}) == 6.0);
  // min over peers includes zeros: a unit with 0 makes everyone else 0.
  BOOST_TEST(pts(m, 6, 0.05, {0, 0.05}) == 0.0);
  // x that rounds to 0 at 6 decimals is "x = 0".
  BOOST_TEST(pts(m, 6, 4e-7, {4e-7, 0.05}) == 6.0);
}

BOOST_AUTO_TEST_CASE(per_item_and_deduction) {
  auto p = mk(MethodKind::per_item);
  p.each = 0.5;
  BOOST_TEST(pts(p, 10, 7, {}) == 3.5);
  BOOST_TEST(pts(p, 10, 20, {}) == 10.0);
  BOOST_TEST(pts(p, 10, 25, {}) == 10.0);
  BOOST_TEST(pts(p, 10, 0, {}) == 0.0);
  auto d = mk(MethodKind::deduction);
  d.each = 0.5;
  BOOST_TEST(pts(d, 2, 0, {}) == 2.0);
  BOOST_TEST(pts(d, 2, 3, {}) == 0.5);
  BOOST_TEST(pts(d, 2, 10, {}) == 0.0);
  auto r = apply_method(d, 2, 3, {});
  BOOST_TEST(r.arithmetic == "2 − min(2, 0.5 × 3) = 0.50");
}

BOOST_AUTO_TEST_CASE(rank_table_given_and_desc) {
  auto m = mk(MethodKind::rank_table);
  m.table = {3, 2.5, 2, 1.5, 1, 0.5};
  m.order = model::RankOrder::given;
  BOOST_TEST(pts(m, 3, 1, {}) == 3.0);
  BOOST_TEST(pts(m, 3, 2, {}) == 2.5);
  BOOST_TEST(pts(m, 3, 6, {}) == 0.5);
  BOOST_TEST(pts(m, 3, 7, {}) == 0.0);  // past the table
  BOOST_TEST(pts(m, 3, 0, {}) == 0.0);  // not a rank
  BOOST_TEST(*apply_method(m, 3, 4, {}).rank == 4);
  m.order = model::RankOrder::desc;
  std::vector<double> peers = {5, 9, 9, 1};
  BOOST_TEST(pts(m, 3, 9, peers) == 3.0);   // tie at 1
  BOOST_TEST(pts(m, 3, 5, peers) == 2.0);   // rank 3, not 2
  BOOST_TEST(pts(m, 3, 1, peers) == 1.5);   // rank 4
  auto r = apply_method(m, 3, 5, peers);
  BOOST_TEST(*r.rank == 3);
  BOOST_TEST(*r.ranked == 4);
}

BOOST_AUTO_TEST_CASE(rank_linear_with_ties) {
  auto m = mk(MethodKind::rank_linear);
  std::vector<double> peers = {0.1, 0.3, 0.3, -0.2};
  BOOST_TEST(pts(m, 3, 0.3, peers) == 3.0);
  BOOST_TEST(pts(m, 3, 0.1, peers) == 1.5);   // r = 3, 3 × (4 − 3 + 1) ÷ 4
  BOOST_TEST(pts(m, 3, -0.2, peers) == 0.75);
  auto r = apply_method(m, 3, 0.1, peers);
  BOOST_TEST(r.arithmetic == "3 × (4 − 3 + 1) ÷ 4 = 1.50");
  BOOST_TEST(pts(m, 3, 5, {5}) == 3.0);  // alone: full points
}

BOOST_AUTO_TEST_CASE(tiers_first_match_past_all_and_rounding) {
  auto m = mk(MethodKind::tiers);
  m.tiers = {{1, 6}, {2, 3}};
  m.none_points = 6;
  BOOST_TEST(pts(m, 6, 0, {}) == 6.0);
  BOOST_TEST(pts(m, 6, 1, {}) == 6.0);
  BOOST_TEST(pts(m, 6, 2, {}) == 3.0);
  BOOST_TEST(pts(m, 6, 3, {}) == 0.0);
  BOOST_TEST(pts(m, 6, 1.0000001, {}) == 6.0);
}

BOOST_AUTO_TEST_CASE(competition_ranks_1_2_2_4) {
  std::vector<double> v = {5, 3, 3, 1};
  BOOST_TEST(competition_rank(5, v, true) == 1);
  BOOST_TEST(competition_rank(3, v, true) == 2);
  BOOST_TEST(competition_rank(1, v, true) == 4);
  BOOST_TEST(competition_rank(1, v, false) == 1);
  BOOST_TEST(competition_rank(5, v, false) == 4);
  // 6-decimal rounding makes near-equal values ties.
  BOOST_TEST(competition_rank(2.0000001, {2.0000001, 2.0000002}, true) == 1);
  BOOST_TEST(competition_rank(2.0000002, {2.0000001, 2.0000002}, true) == 1);
}

BOOST_AUTO_TEST_CASE(method_words_in_chinese) {
  BOOST_TEST(method_words(mk(MethodKind::proportional), 6) == "最高的得满分，其他的按比例计分");
  auto m = mk(MethodKind::min_max);
  m.floor = 1;
  BOOST_TEST(method_words(m, 6) == "最多的得满分，最少的得1分，其他的按比例计分");
  auto d = mk(MethodKind::deduction);
  d.each = 0.5;
  BOOST_TEST(method_words(d, 2) == "每项扣0.5分，最多扣2分");
}

// Property tests: random peers (fixed seed), every method's points stay in
// [0, P] and move the right way with x.
BOOST_AUTO_TEST_CASE(random_peers_bounds_and_monotonicity) {
  std::mt19937 rng(20220501);
  std::uniform_int_distribution<int> quarter(0, 200);  // multiples of 0.25 in [0, 50]: ties happen
  std::uniform_int_distribution<int> count(1, 12);
  std::uniform_real_distribution<double> pd(0.5, 10);
  for (int round = 0; round < 300; ++round) {
    double P = pd(rng);
    std::vector<double> peers(count(rng));
    for (auto& v : peers) v = quarter(rng) * 0.25;
    std::vector<double> sorted = peers;
    std::sort(sorted.begin(), sorted.end());
    std::vector<model::Method> up, down, other;
    up.push_back(mk(MethodKind::proportional));
    auto mm = mk(MethodKind::min_max);
    mm.floor = std::uniform_real_distribution<double>(0, P)(rng);
    up.push_back(mm);
    auto pi = mk(MethodKind::per_item);
    pi.each = 0.5;
    up.push_back(pi);
    up.push_back(mk(MethodKind::rank_linear));
    auto imm = mk(MethodKind::inverse_min_max);
    imm.floor = std::uniform_real_distribution<double>(0, P)(rng);
    down.push_back(imm);
    down.push_back(mk(MethodKind::lower_better_ratio));
    auto de = mk(MethodKind::deduction);
    de.each = 0.5;
    down.push_back(de);
    auto check = [&](const model::Method& m, int direction) {
      double prev = direction > 0 ? -1e18 : 1e18;
      for (double x : sorted) {
        double p = pts(m, P, x, peers);
        BOOST_TEST_REQUIRE(p >= -1e-9, model::method_id(m.kind) << " below 0");
        BOOST_TEST_REQUIRE(p <= P + 1e-9, model::method_id(m.kind) << " above P");
        if (direction > 0) BOOST_TEST_REQUIRE(p >= prev - 1e-9, model::method_id(m.kind) << " not monotone");
        if (direction < 0) BOOST_TEST_REQUIRE(p <= prev + 1e-9, model::method_id(m.kind) << " not antitone");
        prev = p;
      }
    };
    for (auto& m : up) check(m, +1);
    for (auto& m : down) check(m, -1);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(value_display)

// Ratios, shares and growth read as percentages wherever a value is shown;
// counts and sums stay plain numbers.
BOOST_AUTO_TEST_CASE(fractions_show_as_percentages) {
  model::Measure m;
  for (auto kind : {model::MeasureKind::ratio, model::MeasureKind::share, model::MeasureKind::growth}) {
    m.kind = kind;
    BOOST_TEST(creditgen::score::show_value(0.1875, m) == "18.75%");
    BOOST_TEST(creditgen::score::show_value(1, m) == "100%");
    BOOST_TEST(creditgen::score::show_value(-0.1, m) == "-10%");
  }
  for (auto kind : {model::MeasureKind::count, model::MeasureKind::metric, model::MeasureKind::sum_ledger}) {
    m.kind = kind;
    BOOST_TEST(creditgen::score::show_value(0.1875, m) == "0.1875");
    BOOST_TEST(creditgen::score::show_value(12, m) == "12");
  }
}

BOOST_AUTO_TEST_SUITE_END()
