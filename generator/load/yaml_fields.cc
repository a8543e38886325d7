#include "load/yaml_fields.h"

#include "load/placeholders.h"

#include <charconv>
#include <cctype>
#include <cmath>
#include <limits>

#include "base/spelling.h"
#include "base/text.h"
#include "load/limits.h"
#include "load/placeholders.h"

namespace creditgen::load {

namespace {

// yaml-cpp's messages (YAML::ErrorMsg) in words a clerk can act on.
std::string yaml_message_zh(const std::string& msg) {
  namespace E = YAML::ErrorMsg;
  auto is = [&](const char* known) { return msg.rfind(known, 0) == 0; };
  if (is(E::TAB_IN_INDENTATION)) return "缩进中有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 改为空格";
  if (is(E::END_OF_MAP_FLOW)) return "花括号 { } 没有成对：请检查这一行的 { 是否有对应的 }";
  if (is(E::END_OF_SEQ_FLOW)) return "方括号 [ ] 没有成对：请检查这一行的 [ 是否有对应的 ]";
  if (is(E::END_OF_MAP)) return "这一行的缩进与上面的字段不一致：同一层的字段应左对齐，冒号后加一个空格";
  if (is(E::END_OF_SEQ)) return "列表项的缩进不一致：同一列表的各项“- ”应左对齐";
  if (is(E::EOF_IN_SCALAR)) return "引号没有闭合：以引号开始的值应以同样的引号结束";
  if (is(E::MAP_VALUE) || is(E::MAP_KEY))
    return "这里不能出现“字段: 值”：请检查缩进，或把含有“: ”的值用引号括起来";
  if (is(E::BLOCK_ENTRY)) return "这里不能出现列表项“- ”：请检查缩进";
  if (is(E::CHAR_IN_SCALAR) || is(E::UNKNOWN_TOKEN))
    return "有不能直接写在值中的字符（如行首的 @、`、%）：请把整个值用引号括起来";
  if (is(E::INVALID_ESCAPE) || is(E::INVALID_HEX) || is(E::INVALID_UNICODE))
    return "双引号中的反斜杠转义无效：请把 \\ 写成 \\\\，或改用单引号";
  if (is(E::ALIAS_NOT_FOUND) || is(E::ANCHOR_NOT_FOUND) || is(E::UNKNOWN_ANCHOR) || is(E::CHAR_IN_ALIAS) ||
      is(E::CHAR_IN_ANCHOR))
    return "& 或 * 开头的值在 YAML 中有特殊含义：请把整个值用引号括起来";
  return "无法解析（" + msg + "）";
}

// A key typed with the input method's full-width colon (`title：…`) is the
// most common slip: reported on its own line with the fix, before the
// parser's less helpful message about a later line.
bool report_full_width_colons(const std::string& text, const std::string& path, int line_offset, Diagnostics& diags) {
  bool found = false;
  int line = 1;
  for (size_t start = 0; start <= text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view l(text.data() + start, end - start);
    size_t i = 0;
    while (i < l.size() && l[i] == ' ') ++i;
    if (i + 1 < l.size() && l[i] == '-' && l[i + 1] == ' ') i += 2;
    while (i < l.size() && l[i] == ' ') ++i;
    const size_t key = i;
    while (i < l.size() && (std::isalnum(static_cast<unsigned char>(l[i])) || l[i] == '_')) ++i;
    const size_t key_end = i;
    while (i < l.size() && l[i] == ' ') ++i;
    if (key_end > key && std::isalpha(static_cast<unsigned char>(l[key])) && l.substr(i).starts_with("\xEF\xBC\x9A")) {
      diags.error({path, line + line_offset, column_of_byte(l, i)}, "yaml-syntax",
                  "字段“" + std::string(l.substr(key, key_end - key)) +
                      "”后面是全角冒号“：”：请改为半角冒号“:”，并在冒号后加一个空格");
      found = true;
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return found;
}

}  // namespace

std::optional<YamlFile> YamlFile::parse(std::string text, SharedPath shown_path, int line_offset,
                                        Diagnostics& diags) {
  YamlFile f;
  f.text_ = std::move(text);
  f.path_ = std::move(shown_path);
  f.line_offset_ = line_offset;
  f.line_starts_.push_back(0);
  for (size_t i = 0; i < f.text_.size(); ++i)
    if (f.text_[i] == '\n') f.line_starts_.push_back(i + 1);
  f.columns_ = ColumnIndex(f.text_);
  if (report_full_width_colons(f.text_, f.path_, f.line_offset_, diags)) return std::nullopt;
  try {
    f.root_ = YAML::Load(f.text_);
  } catch (const YAML::Exception& e) {
    diags.error(f.at_mark(e.mark), "yaml-syntax", "YAML 格式错误：" + yaml_message_zh(e.msg));
    return std::nullopt;
  }
  return f;
}

Location YamlFile::at_mark(const YAML::Mark& mark) const {
  if (mark.line < 0 || static_cast<size_t>(mark.line) >= line_starts_.size()) {
    // yaml-cpp reports the end of input one line past the last line.
    int line = mark.line < 0 ? 0 : static_cast<int>(line_starts_.size()) - 1;
    return {path_, line + 1 + line_offset_, 1};
  }
  size_t start = line_starts_[mark.line];
  if (start == text_.size() && mark.line > 0) {
    // End of input after a final newline: point at the end of the last line
    // rather than at a line the file does not show.
    size_t prev = line_starts_[mark.line - 1];
    std::string_view last(text_.data() + prev, start - 1 - prev);
    return {path_, mark.line + line_offset_, column_of_byte(last, last.size())};
  }
  size_t end = mark.line + 1 < static_cast<int>(line_starts_.size()) ? line_starts_[mark.line + 1] : text_.size();
  const size_t byte = start + std::min<size_t>(mark.column < 0 ? 0 : mark.column, end - start);
  return {path_, mark.line + 1 + line_offset_, columns_.column(text_, start, byte)};
}

Location YamlFile::at(const YAML::Node& node) const {
  if (!node.IsDefined()) return whole_file();
  return at_mark(node.Mark());
}

std::string node_kind_zh(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: return "列表";
    case YAML::NodeType::Map: return "映射";
    case YAML::NodeType::Null: return "空值";
    case YAML::NodeType::Scalar: return "“" + n.Scalar() + "”";
    default: return "未定义";
  }
}

bool expect_map(const YamlFile& file, const YAML::Node& node, std::string_view what_zh, Diagnostics& diags) {
  if (node.IsMap()) return true;
  diags.error(file.at(node), "bad-value", std::string(what_zh) + "应为键值映射，实际为" + node_kind_zh(node));
  return false;
}

std::optional<double> parse_number(std::string_view t) {
  std::string s = trim(t);
  if (s.empty()) return std::nullopt;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      return std::nullopt;
  const char* b = s.data() + (s[0] == '+' ? 1 : 0);
  double v = 0;
  auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long long> parse_integer(std::string_view t) {
  std::string s = trim(t);
  if (s.empty()) return std::nullopt;
  const char* b = s.data() + (s[0] == '+' ? 1 : 0);
  long long v = 0;
  auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

MapReader::MapReader(const YamlFile& file, const YAML::Node& map, Diagnostics& diags)
    : file_(file), map_(map), diags_(diags) {
  if (!map.IsMap()) return;
  for (auto it = map.begin(); it != map.end(); ++it) {
    Entry e{scalar_text(it->first), it->first, it->second};
    if (find(e.key)) {
      diags_.error(file_.at(e.key_node), "duplicate", "字段“" + e.key + "”重复出现，每个字段只能写一次");
      failed_ = true;
      continue;
    }
    entries_.push_back(std::move(e));
  }
}

const MapReader::Entry* MapReader::find(std::string_view key) const {
  for (auto& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

bool MapReader::has(std::string_view key) const {
  auto* e = find(key);
  return e && !e->value.IsNull();
}

YAML::Node MapReader::node(std::string_view key) {
  used_.insert(std::string(key));
  auto* e = find(key);
  return e ? e->value : YAML::Node();
}

Location MapReader::at(std::string_view key) const {
  auto* e = find(key);
  if (!e) return file_.at(map_);
  // A null value (`key:`) has no position of its own: point at the key.
  return e->value.IsNull() ? file_.at(e->key_node) : file_.at(e->value);
}

void MapReader::report_missing(std::string_view key) {
  diags_.error(file_.at(map_), "missing-field", "缺少必填字段“" + std::string(key) + "”");
  failed_ = true;
}

void MapReader::missing(std::string_view what_zh) {
  diags_.error(file_.at(map_), "missing-field", "缺少必填字段：" + std::string(what_zh));
  failed_ = true;
}

bool MapReader::too_long(std::string_view key, const std::string& value) {
  if (value.size() <= kMaxValueBytes) return false;
  diags_.error(at(key), "too-long",
               "字段“" + std::string(key) + "”的值长 " + std::to_string(value.size()) + " 字节，超过上限 " +
                   std::to_string(kMaxValueBytes >> 10) + " KiB；较长的正文请写在 Markdown 正文中");
  failed_ = true;
  return true;
}

void MapReader::bad_value(std::string_view key, std::string message) {
  diags_.error(at(key), "bad-value", std::move(message));
  failed_ = true;
}

std::optional<std::string> MapReader::scalar(std::string_view key, bool required) {
  used_.insert(std::string(key));
  auto* e = find(key);
  if (!e || e->value.IsNull() || (e->value.IsScalar() && trim(e->value.Scalar()).empty())) {
    if (required) report_missing(key);
    return std::nullopt;
  }
  if (!e->value.IsScalar()) {
    bad_value(key, "字段“" + std::string(key) + "”应为单个值，实际为" + node_kind_zh(e->value));
    return std::nullopt;
  }
  if (too_long(key, e->value.Scalar())) return std::nullopt;
  if (const std::string value = trim(e->value.Scalar()); is_placeholder(value)) {
    diags_.error(at(key), "placeholder",
                 "“" + std::string(key) + "”仍是 creditgen new 写入的占位文字“" + value + "”：请改为实际内容");
    failed_ = true;
    return std::nullopt;
  }
  return e->value.Scalar();
}

std::optional<std::string> MapReader::text(std::string_view key, bool required) {
  auto s = scalar(key, required);
  if (!s) return std::nullopt;
  return trim(*s);
}

std::optional<Date> MapReader::date(std::string_view key, bool required) {
  auto s = scalar(key, required);
  if (!s) return std::nullopt;
  auto d = Date::parse(trim(*s));
  if (!d) bad_value(key, "日期无效“" + *s + "”，应为 YYYY-MM-DD");
  return d;
}

std::optional<DateTime> MapReader::date_time(std::string_view key, bool required) {
  auto s = scalar(key, required);
  if (!s) return std::nullopt;
  auto d = DateTime::parse(trim(*s));
  if (!d) bad_value(key, "时间无效“" + *s + "”，应为 YYYY-MM-DD HH:MM");
  return d;
}

std::optional<long long> MapReader::integer(std::string_view key, bool required, long long min, long long max) {
  auto s = scalar(key, required);
  if (!s) return std::nullopt;
  auto v = parse_integer(*s);
  if (!v || *v < min || *v > max) {
    std::string range = max == std::numeric_limits<long long>::max()
                            ? "不小于 " + std::to_string(min) + " 的整数"
                            : std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数";
    bad_value(key, "字段“" + std::string(key) + "”的值“" + *s + "”无效，应为" + range);
    return std::nullopt;
  }
  return v;
}

std::optional<double> MapReader::number(std::string_view key, bool required, double min) {
  auto s = scalar(key, required);
  if (!s) return std::nullopt;
  auto v = parse_number(*s);
  if (!v || *v < min) {
    bad_value(key, "字段“" + std::string(key) + "”的值“" + *s + "”无效，应为不小于 " +
                       std::to_string(static_cast<long long>(min)) + " 的数");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> MapReader::boolean(std::string_view key, bool required) {
  auto s = scalar(key, required);
  if (!s) return std::nullopt;
  std::string v = trim(*s);
  if (v == "true") return true;
  if (v == "false") return false;
  bad_value(key, "字段“" + std::string(key) + "”的值“" + *s + "”无效，应为 true 或 false");
  return std::nullopt;
}

std::optional<std::vector<std::string>> MapReader::text_list(std::string_view key, bool required) {
  used_.insert(std::string(key));
  auto* e = find(key);
  if (!e || e->value.IsNull() || (e->value.IsSequence() && e->value.size() == 0)) {
    if (required) report_missing(key);
    return std::nullopt;
  }
  std::vector<std::string> out;
  if (e->value.IsScalar()) {
    if (too_long(key, e->value.Scalar())) return std::nullopt;
    out.push_back(trim(e->value.Scalar()));
    return out;
  }
  if (!e->value.IsSequence()) {
    bad_value(key, "字段“" + std::string(key) + "”应为列表，实际为" + node_kind_zh(e->value));
    return std::nullopt;
  }
  for (const auto& item : e->value) {
    if (!item.IsScalar()) {
      diags_.error(file_.at(item), "bad-value",
                   "字段“" + std::string(key) + "”的列表项应为单个值，实际为" + node_kind_zh(item));
      failed_ = true;
      return std::nullopt;
    }
    if (too_long(key, item.Scalar())) return std::nullopt;
    out.push_back(trim(item.Scalar()));
    if (is_placeholder(out.back())) {
      diags_.error(file_.at(item), "placeholder",
                   "“" + std::string(key) + "”中仍有 creditgen new 写入的占位文字“" + out.back() + "”：请改为实际内容");
      failed_ = true;
      return std::nullopt;
    }
  }
  return out;
}

std::optional<std::string> MapReader::choice(std::string_view key, bool required,
                                             const std::vector<std::string>& allowed) {
  auto s = text(key, required);
  if (!s) return std::nullopt;
  for (auto& a : allowed)
    if (*s == a) return s;
  std::string list;
  for (auto& a : allowed) list += (list.empty() ? "" : "、") + a;
  bad_value(key, "字段“" + std::string(key) + "”的值“" + *s + "”无效，应为以下之一：" + list);
  return std::nullopt;
}

void MapReader::finish() {
  const std::vector<std::string> known(used_.begin(), used_.end());
  for (auto& e : entries_)
    if (!used_.count(e.key)) {
      const auto guess = e.key.size() <= 64 ? closest_match(e.key, known) : std::nullopt;
      diags_.warning(file_.at(e.key_node), "unknown-field",
                     "未知字段“" + e.key + "”，已忽略" + (guess ? "；是不是“" + *guess + "”？" : std::string()));
    }
}

std::optional<size_t> count_entries(const std::string& text, std::string_view key) {
  try {
    const YAML::Node root = YAML::Load(text);
    if (root.IsNull()) return 0;
    if (!root.IsMap()) return std::nullopt;
    if (key.empty()) return root.size();
    const YAML::Node list = root[std::string(key)];
    if (!list || list.IsNull()) return 0;
    if (!list.IsSequence()) return std::nullopt;
    return list.size();
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

}  // namespace creditgen::load
