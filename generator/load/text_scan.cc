#include "load/text_scan.h"

#include "base/pii.h"
#include "base/text.h"
#include "load/source_file.h"

namespace creditgen::load {

SourceText::SourceText(std::string text, SharedPath shown)
    : text_(std::move(text)), shown_(std::move(shown)), columns_(text_) {
  starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') starts_.push_back(i + 1);
}

Location SourceText::at(size_t byte) const {
  if (byte > text_.size()) byte = text_.size();
  // The last line start not after `byte`.
  size_t lo = 0, hi = starts_.size();
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (starts_[mid] <= byte) lo = mid; else hi = mid;
  }
  return {shown_, static_cast<int>(lo) + 1, columns_.column(text_, starts_[lo], byte)};
}

size_t SourceText::offset(int line0, int byte_column) const {
  if (line0 < 0) return 0;
  if (static_cast<size_t>(line0) >= starts_.size()) return text_.size();
  size_t off = starts_[line0] + static_cast<size_t>(byte_column < 0 ? 0 : byte_column);
  return off > text_.size() ? text_.size() : off;
}

std::optional<std::string> read_source(const SourceTree& tree, const std::filesystem::path& file,
                                       const std::string& shown, Diagnostics& diags) {
  try {
    return read_text_file(tree, file, shown, diags);
  } catch (const std::exception&) {
    diags.error({shown, 1, 1}, "encoding", "文件编码无法识别：既不是 UTF-8 也无法按 GBK/GB18030 解码，请另存为 UTF-8");
    return std::nullopt;
  }
}

size_t locate(const SourceText& src, std::string_view needle, size_t from) {
  if (from > src.text().size()) return src.text().size();
  size_t p = src.text().find(needle, from);
  return p == std::string::npos ? from : p;
}

void TextScanner::pii(std::string_view value, const SourceText& src, size_t from, Diagnostics& diags) const {
  size_t cursor = from;
  for (const auto& m : find_pii(value)) {
    std::string_view raw = value.substr(m.offset, m.length);
    size_t p = src.text().find(raw, cursor);
    Location where = src.at(p == std::string::npos ? from : p);
    if (p != std::string::npos) cursor = p + raw.size();
    // Only the masked form is ever written out: diagnostics end up on pages.
    const char* kind = m.kind == PiiMatch::Kind::mobile            ? "手机号"
                       : m.kind == PiiMatch::Kind::id_card_suspect ? "疑似身份证号（校验位不符）"
                                                                   : "身份证号";
    diags.warning(where, "pii",
                  std::string("发现") + kind + " " + m.masked + "，网站上将打码显示；如非必要，请删除个人信息");
  }
}

void TextScanner::sensitive(std::string_view value, const SourceText& src, size_t from, std::string_view what_zh,
                            Diagnostics& diags) const {
  if (!site_) return;
  for (const auto& word : site_->sensitive_words) {
    if (word.empty()) continue;
    size_t at = value.find(word);
    if (at == std::string_view::npos) continue;
    // Search from the value's start: the first occurrence in the source is
    // the first in the value unless YAML escapes moved it.
    size_t p = locate(src, word, from);
    diags.warning(src.at(p), "sensitive-word",
                  std::string(what_zh) + "含有敏感词“" + word + "”，请确认表述符合要求（如国办发〔2020〕49号文）");
  }
}

}  // namespace creditgen::load
