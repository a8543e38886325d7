#include "model/calendar.h"

namespace creditgen::model {

bool Calendar::is_working_day(Date d) const {
  if (holidays.count(d)) return false;
  if (workdays.count(d)) return true;
  int wd = d.weekday();
  return wd != 0 && wd != 6;
}

int Calendar::working_days_between(const DateTime& start, const DateTime& end) const {
  int count = 0;
  for (int64_t day = start.date.days_since_epoch() + 1; day <= end.date.days_since_epoch(); ++day)
    if (is_working_day(Date::from_days_since_epoch(day))) ++count;
  return count;
}

}  // namespace creditgen::model
