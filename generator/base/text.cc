#include "base/text.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

#include "base/c_handle.h"

namespace creditgen {
namespace {

std::string normalize_lines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string from_unicode(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// GB18030 is a superset of GBK and GB2312. ICU's converter is used (Poco
// has no GB18030, only Windows-936) with the STOP callback, so an
// undecodable or truncated sequence is an error instead of a silent
// replacement character.
std::optional<std::string> decode_gb18030(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  CHandle<UConverter, &ucnv_close> conv(ucnv_open("GB18030", &status));
  if (U_FAILURE(status) || !conv) return std::nullopt;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::u16string units(bytes.size() + 1, u'\0');  // never more UTF-16 units than bytes
  int32_t n = ucnv_toUChars(conv.get(), reinterpret_cast<UChar*>(units.data()), static_cast<int32_t>(units.size()),
                            bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  units.resize(static_cast<size_t>(n));
  return from_unicode(icu::UnicodeString(reinterpret_cast<const UChar*>(units.data()), n));
}

const icu::Normalizer2* nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  return icu::Normalizer2::getNFKCInstance(status);
}

// Looked up once behind a C++ static: ICU's own lazy initialisation is
// thread-safe, but done here the happens-before is visible to ThreadSanitizer
// too (ICU is not instrumented), so months loaded in parallel raise no report.
const icu::Normalizer2* nfc() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFCInstance(status);
  }();
  return instance;
}

}  // namespace

bool starts_with_utf16_bom(std::string_view bytes) {
  if (bytes.size() < 2) return false;
  const unsigned char a = static_cast<unsigned char>(bytes[0]), b = static_cast<unsigned char>(bytes[1]);
  return (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF);
}

namespace {

// UTF-16 after its byte order mark, to UTF-8; nullopt on an odd length, a
// lone surrogate or a NUL (no text file holds one).
std::optional<std::string> utf16_to_utf8(std::string_view bytes) {
  const bool little = static_cast<unsigned char>(bytes[0]) == 0xFF;
  bytes.remove_prefix(2);
  if (bytes.size() % 2) return std::nullopt;
  auto unit = [&](size_t i) {
    const unsigned lo = static_cast<unsigned char>(bytes[i + (little ? 0 : 1)]);
    const unsigned hi = static_cast<unsigned char>(bytes[i + (little ? 1 : 0)]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  for (size_t i = 0; i < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp == 0) return std::nullopt;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 2 >= bytes.size()) return std::nullopt;
      const char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return std::nullopt;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return std::nullopt;
    }
    out += to_utf8(cp);
  }
  return out;
}

}  // namespace

std::optional<DecodedText> decode_text(std::string_view bytes) {
  DecodedText result;
  if (starts_with_utf16_bom(bytes)) {
    auto utf8 = utf16_to_utf8(bytes);
    if (!utf8) return std::nullopt;
    result.text = normalize_lines(*utf8);
    result.encoding = SourceEncoding::utf16;
    return result;
  }
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
      static_cast<unsigned char>(bytes[1]) == 0xBB && static_cast<unsigned char>(bytes[2]) == 0xBF) {
    bytes.remove_prefix(3);
    result.encoding = SourceEncoding::utf8_bom;
  }
  if (is_valid_utf8(bytes)) {
    result.text = normalize_lines(bytes);
    return result;
  }
  if (result.encoding == SourceEncoding::utf8_bom) return std::nullopt;
  auto decoded = decode_gb18030(bytes);
  if (!decoded) return std::nullopt;
  result.text = normalize_lines(*decoded);
  result.encoding = SourceEncoding::gb18030;
  return result;
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned c = *p;
    int n;
    char32_t cp;
    if (c < 0x80) { ++p; continue; }
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (end - p < n + 1) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
  }
  return true;
}

std::vector<char32_t> to_code_points(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned c = *p;
    int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    ++p;
    for (int i = 0; i < n && p < end; ++i, ++p) cp = (cp << 6) | (*p & 0x3F);
    out.push_back(cp);
  }
  return out;
}

size_t code_point_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string to_utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

int column_of_byte(std::string_view line, size_t byte_offset) {
  if (byte_offset > line.size()) byte_offset = line.size();
  return static_cast<int>(code_point_count(line.substr(0, byte_offset))) + 1;
}

namespace {
constexpr size_t kColumnStride = 256;
// Every byte that is not a UTF-8 continuation byte starts a code point.
size_t lead_bytes(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

ColumnIndex::ColumnIndex(std::string_view text) {
  checkpoints_.reserve(text.size() / kColumnStride + 1);
  for (size_t at = 0; at < text.size(); at += kColumnStride) {
    checkpoints_.push_back(total_);
    total_ += static_cast<uint32_t>(lead_bytes(text.substr(at, kColumnStride)));
  }
}

size_t ColumnIndex::code_points_before(std::string_view text, size_t byte) const {
  if (byte > text.size()) byte = text.size();
  const size_t k = byte / kColumnStride;
  if (k >= checkpoints_.size()) return total_;  // the very end of the text
  return checkpoints_[k] + lead_bytes(text.substr(k * kColumnStride, byte - k * kColumnStride));
}

int ColumnIndex::column(std::string_view text, size_t line_start, size_t byte) const {
  if (byte < line_start) byte = line_start;
  return static_cast<int>(code_points_before(text, byte) - code_points_before(text, line_start)) + 1;
}

size_t display_width(std::string_view s) {
  size_t width = 0;
  for (char32_t cp : to_code_points(s)) {
    int ea = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH);
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

std::string trim(std::string_view s) {
  // ASCII white space plus the ideographic space U+3000 units often type.
  auto is_space_at = [&](size_t i, size_t& len) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { len = 1; return true; }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) { len = 3; return true; }
    return false;
  };
  size_t b = 0, len = 0;
  while (b < s.size() && is_space_at(b, len)) b += len;
  size_t e = s.size();
  while (e > b) {
    if (e >= 3 && e - 3 >= b && is_space_at(e - 3, len) && len == 3) { e -= 3; continue; }
    if (is_space_at(e - 1, len) && len == 1) { e -= 1; continue; }
    break;
  }
  return std::string(s.substr(b, e - b));
}

std::string normalize_key(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  auto normalized = nfkc()->normalize(u, status);
  if (U_FAILURE(status)) return trim(s);
  return trim(from_unicode(normalized));
}

std::string to_nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  auto normalized = nfc()->normalize(u, status);
  return U_FAILURE(status) ? std::string(s) : from_unicode(normalized);
}

bool is_nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  bool result = nfc()->isNormalized(u, status);
  return U_SUCCESS(status) && result;
}

std::string case_fold(std::string_view s) {
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.foldCase();
  return from_unicode(u);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes every valid escape; `malformed` is told whether any '%' did not start one.
std::string decode_escapes(std::string_view s, bool& malformed) {
  std::string out;
  out.reserve(s.size());
  malformed = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
    } else if (i + 2 < s.size() && hex_digit_value(s[i + 1]) >= 0 && hex_digit_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit_value(s[i + 1]) * 16 + hex_digit_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
      malformed = true;
    }
  }
  return out;
}

}  // namespace

std::string percent_decode(std::string_view s) {
  if (s.find('%') == std::string_view::npos) return std::string(s);
  bool malformed = false;
  std::string out = decode_escapes(s, malformed);
  return is_valid_utf8(out) ? out : std::string(s);
}

std::optional<std::string> percent_decode_strict(std::string_view s) {
  bool malformed = false;
  std::string out = decode_escapes(s, malformed);
  if (malformed) return std::nullopt;
  return out;
}

}  // namespace creditgen
