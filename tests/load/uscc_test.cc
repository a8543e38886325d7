#include <boost/test/unit_test.hpp>

#include "load/uscc.h"

using namespace creditgen::load;

BOOST_AUTO_TEST_SUITE(uscc)

// Check characters computed by hand with GB 32100-2015's weights.
BOOST_AUTO_TEST_CASE(known_valid_codes_pass) {
  for (const char* code : {"91350100M000100Y43", "91370112MA3C12345M", "12370112004197850H", "91110000600037341L"})
    BOOST_TEST(!uscc_problem(code).has_value(), code);
  BOOST_TEST(*uscc_check_char("91350100M000100Y4") == '3');
  BOOST_TEST(*uscc_check_char("91370112MA3C12345") == 'M');
}

BOOST_AUTO_TEST_CASE(wrong_check_character_fails) {
  auto p = uscc_problem("91350100M000100Y44");
  BOOST_REQUIRE(p.has_value());
  BOOST_TEST(p->find("校验位应为“3”") != std::string::npos);
  BOOST_TEST(uscc_problem("91370112MA3C12345N").has_value());
  // One transposition of two different characters changes the weighted sum.
  BOOST_TEST(uscc_problem("93150100M000100Y43").has_value());
}

BOOST_AUTO_TEST_CASE(wrong_length_and_charset_fail) {
  BOOST_TEST(uscc_problem("91350100M000100Y4")->find("17 位") != std::string::npos);
  BOOST_TEST(uscc_problem("91350100M000100Y433").has_value());
  BOOST_TEST(uscc_problem("")->find("为空") != std::string::npos);
  // I, O, S, V, Z are not in the charset.
  BOOST_TEST(uscc_problem("91350100I000100Y43")->find("“I”") != std::string::npos);
  BOOST_TEST(uscc_problem("91350100O000100Y43").has_value());
  BOOST_TEST(uscc_problem("9135010０M000100Y43")->find("“０”") != std::string::npos);  // not normalised
}

BOOST_AUTO_TEST_CASE(normalisation_uppercases_and_folds_full_width) {
  BOOST_TEST(normalize_uscc(" 91350100m000100y43 ") == "91350100M000100Y43");
  BOOST_TEST(normalize_uscc("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43");
  BOOST_TEST(!uscc_problem(normalize_uscc("91350100m000100y43")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
