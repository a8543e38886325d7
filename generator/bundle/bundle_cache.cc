#include "bundle/bundle_cache.h"

namespace creditgen::bundle {

std::optional<DeflatedText::Packed> DeflatedText::find(const std::string& file, const FileStamp& stamp) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(file);
  if (it == entries_.end() || !(it->second.first == stamp)) return std::nullopt;
  return it->second.second;
}

bool DeflatedText::keep(const std::string& file, const FileStamp& stamp, Packed packed) {
  if (stamp.recent() || !packed.bytes) return false;
  std::lock_guard lock(mutex_);
  if (held_ + packed.bytes->size() > kBudget) return false;
  if (entries_.count(file)) return true;
  held_ += packed.bytes->size();
  entries_.emplace(file, std::make_pair(stamp, std::move(packed)));
  return true;
}

void DeflatedText::clear() {
  std::lock_guard lock(mutex_);
  entries_ = {};
  held_ = 0;
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
}

}  // namespace creditgen::bundle
