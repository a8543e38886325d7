#include "base/number.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace creditgen {
namespace {

// Digits and decimal exponent of the shortest round-trip representation:
// value = 0.d1d2d3… × 10^exponent.
struct Decimal {
  bool negative = false;
  std::string digits;  // no leading zeros; empty means zero
  int point = 0;       // number of digits before the decimal point (may be ≤ 0 or > size)
};

Decimal to_decimal(double value) {
  Decimal d;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string s(buf, res.ptr);
  if (s[0] == '-') {
    d.negative = true;
    s.erase(0, 1);
  }
  auto e = s.find('e');
  int exponent = std::atoi(s.c_str() + e + 1);
  std::string mantissa = s.substr(0, e);
  for (char c : mantissa)
    if (c != '.') d.digits += c;
  d.point = exponent + 1;
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  if (d.digits.empty()) d.point = 0;
  return d;
}

// Rounded to `places`: integer digits and fraction digits as strings.
std::pair<std::string, std::string> round_decimal(const Decimal& d, int places, bool& negative) {
  negative = d.negative;
  // All digits as an integer scaled by 10^places.
  std::string scaled;  // digits of round(|value| * 10^places)
  int keep = d.point + places;  // how many of d.digits are kept
  if (keep < 0) {
    scaled = "0";
  } else {
    std::string digits = d.digits;
    if (static_cast<int>(digits.size()) < keep) digits.append(keep - digits.size(), '0');
    scaled = digits.substr(0, keep);
    bool round_up = static_cast<int>(digits.size()) > keep && digits[keep] >= '5';
    if (scaled.empty()) scaled = "0";
    if (round_up) {
      int i = static_cast<int>(scaled.size()) - 1;
      while (i >= 0 && scaled[i] == '9') scaled[i--] = '0';
      if (i < 0) scaled.insert(scaled.begin(), '1');
      else ++scaled[i];
    }
  }
  if (static_cast<int>(scaled.size()) <= places) scaled.insert(0, places + 1 - scaled.size(), '0');
  std::string int_part = scaled.substr(0, scaled.size() - places);
  std::string frac_part = scaled.substr(scaled.size() - places);
  size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  if (int_part == "0" && frac_part.find_first_not_of('0') == std::string::npos) negative = false;
  return {int_part, frac_part};
}

}  // namespace

std::string format_fixed(double value, int places) {
  if (!std::isfinite(value)) return "0";
  bool negative;
  auto [ip, fp] = round_decimal(to_decimal(value), places, negative);
  std::string out = negative ? "-" + ip : ip;
  if (places > 0) out += '.' + fp;
  return out;
}

std::string format_rounded(double value, int places) {
  if (!std::isfinite(value)) return "0";
  bool negative;
  auto [ip, fp] = round_decimal(to_decimal(value), places, negative);
  while (!fp.empty() && fp.back() == '0') fp.pop_back();
  std::string out = negative ? "-" + ip : ip;
  if (!fp.empty()) out += '.' + fp;
  return out;
}

double round_to(double value, int places) {
  return std::strtod(format_fixed(value, places).c_str(), nullptr);
}

}  // namespace creditgen
