#include "base/pii.h"

#include "base/date.h"

namespace creditgen {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool valid_mobile(std::string_view s) {
  if (s.size() != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9') return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

int two(std::string_view s, size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

}  // namespace

bool valid_id_card(std::string_view s) {
  if (s.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i)
    if (!is_digit(s[i])) return false;
  const char last = s[17] == 'x' ? 'X' : s[17];
  if (!is_digit(last) && last != 'X') return false;

  // Birth date at positions 7–14 (1-based). Years before 1800 do not occur on
  // any issued card; rejecting them keeps random digit runs from matching.
  const int year = two(s, 6) * 100 + two(s, 8);
  const int month = two(s, 10);
  const int day = two(s, 12);
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;

  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (s[i] - '0') * weights[i];
  return "10X98765432"[sum % 11] == last;
}

std::vector<PiiMatch> find_pii(std::string_view text) {
  std::vector<PiiMatch> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_ascii_alnum(text[i])) {
      ++i;
      continue;
    }
    // A maximal run of ASCII letters and digits; only a whole run can match.
    size_t end = i;
    while (end < text.size() && is_ascii_alnum(text[end])) ++end;
    const std::string_view run = text.substr(i, end - i);
    if (valid_id_card(run)) {
      out.push_back({i, run.size(), PiiMatch::Kind::id_card,
                     std::string(run.substr(0, 6)) + "********" + std::string(run.substr(14))});
    } else if (valid_mobile(run)) {
      out.push_back({i, run.size(), PiiMatch::Kind::mobile,
                     std::string(run.substr(0, 3)) + "****" + std::string(run.substr(7))});
    }
    i = end;
  }
  return out;
}

std::string mask_pii(std::string_view text) {
  const auto matches = find_pii(text);
  if (matches.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const auto& m : matches) {
    out.append(text.substr(at, m.offset - at));
    out += m.masked;
    at = m.offset + m.length;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace creditgen
