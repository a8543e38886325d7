// One build at a time per folder: an exclusive flock(2) on the folder itself,
// held for the life of the object. The kernel drops it when the process ends
// however it ends, so a killed build never leaves a folder locked, and no
// lock file is left behind.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace creditgen {

class FolderLock {
 public:
  /// Locks `folder` (created if missing) without waiting. nullopt when
  /// another process holds it, or it cannot be opened as a folder; `busy`
  /// tells which.
  static std::optional<FolderLock> try_lock(const std::filesystem::path& folder, bool& busy);

  FolderLock(FolderLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FolderLock& operator=(FolderLock&&) = delete;
  FolderLock(const FolderLock&) = delete;
  ~FolderLock();

 private:
  explicit FolderLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

/// Removes what a killed run left in `folder`: files or folders whose name
/// contains one of `markers` (".partial-", ".site.staging-", ".tmp-"). Call
/// only while holding the lock that keeps other runs out.
/// Returns how many entries were removed.
size_t remove_leftovers(const std::filesystem::path& folder, std::initializer_list<const char*> markers);

}  // namespace creditgen
