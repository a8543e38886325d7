// Loading and validation: the content folder → model::Content + diagnostics.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "base/explain.h"
#include "load/source_file.h"
#include "model/content.h"

namespace creditgen::load {

/// The [missing-field] message when the content folder is not there.
inline constexpr const char* kNoContentFolder = "内容文件夹不存在或不是文件夹，请用 --content 指定内容文件夹";

/// Loads and validates the whole content tree at `root`; `shown_root` is how
/// the folder is named in diagnostics (what the user passed to --content).
/// Returns nullopt when site.yaml, units.yaml or a rulebook is broken (the
/// run must stop, exit 3); otherwise a Content in which invalid items are kept
/// with valid = false, every problem reported to `diags`.
/// With `month_cache` (a folder of the build cache), a month whose inputs
/// are as when it was last loaded is read back from there with the
/// diagnostics it had (month_cache.h), and a month loaded afresh is saved;
/// `explain`, when given, hears why each month was loaded afresh.
std::optional<model::Content> load_content(const std::filesystem::path& root, const std::string& shown_root,
                                           Diagnostics& diags, const std::filesystem::path& month_cache = {},
                                           ExplainLog* explain = nullptr);
/// The same from another tree (an evidence bundle's data/content/), without
/// the month cache.
std::optional<model::Content> load_content(const SourceTree& tree, const std::filesystem::path& root,
                                           const std::string& shown_root, Diagnostics& diags);

}  // namespace creditgen::load
