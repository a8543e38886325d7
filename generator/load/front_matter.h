// Splitting a Markdown item into its YAML front matter and its body.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"

namespace creditgen::load {

struct FrontMatter {
  std::string yaml;         ///< the lines between the two `---` lines
  int yaml_line_offset = 1; ///< lines of the file before `yaml` (the opening `---`)
  size_t yaml_offset = 0;   ///< byte offset of `yaml` in the file text
  int close_line = 2;       ///< 1-based line of the closing `---`
  std::string body;         ///< everything after the closing line
  int body_line = 3;        ///< 1-based line where `body` starts
  size_t body_offset = 0;   ///< byte offset of `body` in the file text
};

/// Splits decoded text (UTF-8, LF, no BOM). A missing or unterminated block
/// is reported as [front-matter] at 1:1 (at the opening line) and gives nullopt.
std::optional<FrontMatter> split_front_matter(std::string_view text, const std::string& shown, Diagnostics& diags);

}  // namespace creditgen::load
