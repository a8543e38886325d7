// YAML with positions: parsing a file (or a front-matter block) into
// yaml-cpp nodes, mapping marks back to 1-based line and code-point column of
// the whole file, and reading typed fields with diagnostics. YAML nodes never
// leave load/: loaders turn them into model structs here.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "base/text.h"

namespace creditgen::load {

class YamlFile {
 public:
  /// Parses `text` (decoded UTF-8, LF). `line_offset` is the number of lines
  /// in the file before `text` starts (front matter), so positions are of the
  /// whole file. A syntax error is reported as [yaml-syntax] and gives nullopt.
  static std::optional<YamlFile> parse(std::string text, SharedPath shown_path, int line_offset,
                                       Diagnostics& diags);

  const YAML::Node& root() const { return root_; }
  const std::string& path() const { return path_.str(); }
  /// Where a node starts in the file.
  Location at(const YAML::Node& node) const;
  Location at_mark(const YAML::Mark& mark) const;
  Location whole_file() const { return {path_, 1, 1}; }

 private:
  YamlFile() = default;
  std::string text_;
  SharedPath path_;  // shared by every Location in the file
  int line_offset_ = 0;
  std::vector<size_t> line_starts_;
  ColumnIndex columns_;
  YAML::Node root_;
};

/// The source text of a scalar (keys and ids are never reinterpreted: `01`
/// stays "01", dates stay strings).
inline std::string scalar_text(const YAML::Node& n) { return n.IsScalar() ? n.Scalar() : std::string(); }

/// A short Chinese description of what a node is, for messages ("列表", "映射", …).
std::string node_kind_zh(const YAML::Node& n);

/// Reads the fields of one YAML mapping. Every problem is reported with the
/// spec's code and marks the reader failed, so the caller can invalidate the
/// item. Duplicate keys are reported on construction; `finish()` reports the
/// keys nobody asked for as [unknown-field] warnings.
class MapReader {
 public:
  MapReader(const YamlFile& file, const YAML::Node& map, Diagnostics& diags);

  bool has(std::string_view key) const;
  /// The value node (first occurrence), or a null node.
  YAML::Node node(std::string_view key);
  /// Where the value of `key` starts, else where the mapping starts.
  Location at(std::string_view key) const;
  Location where() const { return file_.at(map_); }

  std::optional<std::string> text(std::string_view key, bool required);
  std::optional<Date> date(std::string_view key, bool required);
  std::optional<DateTime> date_time(std::string_view key, bool required);
  std::optional<long long> integer(std::string_view key, bool required, long long min, long long max);
  std::optional<double> number(std::string_view key, bool required, double min);
  /// Only `true` and `false` are booleans.
  std::optional<bool> boolean(std::string_view key, bool required);
  /// A sequence of scalars (a single scalar is accepted as a one-element list).
  std::optional<std::vector<std::string>> text_list(std::string_view key, bool required);
  /// One of `allowed`, reported with the list when it is not.
  std::optional<std::string> choice(std::string_view key, bool required, const std::vector<std::string>& allowed);

  /// Reports [missing-field] for `key` at the mapping (for "one of a or b" rules).
  void missing(std::string_view what_zh);
  /// Reports [bad-value] at `key`'s value and marks the reader failed.
  void bad_value(std::string_view key, std::string message);
  /// Over kMaxValueBytes: a [too-long] error, the reader failed.
  bool too_long(std::string_view key, const std::string& value);
  void finish();
  bool failed() const { return failed_; }
  void mark_failed() { failed_ = true; }

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  const Entry* find(std::string_view key) const;
  std::optional<std::string> scalar(std::string_view key, bool required);
  void report_missing(std::string_view key);

  const YamlFile& file_;
  YAML::Node map_;
  Diagnostics& diags_;
  std::vector<Entry> entries_;
  std::set<std::string, std::less<>> used_;
  bool failed_ = false;
};

/// Checks `node` is a mapping; reports [bad-value] otherwise.
bool expect_map(const YamlFile& file, const YAML::Node& node, std::string_view what_zh, Diagnostics& diags);

/// For `creditgen new`, deciding whether an append kept a file sound: with a
/// `key`, how many entries the list under it has in `text` (0 when the key is
/// missing or empty); without one, how many top-level keys. nullopt when the
/// text does not parse, is not a mapping, or `key` is not a list.
std::optional<size_t> count_entries(const std::string& text, std::string_view key);

/// Parses decimal numbers written in the source: "12", "-3.5", "1e3" (no hex, no inf/nan).
std::optional<double> parse_number(std::string_view text);
std::optional<long long> parse_integer(std::string_view text);

}  // namespace creditgen::load
