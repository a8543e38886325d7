#include "base/inputs.h"

#include <algorithm>
#include <map>

#include "base/fingerprint.h"

namespace creditgen {

namespace {

// 128 bits: enough to tell two versions of an input apart, half the line.
constexpr size_t kDigestChars = 32;

bool plain(char c) { return c != '%' && c != ';' && c != '=' && static_cast<unsigned char>(c) > ' '; }

std::string escape(std::string_view name) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char c : name) {
    if (plain(c)) {
      out += c;
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

std::optional<std::string> unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    auto digit = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int hi = digit(text[i + 1]), lo = digit(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "、") + input_label(n);
  return out;
}

}  // namespace

Inputs& Inputs::add(std::string name, std::string_view value) {
  Fingerprint f;
  f << value;
  list_.push_back({std::move(name), f.hex().substr(0, kDigestChars)});
  return *this;
}

Inputs& Inputs::unknown(std::string name) {
  if (unknown_.empty()) unknown_ = std::move(name);
  return *this;
}

Inputs& Inputs::add_all(const Inputs& other) {
  // An input both lists name (a month's files read by the bag and by the
  // report) is listed once.
  for (const Input& input : other.list_)
    if (std::find(list_.begin(), list_.end(), input) == list_.end()) list_.push_back(input);
  if (!other.known()) unknown(other.unknown_);
  return *this;
}

std::string Inputs::digest() const {
  if (!known()) return "";
  Fingerprint f;
  for (const auto& input : list_) f << input.name << input.digest;
  return f.hex();
}

std::string Inputs::serialize() const {
  if (!known()) return "";
  std::string out;
  for (const auto& input : list_) {
    if (!out.empty()) out += ';';
    out += escape(input.name) + '=' + input.digest;
  }
  return out.empty() ? "-" : out;
}

std::optional<Inputs> Inputs::parse(std::string_view line) {
  if (line.empty()) return std::nullopt;
  Inputs out;
  if (line == "-") return out;
  while (!line.empty()) {
    const size_t end = std::min(line.find(';'), line.size());
    const std::string_view item = line.substr(0, end);
    line.remove_prefix(end == line.size() ? end : end + 1);
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos || item.size() - eq - 1 != kDigestChars) return std::nullopt;
    auto name = unescape(item.substr(0, eq));
    if (!name || name->empty()) return std::nullopt;
    out.list_.push_back({std::move(*name), std::string(item.substr(eq + 1))});
  }
  return out;
}

Staleness why_stale(const std::optional<Inputs>& then, const Inputs& now) {
  if (!now.known()) return {true, input_label(now.unknown_input()) + " 刚被修改（两秒内）或无法读取，不能确认未变"};
  if (!then) return {true, "上次没有记录（首次生成，或记录已丢失）"};
  if (*then == now) return {false, ""};
  std::map<std::string, const std::string*> before;
  for (const auto& input : then->list()) before.emplace(input.name, &input.digest);
  std::vector<std::string> changed, added, removed;
  for (const auto& input : now.list()) {
    auto it = before.find(input.name);
    if (it == before.end()) added.push_back(input.name);
    else if (*it->second != input.digest) changed.push_back(input.name);
    if (it != before.end()) before.erase(it);
  }
  for (const auto& input : then->list())
    if (before.count(input.name)) removed.push_back(input.name);
  std::string why;
  auto part = [&why](const char* what, const std::vector<std::string>& names) {
    if (names.empty()) return;
    why += (why.empty() ? "" : "；") + std::string(what) + join(names);
  };
  part("已修改：", changed);
  part("新增：", added);
  part("不再使用：", removed);
  if (why.empty()) why = "输入的顺序不同";
  return {true, why};
}

std::string input_label(std::string_view name) {
  auto after = [&name](std::string_view prefix) -> std::optional<std::string> {
    if (!name.starts_with(prefix)) return std::nullopt;
    return std::string(name.substr(prefix.size()));
  };
  if (name == "program") return "creditgen 程序";
  if (name == "content-folder") return "内容文件夹的位置";
  if (name == "templates") return "模板";
  if (name == "assets") return "样式与资源文件";
  if (name == "version") return "页脚版本";
  if (name == "diagnostics") return "诊断信息";
  if (name == "bundle") return "证据包链接";
  if (name == "prior-bundles") return "前序证据包";
  if (name == "bag-scores") return "证据包中的得分";
  if (name == "preview") return "更正预览";
  if (name == "evidence-folder") return "佐证材料的来源";
  if (auto rest = after("file:")) return *rest;
  if (auto rest = after("rulebook:")) return "指标规则 " + *rest;
  if (auto rest = after("month-files:")) return *rest + "/ 中的文件";
  if (auto rest = after("month:")) return *rest + " 的材料";
  if (auto rest = after("scores:")) return *rest + " 的得分";
  return std::string(name);
}

}  // namespace creditgen
