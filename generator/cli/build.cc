// `creditgen build`: the whole pipeline, one straight line —
// load → review → score → (render → bundles) → write site.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/build.h"
#include "cli/cli.h"
#include "cli/pipeline.h"
#include "score/score.h"

namespace creditgen::cli {

namespace fs = std::filesystem;

int build_site(const BuildOptions& options) {
  const std::string content_dir = options.content_dir;
  const fs::path site_dir = options.site_dir;
  const bool strict = options.strict;

  Diagnostics diags;
  auto reviewed = load_and_review(content_dir, diags);
  if (!reviewed) {
    print_diagnostics(diags);
    return kExitFatal;
  }
  if (strict && (diags.has_errors() || diags.has_warnings())) {
    print_diagnostics(diags);
    std::cerr << "严格模式：存在错误或警告，未做任何改动。\n";
    return kExitContentErrors;
  }
  auto scores = score::score_all(reviewed->content, reviewed->months);
  for (const auto& month : scores) {
    fs::path dir = site_dir / month.month.str();
    fs::create_directories(dir);
    std::ofstream(dir / "scores.json", std::ios::binary) << score::scores_json(month, reviewed->content);
    std::ofstream(dir / "scores.csv", std::ios::binary) << score::scores_csv(month, reviewed->content);
  }
  print_diagnostics(diags);
  std::cerr << "生成完成：" << scores.size() << " 个月份，" << reviewed->content.units.size() << " 个单位；"
            << diagnostics_summary(diags) << "\n";
  return kExitOk;
}

namespace {

int run_build(const Args& args) {
  BuildOptions options;
  options.content_dir = args.get("content", "content");
  options.site_dir = args.get("site", "site");
  options.archive_dir = args.get("archive", "archive");
  options.strict = args.flags.count("strict") > 0;
  options.quiet = args.flags.count("quiet") > 0;
  if (args.values.count("jobs")) {
    try {
      options.jobs = std::stoi(args.get("jobs", "0"));
    } catch (...) {
      options.jobs = -1;
    }
    if (options.jobs < 1) return usage_error(build_command(), "--jobs 应为正整数");
  }
  return build_site(options);
}

}  // namespace

const Command& build_command() {
  static const Command cmd{
      "build",
      "creditgen build [--content DIR] [--site DIR] [--archive DIR] [--jobs N] [--strict] [--quiet]",
      "校验、审核、计分，生成网站和每月证据包",
      {{"content", "DIR", "内容目录，默认 content"},
       {"site", "DIR", "网站输出目录，默认 site"},
       {"archive", "DIR", "证据包目录，默认 archive"},
       {"jobs", "N", "并行线程数，默认为处理器核数"},
       {"strict", nullptr, "有任何错误或警告时不做任何改动并以状态 1 退出"},
       {"quiet", nullptr, "不显示进度"}},
      &run_build};
  return cmd;
}

}  // namespace creditgen::cli
