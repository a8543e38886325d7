// `creditgen check`: load and review only; report every problem.
#include <iostream>

#include "cli/cli.h"
#include "cli/pipeline.h"

namespace creditgen::cli {
namespace {

int run_check(const Args& args) {
  std::string format = args.get("format", "text");
  if (format != "text" && format != "json")
    return usage_error(check_command(), "--format 只能是 text 或 json，而不是“" + format + "”");
  Diagnostics diags;
  auto reviewed = load_and_review(args.get("content", "content"), diags);
  if (format == "json") {
    std::cout << diagnostics_json(diags.sorted());
  } else {
    print_diagnostics(diags);
    if (reviewed) std::cerr << rulebook_totals(reviewed->content);
    std::cerr << "检查完成：" << diagnostics_summary(diags) << "\n";
  }
  if (!reviewed) return kExitFatal;
  if (diags.has_errors()) return kExitContentErrors;
  if (args.flags.count("strict") && diags.has_warnings()) return kExitContentErrors;
  return kExitOk;
}

}  // namespace

const Command& check_command() {
  static const Command cmd{
      "check",
      "creditgen check [--content DIR] [--strict] [--format text|json]",
      "读取并校验全部报送内容，逐条列出问题（文件:行:列）",
      {{"content", "DIR", "内容目录，默认 content"},
       {"strict", nullptr, "警告也视为错误（退出状态 1）"},
       {"format", "FMT", "输出格式：text（默认，输出到标准错误）或 json（输出到标准输出）"}},
      &run_check};
  return cmd;
}

}  // namespace creditgen::cli
