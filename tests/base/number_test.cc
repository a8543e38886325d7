// Output rounding: half away from zero on the shortest decimal form.
#include <boost/test/unit_test.hpp>

#include "base/number.h"

using namespace creditgen;

BOOST_AUTO_TEST_SUITE(number)

BOOST_AUTO_TEST_CASE(format_rounded_half_away_from_zero) {
  BOOST_TEST(format_rounded(2.675, 2) == "2.68");  // the double is 2.67499999…; its shortest form is 2.675
  BOOST_TEST(format_rounded(-2.675, 2) == "-2.68");
  BOOST_TEST(format_rounded(1.005, 2) == "1.01");
  BOOST_TEST(format_rounded(0.125, 2) == "0.13");
  BOOST_TEST(format_rounded(87.25125, 4) == "87.2513");
  BOOST_TEST(format_rounded(9.99995, 4) == "10");
}

BOOST_AUTO_TEST_CASE(format_rounded_drops_trailing_zeros_and_negative_zero) {
  BOOST_TEST(format_rounded(6.0, 4) == "6");
  BOOST_TEST(format_rounded(4.5, 4) == "4.5");
  BOOST_TEST(format_rounded(-0.00004, 4) == "0");
  BOOST_TEST(format_rounded(-0.0, 2) == "0");
  BOOST_TEST(format_rounded(0.00005, 4) == "0.0001");
  BOOST_TEST(format_rounded(100.0, 2) == "100");
  BOOST_TEST(format_rounded(1e-10, 4) == "0");
  BOOST_TEST(format_rounded(123456789.0, 0) == "123456789");
}

BOOST_AUTO_TEST_CASE(format_fixed_keeps_places) {
  BOOST_TEST(format_fixed(4.5, 2) == "4.50");
  BOOST_TEST(format_fixed(6, 2) == "6.00");
  BOOST_TEST(format_fixed(2.675, 2) == "2.68");
  BOOST_TEST(format_fixed(-0.001, 2) == "0.00");
  BOOST_TEST(format_fixed(0.5, 0) == "1");
}

BOOST_AUTO_TEST_CASE(round_to_and_comparable) {
  BOOST_TEST(round_to(2.675, 2) == 2.68);
  BOOST_TEST(round_to(-1.5, 0) == -2.0);
  BOOST_TEST(0.1 + 0.2 != 0.3);
  BOOST_TEST(comparable(0.1 + 0.2) == comparable(0.3));
  BOOST_TEST(comparable(1.0 / 3) == 0.333333);
  BOOST_TEST(comparable(2.0000004) == 2.0);
  BOOST_TEST(comparable(2.0000005) == 2.000001);
}

BOOST_AUTO_TEST_SUITE_END()
