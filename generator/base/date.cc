#include "base/date.h"

#include <cstdio>

namespace creditgen {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

std::optional<YearMonth> YearMonth::parse(std::string_view t) {
  if (t.size() != 7 || t[4] != '-' || !all_digits(t.substr(0, 4)) || !all_digits(t.substr(5, 2)))
    return std::nullopt;
  YearMonth ym{to_int(t.substr(0, 4)), to_int(t.substr(5, 2))};
  if (ym.month < 1 || ym.month > 12) return std::nullopt;
  return ym;
}

std::string YearMonth::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

YearMonth YearMonth::next() const { return month == 12 ? YearMonth{year + 1, 1} : YearMonth{year, month + 1}; }
YearMonth YearMonth::previous() const { return month == 1 ? YearMonth{year - 1, 12} : YearMonth{year, month - 1}; }
int YearMonth::days_in_month() const { return creditgen::days_in_month(year, month); }

std::optional<Date> Date::parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  if (!all_digits(t.substr(0, 4)) || !all_digits(t.substr(5, 2)) || !all_digits(t.substr(8, 2))) return std::nullopt;
  Date d{to_int(t.substr(0, 4)), to_int(t.substr(5, 2)), to_int(t.substr(8, 2))};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > creditgen::days_in_month(d.year, d.month))
    return std::nullopt;
  return d;
}

std::string Date::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t Date::days_since_epoch() const {
  int64_t y = year - (month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days_since_epoch(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(y + (m <= 2)), m, d};
}

int Date::weekday() const {
  int64_t z = days_since_epoch();
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

std::optional<DateTime> DateTime::parse(std::string_view t) {
  if (t.size() < 16) return std::nullopt;
  auto date = Date::parse(t.substr(0, 10));
  if (!date || (t[10] != ' ' && t[10] != 'T')) return std::nullopt;
  auto time = t.substr(11);
  const bool with_seconds = time.size() == 8;
  if (time.size() != 5 && !with_seconds) return std::nullopt;
  // Seconds are only allowed in the `T` form.
  if (with_seconds && t[10] != 'T') return std::nullopt;
  if (time[2] != ':' || !all_digits(time.substr(0, 2)) || !all_digits(time.substr(3, 2))) return std::nullopt;
  DateTime dt{*date, to_int(time.substr(0, 2)), to_int(time.substr(3, 2)), 0};
  if (with_seconds) {
    if (time[5] != ':' || !all_digits(time.substr(6, 2))) return std::nullopt;
    dt.second = to_int(time.substr(6, 2));
  }
  if (dt.hour > 23 || dt.minute > 59 || dt.second > 59) return std::nullopt;
  return dt;
}

std::string DateTime::str() const {
  std::string out = date.str() + ' ' + two(hour) + ':' + two(minute);
  if (second) out += ':' + two(second);
  return out;
}

int64_t DateTime::wall_seconds() const {
  return date.days_since_epoch() * 86400 + hour * 3600 + minute * 60 + second;
}

DateTime DateTime::from_wall_seconds(int64_t s) {
  int64_t days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
  int64_t rest = s - days * 86400;
  return DateTime{Date::from_days_since_epoch(days), static_cast<int>(rest / 3600),
                  static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60)};
}

std::string DateTime::rfc3339_utc(int utc_offset_minutes) const {
  DateTime utc = from_wall_seconds(wall_seconds() - int64_t{utc_offset_minutes} * 60);
  return utc.date.str() + 'T' + two(utc.hour) + ':' + two(utc.minute) + ':' + two(utc.second) + 'Z';
}

std::optional<int> parse_utc_offset(std::string_view t) {
  if (t == "Z") return 0;
  if (t.size() != 6 || (t[0] != '+' && t[0] != '-') || t[3] != ':' || !all_digits(t.substr(1, 2)) ||
      !all_digits(t.substr(4, 2)))
    return std::nullopt;
  int h = to_int(t.substr(1, 2)), m = to_int(t.substr(4, 2));
  if (h > 14 || m > 59) return std::nullopt;
  int v = h * 60 + m;
  return t[0] == '-' ? -v : v;
}

}  // namespace creditgen
