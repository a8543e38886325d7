// Points are kept unrounded (double) through scoring; these are the only
// places numbers are rounded, at output.
#pragma once

#include <string>

namespace creditgen {

/// Rounds `value` to `places` decimals, half away from zero, working on the
/// shortest decimal representation of the double (so 2.675 rounds to 2.68),
/// and drops trailing zeros: 6, 4.5, 87.2513. Negative zero prints as 0.
std::string format_rounded(double value, int places);

/// Like format_rounded but keeps exactly `places` decimals: "4.50".
std::string format_fixed(double value, int places);

/// `value` rounded half away from zero to `places` decimals, as a double
/// (0 for NaN and infinities, as the text says). `places` is 0 to 20 in all
/// three; more throws std::invalid_argument.
double round_to(double value, int places);

/// Values are compared (ties, max = min, x = 0) after rounding to 6 decimals.
inline double comparable(double value) { return round_to(value, 6); }

}  // namespace creditgen
