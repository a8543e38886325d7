// `creditgen verify BUNDLE.zip`: checks a bundle without extracting it, then
// re-derives its scores from what it holds.
#include <iostream>

#include "bundle/bundle.h"
#include "cli/cli.h"
#include "cli/rederive.h"

namespace creditgen::cli {
namespace {

int run_verify(const Args& args) {
  const Command& cmd = verify_command();
  if (args.positional.size() != 1) return usage_error(cmd, "请指定一个证据包文件（.zip）");
  const std::string path = args.positional[0];
  auto problems = bundle::verify_bundle(path);
  if (problems.empty()) {
    // The files are intact: do they give the scores the bag states?
    std::string error;
    auto bag = load_bag_month(path, error);
    if (!bag) {
      problems.push_back("无法按包内材料重新计分：" + error);
    } else {
      for (auto& d : score_differences(*bag)) problems.push_back("得分与包内材料不符：" + d);
      if (problems.empty()) {
        std::cout << path << "：校验通过，所有文件完整；按包内材料重新计分，" << bag->month_scores->units.size()
                  << " 个单位的得分、排名和各项评分细则与 data/scores.json 一致。\n";
        return kExitOk;
      }
    }
  }
  for (auto& p : problems) std::cerr << path << ": error: " << p << " [verify]\n";
  std::cerr << path << "：校验失败，共 " << problems.size() << " 个问题。\n";
  return kExitContentErrors;
}

}  // namespace

const Command& verify_command() {
  static const Command cmd{"verify", "creditgen verify BUNDLE.zip",
                           "校验证据包：压缩包完整性、BagIt 声明、各清单校验值、Payload-Oxum、文件名安全，并只用包内材料重新计分",
                           {}, &run_verify};
  return cmd;
}

}  // namespace creditgen::cli
