// Working days (content.md): start date < d ≤ end date, weekends and holidays
// off, 调休 make-up days on.
#include <boost/test/unit_test.hpp>

#include "model/calendar.h"

using namespace creditgen;

namespace {
DateTime at(const char* s) { return *DateTime::parse(s); }
}  // namespace

BOOST_AUTO_TEST_SUITE(calendar)

BOOST_AUTO_TEST_CASE(weekends_only) {
  model::Calendar cal;
  // Friday → Monday: Saturday and Sunday are off, Monday counts.
  BOOST_TEST(cal.working_days_between(at("2022-05-13 09:00"), at("2022-05-16 17:00")) == 1);
  // Monday → Friday of the same week.
  BOOST_TEST(cal.working_days_between(at("2022-05-09 09:00"), at("2022-05-13 09:00")) == 4);
  // Same day, any hours: 0.
  BOOST_TEST(cal.working_days_between(at("2022-05-12 09:00"), at("2022-05-12 23:00")) == 0);
  // End before start: 0.
  BOOST_TEST(cal.working_days_between(at("2022-05-16 09:00"), at("2022-05-13 09:00")) == 0);
  BOOST_TEST(!cal.is_working_day(*Date::parse("2022-05-07")));
}

BOOST_AUTO_TEST_CASE(holiday_and_make_up_workday) {
  model::Calendar cal;
  cal.holidays.insert(*Date::parse("2022-06-03"));  // 端午节, a Friday
  cal.workdays.insert(*Date::parse("2022-05-07"));  // 调休, a Saturday
  BOOST_TEST(!cal.is_working_day(*Date::parse("2022-06-03")));
  BOOST_TEST(cal.is_working_day(*Date::parse("2022-05-07")));
  // Thursday → Monday over the holiday and a weekend: only Monday.
  BOOST_TEST(cal.working_days_between(at("2022-06-02 09:00"), at("2022-06-06 09:00")) == 1);
  // Friday → Monday over the make-up Saturday: Saturday and Monday.
  BOOST_TEST(cal.working_days_between(at("2022-05-06 10:00"), at("2022-05-09 09:00")) == 2);
  // Across a month end: 2022-05-31 (Tue) → 2022-06-07 (Tue): Jun 1, 2, 6, 7.
  BOOST_TEST(cal.working_days_between(at("2022-05-31 16:00"), at("2022-06-07 08:00")) == 4);
}

BOOST_AUTO_TEST_SUITE_END()
