#include "bundle/digest_cache.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <unordered_map>

namespace creditgen::bundle {

namespace fs = std::filesystem;

namespace {

template <size_t N>
bool unhex(std::string_view hex, std::array<unsigned char, N>& out) {
  return from_hex(hex, out.data(), N);
}

template <size_t N>
std::string hex(const std::array<unsigned char, N>& bytes) {
  return to_hex(bytes.data(), N);
}

// Digests held as bytes, not hex: a province's cache holds a hundred
// thousand entries, and three hex strings each cost three allocations and
// twice the bytes.
struct PackedDigests {
  std::array<unsigned char, 32> sha256{};
  std::array<unsigned char, 64> sha512{};
  std::array<unsigned char, 32> sm3{};
  bool has_sha512 = false;
  bool has_sm3 = false;

  // sha256 is required; sha512 and sm3 may be missing ("" in a DigestSet).
  static std::optional<PackedDigests> pack(const DigestSet& d) {
    PackedDigests p;
    if (!unhex(d.sha256, p.sha256)) return std::nullopt;
    p.has_sha512 = !d.sha512.empty();
    p.has_sm3 = !d.sm3.empty();
    if ((p.has_sha512 && !unhex(d.sha512, p.sha512)) || (p.has_sm3 && !unhex(d.sm3, p.sm3))) return std::nullopt;
    return p;
  }
  DigestSet unpack(unsigned long long size) const {
    DigestSet d;
    d.sha256 = hex(sha256);
    if (has_sha512) d.sha512 = hex(sha512);
    if (has_sm3) d.sm3 = hex(sm3);
    d.size = size;
    return d;
  }
};

struct Entry {
  FileStamp stamp;
  PackedDigests digests;
  // Set by lookups that hold the lock only shared (many threads read at once).
  mutable std::atomic<bool> used{false};

  Entry() = default;
  Entry(const Entry& o) : stamp(o.stamp), digests(o.digests), used(o.used.load()) {}
  Entry& operator=(const Entry& o) {
    stamp = o.stamp;
    digests = o.digests;
    used = o.used.load();
    return *this;
  }
};

// Absolute: the same file reached from two working folders is one entry.
// (Not normalized: a build reaches each file by one spelling, and this runs
// for every file of every bundle.) `base` is the working folder when the
// cache was loaded, so a relative path costs no getcwd() per lookup.
std::string key_of(const fs::path& file, const fs::path& base) {
  if (file.is_absolute()) return file.native();
  if (!base.empty()) {
    std::string key = base.native();
    if (!key.ends_with('/')) key += '/';
    key += file.native();
    return key;
  }
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec);
  return ec ? file.native() : abs.native();
}

}  // namespace

struct DigestCache::Impl {
  mutable std::shared_mutex mutex;
  std::unordered_map<std::string, Entry> entries;
  fs::path base;  // the working folder at load()
  bool dirty = false;  // anything new or changed since load()
};

DigestCache& DigestCache::instance() {
  static DigestCache cache;
  return cache;
}

DigestCache::Impl& DigestCache::impl() const {
  static Impl state;
  return state;
}

void DigestCache::clear() {
  std::lock_guard lock(impl().mutex);
  impl().entries.clear();
}

// One line per file: size mtime_ns ctime_ns inode sha256 sha512 sm3 path
// ("-" for a digest not computed); the path runs to the end of the line.
void DigestCache::load(const fs::path& file) {
  std::lock_guard lock(impl().mutex);
  impl().entries.clear();
  impl().dirty = false;
  std::error_code cwd_error;
  impl().base = fs::current_path(cwd_error);
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != "creditgen-digests 1") return;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Entry e;
    DigestSet d;
    if (!(fields >> e.stamp >> d.sha256 >> d.sha512 >> d.sm3)) continue;
    fields.get();  // the space before the path
    std::string path;
    std::getline(fields, path);
    if (d.sha512 == "-") d.sha512.clear();
    if (d.sm3 == "-") d.sm3.clear();
    auto packed = PackedDigests::pack(d);
    if (path.empty() || !packed) continue;
    e.digests = *packed;
    impl().entries[path] = std::move(e);
  }
}

bool DigestCache::save(const fs::path& file) const {
  std::lock_guard lock(impl().mutex);
  // Nothing new: leave the file alone, so a no-op build writes nothing at all.
  if (!impl().dirty && fs::exists(file)) return true;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const fs::path temp = file.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << "creditgen-digests 1\n";
    for (const auto& [path, e] : impl().entries) {
      if (!e.used) continue;  // forget files no build uses any more
      const PackedDigests& d = e.digests;
      out << e.stamp << ' ' << hex(d.sha256) << ' ' << (d.has_sha512 ? hex(d.sha512) : "-") << ' '
          << (d.has_sm3 ? hex(d.sm3) : "-") << ' ' << path << '\n';
    }
    out.close();
    if (!out) {
      fs::remove(temp, ec);
      return false;
    }
  }
  fs::rename(temp, file, ec);
  if (!ec) impl().dirty = false;
  return !ec;
}

std::optional<DigestSet> DigestCache::find(const fs::path& file, const FileStamp& stamp, bool need_all) const {
  std::shared_lock lock(impl().mutex);
  const std::string key = key_of(file, impl().base);
  auto it = impl().entries.find(key);
  if (it == impl().entries.end() || !(it->second.stamp == stamp)) return std::nullopt;
  const PackedDigests& d = it->second.digests;
  if (need_all && (!d.has_sha512 || !d.has_sm3)) return std::nullopt;
  it->second.used = true;
  return d.unpack(it->second.stamp.size);
}

void DigestCache::store(const fs::path& file, const FileStamp& stamp, const DigestSet& digests, bool ours) {
  // A file changed moments ago is hashed again next time instead (FileStamp::recent).
  if (!ours && stamp.recent()) return;
  std::lock_guard lock(impl().mutex);
  std::string key = key_of(file, impl().base);
  if (key.find('\n') != std::string::npos || key.find('\r') != std::string::npos) return;
  auto packed = PackedDigests::pack(digests);
  if (!packed) return;
  Entry& e = impl().entries[key];
  // A full set never gives way to a sha256-only one for the same version.
  if (e.stamp == stamp && e.digests.has_sm3 && !packed->has_sm3) {
    e.used = true;
    return;
  }
  e.stamp = stamp;
  e.digests = *packed;
  e.used = true;
  impl().dirty = true;
}

}  // namespace creditgen::bundle
