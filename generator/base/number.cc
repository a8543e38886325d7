#include "base/number.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace creditgen {
namespace {

// A double's magnitude rounded to `places` decimals, as text "I.F" (no sign),
// in a buffer on the stack: these run inside sorts and for every shown
// number, so they allocate nothing.
//
// The rounding works on the shortest decimal that reads back as the same
// double (std::to_chars), half away from zero: 2.675 (stored as
// 2.67499999…) rounds to 2.68, as a person reading "2.675" expects.
class Rounded {
 public:
  Rounded(double value, int places) {
    if (places < 0 || places > kMaxPlaces) throw std::invalid_argument("places out of range");
    // Shortest scientific form: "[-]d[.ddd]e±XX".
    char sci[32];
    const auto res = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
    const char* p = sci;
    negative_ = *p == '-';
    if (negative_) ++p;
    char digits[20];
    int count = 0;
    for (; p < res.ptr && *p != 'e'; ++p)
      if (*p != '.') digits[count++] = *p;
    int exponent = 0;
    std::from_chars(p + 1 + (p[1] == '+'), res.ptr, exponent);
    while (count > 0 && digits[count - 1] == '0') --count;
    const int point = count == 0 ? 0 : exponent + 1;  // digits before the decimal point

    // round(|value| × 10^places) as digits: the first `keep` digits, plus
    // one when the next is 5 or more.
    const int keep = point + places;
    char* scaled = buffer_ + kRoom;  // room to its left for a carry and zero padding
    int size = 0;
    if (keep >= 0) {
      for (; size < keep; ++size) scaled[size] = size < count ? digits[size] : '0';
      if (keep < count && digits[keep] >= '5') {
        int i = size - 1;
        while (i >= 0 && scaled[i] == '9') scaled[i--] = '0';
        if (i >= 0) {
          ++scaled[i];
        } else {
          *--scaled = '1';
          ++size;
        }
      }
    }
    // At least one integer digit.
    while (size < places + 1) {
      *--scaled = '0';
      ++size;
    }
    const int int_digits = size - places;
    int first = 0;  // integer part without leading zeros, "0" at least
    while (first < int_digits - 1 && scaled[first] == '0') ++first;
    begin_ = scaled + first;
    int_size_ = int_digits - first;
    frac_ = scaled + int_digits;
    places_ = places;
    zero_ = int_size_ == 1 && begin_[0] == '0';
    for (int i = 0; zero_ && i < places; ++i) zero_ = frac_[i] == '0';
  }

  /// "[-]I" or "[-]I.F" with `places` decimals, or with trailing zeros dropped.
  std::string text(bool keep_trailing_zeros) const {
    int frac_size = places_;
    if (!keep_trailing_zeros)
      while (frac_size > 0 && frac_[frac_size - 1] == '0') --frac_size;
    std::string out;
    out.reserve(int_size_ + frac_size + 2);
    if (negative_ && !zero_) out += '-';
    out.append(begin_, int_size_);
    if (frac_size > 0) {
      out += '.';
      out.append(frac_, frac_size);
    }
    return out;
  }

  double value() const {
    // Sign, integer digits and fraction digits are contiguous but for the
    // point: read back from one small buffer.
    char text[kRoom + kMaxDigits + kMaxPlaces + 4];
    size_t n = 0;
    if (negative_ && !zero_) text[n++] = '-';
    std::memcpy(text + n, begin_, int_size_);
    n += int_size_;
    if (places_ > 0) {
      text[n++] = '.';
      std::memcpy(text + n, frac_, places_);
      n += places_;
    }
    double out = 0;
    std::from_chars(text, text + n, out);
    return out;
  }

 private:
  static constexpr int kMaxPlaces = 20;
  static constexpr int kMaxDigits = 310;  // the integer digits of the largest double
  static constexpr int kRoom = kMaxPlaces + 2;
  char buffer_[kRoom + kMaxDigits + kMaxPlaces + 2];
  const char* begin_ = nullptr;
  const char* frac_ = nullptr;
  int int_size_ = 0;
  int places_ = 0;
  bool negative_ = false;
  bool zero_ = true;
};

}  // namespace

std::string format_fixed(double value, int places) {
  if (!std::isfinite(value)) return "0";
  return Rounded(value, places).text(true);
}

std::string format_rounded(double value, int places) {
  if (!std::isfinite(value)) return "0";
  return Rounded(value, places).text(false);
}

double round_to(double value, int places) {
  if (!std::isfinite(value)) return 0;
  return Rounded(value, places).value();
}

}  // namespace creditgen
