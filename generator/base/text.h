// Text helpers shared by every stage: decoding submitted files, Unicode
// normalisation (ICU), code-point columns and terminal widths.
#pragma once

#include <cstddef>
#include <optional>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace creditgen {

enum class SourceEncoding { utf8, utf8_bom, gb18030, utf16 };

struct DecodedText {
  std::string text;  ///< UTF-8, BOM removed, CRLF and lone CR turned into LF
  SourceEncoding encoding = SourceEncoding::utf8;
};

/// Decodes a submitted file: UTF-16 when it starts with a UTF-16 byte order
/// mark (Windows Notepad's "Unicode"), else UTF-8 (BOM optional) or, failing
/// that, GB18030/GBK. Returns nullopt when the bytes are none of these.
std::optional<DecodedText> decode_text(std::string_view bytes);

bool is_valid_utf8(std::string_view s);

/// True when `bytes` start with a UTF-16 byte order mark (FF FE or FE FF).
bool starts_with_utf16_bom(std::string_view bytes);

/// Number of Unicode code points in valid UTF-8.
size_t code_point_count(std::string_view s);
/// Splits UTF-8 into code points.
std::vector<char32_t> to_code_points(std::string_view s);
std::string to_utf8(char32_t cp);

/// 1-based column (in code points) of a byte offset within a line.
int column_of_byte(std::string_view line, size_t byte_offset);

/// Columns (code points) of any byte of one text in constant time, however
/// long its lines: counting from the start of the line for every diagnostic
/// made many diagnostics on one long line quadratic. Keeps the number of
/// code points before every 256th byte; a query counts at most 512 bytes.
class ColumnIndex {
 public:
  ColumnIndex() = default;
  explicit ColumnIndex(std::string_view text);
  /// The 1-based column of `byte` in the line starting at `line_start`
  /// (byte offsets into `text`, the same text the index was made from; it
  /// is passed again rather than kept, so the owner may move freely).
  int column(std::string_view text, size_t line_start, size_t byte) const;

 private:
  size_t code_points_before(std::string_view text, size_t byte) const;
  std::vector<uint32_t> checkpoints_;  ///< code points before byte 256·k
  uint32_t total_ = 0;
};

/// Percent-decoding ("%E5%9B%BE" → "图"), one rule for every caller. Lenient,
/// for Markdown link targets as units write them: an invalid escape ("100%",
/// "%G1") stays as written, and when the result is not UTF-8 the input is
/// returned unchanged (so "files/%FF.jpg" names that very file).
std::string percent_decode(std::string_view s);
/// Strict, for request paths: nullopt when an escape is malformed; the bytes
/// as decoded otherwise (the caller checks what they may be).
std::optional<std::string> percent_decode_strict(std::string_view s);

/// Terminal width: East Asian wide and fullwidth characters count two columns.
size_t display_width(std::string_view s);

std::string trim(std::string_view s);
/// Unicode NFKC, then surrounding white space trimmed: how keys compare.
std::string normalize_key(std::string_view s);
std::string to_nfc(std::string_view s);
bool is_nfc(std::string_view s);
/// Unicode full case folding, for case-insensitive name clashes.
std::string case_fold(std::string_view s);
std::string ascii_lower(std::string_view s);

}  // namespace creditgen
