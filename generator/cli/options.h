// Command-line parsing shared by every command (Poco::Util::OptionProcessor),
// with Chinese help text.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace creditgen::cli {

struct OptionSpec {
  const char* name;     ///< long name without "--"
  const char* arg;      ///< argument placeholder ("DIR"), or nullptr for a flag
  const char* help_zh;  ///< one line of Chinese help
};

struct Args {
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  std::vector<std::string> positional;

  bool has(const std::string& name) const { return values.count(name) || flags.count(name); }
  std::string get(const std::string& name, const std::string& fallback) const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
};

struct Command {
  const char* name;
  const char* usage;    ///< "creditgen check [--content DIR] …"
  const char* summary;  ///< what it does, in Chinese
  std::vector<OptionSpec> options;
  int (*run)(const Args&);
};

/// Parses `argv` for one command. On a usage error returns nullopt and sets `error` (Chinese).
std::optional<Args> parse_args(const std::vector<std::string>& argv, const Command& cmd, std::string& error);

std::string command_help(const Command& cmd);

/// Prints a usage error for `cmd` to stderr and returns the usage exit status.
int usage_error(const Command& cmd, const std::string& message);

}  // namespace creditgen::cli
