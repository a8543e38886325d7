#include "cli/options.h"

#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>

#include "base/spelling.h"
#include "base/text.h"
#include "cli/cli.h"

namespace creditgen::cli {

std::optional<Args> parse_args(const std::vector<std::string>& argv, const Command& cmd, std::string& error) {
  Poco::Util::OptionSet set;
  for (auto& o : cmd.options) {
    Poco::Util::Option opt(o.name, "", o.help_zh, false);
    if (o.arg) opt.argument(o.arg, true);
    set.addOption(opt);
  }
  set.addOption(Poco::Util::Option("help", "h", "显示帮助", false));
  Poco::Util::OptionProcessor processor(set);
  processor.setUnixStyle(true);
  Args args;
  try {
    bool only_positional = false;
    for (const auto& a : argv) {
      if (only_positional || a.empty() || a[0] != '-' || a == "-") {
        // A pending "--name value" consumes the next word.
        std::string name, value;
        if (!only_positional && processor.process(a, name, value)) {
          if (!name.empty()) args.values[name] = value;
          continue;
        }
        args.positional.push_back(a);
        continue;
      }
      if (a == "--") {
        only_positional = true;
        continue;
      }
      std::string name, value;
      if (!processor.process(a, name, value)) {
        error = "无法识别的参数“" + a + "”";
        return std::nullopt;
      }
      if (name.empty()) continue;  // "--name" waiting for its value
      bool is_flag = true;
      for (auto& o : cmd.options)
        if (name == o.name && o.arg) is_flag = false;
      if (is_flag) args.flags.insert(name);
      else args.values[name] = value;
    }
    processor.checkRequired();
  } catch (const Poco::Util::UnknownOptionException& e) {
    // Poco's messages are English or bare names: said again in Chinese here.
    const std::string given = e.message().substr(0, e.message().find('='));
    std::vector<std::string> names;
    for (auto& o : cmd.options) names.emplace_back(o.name);
    names.emplace_back("help");
    const auto guess = closest_match(given, names);
    error = "未知选项“--" + given + "”" + (guess ? "，是不是“--" + *guess + "”？" : "");
    return std::nullopt;
  } catch (const Poco::Util::MissingArgumentException& e) {
    // "content requires DIR"
    const std::string m = e.message();
    const size_t at = m.find(" requires ");
    error = at == std::string::npos ? "选项缺少参数（" + m + "）"
                                    : "选项“--" + m.substr(0, at) + "”后面缺少参数 " + m.substr(at + 10);
    return std::nullopt;
  } catch (const Poco::Util::UnexpectedArgumentException& e) {
    error = "选项“--" + e.message().substr(0, e.message().find('=')) + "”不接受参数";
    return std::nullopt;
  } catch (const Poco::Util::DuplicateOptionException& e) {
    error = "选项“" + e.message() + "”重复";
    return std::nullopt;
  } catch (const Poco::Util::AmbiguousOptionException& e) {
    error = "选项“" + e.message() + "”有歧义";
    return std::nullopt;
  } catch (const Poco::Util::OptionException& e) {
    error = "选项错误：" + e.displayText();
    return std::nullopt;
  }
  return args;
}

std::string command_help(const Command& cmd) {
  std::string out = std::string("用法：") + cmd.usage + "\n\n" + cmd.summary + "\n";
  {
    out += "\n选项：\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (auto& o : cmd.options)
      rows.emplace_back(std::string("  --") + o.name + (o.arg ? std::string(" ") + o.arg : ""), o.help_zh);
    rows.emplace_back("  --help", "显示本帮助");
    size_t width = 0;
    for (auto& [head, _] : rows) width = std::max(width, head.size());  // heads are ASCII: bytes = columns
    for (auto& [head, help] : rows) out += head + std::string(width - head.size() + 2, ' ') + help + "\n";
  }
  return out;
}

int usage_error(const Command& cmd, const std::string& message) {
  std::cerr << "creditgen " << cmd.name << ": " << message << " [usage]\n";
  std::cerr << "用法：" << cmd.usage << "\n运行 creditgen " << cmd.name << " --help 查看说明。\n";
  return kExitUsage;
}

}  // namespace creditgen::cli
