#include "bundle/bundle_cache.h"

namespace creditgen::bundle {

std::optional<DeflatedText::Packed> DeflatedText::find(const std::string& file, const FileStamp& stamp) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(file);
  if (it == entries_.end() || !(it->second.first == stamp)) return std::nullopt;
  return it->second.second;
}

bool DeflatedText::keep(const std::string& file, const FileStamp& stamp, std::string_view deflated, uint32_t crc) {
  if (stamp.recent()) return false;
  {
    std::lock_guard lock(mutex_);
    if (entries_.count(file)) return true;
  }
  const auto where = spool_.put(deflated, kBudget);
  if (!where) return false;
  std::lock_guard lock(mutex_);
  entries_.emplace(file, std::make_pair(stamp, Packed{*where, crc}));  // a second keeper of the same file loses nothing
  return true;
}

void DeflatedText::clear() {
  std::lock_guard lock(mutex_);
  entries_ = {};
}

std::filesystem::path BundleCache::default_spool_folder() {
  std::error_code ec;
  auto folder = std::filesystem::temp_directory_path(ec);
  return ec ? std::filesystem::path("/tmp") : folder;
}

std::optional<DigestSet> BundleCache::file_digests(const std::string& file) {
  const auto stamp = digests.stamp(file);
  if (!stamp) return std::nullopt;
  if (auto known = digests.find(file, *stamp)) return known;
  auto computed = digest_file(file);
  if (computed && computed->size == stamp->size) digests.store(file, *stamp, *computed);
  return computed;
}

std::optional<std::string> BundleCache::file_sha256(const std::filesystem::path& file, bool ours) {
  const auto stamp = FileStamp::of(file);
  if (!stamp) return std::nullopt;
  if (auto known = digests.find(file, *stamp, false)) return known->hex(DigestKind::sha256);
  const auto sha = sha256_file(file);
  if (!sha) return std::nullopt;
  DigestSet only_sha256;
  only_sha256.set_hex(DigestKind::sha256, *sha);
  only_sha256.size = stamp->size;
  digests.store(file, *stamp, only_sha256, ours);
  return sha;
}

void BundleCache::forget_bundling() {
  digests.clear();
  deflated.clear();
  spool.clear();
}

}  // namespace creditgen::bundle
