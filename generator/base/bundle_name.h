// Which file names can travel inside an evidence bundle (outputs.md, "Names").
// Lives in base/ because the loader reports `[bad-filename]` at load time and
// the bundle stage checks again before writing; both must agree exactly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"

namespace creditgen {

/// A month's bundle file names in archive/: revision 1 is "2022-05.zip",
/// a correction "2022-05.r2.zip", the draft "2022-05.draft.zip".
std::string sealed_bundle_file_name(YearMonth month, int revision);
std::string draft_bundle_file_name(YearMonth month);
/// What a bundle file name says: its month and revision (0 for the draft).
struct BundleFileName {
  YearMonth month;
  int revision = 0;
};
std::optional<BundleFileName> parse_bundle_file_name(std::string_view file_name);

/// Longest whole zip entry name, in code points.
inline constexpr size_t kMaxBundleNameCodePoints = 180;

/// The folder every entry of a month's bag sits in: "<slug>-<YYYY-MM>".
std::string bundle_root_name(std::string_view slug, YearMonth month);

/// Why a zip entry name cannot be carried safely, in Chinese, or nullopt.
/// Pass the whole entry name as it will appear in the zip
/// (`<slug>-<YYYY-MM>/data/content/2022-05/lingang/files/a.jpg`): the
/// 180-code-point limit applies to all of it. Checks: valid UTF-8, `%`,
/// control characters, `< > : " \ | ? *`, empty path components and ones
/// ending in a dot or space (so `.` and `..` too), Windows device names
/// (CON PRN AUX NUL COM1–9 LPT1–9, any extension, any case), NFC, length.
std::optional<std::string> bundle_name_problem(std::string_view entry_name);

/// Names equal under Unicode case folding: each clashing pair once, in input
/// order (first occurrence, later occurrence).
std::vector<std::pair<std::string, std::string>> case_clashes(const std::vector<std::string>& names);

}  // namespace creditgen
