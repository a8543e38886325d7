// Bytes the bundle stage has made and will need again later in the same
// build — a month's rendered report, deflated while the previous bag is
// written; earlier months' text, deflated once for every later bag — set
// aside in an unnamed temporary file instead of memory (the build's own,
// or one per report, closed when its bag is written). At 10,000 units a
// report is a hundred megabytes deflated and the earlier text several
// hundred: on disk they cost the page cache, which the kernel gives back,
// not the process's resident memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace creditgen::bundle {

class Spool {
 public:
  /// Where a piece of the file is.
  struct Ref {
    uint64_t offset = 0;
    uint64_t size = 0;
  };

  /// The file is made in `folder` on the first put(), already unlinked, so
  /// nothing is left behind however the process ends.
  explicit Spool(std::filesystem::path folder);
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  /// Appends `bytes`; nullopt when the file cannot be made or written (a
  /// full disk, a read-only folder) or would grow past `limit` bytes: the
  /// caller then keeps the bytes in memory or does without. Thread-safe.
  std::optional<Ref> put(std::string_view bytes, uint64_t limit = UINT64_MAX);
  /// Reads what put() returned `ref` for into `out`; false on a read error. Thread-safe.
  bool get(const Ref& ref, std::string& out) const;
  /// Lets go of everything (the file is closed, its space freed).
  void clear();
  /// Where the file is made: a deflater's own spool goes beside this one.
  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_;
  mutable std::mutex mutex_;
  int fd_ = -1;
  bool failed_ = false;  // the file could not be made: never tried again
  uint64_t end_ = 0;
};

/// Bytes that are either in memory or set aside in a Spool.
struct SpooledBytes {
  std::string held;                ///< the bytes, when not spooled
  const Spool* spool = nullptr;    ///< where they are, when spooled
  Spool::Ref ref;

  /// Sets `bytes` aside in `spool` when one is given and can take them;
  /// otherwise holds them.
  static SpooledBytes of(std::string bytes, Spool* spool);
  uint64_t size() const { return spool ? ref.size : held.size(); }
  /// The bytes: `held` itself, or read into `buffer`. False on a read error.
  bool read(std::string& buffer, std::string_view& bytes) const;
};

}  // namespace creditgen::bundle
