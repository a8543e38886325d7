// Everything the bundle stage remembers, within one build and between builds:
// file digests and bundle summaries (kept in the build store, cli/build_store.h),
// and, for one build only, the deflated text of earlier months and one stat
// per file (kept with the file's digests). The cli owns one BundleCache per build and passes it down;
// nothing in bundle/ keeps state of its own, so two builds in one process
// (serve, tests) never share a memo by accident. A function given a fresh
// BundleCache simply computes everything.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/file_stamp.h"
#include "bundle/bundle_summaries.h"
#include "bundle/digest.h"
#include "bundle/digest_cache.h"

namespace creditgen::bundle {

/// Earlier months' text files go into every later month's bag (outputs.md:
/// the files the scores read), so one build deflates the same .md and .yaml
/// files many times over. Their deflated bytes are kept for the rest of the
/// build, up to a fixed budget, keyed by path and stamp. Thread-safe.
class DeflatedText {
 public:
  struct Packed {
    std::shared_ptr<const std::string> bytes;
    uint32_t crc = 0;
  };
  DeflatedText() = default;
  DeflatedText(const DeflatedText&) = delete;
  DeflatedText& operator=(const DeflatedText&) = delete;

  std::optional<Packed> find(const std::string& file, const FileStamp& stamp);
  /// Keeps the deflated bytes of `file` as it is now (`stamp`); the caller
  /// makes sure its digests are in the DigestCache. False when over the
  /// budget or the file changed moments ago (FileStamp::recent).
  bool keep(const std::string& file, const FileStamp& stamp, Packed packed);
  void clear();

 private:
  static constexpr size_t kBudget = 96u << 20;
  std::mutex mutex_;
  std::unordered_map<std::string, std::pair<FileStamp, Packed>> entries_;
  size_t held_ = 0;
};

struct BundleCache {
  /// Kept between builds (the store's digests.txt); also each file's stamp
  /// as this build first found it (DigestCache::stamp).
  DigestCache digests;
  BundleSummaries summaries;  ///< kept between builds (the store's bundles.txt)
  DeflatedText deflated;      ///< this build only

  /// The digests of `file` as this build first stat'ed it (digests.stamp()),
  /// hashing it only when they are not known; nullopt when it cannot be read.
  std::optional<DigestSet> file_digests(const std::string& file);
  /// SHA-256 of a file that may change during the build (a bundle zip:
  /// stat'ed afresh), hashed only when not known. `ours`: a bundle this
  /// process just wrote, remembered at once although it is new.
  std::optional<std::string> file_sha256(const std::filesystem::path& file, bool ours = false);
  /// After every month is bundled, nothing hashes a file again: the digests
  /// (saved first), the deflated text and the stamps are let go.
  void forget_bundling();
};

}  // namespace creditgen::bundle
