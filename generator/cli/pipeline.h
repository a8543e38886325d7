// The stages every command shares: load → review (→ score). Commands declare
// how far they go, like Ninja's Tool::when.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/explain.h"
#include "model/content.h"
#include "review/review.h"

namespace creditgen::cli {

struct Reviewed {
  model::Content content;
  std::vector<review::ReviewedMonth> months;
};

/// Loads `content_dir` and applies the reviews. nullopt when loading hit a
/// fatal problem (broken site.yaml, units.yaml or rulebook). `month_cache`:
/// where loaded months are kept between builds (load_content), or none.
std::optional<Reviewed> load_and_review(const std::string& content_dir, Diagnostics& diags,
                                        const std::filesystem::path& month_cache = {}, ExplainLog* explain = nullptr);

/// Prints diagnostics sorted, one per line, to stderr.
void print_diagnostics(const Diagnostics& diags);

/// "检查完成：2 个错误，3 个警告"
std::string diagnostics_summary(const Diagnostics& diags);

/// One line per rulebook, what `check` and `build` report so a total that is
/// not what the site says (满分 100) is seen even without a warning:
/// "规则 rules/2022-01.yaml（自 2022-01 起）：21 条评分细则，合计 100 分".
std::string rulebook_totals(const model::Content& content);

}  // namespace creditgen::cli
