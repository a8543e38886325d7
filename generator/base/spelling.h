// "Did you mean …" suggestions for unknown ids (Ninja's SpellcheckNode).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace creditgen {

/// Levenshtein distance over code points.
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace creditgen
