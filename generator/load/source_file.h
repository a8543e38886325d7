// Reading submitted files safely: never through a symbolic link, never a
// device, FIFO or socket; decoded to UTF-8 with the [encoding] rules.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_stamp.h"

namespace creditgen::load {

/// What kind of directory entry a path is, without following links.
enum class EntryType { missing, regular, directory, symlink, special };

struct DirEntry {
  std::string name;
  EntryType type;
};

/// Where content is read from: the content folder on disk, or the
/// data/content/ of an evidence bundle (bundle/bag_tree.h), so that a
/// published month is loaded from what was published and an auditor's
/// `verify` re-derives the scores from the bundle alone. Paths are the
/// loader's own (root / relative path); the tree decides what they are.
class SourceTree {
 public:
  virtual ~SourceTree() = default;
  /// What `p` is, without following links.
  virtual EntryType type(const std::filesystem::path& p) const = 0;
  /// A folder's entries, in no particular order; `ec` set when unreadable.
  virtual std::vector<DirEntry> list(const std::filesystem::path& dir, std::error_code& ec) const = 0;
  /// A regular file's bytes; nullopt when it is not one or cannot be read.
  virtual std::optional<std::string> read(const std::filesystem::path& p) const = 0;
  /// A regular file's size in bytes; nullopt when it is not one.
  virtual std::optional<unsigned long long> size(const std::filesystem::path& p) const = 0;
  /// Which version of a regular file this is, where the tree can say (the
  /// disk can; a tree held in memory cannot: nullopt).
  virtual std::optional<FileStamp> stamp(const std::filesystem::path&) const { return std::nullopt; }
  /// Up to `length` bytes of a regular file from `offset` (fewer at its end),
  /// so a large file's start and end can be looked at without reading it all.
  virtual std::optional<std::string> read_part(const std::filesystem::path& p, unsigned long long offset,
                                               size_t length) const {
    auto all = read(p);
    if (!all) return std::nullopt;
    return offset >= all->size() ? std::string() : all->substr(static_cast<size_t>(offset), length);
  }
  /// A regular file's first `head` bytes and, when `tail` is not 0, its last
  /// `tail` bytes (they may overlap); nullopt when it cannot be read.
  struct Ends {
    std::string head, tail;
  };
  virtual std::optional<Ends> read_ends(const std::filesystem::path& p, size_t head, size_t tail) const {
    auto first = read_part(p, 0, head);
    if (!first) return std::nullopt;
    if (tail == 0) return Ends{std::move(*first), {}};
    const auto whole = size(p);
    if (!whole) return std::nullopt;
    auto last = read_part(p, *whole > tail ? *whole - tail : 0, tail);
    if (!last) return std::nullopt;
    return Ends{std::move(*first), std::move(*last)};
  }
};

/// The file system, read safely (the functions below). Holds no state.
const SourceTree& disk_tree();
EntryType entry_type(const std::filesystem::path& p);
/// The same for an entry met while listing a folder: the type the listing
/// reported (d_type) is used when there is one, so a listing costs no
/// system call per entry; otherwise lstat() as above.
EntryType entry_type(const std::filesystem::directory_entry& e);

/// Reads a regular file's bytes (O_NOFOLLOW). nullopt when it cannot be read.
std::optional<std::string> read_bytes(const std::filesystem::path& p);
/// Reads up to `length` bytes from `offset` of a regular file, the same way.
std::optional<std::string> read_bytes_part(const std::string& p, unsigned long long offset, size_t length);
/// A regular file's first `head` and last `tail` bytes (SourceTree::read_ends)
/// through one descriptor, the same way.
std::optional<SourceTree::Ends> read_bytes_ends(const std::string& p, size_t head, size_t tail);

/// Reads and decodes a text file: UTF-8 (BOM, CRLF accepted) as is, GB18030
/// with a warning [encoding], anything else an error [encoding] → nullopt.
/// `shown` is the path used in diagnostics.
std::optional<std::string> read_text_file(const std::filesystem::path& p, const std::string& shown,
                                          Diagnostics& diags);
/// The same, from `tree`.
std::optional<std::string> read_text_file(const SourceTree& tree, const std::filesystem::path& p,
                                          const std::string& shown, Diagnostics& diags);

/// A folder's entries, in no particular order. More than kMaxFolderEntries
/// is a [too-many-files] error at `shown` and gives none; an unreadable
/// folder gives none and sets `ec`.
std::vector<DirEntry> list_folder(const SourceTree& tree, const std::filesystem::path& dir, const std::string& shown,
                                  Diagnostics& diags, std::error_code& ec);

/// The shown path of a file: `shown_root` joined with the relative path, '/'-separated.
std::string shown_path(const std::string& shown_root, const std::string& relative);

}  // namespace creditgen::load
