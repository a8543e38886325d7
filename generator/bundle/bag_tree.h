// An evidence bundle's data/content/ as a tree the loader can read, straight
// from the zip: nothing is unpacked. Earlier months' attachments, which the
// bag lists in tags/earlier-files.txt instead of holding, appear as files
// with their size that cannot be read. This is how a published month is
// loaded as it was published and how `verify` re-derives a bundle's scores.
#pragma once

#include <zip.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/c_handle.h"
#include "load/source_file.h"

namespace creditgen::bundle {

class BagTree final : public load::SourceTree {
 public:
  /// Opens `zip` read-only and indexes its bag. nullptr with `error` set
  /// (Chinese) when it is not a readable bag.
  static std::unique_ptr<BagTree> open(const std::filesystem::path& zip, std::string& error);

  /// Where data/content/ appears to the loader (a path that is never on disk).
  static std::filesystem::path content_root() { return "/creditgen-bag/content"; }
  /// The bag's root folder in the zip, "<slug>-<YYYY-MM>".
  const std::string& bag_root() const { return root_; }
  /// Any entry below the bag's root folder ("bag-info.txt", "data/scores.json").
  std::optional<std::string> read_entry(const std::string& below_root) const;

  load::EntryType type(const std::filesystem::path& p) const override;
  std::vector<load::DirEntry> list(const std::filesystem::path& dir, std::error_code& ec) const override;
  std::optional<std::string> read(const std::filesystem::path& p) const override;
  std::optional<unsigned long long> size(const std::filesystem::path& p) const override;

 private:
  BagTree() = default;
  struct File {
    zip_int64_t index = -1;  ///< -1: listed in tags/earlier-files.txt only
    unsigned long long size = 0;
  };
  /// `p` below content_root(), '/'-separated ("" for the root); nullopt outside it.
  static std::optional<std::string> relative(const std::filesystem::path& p);
  std::optional<std::string> read_index(zip_int64_t index, unsigned long long size) const;

  CHandle<zip_t, &zip_discard> zip_;
  std::string root_;
  std::map<std::string, File> files_;                           ///< below data/content/
  std::map<std::string, std::vector<load::DirEntry>> folders_;  ///< folder → its entries
  mutable std::mutex read_mutex_;                               ///< libzip reads one entry at a time
};

}  // namespace creditgen::bundle
