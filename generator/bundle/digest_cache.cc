#include "bundle/digest_cache.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <unordered_map>

#include "base/replace_file.h"

namespace creditgen::bundle {

namespace fs = std::filesystem;

namespace {

// Whether this build has stat'ed the file: not yet, found it as `stamp`
// says, found no regular file there, or found a version that changed since
// (newer digests were stored: what was found is kept in Impl::seen_before).
enum class Seen : unsigned char { not_yet, as_stamped, missing, changed };

// Digests are held as bytes (DigestSet): a province's cache holds a hundred
// thousand entries.
struct Entry {
  FileStamp stamp;
  DigestSet digests;  // sha256 always; sha512 and sm3 may be missing
  // Set by lookups that hold the lock only shared (many threads read at once).
  mutable std::atomic<bool> used{false};
  // The bag's format check passed for this version (this build only).
  mutable std::atomic<bool> format_confirmed{false};
  // What this build's stamp() found (written under the exclusive lock).
  Seen seen = Seen::not_yet;
  // This build's deflated bytes of this version (written under the exclusive lock).
  bool has_aside = false;
  DigestCache::SetAside aside;

  Entry() = default;
  Entry(const Entry& o)
      : stamp(o.stamp), digests(o.digests), used(o.used.load()), format_confirmed(o.format_confirmed.load()),
        seen(o.seen), has_aside(o.has_aside), aside(o.aside) {}
  Entry& operator=(const Entry& o) {
    stamp = o.stamp;
    digests = o.digests;
    used = o.used.load();
    format_confirmed = o.format_confirmed.load();
    seen = o.seen;
    has_aside = o.has_aside;
    aside = o.aside;
    return *this;
  }
  // Another version of the file: what was known of the old one no longer holds.
  void restamp(const FileStamp& now) {
    if (!(stamp == now)) {
      format_confirmed = false;
      has_aside = false;
    }
    stamp = now;
  }
};

// Absolute: the same file reached from two working folders is one entry.
// (Not normalized: a build reaches each file by one spelling, and this runs
// for every file of every bundle.) `base` is the working folder when the
// cache was loaded, so a relative path costs no getcwd() per lookup.
std::string key_of(const std::string& file, const fs::path& base) {
  if (file.starts_with('/')) return file;
  if (!base.empty()) {
    std::string key = base.native();
    if (!key.ends_with('/')) key += '/';
    key += file;
    return key;
  }
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec);
  return ec ? file : abs.native();
}

}  // namespace

struct DigestCache::Impl {
  mutable std::shared_mutex mutex;
  std::unordered_map<std::string, Entry> entries;
  // The first stamps of the few files that changed during this build
  // (Seen::changed), so that stamp() keeps answering what it found first.
  std::unordered_map<std::string, FileStamp> seen_before;
  fs::path base;  // the working folder at load()
  bool dirty = false;  // anything new or changed since load()
};

DigestCache::DigestCache() : impl_(std::make_unique<Impl>()) {}
DigestCache::~DigestCache() = default;

void DigestCache::clear() {
  std::lock_guard lock(impl_->mutex);
  impl_->entries = {};
  impl_->seen_before = {};
}

// One line per file: size mtime_ns ctime_ns inode sha256 sha512 sm3 path
// ("-" for a digest not computed); the path runs to the end of the line.
void DigestCache::load(const fs::path& file) {
  std::lock_guard lock(impl_->mutex);
  impl_->entries.clear();
  impl_->seen_before.clear();
  impl_->dirty = false;
  std::error_code cwd_error;
  impl_->base = fs::current_path(cwd_error);
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != "creditgen-digests 1") return;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Entry e;
    std::string sha256, sha512, sm3;
    if (!(fields >> e.stamp >> sha256 >> sha512 >> sm3)) continue;
    fields.get();  // the space before the path
    std::string path;
    std::getline(fields, path);
    DigestSet& d = e.digests;
    if (path.empty() || !d.set_hex(DigestKind::sha256, sha256) ||
        (sha512 != "-" && !d.set_hex(DigestKind::sha512, sha512)) || (sm3 != "-" && !d.set_hex(DigestKind::sm3, sm3)))
      continue;
    d.size = e.stamp.size;
    impl_->entries[path] = std::move(e);
  }
}

bool DigestCache::save(const fs::path& file) const {
  std::lock_guard lock(impl_->mutex);
  // Nothing new: leave the file alone, so a no-op build writes nothing at all.
  if (!impl_->dirty && fs::exists(file)) return true;
  const bool saved = replace_file(file, [this](std::ostream& out) {
    out << "creditgen-digests 1\n";
    for (const auto& [path, e] : impl_->entries) {
      if (!e.used || !e.digests.has_sha256) continue;  // forget files no build uses any more
      const DigestSet& d = e.digests;
      out << e.stamp << ' ' << d.hex(DigestKind::sha256) << ' '
          << (d.has_sha512 ? d.hex(DigestKind::sha512) : "-") << ' ' << (d.has_sm3 ? d.hex(DigestKind::sm3) : "-")
          << ' ' << path << '\n';
    }
  });
  if (saved) impl_->dirty = false;
  return saved;
}

