#include <boost/test/unit_test.hpp>

#include <string>

#include "base/pii.h"

using creditgen::find_pii;
using creditgen::mask_pii;
using creditgen::PiiMatch;
using creditgen::valid_id_card;

BOOST_AUTO_TEST_SUITE(pii)

// Check characters computed by hand with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
// 37010219900307123 → sum % 11 = 4 → '8'; 11010519491231002 → 2 → 'X'.
BOOST_AUTO_TEST_CASE(id_card_check_character) {
  BOOST_TEST(valid_id_card("370102199003071238"));
  BOOST_TEST(!valid_id_card("370102199003071234"));  // wrong check character
  BOOST_TEST(valid_id_card("11010519491231002X"));
  BOOST_TEST(valid_id_card("11010519491231002x"));
  BOOST_TEST(!valid_id_card("110105194912310021"));
  BOOST_TEST(!valid_id_card("37010219900307123"));    // 17 characters
  BOOST_TEST(!valid_id_card("3701021990030712388"));  // 19 characters
  BOOST_TEST(!valid_id_card("3701021990030712X8"));   // X only in the last place
}

BOOST_AUTO_TEST_CASE(id_card_birth_date_must_be_real) {
  BOOST_TEST(valid_id_card("370102200002290012"));   // 2000-02-29: leap year
  BOOST_TEST(!valid_id_card("370102190002290016"));  // 1900-02-29 does not exist (check char valid)
}

BOOST_AUTO_TEST_CASE(finds_and_masks_in_chinese_text) {
  const std::string text = "联系人张三，身份证370102199003071238，电话13812345678。";
  const auto m = find_pii(text);
  BOOST_TEST_REQUIRE(m.size() == 2u);
  BOOST_TEST((m[0].kind == PiiMatch::Kind::id_card));
  BOOST_TEST(m[0].offset == text.find("3701"));
  BOOST_TEST(m[0].length == 18u);
  BOOST_TEST(m[0].masked == "370102********1238");
  BOOST_TEST((m[1].kind == PiiMatch::Kind::mobile));
  BOOST_TEST(m[1].offset == text.find("138"));
  BOOST_TEST(m[1].length == 11u);
  BOOST_TEST(m[1].masked == "138****5678");
  BOOST_TEST(mask_pii(text) == "联系人张三，身份证370102********1238，电话138****5678。");
}

BOOST_AUTO_TEST_CASE(mobile_prefixes) {
  BOOST_TEST(find_pii("13012345678").size() == 1u);
  BOOST_TEST(find_pii("19912345678").size() == 1u);
  BOOST_TEST(find_pii("12012345678").empty());  // 12x is not a mobile prefix
  BOOST_TEST(find_pii("23812345678").empty());
  BOOST_TEST(find_pii("1381234567").empty());   // 10 digits
}

BOOST_AUTO_TEST_CASE(part_of_longer_run_is_not_matched) {
  BOOST_TEST(find_pii("a13812345678").empty());
  BOOST_TEST(find_pii("13812345678b").empty());
  BOOST_TEST(find_pii("813812345678").empty());
  BOOST_TEST(find_pii("6222021381234567890").empty());  // bank card
  BOOST_TEST(find_pii("X370102199003071238").empty());
  BOOST_TEST(find_pii("91370100MA3C12345X").empty());  // a USCC has letters inside
  // Punctuation and CJK break a run.
  BOOST_TEST(mask_pii("tel:13812345678;") == "tel:138****5678;");
  BOOST_TEST(mask_pii("+86-13812345678") == "+86-138****5678");
  BOOST_TEST(mask_pii("电话13812345678号") == "电话138****5678号");
}

BOOST_AUTO_TEST_CASE(text_without_pii_is_unchanged) {
  BOOST_TEST(mask_pii("") == "");
  BOOST_TEST(mask_pii("2022年5月共归集152条") == "2022年5月共归集152条");
  BOOST_TEST(mask_pii("历城行审发〔2022〕2号") == "历城行审发〔2022〕2号");
}

// How people really write them: with spaces or hyphens, with a Chinese
// input method's full-width digits, or an ID number with a typo in its
// check character. Each is found and masked.
BOOST_AUTO_TEST_CASE(numbers_as_people_write_them) {
  BOOST_TEST(mask_pii("电话138 0531 8888。") == "电话138 **** 8888。");
  BOOST_TEST(mask_pii("电话138-0531-8888") == "电话138-****-8888");
  BOOST_TEST(mask_pii("电话１３８０５３１８８８８") == "电话１３８****８８８８");
  BOOST_TEST(mask_pii("身份证３７０１０２１９９００３０７１２３８") == "身份证３７０１０２********１２３８");
  const auto suspect = find_pii("身份证370102199003071234号");  // check character should be 8
  BOOST_TEST_REQUIRE(suspect.size() == 1u);
  BOOST_TEST((suspect[0].kind == PiiMatch::Kind::id_card_suspect));
  BOOST_TEST(suspect[0].masked == "370102********1234");
  // Not personal data: mixed separators, groups of other sizes, a part of a
  // longer number, an implausible birth date.
  BOOST_TEST(find_pii("138 0531-8888").empty());
  BOOST_TEST(find_pii("138 05318 888").empty());
  BOOST_TEST(find_pii("2138 0531 8888").empty());
  BOOST_TEST(find_pii("138 0531 88889").empty());
  BOOST_TEST(find_pii("370102189913071234").empty());  // month 13
  BOOST_TEST(find_pii("订单号 202205061234567890").empty());
}

BOOST_AUTO_TEST_SUITE_END()
