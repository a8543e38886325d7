// Remembers the digests of files between builds, keyed by what stat() says
// about them (size, modification and change times in nanoseconds, inode), so
// a rebuild hashes only evidence that changed. Part of the BundleCache the
// build store loads and saves (bundle/bundle_cache.h). Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/file_stamp.h"
#include "bundle/digest.h"

namespace creditgen::bundle {

using creditgen::FileStamp;

class DigestCache {
 public:
  DigestCache();
  ~DigestCache();
  DigestCache(const DigestCache&) = delete;
  DigestCache& operator=(const DigestCache&) = delete;

  /// Replaces the entries with those saved in `file` (a missing or damaged file → empty).
  void load(const std::filesystem::path& file);
  /// Writes the entries used or added since load() (atomically: temporary file, rename).
  bool save(const std::filesystem::path& file) const;
  void clear();

  /// The digests of `file` as it is now, if known. `need_all` false accepts
  /// an entry with only sha256 (bundle zips are hashed with sha256 alone).
  std::optional<DigestSet> find(const std::string& file, const FileStamp& stamp, bool need_all = true) const;
  /// Remembers digests. Files modified in the last two seconds are skipped
  /// unless `ours` (a file this process just wrote and renamed into place).
  void store(const std::string& file, const FileStamp& stamp, const DigestSet& digests, bool ours = false);

  /// The stamp of `file` as this build first found it: stat'ed once per
  /// build, however many bags list it (an earlier month's text file is in
  /// every later month's bag). nullopt when it is not a regular file. Kept
  /// under the file's own entry, beside its digests (which are let go when
  /// they are of another version), so a province's million files are
  /// remembered once, not in a second table.
  std::optional<FileStamp> stamp(const std::string& file);
  /// The next stamp() of each file looks at it again (publish: the bag is
  /// made of the files as they are now).
  void forget_stamps();

  /// Whether a bag's format check found `file`, as it is at `stamp`, to be
  /// what its name says, earlier in this build (not saved): an earlier
  /// month's text file is described in every later month's bag, and is not
  /// read again for each. Only a file the cache has an entry for (digested,
  /// or stamped by stamp()) can be marked, and only for that version.
  bool format_confirmed(const std::string& file, const FileStamp& stamp) const;
  void confirm_format(const std::string& file, const FileStamp& stamp);

  /// Where this build set aside the deflated bytes of a file (bundle_cache.h
  /// DeflatedText: a spool's offset and size, and the CRC of the bytes).
  /// Kept in the file's entry, beside its stamp and digests, not in a table
  /// of its own keyed by the same path again; not saved.
  struct SetAside {
    uint64_t offset = 0;
    uint32_t size = 0;
    uint32_t crc = 0;
  };
  std::optional<SetAside> set_aside(const std::string& file, const FileStamp& stamp) const;
  /// Records `where` for `file` as it is at `stamp`; false when the cache has
  /// no entry for that version (stamp() or store() made none) and the first
  /// record stays when there is one (true).
  bool set_aside(const std::string& file, const FileStamp& stamp, SetAside where);
  /// Forgets every set_aside() (the spool they are in is let go).
  void forget_set_aside();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace creditgen::bundle
