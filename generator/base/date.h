// Calendar values parsed from the source text by our own code, so YAML's
// timestamp rules never change what a unit wrote.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace creditgen {

/// A report month, `YYYY-MM`.
struct YearMonth {
  int year = 0;
  int month = 0;  ///< 1..12

  auto operator<=>(const YearMonth&) const = default;

  /// Strictly `YYYY-MM` with a real month 01..12.
  static std::optional<YearMonth> parse(std::string_view text);
  std::string str() const;  ///< "2022-05"
  YearMonth next() const;
  YearMonth previous() const;
  int days_in_month() const;
  int index() const { return year * 12 + (month - 1); }  ///< months since year 0
};

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const Date&) const = default;

  /// Strictly `YYYY-MM-DD`, a real calendar date.
  static std::optional<Date> parse(std::string_view text);
  std::string str() const;  ///< "2022-05-06"
  YearMonth year_month() const { return {year, month}; }
  int64_t days_since_epoch() const;  ///< 1970-01-01 is 0
  static Date from_days_since_epoch(int64_t days);
  int weekday() const;  ///< 0 = Sunday … 6 = Saturday
  Date plus_days(int64_t n) const { return from_days_since_epoch(days_since_epoch() + n); }
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

/// A local wall-clock time at site.yaml's utc_offset.
struct DateTime {
  Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;

  auto operator<=>(const DateTime&) const = default;

  /// `YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`.
  static std::optional<DateTime> parse(std::string_view text);
  std::string str() const;  ///< "2022-05-07 10:30" (seconds shown only when non-zero)
  /// Seconds since 1970-01-01 00:00 of the same wall clock (no offset applied).
  int64_t wall_seconds() const;
  static DateTime from_wall_seconds(int64_t seconds);
  /// RFC 3339 in UTC, given the wall clock's offset from UTC in minutes: "2022-05-31T15:59:59Z".
  std::string rfc3339_utc(int utc_offset_minutes) const;
};

/// `+08:00` / `-05:30` / `Z` → minutes east of UTC.
std::optional<int> parse_utc_offset(std::string_view text);

}  // namespace creditgen
