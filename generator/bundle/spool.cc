#include "bundle/spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace creditgen::bundle {

namespace {

// An unnamed file in `folder`: O_TMPFILE where the file system has it,
// else a named one removed at once.
int open_unnamed(const std::filesystem::path& folder) {
#ifdef O_TMPFILE
  const int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
#endif
  // Named like the store's other temporary files, which the next build
  // removes should this one be killed before the unlink.
  std::string name = (folder / ".tmp-spool-XXXXXX").string();
  const int named = ::mkostemp(name.data(), O_CLOEXEC);
  if (named >= 0) ::unlink(name.c_str());
  return named;
}

bool write_all(int fd, const char* data, size_t size, uint64_t offset) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return true;
}

}  // namespace

Spool::Spool(std::filesystem::path folder) : folder_(std::move(folder)) {}

Spool::~Spool() { clear(); }

std::optional<Spool::Ref> Spool::put(std::string_view bytes, uint64_t limit) {
  Ref ref;
  int fd;
  {
    std::lock_guard lock(mutex_);
    if (fd_ < 0 && !failed_) {
      fd_ = open_unnamed(folder_);
      failed_ = fd_ < 0;
    }
    if (fd_ < 0 || end_ + bytes.size() > limit) return std::nullopt;
    ref = {end_, bytes.size()};
    end_ += bytes.size();
    fd = fd_;
  }
  // Each writer has its own range: written outside the lock.
  if (!write_all(fd, bytes.data(), bytes.size(), ref.offset)) return std::nullopt;
  return ref;
}

bool Spool::get(const Ref& ref, std::string& out) const {
  int fd;
  {
    std::lock_guard lock(mutex_);
    fd = fd_;
  }
  out.resize(ref.size);
  size_t done = 0;
  while (done < ref.size) {
    const ssize_t n = ::pread(fd, out.data() + done, ref.size - done, static_cast<off_t>(ref.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

void Spool::clear() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  end_ = 0;
}

SpooledBytes SpooledBytes::of(std::string bytes, Spool* spool) {
  SpooledBytes out;
  if (spool)
    if (auto ref = spool->put(bytes)) {
      out.spool = spool;
      out.ref = *ref;
      return out;
    }
  out.held = std::move(bytes);
  return out;
}

bool SpooledBytes::read(std::string& buffer, std::string_view& bytes) const {
  if (!spool) {
    bytes = held;
    return true;
  }
  if (!spool->get(ref, buffer)) return false;
  bytes = buffer;
  return true;
}

}  // namespace creditgen::bundle
