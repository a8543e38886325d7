// Dates are parsed strictly from source text (content.md, "Dates and times").
#include <boost/test/unit_test.hpp>

#include "base/date.h"

using namespace creditgen;

BOOST_AUTO_TEST_SUITE(date)

BOOST_AUTO_TEST_CASE(year_month) {
  BOOST_TEST(YearMonth::parse("2022-05").has_value());
  BOOST_TEST(YearMonth::parse("2022-05")->str() == "2022-05");
  BOOST_TEST(!YearMonth::parse("2022-13"));
  BOOST_TEST(!YearMonth::parse("2022-00"));
  BOOST_TEST(!YearMonth::parse("2022-5"));
  BOOST_TEST(!YearMonth::parse("22-05"));
  BOOST_TEST(YearMonth({2022, 12}).next().str() == "2023-01");
  BOOST_TEST(YearMonth({2022, 1}).previous().str() == "2021-12");
  BOOST_TEST(YearMonth({2024, 2}).days_in_month() == 29);
  BOOST_TEST(YearMonth({2023, 2}).days_in_month() == 28);
  BOOST_TEST(YearMonth({1900, 2}).days_in_month() == 28);
  BOOST_TEST(YearMonth({2000, 2}).days_in_month() == 29);
}

BOOST_AUTO_TEST_CASE(date_parse_is_strict) {
  BOOST_TEST(Date::parse("2022-02-28").has_value());
  BOOST_TEST(!Date::parse("2022-02-29"));
  BOOST_TEST(!Date::parse("2022-02-30"));
  BOOST_TEST(Date::parse("2024-02-29").has_value());
  BOOST_TEST(!Date::parse("2022-05-32"));
  BOOST_TEST(!Date::parse("2022-5-6"));
  BOOST_TEST(!Date::parse("2022/05/06"));
  BOOST_TEST(!Date::parse("2022-05-06 "));
  BOOST_TEST(Date::parse("2022-05-06")->str() == "2022-05-06");
}

BOOST_AUTO_TEST_CASE(days_and_weekdays) {
  BOOST_TEST(Date({1970, 1, 1}).days_since_epoch() == 0);
  BOOST_TEST(Date({2022, 5, 6}).days_since_epoch() == 19118);
  BOOST_TEST(Date::from_days_since_epoch(19118).str() == "2022-05-06");
  BOOST_TEST(Date({2022, 5, 7}).weekday() == 6);  // Saturday
  BOOST_TEST(Date({2022, 5, 8}).weekday() == 0);  // Sunday
  BOOST_TEST(Date({1969, 12, 31}).weekday() == 3);
  BOOST_TEST(Date({2022, 12, 31}).plus_days(1).str() == "2023-01-01");
}

BOOST_AUTO_TEST_CASE(date_time_forms) {
  auto a = DateTime::parse("2022-05-07 10:30");
  BOOST_TEST_REQUIRE(a.has_value());
  BOOST_TEST(a->hour == 10);
  BOOST_TEST(a->minute == 30);
  BOOST_TEST(a->str() == "2022-05-07 10:30");
  auto b = DateTime::parse("2022-05-07T10:30");
  BOOST_TEST_REQUIRE(b.has_value());
  BOOST_TEST((*a == *b));
  auto c = DateTime::parse("2022-05-07T10:30:15");
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(c->second == 15);
  BOOST_TEST(c->str() == "2022-05-07 10:30:15");
  BOOST_TEST(!DateTime::parse("2022-05-07"));
  BOOST_TEST(!DateTime::parse("2022-05-07 24:00"));
  BOOST_TEST(!DateTime::parse("2022-05-07 10:60"));
  BOOST_TEST(!DateTime::parse("2022-02-30 10:00"));
  BOOST_TEST(!DateTime::parse("2022-05-07 9:30"));
  BOOST_TEST(!DateTime::parse("2022-05-07T10:30:15+08:00"));
}

BOOST_AUTO_TEST_CASE(wall_clock_and_utc) {
  auto t = *DateTime::parse("2022-05-31 23:59");
  BOOST_TEST(t.rfc3339_utc(480) == "2022-05-31T15:59:00Z");
  BOOST_TEST(DateTime::parse("2022-01-01 02:00")->rfc3339_utc(480) == "2021-12-31T18:00:00Z");
  BOOST_TEST(DateTime::from_wall_seconds(t.wall_seconds() + 60).str() == "2022-06-01 00:00");
  BOOST_TEST(parse_utc_offset("+08:00").value_or(-1) == 480);
  BOOST_TEST(parse_utc_offset("-05:30").value_or(0) == -330);
  BOOST_TEST(parse_utc_offset("Z").value_or(-1) == 0);
  BOOST_TEST(!parse_utc_offset("+8:00"));
  BOOST_TEST(!parse_utc_offset("+08:60"));
  BOOST_TEST(!parse_utc_offset("0800"));
}

BOOST_AUTO_TEST_SUITE_END()
