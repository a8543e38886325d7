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
#include "bundle/spool.h"

namespace creditgen::bundle {

/// Earlier months' text files go into every later month's bag (outputs.md:
/// the files the scores read), so one build deflates the same .md and .yaml
/// files many times over. Their deflated bytes are set aside in the build's
/// Spool (on disk, not in memory) for the rest of the build, and copied into
/// each later bag. Where they are is kept in the file's DigestCache entry
/// (by path and stamp): half a million paths at 10,000 units are not kept
/// twice. Thread-safe.
class DeflatedText {
 public:
  struct Packed {
    Spool::Ref where;
    uint32_t crc = 0;
  };
  DeflatedText(Spool& spool, DigestCache& digests) : spool_(spool), digests_(digests) {}
  DeflatedText(const DeflatedText&) = delete;
  DeflatedText& operator=(const DeflatedText&) = delete;

  std::optional<Packed> find(const std::string& file, const FileStamp& stamp);
  /// The deflated bytes `packed` stands for, into `out`; false on a read error.
  bool read(const Packed& packed, std::string& out) const { return spool_.get(packed.where, out); }
  /// Keeps the deflated bytes of `file` as it is now (`stamp`); the caller
  /// makes sure its digests are in the DigestCache. False when over the
  /// budget, when the spool cannot take them, when the file changed
  /// moments ago (FileStamp::recent), or when the DigestCache has no entry
  /// for that version.
  bool keep(const std::string& file, const FileStamp& stamp, std::string_view deflated, uint32_t crc);
  void clear();

 private:
  // Disk, not memory: a province's twelve months of text deflate to a few
  // hundred megabytes; the budget only bounds the temporary file.
  static constexpr uint64_t kBudget = 4ull << 30;
  Spool& spool_;
  DigestCache& digests_;
};

struct BundleCache {
  /// `spool_folder`: where the build's temporary file of set-aside bytes is
  /// made (the build store's folder; by default the system's temporary folder).
  explicit BundleCache(const std::filesystem::path& spool_folder = default_spool_folder())
      : spool(spool_folder), deflated(spool, digests) {}
  static std::filesystem::path default_spool_folder();

  /// Kept between builds (the store's digests.txt); also each file's stamp
  /// as this build first found it (DigestCache::stamp).
  DigestCache digests;
  BundleSummaries summaries;  ///< kept between builds (the store's bundles.txt)
  /// This build only: bytes set aside on disk (deflated text); each report
  /// has a spool of its own beside it, in `spool.folder()`.
  Spool spool;
  DeflatedText deflated;      ///< this build only; its bytes are in `spool`

  /// The digests of `file` as this build first stat'ed it (digests.stamp()),
  /// hashing it only when they are not known; nullopt when it cannot be read.
  std::optional<DigestSet> file_digests(const std::string& file);
  /// SHA-256 of a file that may change during the build (a bundle zip:
  /// stat'ed afresh), hashed only when not known. `ours`: a bundle this
  /// process just wrote, remembered at once although it is new.
  std::optional<std::string> file_sha256(const std::filesystem::path& file, bool ours = false);
  /// After every month is bundled, nothing hashes a file again: the digests
  /// (saved first), the deflated text, the spool and the stamps are let go.
  void forget_bundling();
};

}  // namespace creditgen::bundle
