// Positions inside a decoded source file, and the scans every submitted text
// goes through: personal data ([pii]) and the office's sensitive words
// ([sensitive-word]). Both are warnings: the site masks PII, the office
// decides about the words.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/text.h"
#include "load/source_file.h"
#include "model/site.h"

namespace creditgen::load {

/// A decoded file (UTF-8, LF) with its line starts, so a byte offset found by
/// a scan becomes a 1-based line and code-point column of the whole file.
class SourceText {
 public:
  SourceText(std::string text, SharedPath shown);

  const std::string& text() const { return text_; }
  const std::string& shown() const { return shown_.str(); }
  const SharedPath& shown_path() const { return shown_; }
  /// Position of a byte offset (clamped to the text).
  Location at(size_t byte) const;
  /// Byte offset of a 0-based line and a byte column within it.
  size_t offset(int line0, int byte_column) const;
  int line_count() const { return static_cast<int>(starts_.size()); }

 private:
  std::string text_;
  SharedPath shown_;  // shared by every Location in the file
  std::vector<size_t> starts_;
  ColumnIndex columns_;
};

/// Reports [pii] and [sensitive-word] warnings for values taken from a source
/// file. A value is located by searching its matches in the source from the
/// byte where the value starts, so quoting and folding in YAML only cost
/// precision (the value's start is used when a match cannot be found).
class TextScanner {
 public:
  TextScanner(const model::Site* site) : site_(site) {}

  /// [pii] for every 身份证号 and mobile number in `value`.
  void pii(std::string_view value, const SourceText& src, size_t from, Diagnostics& diags) const;
  /// [sensitive-word] once per sensitive word found in `value` (a title or body).
  void sensitive(std::string_view value, const SourceText& src, size_t from, std::string_view what_zh,
                 Diagnostics& diags) const;

 private:
  const model::Site* site_;
};

/// read_text_file that never throws: decoding goes through ICU and Poco,
/// and a library exception on one bad file must not stop the unit loading.
/// A throw is reported as [encoding] (an error) and gives nullopt.
std::optional<std::string> read_source(const SourceTree& tree, const std::filesystem::path& file,
                                       const std::string& shown, Diagnostics& diags);

/// Where `needle` occurs in `src` at or after `from`, else `from`.
size_t locate(const SourceText& src, std::string_view needle, size_t from);

}  // namespace creditgen::load
