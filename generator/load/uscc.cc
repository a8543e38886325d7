#include "load/uscc.h"

#include "base/text.h"

namespace creditgen::load {

namespace {
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int code_of(char c) {
  size_t p = kUsccCharset.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}
}  // namespace

std::string normalize_uscc(std::string_view code) {
  std::string s = normalize_key(code);
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::optional<char> uscc_check_char(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    int v = code_of(first17[i]);
    if (v < 0) return std::nullopt;
    sum += v * kWeights[i];
  }
  return kUsccCharset[(31 - sum % 31) % 31];
}

std::optional<std::string> uscc_problem(std::string_view code) {
  if (code.empty()) return std::string("统一社会信用代码为空");
  auto cps = to_code_points(code);
  if (cps.size() != 18) return "长度为 " + std::to_string(cps.size()) + " 位，应为 18 位";
  for (char32_t cp : cps)
    if (cp > 0x7F || code_of(static_cast<char>(cp)) < 0)
      return "含有不允许的字符“" + to_utf8(cp) + "”（只能使用数字和除 I、O、S、V、Z 以外的大写字母）";
  char want = *uscc_check_char(code.substr(0, 17));
  if (code[17] != want)
    return std::string("校验位应为“") + want + "”，实际为“" + code[17] + "”";
  return std::nullopt;
}

}  // namespace creditgen::load
