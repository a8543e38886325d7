// A deterministic zip writer over libzip: fixed DOS times and attributes, no
// comments, UTF-8 flag on non-ASCII names, stored or deflated by type, and an
// all-or-nothing commit (temporary file in the target folder, then rename).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/c_handle.h"
#include "base/date.h"
#include "bundle/spool.h"

struct zip;
struct zip_error;

namespace creditgen::bundle {

void discard_zip(struct zip* z);

/// libzip's error in Chinese (with the system error text where there is one).
std::string zip_error_zh(const struct zip_error* error);
/// The same for a bare libzip error code (as zip_open reports it).
std::string zip_error_zh(int zip_code, int system_code = 0);
/// The last error of an open archive.
std::string zip_error_zh(struct zip* archive);

/// Already-compressed types (jpg jpeg png gif webp pdf ofd docx xlsx zip,
/// case-insensitive) are stored; everything else is deflated.
bool stored_uncompressed(std::string_view entry_name);

/// DOS date and time of a wall clock (seconds rounded down to even).
struct DosTime {
  uint16_t time = 0;
  uint16_t date = 0;
};
DosTime dos_time(const DateTime& wall);

/// The bytes of a deferred entry, handed over when the entry's turn comes.
struct EntryBytes {
  unsigned long long size = 0;  ///< uncompressed size
  /// The entry's bytes: stored as they are, or a raw deflate stream of
  /// `size` bytes with checksum `crc` when `deflated`…
  std::string_view data;
  bool deflated = false;
  uint32_t crc = 0;
  /// …or, when set, this file is streamed instead (too large to hold), and
  /// every block read is shown to `on_block`; a file whose length is not
  /// `size` fails the commit.
  std::optional<std::filesystem::path> stream_file;
  std::function<void(const void*, size_t)> on_block;
  /// Asked once the whole streamed file was read; false fails the commit.
  std::function<bool()> at_end;
};

/// An entry whose bytes are produced only when the archive is written:
/// libzip writes entries in the order they were added, one at a time, so
/// `open` can wait for a worker thread that read and compressed the file.
class DeferredEntry {
 public:
  virtual ~DeferredEntry() = default;
  /// Called on the committing thread when the entry is written; nullopt
  /// with `error` (Chinese) set fails the commit.
  virtual std::optional<EntryBytes> open(std::string& error) = 0;
  /// The bytes from open() are no longer needed.
  virtual void close() = 0;
};

/// The deflate settings every deflated entry uses, wherever it is
/// compressed: raw deflate, level 1. Most of a bundle's bytes are photos
/// and PDFs, stored; on the text of a benchmark bundle, level 1 was 1.4×
/// faster than level 6 for 5% more bytes. The bytes depend only on zlib and
/// this code.
constexpr int kDeflateLevel = 1;
/// Names what deflate_raw produces: zlib's version, those settings and this
/// program's own file (a new build may call zlib differently). Equal
/// identities give equal deflated bytes for equal input, so an entry
/// deflated by a bag written under the same identity can be copied as it
/// is. Empty when the program's file cannot be stat'ed.
std::string deflate_identity();
/// Raw-deflates `bytes` with those settings.
std::string deflate_raw(std::string_view bytes);
/// The zip CRC-32 of `bytes`.
uint32_t crc32_of(std::string_view bytes);

/// deflate_raw and crc32_of fed piece by piece: the same bytes as
/// deflate_raw of the whole, without the whole ever being held (a late
/// month's manifests are tens of megabytes of hex).
class StreamDeflater {
 public:
  /// With `own_spool`, finished output is set aside in it as it is made
  /// (a late bag's manifests are tens of megabytes each) and never held
  /// whole; the spool must be this deflater's alone, so the output lies in
  /// it in one piece.
  explicit StreamDeflater(Spool* own_spool = nullptr);
  ~StreamDeflater();
  StreamDeflater(const StreamDeflater&) = delete;
  StreamDeflater& operator=(const StreamDeflater&) = delete;
  void update(std::string_view bytes);
  /// The deflated bytes (in the spool when one was given and could take
  /// them all); the deflater cannot be fed afterwards.
  SpooledBytes finish();
  uint32_t crc() const { return crc_; }
  unsigned long long size() const { return size_; }

 private:
  void run(std::string_view bytes, int flush);
  void set_aside();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string out_;        // output not yet set aside
  size_t used_ = 0;        // bytes of out_ that hold output
  Spool* spool_ = nullptr;
  bool spool_failed_ = false;  // then everything stays in out_
  uint64_t set_aside_ = 0;     // bytes already in the spool
  uint32_t crc_ = 0;
  unsigned long long size_ = 0;
};
/// `bytes` as an entry: as they are, or deflated into `storage` (which must
/// outlive the result) with their CRC.
EntryBytes entry_bytes(std::string_view bytes, bool deflate, std::string& storage);

class ZipWriter {
 public:
  /// Starts a new zip destined for `target`. Nothing appears at `target`
  /// until commit() succeeds. On failure returns nullopt with `error` set (Chinese).
  static std::optional<ZipWriter> create(const std::filesystem::path& target, DateTime entry_time,
                                         std::string& error);

  ZipWriter(ZipWriter&&) noexcept;
  ZipWriter& operator=(ZipWriter&&) noexcept;
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;
  /// Discards the archive (zip_discard) when commit() never ran.
  ~ZipWriter();

  /// Adds in-memory bytes; the writer keeps its own copy until commit.
  bool add_bytes(std::string_view name, std::string bytes, std::string& error);
  /// Adds bytes the caller keeps alive and unchanged until commit() returns.
  bool add_borrowed(std::string_view name, std::string_view bytes, std::string& error);
  /// Adds a file streamed at commit time. When `expected_sha256` is given the
  /// bytes read are hashed on the way and a file that changed since it was
  /// digested fails the commit, so manifests always match what was zipped.
  bool add_file(std::string_view name, const std::filesystem::path& file, unsigned long long expected_size,
                std::optional<std::string> expected_sha256, std::string& error);

  /// Adds an entry produced at commit time (see DeferredEntry).
  bool add_deferred(std::string_view name, std::shared_ptr<DeferredEntry> entry, std::string& error);

  /// Writes the archive (zip_close) and renames it onto the target. With
  /// `replace` false an existing target is never overwritten (fails instead).
  /// Returns an error text (Chinese) on failure; the target is then untouched.
  /// `accept`, when given, sees the finished temporary file before it is
  /// placed; an error it returns discards the file and is returned.
  std::optional<std::string> commit(
      bool replace = true,
      const std::function<std::optional<std::string>(const std::filesystem::path&)>& accept = {});

 private:
  ZipWriter() = default;
  bool finish_entry(long long index, std::string_view name, std::string& error);

  CHandle<struct zip, &discard_zip> zip_;
  std::filesystem::path target_;
  std::filesystem::path temp_;
  DosTime time_;
  std::deque<std::string> buffers_;  // stable addresses for zip_source_buffer
  std::shared_ptr<std::string> deferred_error_ = std::make_shared<std::string>();  // why a DeferredEntry failed
};

}  // namespace creditgen::bundle
