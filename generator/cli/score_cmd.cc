// `creditgen score --month YYYY-MM`: one month's scores as a table, CSV or JSON.
#include <iostream>

#include "cli/cli.h"
#include "cli/pipeline.h"
#include "score/score.h"

namespace creditgen::cli {
namespace {

int run_score(const Args& args) {
  const Command& cmd = score_command();
  if (!args.values.count("month")) return usage_error(cmd, "缺少 --month YYYY-MM");
  auto month = YearMonth::parse(args.get("month", ""));
  if (!month) return usage_error(cmd, "月份“" + args.get("month", "") + "”无效，应为 YYYY-MM");
  std::string format = args.get("format", "table");
  if (format != "table" && format != "csv" && format != "json")
    return usage_error(cmd, "--format 只能是 table、csv 或 json，而不是“" + format + "”");

  Diagnostics diags;
  auto reviewed = load_and_review(args.get("content", "content"), diags);
  if (!reviewed) {
    print_diagnostics(diags);
    return kExitFatal;
  }
  if (!reviewed->content.month(*month)) {
    print_diagnostics(diags);
    return usage_error(cmd, "内容目录中没有 " + month->str() + " 的月份文件夹");
  }
  auto all = score::score_all(reviewed->content, reviewed->months);
  const score::MonthScores* scores = nullptr;
  for (auto& m : all)
    if (m.month == *month) scores = &m;
  if (!scores) {
    print_diagnostics(diags);
    std::cerr << "creditgen score: " << month->str() << " 没有适用的指标规则，无法计分 [no-rulebook]\n";
    return kExitContentErrors;
  }
  // Diagnostics go to stderr only when asked to print a human table, so the
  // CSV and JSON on stdout stay clean for pipes.
  if (format == "table") {
    if (!diags.empty()) std::cerr << "内容检查：" << diagnostics_summary(diags) << "（运行 creditgen check 查看详情）\n";
    std::cout << score::scores_table(*scores, reviewed->content);
  } else if (format == "csv") {
    std::cout << score::scores_csv(*scores, reviewed->content);
  } else {
    std::cout << score::scores_json(*scores, reviewed->content);
  }
  return kExitOk;
}

}  // namespace

const Command& score_command() {
  static const Command cmd{"score",
                           "creditgen score --month YYYY-MM [--content DIR] [--format table|csv|json]",
                           "计算某月各单位得分与排名",
                           {{"month", "YYYY-MM", "要计分的月份（必填）"},
                            {"content", "DIR", "内容目录，默认 content"},
                            {"format", "FMT", "输出格式：table（默认）、csv 或 json"}},
                           &run_score};
  return cmd;
}

}  // namespace creditgen::cli
