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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace creditgen::bundle
