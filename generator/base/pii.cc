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

namespace {

// One character of a run: an ASCII letter or digit, or a full-width digit
// (U+FF10–U+FF19, three bytes EF BC 90–99), with the digit it stands for.
struct RunChar {
  size_t offset, length;
  char ascii;  ///< the ASCII letter or digit
};

bool fullwidth_digit_at(std::string_view t, size_t i) {
  return i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xEF && static_cast<unsigned char>(t[i + 1]) == 0xBC &&
         static_cast<unsigned char>(t[i + 2]) >= 0x90 && static_cast<unsigned char>(t[i + 2]) <= 0x99;
}

// The run of letters and digits starting at `i` (empty when none starts there).
std::vector<RunChar> run_at(std::string_view t, size_t i) {
  std::vector<RunChar> run;
  while (i < t.size()) {
    if (is_ascii_alnum(t[i])) {
      run.push_back({i, 1, t[i]});
      ++i;
    } else if (fullwidth_digit_at(t, i)) {
      run.push_back({i, 3, static_cast<char>('0' + (static_cast<unsigned char>(t[i + 2]) - 0x90))});
      i += 3;
    } else {
      break;
    }
  }
  return run;
}

std::string ascii_of(const std::vector<RunChar>& run) {
  std::string s;
  for (const auto& c : run) s += c.ascii;
  return s;
}

bool plausible_id_card(std::string_view s) {
  if (s.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i)
    if (!is_digit(s[i])) return false;
  if (!is_digit(s[17]) && s[17] != 'X' && s[17] != 'x') return false;
  const int year = two(s, 6) * 100 + two(s, 8);
  const int month = two(s, 10);
  const int day = two(s, 12);
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

// The text of run characters [from, to) as written.
std::string written(std::string_view t, const std::vector<RunChar>& run, size_t from, size_t to) {
  if (from >= to) return {};
  return std::string(t.substr(run[from].offset, run[to - 1].offset + run[to - 1].length - run[from].offset));
}

}  // namespace

std::vector<PiiMatch> find_pii(std::string_view text) {
  std::vector<PiiMatch> out;
  size_t i = 0;
  while (i < text.size()) {
    const auto run = run_at(text, i);
    if (run.empty()) {
      ++i;
      continue;
    }
    // A maximal run of letters and digits; only a whole run can match.
    const size_t end = run.back().offset + run.back().length;
    const std::string ascii = ascii_of(run);
    const size_t n = run.size();
    if (valid_id_card(ascii) || plausible_id_card(ascii)) {
      out.push_back({i, end - i, valid_id_card(ascii) ? PiiMatch::Kind::id_card : PiiMatch::Kind::id_card_suspect,
                     written(text, run, 0, 6) + "********" + written(text, run, 14, 18)});
    } else if (valid_mobile(ascii)) {
      out.push_back({i, end - i, PiiMatch::Kind::mobile, written(text, run, 0, 3) + "****" + written(text, run, 7, 11)});
    } else if (n == 3 && ascii[0] == '1' && ascii[1] >= '3' && ascii[1] <= '9' && end < text.size() &&
               (text[end] == ' ' || text[end] == '-')) {
      // 138 0531 8888 / 138-0531-8888: three whole runs, one separator.
      const char sep = text[end];
      const auto second = run_at(text, end + 1);
      const size_t second_end = second.empty() ? 0 : second.back().offset + second.back().length;
      if (second.size() == 4 && ascii_of(second).find_first_not_of("0123456789") == std::string::npos &&
          second_end < text.size() && text[second_end] == sep) {
        const auto third = run_at(text, second_end + 1);
        if (third.size() == 4 && ascii_of(third).find_first_not_of("0123456789") == std::string::npos) {
          const size_t third_end = third.back().offset + third.back().length;
          out.push_back({i, third_end - i, PiiMatch::Kind::mobile,
                         written(text, run, 0, 3) + sep + "****" + sep + written(text, third, 0, 4)});
          i = third_end;
          continue;
        }
      }
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
