#include "load/front_matter.h"

#include "base/text.h"

namespace creditgen::load {

namespace {
// `---` with nothing but trailing blanks (editors leave them).
bool is_delimiter(std::string_view line) {
  if (line.substr(0, 3) != "---") return false;
  for (char c : line.substr(3))
    if (c != ' ' && c != '\t') return false;
  return true;
}
}  // namespace

std::optional<FrontMatter> split_front_matter(std::string_view text, const std::string& shown, Diagnostics& diags) {
  size_t eol = text.find('\n');
  std::string_view first = text.substr(0, eol);
  if (!is_delimiter(first)) {
    // Leading blank lines are the commonest cause: say so.
    std::string hint = trim(first).empty() && !trim(text).empty() ? "（第一行不能是空行）" : "";
    diags.error({shown, 1, 1}, "front-matter",
                "未找到 YAML 头部" + hint + "，文件应以 --- 开始，写明 title、date 等字段后再以 --- 结束，然后是正文");
    return std::nullopt;
  }
  FrontMatter fm;
  fm.yaml_offset = eol == std::string_view::npos ? text.size() : eol + 1;
  size_t pos = fm.yaml_offset;
  int line = 2;
  while (pos < text.size()) {
    size_t next = text.find('\n', pos);
    std::string_view l = text.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    if (is_delimiter(l)) {
      fm.yaml = std::string(text.substr(fm.yaml_offset, pos - fm.yaml_offset));
      fm.close_line = line;
      fm.body_offset = next == std::string_view::npos ? text.size() : next + 1;
      fm.body = std::string(text.substr(fm.body_offset));
      fm.body_line = line + 1;
      return fm;
    }
    if (next == std::string_view::npos) break;
    pos = next + 1;
    ++line;
  }
  diags.error({shown, 1, 1}, "front-matter", "YAML 头部没有结束：第 1 行的 --- 之后缺少结束的 --- 行（应单独成行，位于正文之前）");
  return std::nullopt;
}

}  // namespace creditgen::load
