#include "base/file_stamp.h"

#include <istream>
#include <ostream>

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace creditgen {

namespace {

std::optional<FileStamp> stamp_of(int (*stat_call)(const char*, struct stat*), const std::string& file) {
  struct stat st;
  if (stat_call(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileStamp s;
  s.size = static_cast<uint64_t>(st.st_size);
  s.mtime_ns = int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  s.ctime_ns = int64_t{st.st_ctim.tv_sec} * 1000000000 + st.st_ctim.tv_nsec;
  s.inode = static_cast<uint64_t>(st.st_ino);
  return s;
}

}  // namespace

std::optional<FileStamp> FileStamp::of(const std::string& file) { return stamp_of(::stat, file); }

std::optional<FileStamp> FileStamp::of_entry(const std::string& file) { return stamp_of(::lstat, file); }

std::string stamp_text(const FileStamp& s) {
  return std::to_string(s.size) + ' ' + std::to_string(s.mtime_ns) + ' ' + std::to_string(s.ctime_ns) + ' ' +
         std::to_string(s.inode);
}

// By hand, not with a stream: a province's caches hold a hundred thousand stamps.
std::optional<FileStamp> parse_stamp(std::string_view text) {
  FileStamp stamp;
  const char* p = text.data();
  const char* end = p + text.size();
  auto field = [&](auto& value, bool first) {
    if (!first) {
      if (p == end || *p != ' ') return false;
      ++p;
    }
    auto [next, error] = std::from_chars(p, end, value);
    if (error != std::errc()) return false;
    p = next;
    return true;
  };
  if (field(stamp.size, true) && field(stamp.mtime_ns, false) && field(stamp.ctime_ns, false) &&
      field(stamp.inode, false) && p == end)
    return stamp;
  return std::nullopt;
}

std::ostream& operator<<(std::ostream& out, const FileStamp& s) { return out << stamp_text(s); }

std::istream& operator>>(std::istream& in, FileStamp& s) { return in >> s.size >> s.mtime_ns >> s.ctime_ns >> s.inode; }

std::optional<FileStamp> running_program_stamp() { return FileStamp::of("/proc/self/exe"); }

uint64_t FileStamp::digest() const {
  // FNV-1a over the four fields' bytes.
  uint64_t h = 14695981039346656037ULL;
  for (const uint64_t field : {size, static_cast<uint64_t>(mtime_ns), static_cast<uint64_t>(ctime_ns), inode})
    for (int shift = 0; shift < 64; shift += 8) {
      h ^= (field >> shift) & 0xff;
      h *= 1099511628211ULL;
    }
  return h == 0 ? 1 : h;
}

bool FileStamp::recent() const {
  const auto now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return now_ns - std::max(mtime_ns, ctime_ns) < int64_t{2'000'000'000};
}

}  // namespace creditgen
