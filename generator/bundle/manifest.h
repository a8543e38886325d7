// The BagIt manifest line, in one place: written as "<hex>  <path>\n" (lower
// case hex, two spaces, LF), read as BagIt allows (a checksum, any run of
// spaces or tabs, the path; CR before LF tolerated). Every manifest and tag
// manifest creditgen writes or reads goes through here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace creditgen::bundle {

/// Appends "<hex>  <path>\n" to `out`.
inline void append_manifest_line(std::string& out, std::string_view hex, std::string_view path) {
  out.append(hex);
  out.append("  ");
  out.append(path);
  out += '\n';
}

struct ManifestLine {
  std::string_view hex;   ///< as written (verify compares it case-insensitively)
  std::string_view path;  ///< relative to the bag's root: "data/…", "bag-info.txt"
};

/// One line without its '\n'. nullopt for a line that is not a checksum and
/// a path (an empty line included).
inline std::optional<ManifestLine> parse_manifest_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const size_t gap = line.find_first_of(" \t");
  if (gap == 0 || gap == std::string_view::npos) return std::nullopt;
  const size_t path = line.find_first_not_of(" \t", gap);
  if (path == std::string_view::npos) return std::nullopt;
  return ManifestLine{line.substr(0, gap), line.substr(path)};
}

/// Calls fn(line number from 1, the line without '\n', its parse) for every
/// non-empty line of `text`.
template <class Fn>
void for_each_manifest_line(std::string_view text, Fn&& fn) {
  int number = 0;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++number;
    if (line.empty() || line == "\r") continue;
    fn(number, line, parse_manifest_line(line));
  }
}

}  // namespace creditgen::bundle
