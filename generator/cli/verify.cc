// `creditgen verify BUNDLE.zip`: the archive office's four-property check
// (四性检测) of a bundle, without extracting it, and its scores re-derived
// from what it holds.
#include <fstream>
#include <iostream>
#include <optional>

#include "bundle/bundle.h"
#include "cli/cli.h"
#include "cli/rederive.h"

namespace creditgen::cli {
namespace {

constexpr const char* kScoresCheck = "authenticity.scores";

// Re-derived scores are compared only when the files are intact and safe to
// read: a format finding (usability) does not stop it, anything else does.
void rederive_scores(const std::string& path, bundle::ArchiveReport& report) {
  report.add(kScoresCheck, "只用包内材料重新计分，与 data/scores.json、data/scores.csv 一致");
  for (const auto& c : report.checks())
    if (c.status == bundle::CheckStatus::fail && !c.id.starts_with("usability.")) {
      report.not_applicable(kScoresCheck, "包内文件不完整或不安全，未重新计分");
      return;
    }
  std::string error;
  auto bag = load_bag_month(path, error);
  if (!bag) {
    report.fail(kScoresCheck, "无法按包内材料重新计分：" + error);
    return;
  }
  for (auto& d : score_differences(*bag)) report.fail(kScoresCheck, "得分与包内材料不符：" + d);
  if (report.at(kScoresCheck).status == bundle::CheckStatus::pass)
    report.at(kScoresCheck).note = "按包内材料重新计分，" + std::to_string(bag->month_scores->units.size()) +
                                   " 个单位的得分、排名和各项评分细则与 data/scores.json 一致";
}

int run_verify(const Args& args) {
  const Command& cmd = verify_command();
  if (args.positional.size() != 1) return usage_error(cmd, "请指定一个证据包文件（.zip）");
  const std::string format = args.get("format", "text");
  if (format != "text" && format != "json")
    return usage_error(cmd, "--format 只能是 text 或 json，而不是“" + format + "”");
  const std::string path = args.positional[0];
  std::optional<std::string> trusted, trusted_tsa;
  for (auto [option, pem] : {std::pair{"cert", &trusted}, std::pair{"tsa-cert", &trusted_tsa}}) {
    if (!args.values.count(option)) continue;
    std::ifstream file(args.get(option, ""), std::ios::binary);
    if (!file) return usage_error(cmd, "无法读取 --" + std::string(option) + " 指定的证书文件“" + args.get(option, "") + "”");
    *pem = std::string(std::istreambuf_iterator<char>(file), {});
  }
  bundle::ArchiveReport report =
      bundle::check_bundle(path, trusted ? &*trusted : nullptr, trusted_tsa ? &*trusted_tsa : nullptr);
  rederive_scores(path, report);
  std::cout << (format == "json" ? report.json(path) : report.text(path));
  // Each problem also as a diagnostic line, for editors and scripts that read stderr.
  for (auto& p : report.problems()) std::cerr << path << ": error: " << p << " [verify]\n";
  if (report.passed()) return kExitOk;
  std::cerr << path << "：四性检测不通过，共 " << report.problems().size() << " 个问题。\n";
  return kExitContentErrors;
}

}  // namespace

const Command& verify_command() {
  static const Command cmd{
      "verify", "creditgen verify BUNDLE.zip [--format text|json] [--cert 证书.pem] [--tsa-cert 证书.pem]",
      "按档案“四性检测”（真实性、完整性、可用性、安全性）逐项检测证据包：校验值、清单、Payload-Oxum、"
      "文件格式、加密与压缩包、文件名安全，并只用包内材料重新计分。全部通过时退出状态为 0",
      {{"format", "FMT", "输出格式：text（默认）或 json"},
       {"cert", "FILE", "区信用办的证书（或签发它的 CA 证书，PEM）：包内签名须由它验证"},
       {"tsa-cert", "FILE", "时间戳服务的证书（或签发它的 CA 证书，PEM）：包内时间戳须由它验证"}},
      &run_verify};
  return cmd;
}

}  // namespace creditgen::cli
