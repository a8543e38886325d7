#include "bundle/digest.h"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <stdexcept>

#include "base/c_handle.h"
#include "bundle/digest_cache.h"

namespace creditgen::bundle {

namespace {

// Fetched once: OpenSSL 3 otherwise looks the algorithm up on every init,
// which dominates when a bundle has tens of thousands of small files. The
// fetched objects live as long as the process (still reachable, not leaked).
const EVP_MD* md_for(DigestKind kind) {
  static const EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  static const EVP_MD* sha512 = EVP_MD_fetch(nullptr, "SHA512", nullptr);
  static const EVP_MD* sm3 = EVP_MD_fetch(nullptr, "SM3", nullptr);
  switch (kind) {
    case DigestKind::sha256: return sha256;
    case DigestKind::sha512: return sha512;
    case DigestKind::sm3: return sm3;
  }
  return nullptr;
}

constexpr size_t kBlock = 64 * 1024;

}  // namespace

std::string to_hex(const unsigned char* bytes, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  return out;
}

bool from_hex(std::string_view hex, unsigned char* bytes, size_t n) {
  if (hex.size() != 2 * n) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < n; ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    bytes[i] = static_cast<unsigned char>(hi << 4 | lo);
  }
  return true;
}

struct Digest::Impl {
  CHandle<EVP_MD_CTX, &EVP_MD_CTX_free> ctx;
};

Digest::Digest(DigestKind kind) : impl_(std::make_unique<Impl>()) {
  impl_->ctx.reset(EVP_MD_CTX_new());
  const EVP_MD* md = md_for(kind);
  // A missing algorithm is a broken installation, not bad input.
  if (!impl_->ctx || !md || EVP_DigestInit_ex(impl_->ctx.get(), md, nullptr) != 1)
    throw std::runtime_error("OpenSSL digest unavailable");
}

Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

void Digest::update(const void* data, size_t size) {
  if (size) EVP_DigestUpdate(impl_->ctx.get(), data, size);
}

std::string Digest::hex_final() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(impl_->ctx.get(), out, &n);
  return to_hex(out, n);
}

void MultiDigest::update(const void* data, size_t size) {
  sha256_.update(data, size);
  sha512_.update(data, size);
  sm3_.update(data, size);
  size_ += size;
}

DigestSet MultiDigest::finish() {
  return DigestSet{sha256_.hex_final(), sha512_.hex_final(), sm3_.hex_final(), size_};
}

std::string hex_digest(DigestKind kind, std::string_view bytes) {
  Digest d(kind);
  d.update(bytes);
  return d.hex_final();
}

DigestSet digest_bytes(std::string_view bytes) {
  MultiDigest d;
  d.update(bytes.data(), bytes.size());
  return d.finish();
}

std::optional<DigestSet> digest_file(const std::filesystem::path& file) {
  const auto stamp = FileStamp::of_remembered(file);
  if (!stamp) return std::nullopt;
  if (auto known = DigestCache::instance().find(file, *stamp)) return known;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  MultiDigest d;
  std::array<char, kBlock> buf;
  while (in) {
    in.read(buf.data(), buf.size());
    d.update(buf.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  DigestSet digests = d.finish();
  if (digests.size == stamp->size) DigestCache::instance().store(file, *stamp, digests);
  return digests;
}

std::optional<std::string> sha256_file(const std::filesystem::path& file, bool ours) {
  const auto stamp = FileStamp::of(file);
  if (!stamp) return std::nullopt;
  if (auto known = DigestCache::instance().find(file, *stamp, false)) return known->sha256;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  Digest d(DigestKind::sha256);
  std::array<char, kBlock> buf;
  while (in) {
    in.read(buf.data(), buf.size());
    d.update(buf.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  std::string hex = d.hex_final();
  DigestCache::instance().store(file, *stamp, DigestSet{hex, "", "", stamp->size}, ours);
  return hex;
}

}  // namespace creditgen::bundle
