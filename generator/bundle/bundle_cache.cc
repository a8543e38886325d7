#include "bundle/bundle_cache.h"

namespace creditgen::bundle {

std::optional<DeflatedText::Packed> DeflatedText::find(const std::string& file, const FileStamp& stamp) {
  const auto aside = digests_.set_aside(file, stamp);
  if (!aside) return std::nullopt;
  return Packed{{aside->offset, aside->size}, aside->crc};
}

bool DeflatedText::keep(const std::string& file, const FileStamp& stamp, std::string_view deflated, uint32_t crc) {
  if (stamp.recent() || deflated.size() > UINT32_MAX) return false;
  if (digests_.set_aside(file, stamp)) return true;
  const auto where = spool_.put(deflated, kBudget);
  // A second keeper of the same file loses nothing: the first record stays.
  return where && digests_.set_aside(file, stamp, {where->offset, static_cast<uint32_t>(where->size), crc});
}

void DeflatedText::clear() { digests_.forget_set_aside(); }

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
