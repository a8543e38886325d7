// A Word document (.docx, Office Open XML) is a zip of XML parts. This packs
// the parts with libzip, deflated, with a fixed time and fixed attributes,
// so the same parts always give the same bytes (like the bundles).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace creditgen::render {

/// The zip of `parts` (name in the package → bytes), in the order given:
/// "[Content_Types].xml" should come first, as Word writes it and as format
/// identification (libmagic) expects. Empty when libzip fails.
std::string docx_package(const std::vector<std::pair<std::string, std::string>>& parts);

}  // namespace creditgen::render
