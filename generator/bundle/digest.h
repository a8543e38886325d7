// sha256, sha512 and SM3 (GB/T 32905) through OpenSSL's EVP interface, fed
// from one pass over the bytes so large evidence files are read once per digest set.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace creditgen::bundle {

enum class DigestKind { sha256, sha512, sm3 };

/// One running digest; RAII around EVP_MD_CTX.
class Digest {
 public:
  explicit Digest(DigestKind kind);
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;
  Digest(Digest&&) noexcept;
  Digest& operator=(Digest&&) noexcept;

  void update(const void* data, size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }
  /// Lower-case hex; the digest cannot be updated afterwards.
  std::string hex_final();
  /// The raw digest into `out` (room for its size: 32 or 64 bytes); returns
  /// its size. The digest cannot be updated afterwards.
  size_t final_bytes(unsigned char* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The three digests every payload file gets, as bytes: a late bag lists a
/// hundred thousand entries, and three hex strings each would cost three
/// allocations and twice the memory. hex() spells one out when it is written.
struct DigestSet {
  std::array<unsigned char, 32> sha256{};
  std::array<unsigned char, 64> sha512{};
  std::array<unsigned char, 32> sm3{};
  /// Which digests are filled in (a bundle zip is hashed with sha256 alone).
  bool has_sha256 = false;
  bool has_sha512 = false;
  bool has_sm3 = false;
  unsigned long long size = 0;

  bool has(DigestKind kind) const;
  bool complete() const { return has_sha256 && has_sha512 && has_sm3; }
  /// Lower-case hex; "" when that digest is not filled in.
  std::string hex(DigestKind kind) const;
  /// Appends the lower-case hex to `out` (nothing when not filled in).
  void append_hex(DigestKind kind, std::string& out) const;
  /// Sets one digest from lower-case hex; false (and unchanged) when `hex` is not one.
  bool set_hex(DigestKind kind, std::string_view hex);
};

/// Feeds all three digests at once.
class MultiDigest {
 public:
  MultiDigest() : sha256_(DigestKind::sha256), sha512_(DigestKind::sha512), sm3_(DigestKind::sm3) {}
  void update(const void* data, size_t size);
  DigestSet finish();

 private:
  Digest sha256_, sha512_, sm3_;
  unsigned long long size_ = 0;
};

std::string hex_digest(DigestKind kind, std::string_view bytes);
/// Lower-case hex of `n` bytes, and back: false unless `hex` is exactly 2n
/// lower-case hex digits.
std::string to_hex(const unsigned char* bytes, size_t n);
bool from_hex(std::string_view hex, unsigned char* bytes, size_t n);
DigestSet digest_bytes(std::string_view bytes);
/// Streams the file in fixed-size blocks; nullopt when it cannot be read.
/// (BundleCache::file_digests hashes a file only when its digests are not known.)
std::optional<DigestSet> digest_file(const std::string& file);
/// sha256 of a file, streamed; nullopt when it cannot be read.
std::optional<std::string> sha256_file(const std::filesystem::path& file);

}  // namespace creditgen::bundle
