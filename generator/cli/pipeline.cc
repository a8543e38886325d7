#include "cli/pipeline.h"

#include <iostream>

#include "base/number.h"
#include "load/load.h"

namespace creditgen::cli {

std::optional<Reviewed> load_and_review(const std::string& content_dir, Diagnostics& diags,
                                        const std::filesystem::path& month_cache, ExplainLog* explain) {
  std::string shown = content_dir;
  while (shown.size() > 1 && shown.back() == '/') shown.pop_back();
  auto content = load::load_content(content_dir, shown, diags, month_cache, explain);
  if (!content) return std::nullopt;
  Reviewed out{std::move(*content), {}};
  out.months = review::apply_reviews(out.content, diags);
  return out;
}

void print_diagnostics(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.sorted()) out += format_diagnostic(d) + '\n';
  std::cerr << out;
}

std::string rulebook_totals(const model::Content& content) {
  std::string out;
  for (const auto& rb : content.rulebooks)
    out += "规则 " + rb.file + "（自 " + rb.effective.str() + " 起）：" + std::to_string(rb.rows().size()) +
           " 条评分细则，合计 " + format_rounded(rb.total_points(), 2) + " 分\n";
  return out;
}

std::string diagnostics_summary(const Diagnostics& diags) {
  return std::to_string(diags.count(Severity::error)) + " 个错误，" + std::to_string(diags.count(Severity::warning)) +
         " 个警告";
}

}  // namespace creditgen::cli
