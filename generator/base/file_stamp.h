// What identifies one version of a file without reading it: size,
// modification and change times in nanoseconds, inode. Caches key on it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace creditgen {

struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
  uint64_t inode = 0;
  bool operator==(const FileStamp&) const = default;
  /// nullopt when the file cannot be stat'ed or is not a regular file.
  static std::optional<FileStamp> of(const std::string& file);
  /// The same for the entry itself, not following a symbolic link (a link
  /// gives nullopt): what a loader that never reads through links may trust.
  static std::optional<FileStamp> of_entry(const std::string& file);
  /// True when the file changed less than two seconds ago: it may change
  /// again within the file system's timestamp granularity without its stamp
  /// changing (git's "racy" case), so a cache must not trust it yet.
  bool recent() const;
  /// The stamp in eight bytes, never 0: for a value that remembers which
  /// version of a file a finding holds for (model::ContentFile::format_confirmed).
  uint64_t digest() const;
};

/// The stamp of the running program's own file (/proc/self/exe): a new
/// build of creditgen may render or compress the same inputs differently,
/// so caches of its outputs are keyed by it. nullopt when unknown.
std::optional<FileStamp> running_program_stamp();

/// How the build caches write a stamp: "<size> <mtime_ns> <ctime_ns> <inode>"
/// (stamp_text); parse_stamp reads exactly that back (nullopt for anything else).
std::string stamp_text(const FileStamp& stamp);
std::optional<FileStamp> parse_stamp(std::string_view text);
std::ostream& operator<<(std::ostream& out, const FileStamp& stamp);
std::istream& operator>>(std::istream& in, FileStamp& stamp);

}  // namespace creditgen
