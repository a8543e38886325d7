#include "base/folder_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

namespace creditgen {

namespace fs = std::filesystem;

std::optional<FolderLock> FolderLock::try_lock(const fs::path& folder, bool& busy) {
  busy = false;
  std::error_code ec;
  fs::create_directories(folder, ec);
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    busy = errno == EWOULDBLOCK;
    ::close(fd);
    return std::nullopt;
  }
  return FolderLock(fd);
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing drops the lock
}

size_t remove_leftovers(const fs::path& folder, std::initializer_list<const char*> markers) {
  size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    for (const char* marker : markers)
      if (name.find(marker) != std::string::npos) {
        std::error_code rm;
        if (fs::remove_all(it->path(), rm) > 0 && !rm) ++removed;
        break;
      }
  }
  return removed;
}

}  // namespace creditgen
