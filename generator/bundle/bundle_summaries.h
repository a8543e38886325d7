// What builds ask of each bundle in archive/, kept between builds so a build
// that changed nothing opens no zip: its bag-info.txt and the SHA-256 of its
// manifest and of its sealing lines, keyed by the zip's stat stamp, with what
// the zip was last found to match (seal.cc decides what those are). Part of
// the BundleCache the build store loads and saves. Thread-safe.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "base/file_stamp.h"

namespace creditgen::bundle {

/// The tags of one bundle that later steps need (read with one zip_open).
struct TagSummary {
  std::string bag_info;
  std::string manifest_hash;  ///< sha256 of manifest-sha256.txt
  std::string sealing_hash;   ///< sha256 of its lines that decide sealing (seal.h sealing_lines)
};

/// What a bundle, as it is now, was last found to match.
enum class MatchedBy {
  sealing_inputs,  ///< seal.cc sealing_inputs() of the content a sealed bundle matched
  sources,         ///< the cli's declared inputs of the bag (serialized, base/inputs.h)
  deflater,        ///< deflate_identity() of the program that wrote the zip
};

class BundleSummaries {
 public:
  BundleSummaries() = default;
  BundleSummaries(const BundleSummaries&) = delete;
  BundleSummaries& operator=(const BundleSummaries&) = delete;

  /// Replaces the summaries with those saved in `file` (missing or damaged → none).
  void load(const std::filesystem::path& file);
  /// Writes the summaries of the bundles looked at since load(), when any
  /// changed (a no-op build writes nothing). Atomic: temporary file, rename.
  bool save(const std::filesystem::path& file);
  void clear();

  /// The summary of `zip` when it is the file it was when summarized
  /// (`stamp` equal); marks it used.
  std::optional<TagSummary> find(const std::filesystem::path& zip, const FileStamp& stamp);
  /// Records the summary of `zip` as it is now (`stamp`). What the zip
  /// matched before is kept when it is the same zip with the same tags and
  /// only its ctime changed (the site hard-links every bundle into
  /// site/archive/, which changes the zip's ctime and nothing else); otherwise forgotten.
  void put(const std::filesystem::path& zip, const FileStamp& stamp, TagSummary summary);
  /// What `zip`, as it is now, was last found to match by `kind`; "" when not known.
  std::string matched(const std::filesystem::path& zip, MatchedBy kind);
  /// Records that `zip`, as it is now and summarized, matches `value` by `kind` ("" is ignored).
  void set_matched(const std::filesystem::path& zip, MatchedBy kind, const std::string& value);

 private:
  struct Entry {
    FileStamp stamp;
    TagSummary summary;
    std::string sealing_inputs, sources, deflater;  // MatchedBy; "" when not known
    bool used = false;  // looked at since load(): kept when saving
    std::string& matched(MatchedBy kind);
  };
  Entry* current(const std::filesystem::path& zip);  // with mutex_ held

  std::mutex mutex_;
  std::map<std::string, Entry> entries_;  // by absolute path
  bool dirty_ = false;
};

}  // namespace creditgen::bundle
