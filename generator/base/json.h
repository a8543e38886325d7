// JSON string literals, for the few JSON texts we write by hand
// (diagnostics, scores.json, the search index) so their bytes stay exact.
#pragma once

#include <string>
#include <string_view>

namespace creditgen {

/// `s` as a JSON string literal: quotes, backslashes and control characters
/// escaped, non-ASCII UTF-8 written as is. With `for_script`, '<' becomes
/// \u003c so the text can never close a <script> element.
std::string json_quoted(std::string_view s, bool for_script = false);

}  // namespace creditgen
