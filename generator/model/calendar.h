// Working days (calendar.yaml): weekends and holidays are off, 调休 make-up
// days are on.
#pragma once

#include <set>

#include "base/date.h"

namespace creditgen::model {

struct Calendar {
  std::set<Date> holidays;  ///< non-working days besides weekends
  std::set<Date> workdays;  ///< weekend days that are working days

  bool is_working_day(Date d) const;
  /// Working days d with start date < d ≤ end date (content.md); finishing on
  /// the same day is 0. An end before the start gives 0.
  int working_days_between(const DateTime& start, const DateTime& end) const;
};

}  // namespace creditgen::model
