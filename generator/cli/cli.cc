#include "cli/cli.h"

#include <algorithm>
#include <iostream>
#include <string>

namespace creditgen::cli {
namespace {

std::string general_help(const std::vector<const Command*>& commands) {
  std::string out =
      "creditgen —— 信用状况监测月报生成工具\n\n"
      "用法：creditgen <命令> [选项]\n\n命令：\n";
  size_t width = 0;
  for (auto* c : commands) width = std::max(width, std::string(c->name).size());
  for (auto* c : commands) {
    std::string name = c->name;
    out += "  " + name + std::string(width - name.size() + 2, ' ') + c->summary + "\n";
  }
  out +=
      "\n运行 creditgen <命令> --help 查看各命令的选项。\n"
      "退出状态：0 成功；1 内容有错误；2 用法错误；3 致命错误（配置损坏、读写失败）。\n";
  return out;
}

}  // namespace

int run(int argc, char** argv, const std::vector<Command>& extra) {
  std::vector<const Command*> commands = {&build_command(), &check_command(), &score_command(),
                                          &publish_command(), &verify_command(), &new_command(),
                                          &init_command()};
  for (auto& c : extra) commands.push_back(&c);

  std::vector<std::string> words(argv + (argc > 0 ? 1 : 0), argv + argc);
  if (words.empty()) {
    std::cerr << general_help(commands);
    return kExitUsage;
  }
  const std::string& first = words.front();
  if (first == "--help" || first == "-h" || first == "help") {
    std::cout << general_help(commands);
    return kExitOk;
  }
  if (first == "--version" || first == "-V") {
    std::cout << kVersionLabel << "\n";
    return kExitOk;
  }
  for (auto* cmd : commands) {
    if (first != cmd->name) continue;
    std::vector<std::string> rest(words.begin() + 1, words.end());
    std::string error;
    auto args = parse_args(rest, *cmd, error);
    if (!args) return usage_error(*cmd, error);
    if (args->flags.count("help")) {
      std::cout << command_help(*cmd);
      return kExitOk;
    }
    try {
      return cmd->run(*args);
    } catch (const std::exception& e) {
      std::cerr << "creditgen " << cmd->name << ": 内部错误：" << e.what() << " [internal]\n";
      return kExitFatal;
    }
  }
  std::cerr << "creditgen: 未知命令“" << first << "” [usage]\n\n" << general_help(commands);
  return kExitUsage;
}

}  // namespace creditgen::cli
