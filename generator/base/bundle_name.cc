#include "base/bundle_name.h"

#include <regex>

#include <array>
#include <map>

#include "base/text.h"

namespace creditgen {

namespace {

std::string hex_byte(unsigned char c) {
  static const char* digits = "0123456789ABCDEF";
  std::string s = "0x";
  s += digits[c >> 4];
  s += digits[c & 15];
  return s;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Windows reserves these names in every folder, whatever follows the first
// dot ("con.txt", "Nul.tar.gz"); trailing spaces before the dot are ignored too.
bool is_device_name(std::string_view component) {
  std::string_view stem = component.substr(0, component.find('.'));
  while (!stem.empty() && stem.back() == ' ') stem.remove_suffix(1);
  const std::string up = upper_ascii(stem);
  static const std::array<const char*, 4> plain = {"CON", "PRN", "AUX", "NUL"};
  for (const char* p : plain)
    if (up == p) return true;
  if (up.size() == 4 && (up.starts_with("COM") || up.starts_with("LPT")) && up[3] >= '1' && up[3] <= '9')
    return true;
  return false;
}

std::optional<std::string> component_problem(std::string_view component) {
  if (component.empty()) return "路径中有空的文件夹名（多余的“/”）";
  if (component.back() == '.') return "“" + std::string(component) + "”以点号结尾（Windows 无法保存）";
  if (component.back() == ' ') return "“" + std::string(component) + "”以空格结尾（Windows 无法保存）";
  if (is_device_name(component))
    return "“" + std::string(component) + "”是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–9、LPT1–9）";
  return std::nullopt;
}

}  // namespace

std::string bundle_root_name(std::string_view slug, YearMonth month) {
  return std::string(slug) + "-" + month.str();
}

std::optional<std::string> bundle_name_problem(std::string_view name) {
  if (name.empty()) return std::string("文件名为空");
  if (!is_valid_utf8(name)) return std::string("文件名不是有效的 UTF-8 编码");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) return "文件名含控制字符 " + hex_byte(c);
    if (c == '%') return std::string("文件名含“%”（解压工具可能把它当作转义）");
    static const std::string_view forbidden = "<>:\"\\|?*";
    if (forbidden.find(static_cast<char>(c)) != std::string_view::npos)
      return std::string("文件名含 Windows 不允许的字符“") + static_cast<char>(c) +
             "”（不允许 < > : \" \\ | ? *）";
  }
  for (char32_t cp : to_code_points(name))
    if (cp >= 0x80 && cp <= 0x9F) return std::string("文件名含控制字符 U+00") + hex_byte(static_cast<unsigned char>(cp)).substr(2);
  size_t start = 0;
  while (true) {
    const size_t slash = name.find('/', start);
    const std::string_view component =
        name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (auto p = component_problem(component)) return p;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (!is_nfc(name)) return std::string("文件名不是 Unicode NFC 规范形式（请用 NFC 形式重新命名）");
  const size_t n = code_point_count(name);
  if (n > kMaxBundleNameCodePoints)
    return "压缩包内的完整路径有 " + std::to_string(n) + " 个字符，超过 " +
           std::to_string(kMaxBundleNameCodePoints) + " 个字符的上限";
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> case_clashes(const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, std::string>> out;
  std::map<std::string, std::vector<size_t>> seen;  // folded name → indices seen so far
  for (size_t i = 0; i < names.size(); ++i) {
    auto& earlier = seen[case_fold(names[i])];
    for (size_t j : earlier) out.emplace_back(names[j], names[i]);
    earlier.push_back(i);
  }
  return out;
}

std::string sealed_bundle_file_name(YearMonth month, int revision) {
  return revision == 1 ? month.str() + ".zip" : month.str() + ".r" + std::to_string(revision) + ".zip";
}

std::string draft_bundle_file_name(YearMonth month) { return month.str() + ".draft.zip"; }

std::optional<BundleFileName> parse_bundle_file_name(std::string_view file_name) {
  static const std::regex re(R"(^(\d{4}-\d{2})(?:\.(draft)|\.r([1-9][0-9]{0,5}))?\.zip$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(file_name.begin(), file_name.end(), m, re)) return std::nullopt;
  auto month = YearMonth::parse(m[1].str());
  if (!month) return std::nullopt;
  if (m[2].matched) return BundleFileName{*month, 0};
  if (m[3].matched) {
    const int r = std::stoi(m[3].str());
    if (r < 2) return std::nullopt;  // "r1" is spelled without a suffix
    return BundleFileName{*month, r};
  }
  return BundleFileName{*month, 1};
}

}  // namespace creditgen
