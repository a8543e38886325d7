#include "base/file_stamp.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>

namespace creditgen {

std::optional<FileStamp> FileStamp::of(const std::filesystem::path& file) {
  struct stat st;
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileStamp s;
  s.size = static_cast<uint64_t>(st.st_size);
  s.mtime_ns = int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  s.ctime_ns = int64_t{st.st_ctim.tv_sec} * 1000000000 + st.st_ctim.tv_nsec;
  s.inode = static_cast<uint64_t>(st.st_ino);
  return s;
}

bool FileStamp::recent() const {
  const auto now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return now_ns - std::max(mtime_ns, ctime_ns) < int64_t{2'000'000'000};
}

}  // namespace creditgen