std::optional<DigestSet> DigestCache::find(const std::string& file, const FileStamp& stamp, bool need_all) const {
  std::shared_lock lock(impl_->mutex);
  const std::string key = key_of(file, impl_->base);
  auto it = impl_->entries.find(key);
  if (it == impl_->entries.end() || !(it->second.stamp == stamp)) return std::nullopt;
  const DigestSet& d = it->second.digests;
  if (!d.has_sha256 || (need_all && !d.complete())) return std::nullopt;  // stamped, never digested
  it->second.used = true;
  return d;
}

void DigestCache::store(const std::string& file, const FileStamp& stamp, const DigestSet& digests, bool ours) {
  // A file changed moments ago is hashed again next time instead (FileStamp::recent).
  if (!ours && stamp.recent()) return;
  std::lock_guard lock(impl_->mutex);
  std::string key = key_of(file, impl_->base);
  if (key.find('\n') != std::string::npos || key.find('\r') != std::string::npos) return;
  if (!digests.has_sha256) return;
  Entry& e = impl_->entries[key];
  // The file changed since this build first stat'ed it: stamp() keeps
  // saying what it found then, while the digests follow the bytes.
  if (e.seen == Seen::as_stamped && !(e.stamp == stamp)) {
    impl_->seen_before[key] = e.stamp;
    e.seen = Seen::changed;
  }
  // A full set never gives way to a sha256-only one for the same version.
  if (e.stamp == stamp && e.digests.complete() && !digests.complete()) {
    e.used = true;
    return;
  }
  e.restamp(stamp);
  e.digests = digests;
  e.digests.size = stamp.size;
  e.used = true;
  impl_->dirty = true;
}

std::optional<FileStamp> DigestCache::stamp(const std::string& file) {
  const std::string key = key_of(file, impl_->base);
  // What this build found, once it has looked (under either lock).
  auto answer = [this, &key](const Entry& e) -> std::optional<FileStamp> {
    switch (e.seen) {
      case Seen::as_stamped: return e.stamp;
      case Seen::changed: return impl_->seen_before.at(key);
      default: return std::nullopt;
    }
  };
  {
    std::shared_lock lock(impl_->mutex);
    if (auto it = impl_->entries.find(key); it != impl_->entries.end() && it->second.seen != Seen::not_yet)
      return answer(it->second);
  }
  const std::optional<FileStamp> found = FileStamp::of(file);
  std::lock_guard lock(impl_->mutex);
  Entry& e = impl_->entries[key];
  if (e.seen == Seen::not_yet) {  // else another thread was first, and what it found stands
    if (!found) {
      e.seen = Seen::missing;
    } else {
      if (!(e.stamp == *found)) {  // new, or changed since its digests were taken: they are of another version
        if (e.digests.has_sha256) impl_->dirty = true;
        e.restamp(*found);
        e.digests = {};
        e.used = false;
      }
      e.seen = Seen::as_stamped;
    }
  }
  return answer(e);
}

void DigestCache::forget_stamps() {
  std::lock_guard lock(impl_->mutex);
  for (auto& [key, e] : impl_->entries) e.seen = Seen::not_yet;
  impl_->seen_before.clear();
}

bool DigestCache::format_confirmed(const std::string& file, const FileStamp& stamp) const {
  std::shared_lock lock(impl_->mutex);
  auto it = impl_->entries.find(key_of(file, impl_->base));
  return it != impl_->entries.end() && it->second.stamp == stamp && it->second.format_confirmed;
}

void DigestCache::confirm_format(const std::string& file, const FileStamp& stamp) {
  std::shared_lock lock(impl_->mutex);
  auto it = impl_->entries.find(key_of(file, impl_->base));
  if (it != impl_->entries.end() && it->second.stamp == stamp) it->second.format_confirmed = true;
}

std::optional<DigestCache::SetAside> DigestCache::set_aside(const std::string& file, const FileStamp& stamp) const {
  std::shared_lock lock(impl_->mutex);
  auto it = impl_->entries.find(key_of(file, impl_->base));
  if (it == impl_->entries.end() || !(it->second.stamp == stamp) || !it->second.has_aside) return std::nullopt;
  return it->second.aside;
}

bool DigestCache::set_aside(const std::string& file, const FileStamp& stamp, SetAside where) {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->entries.find(key_of(file, impl_->base));
  if (it == impl_->entries.end() || !(it->second.stamp == stamp)) return false;
  if (!it->second.has_aside) {
    it->second.aside = where;
    it->second.has_aside = true;
  }
  return true;
}

void DigestCache::forget_set_aside() {
  std::lock_guard lock(impl_->mutex);
  for (auto& [key, e] : impl_->entries) e.has_aside = false;
}

}  // namespace creditgen::bundle
