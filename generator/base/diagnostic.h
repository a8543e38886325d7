// Diagnostics are values: every stage appends them to a Diagnostics sink and
// carries on; only cli/ prints them, once, sorted.
#pragma once

#include <compare>
#include <iosfwd>
#include <utility>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace creditgen {

/// A file's path as shown to the user, one copy shared by every Location in
/// that file: a province's loaded content holds millions of locations (each
/// item, attachment, figure and review decision has one) in a million files,
/// and a copy of the path in each was a tenth of its memory. Immutable.
class SharedPath {
 public:
  SharedPath() noexcept = default;
  SharedPath(std::string path);
  SharedPath(const char* path) : SharedPath(std::string(path)) {}
  SharedPath(const SharedPath& other) noexcept : text_(other.text_) { retain(); }
  SharedPath(SharedPath&& other) noexcept : text_(std::exchange(other.text_, nullptr)) {}
  SharedPath& operator=(SharedPath other) noexcept {
    std::swap(text_, other.text_);
    return *this;
  }
  ~SharedPath() { release(); }

  const std::string& str() const;
  operator const std::string&() const { return str(); }
  operator std::string_view() const { return str(); }
  bool empty() const { return text_ == nullptr; }
  bool starts_with(std::string_view prefix) const { return str().starts_with(prefix); }

  friend bool operator==(const SharedPath& a, const SharedPath& b) { return a.text_ == b.text_ || a.str() == b.str(); }
  friend bool operator==(const SharedPath& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const SharedPath& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const SharedPath& a, const char* b) { return a.str() == b; }
  friend std::strong_ordering operator<=>(const SharedPath& a, const SharedPath& b) { return a.str() <=> b.str(); }

 private:
  struct Text;  // the path and how many SharedPaths hold it
  void retain() const noexcept;
  void release() noexcept;
  Text* text_ = nullptr;  // null: the empty path
};
std::ostream& operator<<(std::ostream& os, const SharedPath& path);

/// A place in the content tree. `file` is the path as shown to the user
/// (`--content` joined with the path below it); line and column are 1-based,
/// the column counted in Unicode code points (a BOM not included).
struct Location {
  SharedPath file;
  int line = 1;
  int column = 1;

  auto operator<=>(const Location&) const = default;
};

enum class Severity { warning, error };
/// "warning" / "error" (so tests can print a Severity).
std::ostream& operator<<(std::ostream& os, Severity s);

struct Diagnostic {
  Location where;
  Severity severity = Severity::error;
  std::string code;     ///< stable English code, e.g. "bad-value"
  std::string message;  ///< Chinese text: what is wrong and what is expected

  bool operator==(const Diagnostic&) const = default;
};

/// `path:line:col: error|warning: 中文说明 [code]`
std::string format_diagnostic(const Diagnostic& d);

/// Diagnostics as JSON: {"diagnostics":[{"file","line","column","severity","code","message"}]}
std::string diagnostics_json(const std::vector<Diagnostic>& diags);

/// The sort order of outputs.md: path (UTF-8 bytes), line, column, code, message.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);

/// Collects diagnostics from any stage. Thread-safe to append to, so pages
/// rendered in parallel may report into one sink.
class Diagnostics {
 public:
  Diagnostics() = default;
  Diagnostics(const Diagnostics& other);
  Diagnostics& operator=(const Diagnostics& other);

  void add(Diagnostic d);
  void error(Location where, std::string code, std::string message);
  void warning(Location where, std::string code, std::string message);
  void append(const Diagnostics& other);

  bool has_errors() const;
  bool has_warnings() const;
  size_t size() const;
  bool empty() const { return size() == 0; }
  size_t count(Severity s) const;

  /// A sorted, deduplicated copy.
  std::vector<Diagnostic> sorted() const;
  /// Unsorted snapshot, in the order added.
  std::vector<Diagnostic> all() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
};

}  // namespace creditgen
