#include "bundle/digest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <span>
#include <fstream>
#include <stdexcept>

#include "base/c_handle.h"

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
  return to_hex(out, final_bytes(out));
}

size_t Digest::final_bytes(unsigned char* out) {
  unsigned int n = 0;
  EVP_DigestFinal_ex(impl_->ctx.get(), out, &n);
  return n;
}

namespace {

// The bytes and the "filled in" flag of one digest; const or not with `Set`.
template <class Set>
auto digest_field(Set& d, DigestKind kind) {
  switch (kind) {
    case DigestKind::sha512: return std::pair{std::span(d.sha512.data(), d.sha512.size()), &d.has_sha512};
    case DigestKind::sm3: return std::pair{std::span(d.sm3.data(), d.sm3.size()), &d.has_sm3};
    case DigestKind::sha256: break;
  }
  return std::pair{std::span(d.sha256.data(), d.sha256.size()), &d.has_sha256};
}

}  // namespace

bool DigestSet::has(DigestKind kind) const { return *digest_field(*this, kind).second; }

std::string DigestSet::hex(DigestKind kind) const {
  std::string out;
  append_hex(kind, out);
  return out;
}

void DigestSet::append_hex(DigestKind kind, std::string& out) const {
  const auto [bytes, filled] = digest_field(*this, kind);
  if (!*filled) return;
  static const char* digits = "0123456789abcdef";
  // Grown once, not a character at a time: a late bag's manifests spell
  // out a million digests.
  const size_t at = out.size();
  out.resize(at + 2 * bytes.size());
  char* p = out.data() + at;
  for (unsigned char byte : bytes) {
    *p++ = digits[byte >> 4];
    *p++ = digits[byte & 15];
  }
}

bool DigestSet::set_hex(DigestKind kind, std::string_view hex) {
  const auto [bytes, filled] = digest_field(*this, kind);
  unsigned char parsed[64];
  if (!from_hex(hex, parsed, bytes.size())) return false;
  std::copy(parsed, parsed + bytes.size(), bytes.begin());
  *filled = true;
  return true;
}

void MultiDigest::update(const void* data, size_t size) {
  sha256_.update(data, size);
  sha512_.update(data, size);
  sm3_.update(data, size);
  size_ += size;
}

DigestSet MultiDigest::finish() {
  DigestSet d;
  sha256_.final_bytes(d.sha256.data());
  sha512_.final_bytes(d.sha512.data());
  sm3_.final_bytes(d.sm3.data());
  d.has_sha256 = d.has_sha512 = d.has_sm3 = true;
  d.size = size_;
  return d;
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

std::optional<DigestSet> digest_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  MultiDigest d;
  std::array<char, kBlock> buf;
  while (in) {
    in.read(buf.data(), buf.size());
    d.update(buf.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  return d.finish();
}

std::optional<std::string> sha256_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  Digest d(DigestKind::sha256);
  std::array<char, kBlock> buf;
  while (in) {
    in.read(buf.data(), buf.size());
    d.update(buf.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  return d.hex_final();
}

}  // namespace creditgen::bundle
