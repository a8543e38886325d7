// What `creditgen new` writes for each kind of material: where it goes and the
// skeleton text. Every value the clerk must replace is a placeholder that the
// loaders refuse ([placeholder], load/placeholders.h) until it is edited, so an
// untouched skeleton never passes `check` or scores.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "model/rulebook.h"

namespace creditgen::cli {

/// How a kind's skeleton is added to the content folder.
enum class SkeletonPlace {
  unit_markdown,  ///< a new .md file in <month>/<unit>/<folder>/
  unit_list,      ///< one entry appended to <month>/<unit>/<file> under `list_key:`
  unit_map,       ///< the whole <month>/<unit>/<file>, only when it does not exist yet
  month_list,     ///< one entry appended to <month>/<file> under `list_key:`
  month_map,      ///< one line appended to <month>/<file>
};

struct SkeletonKind {
  std::string_view name;      ///< the word on the command line: news, policy, …
  std::string_view name_zh;   ///< 信用动态, 制度文件, …
  SkeletonPlace place;
  std::string_view file;      ///< folder (markdown) or file name
  std::string_view list_key;  ///< the file's top-level list key, for *_list
};

/// Every kind `new` can write, in the order `--help` lists them.
const std::vector<SkeletonKind>& skeleton_kinds();
const SkeletonKind* find_skeleton_kind(std::string_view name);
/// "news、campaign、policy…" for messages.
std::string skeleton_kind_names();

/// What a skeleton needs to know.
struct SkeletonContext {
  std::string unit;        ///< the unit id
  std::string unit_name;   ///< its name, for comments
  YearMonth month;
  DateTime now;            ///< today (or the month's first day for another month)
  std::string title;       ///< --title, or empty
  std::string slug;        ///< file name without .md (markdown kinds)
  const model::Rulebook* rulebook = nullptr;  ///< the month's rulebook (metric names)
};

/// The text of a new file (markdown, unit_map), or of one entry to append
/// under the list key (unit_list, month_list) or one line (month_map).
std::string skeleton_text(const SkeletonKind& kind, const SkeletonContext& ctx);

/// The first lines of a list file created by `new` (comment and `list_key:`).
std::string list_file_header(const SkeletonKind& kind, const SkeletonContext& ctx);

}  // namespace creditgen::cli
