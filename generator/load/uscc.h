// 统一社会信用代码 (GB 32100-2015): normalisation and the check character.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace creditgen::load {

/// The 31 characters a code may use (no I, O, S, V, Z).
inline constexpr std::string_view kUsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// How codes compare: NFKC (full-width letters and digits become ASCII),
/// trimmed, ASCII upper-cased.
std::string normalize_uscc(std::string_view code);

/// The check character for the first 17 characters of a code, or nullopt
/// when one of them is outside the charset.
std::optional<char> uscc_check_char(std::string_view first17);

/// Why a normalised code fails the check, in Chinese, or nullopt when it passes.
std::optional<std::string> uscc_problem(std::string_view code);

}  // namespace creditgen::load
