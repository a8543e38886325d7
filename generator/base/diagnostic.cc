#include "base/diagnostic.h"

#include <atomic>
#include <cstdio>

#include "base/text.h"

#include "base/json.h"

#include <ostream>

#include <algorithm>
#include <tuple>

namespace creditgen {

struct SharedPath::Text {
  std::atomic<size_t> holders{1};
  const std::string path;
};

SharedPath::SharedPath(std::string path) : text_(path.empty() ? nullptr : new Text{1, std::move(path)}) {}

void SharedPath::retain() const noexcept {
  if (text_) text_->holders.fetch_add(1, std::memory_order_relaxed);
}

void SharedPath::release() noexcept {
  if (text_ && text_->holders.fetch_sub(1, std::memory_order_acq_rel) == 1) delete text_;
  text_ = nullptr;
}

const std::string& SharedPath::str() const {
  static const std::string empty;
  return text_ ? text_->path : empty;
}

std::ostream& operator<<(std::ostream& os, const SharedPath& path) { return os << path.str(); }

std::ostream& operator<<(std::ostream& os, Severity s) { return os << (s == Severity::error ? "error" : "warning"); }

namespace {

// Text from content (file names, values quoted in messages) as it may go to
// a terminal: control characters (a newline would forge a second
// diagnostic line, an escape sequence would drive the terminal), the Unicode
// controls that reorder or hide text, and bytes that are not UTF-8 are
// written as \xNN or \u{NNNN}.
std::string printable(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size() || !is_valid_utf8(s.substr(i, n))) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
      ++i;
      continue;
    }
    const auto cps = to_code_points(s.substr(i, n));
    const char32_t cp = cps.empty() ? 0 : cps.front();
    const bool control = cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x200e || cp == 0x200f ||
                         (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    if (control && cp < 0x80) {
      out += "\\x";
      out += hex[cp >> 4];
      out += hex[cp & 15];
    } else if (control) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04x}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = printable(d.where.file);
  out += ':' + std::to_string(d.where.line) + ':' + std::to_string(d.where.column) + ": ";
  out += d.severity == Severity::error ? "error: " : "warning: ";
  out += printable(d.message);
  out += " [" + d.code + "]";
  return out;
}

static void append_json_string(std::string& out, std::string_view s) { out += json_quoted(s); }

std::string diagnostics_json(const std::vector<Diagnostic>& diags) {
  std::string out = "{\"diagnostics\":[";
  bool first = true;
  for (const auto& d : diags) {
    out += first ? "\n  {" : ",\n  {";
    first = false;
    out += "\"file\":";
    append_json_string(out, d.where.file);
    out += ",\"line\":" + std::to_string(d.where.line);
    out += ",\"column\":" + std::to_string(d.where.column);
    out += ",\"severity\":";
    append_json_string(out, d.severity == Severity::error ? "error" : "warning");
    out += ",\"code\":";
    append_json_string(out, d.code);
    out += ",\"message\":";
    append_json_string(out, d.message);
    out += '}';
  }
  out += first ? "]}\n" : "\n]}\n";
  return out;
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.where.file, a.where.line, a.where.column, a.code, a.message) <
         std::tie(b.where.file, b.where.line, b.where.column, b.code, b.message);
}

Diagnostics::Diagnostics(const Diagnostics& other) : items_(other.all()) {}

Diagnostics& Diagnostics::operator=(const Diagnostics& other) {
  if (this != &other) {
    auto copy = other.all();
    std::lock_guard lock(mutex_);
    items_ = std::move(copy);
  }
  return *this;
}

void Diagnostics::add(Diagnostic d) {
  std::lock_guard lock(mutex_);
  items_.push_back(std::move(d));
}

void Diagnostics::error(Location where, std::string code, std::string message) {
  add({std::move(where), Severity::error, std::move(code), std::move(message)});
}

void Diagnostics::warning(Location where, std::string code, std::string message) {
  add({std::move(where), Severity::warning, std::move(code), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  for (auto& d : other.all()) add(std::move(d));
}

bool Diagnostics::has_errors() const { return count(Severity::error) > 0; }
bool Diagnostics::has_warnings() const { return count(Severity::warning) > 0; }

size_t Diagnostics::size() const {
  std::lock_guard lock(mutex_);
  return items_.size();
}

size_t Diagnostics::count(Severity s) const {
  std::lock_guard lock(mutex_);
  return std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; });
}

std::vector<Diagnostic> Diagnostics::all() const {
  std::lock_guard lock(mutex_);
  return items_;
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  auto out = all();
  std::stable_sort(out.begin(), out.end(), diagnostic_less);
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return a.where == b.where && a.code == b.code && a.message == b.message && a.severity == b.severity;
  };
  out.erase(std::unique(out.begin(), out.end(), same), out.end());
  return out;
}

}  // namespace creditgen
