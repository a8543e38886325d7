// Output rounding: half away from zero on the shortest decimal form.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <stdexcept>

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

// Rounding is digit work on a buffer of its own: a carry that adds an integer
// digit, the largest and smallest doubles, and the widest places all fit.
BOOST_AUTO_TEST_CASE(rounding_at_the_edges) {
  BOOST_TEST(format_fixed(999.9995, 3) == "1000.000");
  BOOST_TEST(format_fixed(-9.5, 0) == "-10");
  BOOST_TEST(format_rounded(-0.0000005, 6) == "-0.000001");
  BOOST_TEST(format_fixed(1e21, 2) == "1000000000000000000000.00");
  BOOST_TEST(format_fixed(1.7976931348623157e308, 20).size() == 309 + 1 + 20);
  BOOST_TEST(format_fixed(4.9406564584124654e-324, 20) == "0.00000000000000000000");
  BOOST_TEST(format_fixed(0.00000000000000000005, 20) == "0.00000000000000000005");
  BOOST_TEST(round_to(1.7976931348623157e308, 2) == 1.7976931348623157e308);
  BOOST_TEST(!std::signbit(round_to(-0.0000004, 6)));  // rounds to zero, not to minus zero
  BOOST_TEST(round_to(std::nan(""), 2) == 0.0);
  BOOST_CHECK_THROW(format_fixed(1.0, 21), std::invalid_argument);
  BOOST_CHECK_THROW(round_to(1.0, -1), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
