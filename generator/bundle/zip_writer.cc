#include "bundle/zip_writer.h"

#include "base/file_types.h"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "base/file_stamp.h"
#include "base/fingerprint.h"
#include "base/text.h"
#include "bundle/digest.h"

namespace creditgen::bundle {

namespace fs = std::filesystem;

void discard_zip(struct zip* z) { zip_discard(z); }

std::string zip_error_zh(int zip_code, int system_code) {
  const char* zh = nullptr;
  switch (zip_code) {
    case ZIP_ER_NOZIP: zh = "不是 zip 压缩包"; break;
    case ZIP_ER_INCONS: zh = "压缩包结构前后不一致"; break;
    case ZIP_ER_NOENT: zh = "文件不存在"; break;
    case ZIP_ER_OPEN: zh = "无法打开文件"; break;
    case ZIP_ER_READ: zh = "读取失败"; break;
    case ZIP_ER_WRITE: zh = "写入失败"; break;
    case ZIP_ER_SEEK: zh = "定位失败"; break;
    case ZIP_ER_CRC: zh = "CRC 校验失败"; break;
    case ZIP_ER_EOF: zh = "文件意外结束"; break;
    case ZIP_ER_TMPOPEN: zh = "无法创建临时文件"; break;
    case ZIP_ER_RENAME: zh = "无法重命名临时文件"; break;
    case ZIP_ER_CLOSE: zh = "无法关闭文件"; break;
    case ZIP_ER_EXISTS: zh = "有重名条目"; break;
    case ZIP_ER_MEMORY: zh = "内存不足"; break;
    case ZIP_ER_CHANGED: zh = "源文件在打包过程中被改动或删除"; break;
    case ZIP_ER_COMPNOTSUPP: zh = "不支持的压缩方法"; break;
    case ZIP_ER_REMOVE: zh = "无法删除文件"; break;
    default: break;
  }
  zip_error_t e;
  zip_error_init(&e);
  zip_error_set(&e, zip_code, system_code);
  std::string text = zh ? zh : zip_error_strerror(&e);
  if (zh && zip_error_system_type(&e) == ZIP_ET_SYS && system_code != 0) text += std::string("（") + std::strerror(system_code) + "）";
  zip_error_fini(&e);
  return text;
}

std::string zip_error_zh(const struct zip_error* error) {
  auto* e = const_cast<zip_error_t*>(error);
  return zip_error_zh(zip_error_code_zip(e), zip_error_code_system(e));
}

std::string zip_error_zh(struct zip* archive) { return zip_error_zh(zip_get_error(archive)); }

bool stored_uncompressed(std::string_view name) {
  const FileType* type = attachment_type(name);
  return type && type->compressed;
}

DosTime dos_time(const DateTime& w) {
  DosTime t;
  t.time = static_cast<uint16_t>((w.hour << 11) | (w.minute << 5) | (w.second / 2));
  t.date = static_cast<uint16_t>(((w.date.year - 1980) << 9) | (w.date.month << 5) | w.date.day);
  return t;
}

namespace {

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// A deferred entry as a libzip source. STAT may come before OPEN and again
// after CLOSE, so the entry's facts outlive its bytes. libzip holds one per
// entry until zip_close (half a million in a late month's bag), so what is
// needed only while the entry is written is held apart, and only then.
struct DeferredSource {
  std::shared_ptr<DeferredEntry> entry;
  std::shared_ptr<std::string> failure;  // the writer's: why open() failed
  std::unique_ptr<EntryBytes> bytes;  // from entry->open(), until CLOSE
  bool opened_once = false;
  unsigned long long size = 0;
  bool deflated = false;
  uint32_t crc = 0;
  unsigned long long comp_size = 0;
  size_t position = 0;
  std::FILE* file = nullptr;
  unsigned long long read_so_far = 0;
  zip_error_t error;

  DeferredSource() { zip_error_init(&error); }
  ~DeferredSource() {
    if (file) std::fclose(file);
    if (bytes) entry->close();
    zip_error_fini(&error);
  }
  bool ensure_bytes() {
    if (bytes) return true;
    std::string why;
    if (auto opened = entry->open(why)) bytes = std::make_unique<EntryBytes>(std::move(*opened));
    if (!bytes) {
      if (failure->empty()) *failure = why;
      zip_error_set(&error, ZIP_ER_READ, 0);
      return false;
    }
    opened_once = true;
    size = bytes->size;
    deflated = bytes->deflated && !bytes->stream_file;
    crc = bytes->crc;
    comp_size = bytes->data.size();
    return true;
  }
};

zip_int64_t deferred_source_callback(void* userdata, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* src = static_cast<DeferredSource*>(userdata);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      if (!src->ensure_bytes()) return -1;
      src->position = 0;
      src->read_so_far = 0;
      if (src->bytes->stream_file) {
        src->file = std::fopen(src->bytes->stream_file->c_str(), "rb");
        if (!src->file) {
          zip_error_set(&src->error, ZIP_ER_OPEN, errno);
          return -1;
        }
      }
      return 0;
    case ZIP_SOURCE_READ: {
      if (!src->file) {
        const std::string_view d = src->bytes->data;
        const size_t n = std::min<size_t>(len, d.size() - src->position);
        std::memcpy(data, d.data() + src->position, n);
        src->position += n;
        return static_cast<zip_int64_t>(n);
      }
      const size_t n = std::fread(data, 1, len, src->file);
      if (n == 0 && std::ferror(src->file)) {
        zip_error_set(&src->error, ZIP_ER_READ, errno);
        return -1;
      }
      src->read_so_far += n;
      if (src->read_so_far > src->size || (n == 0 && src->read_so_far != src->size)) {
        zip_error_set(&src->error, ZIP_ER_CHANGED, 0);
        return -1;
      }
      if (n && src->bytes->on_block) src->bytes->on_block(data, n);
      if (n == 0 && src->bytes->at_end && !src->bytes->at_end()) {  // not the bytes that were digested
        zip_error_set(&src->error, ZIP_ER_CHANGED, 0);
        return -1;
      }
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      if (src->file) std::fclose(src->file);
      src->file = nullptr;
      if (src->bytes) {
        src->bytes.reset();
        src->entry->close();
      }
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &src->error);
      if (!st) return -1;
      if (!src->opened_once && !src->ensure_bytes()) return -1;
      zip_stat_init(st);
      st->size = src->size;
      st->valid |= ZIP_STAT_SIZE;  // no mtime: entry times come from Bundle-Epoch only
      if (src->deflated) {
        // Already compressed by a worker: libzip copies the stream as it is.
        st->comp_method = ZIP_CM_DEFLATE;
        st->comp_size = src->comp_size;
        st->crc = src->crc;
        st->valid |= ZIP_STAT_COMP_METHOD | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC;
      }
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&src->error, data, len);
    case ZIP_SOURCE_FREE:
      delete src;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, static_cast<zip_source_cmd_t>(-1));
    default:
      zip_error_set(&src->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

}  // namespace

namespace {
// One deflate state per thread, reset between entries: deflateInit2 costs a
// quarter of a megabyte of allocation, too much for a bundle of small files.
struct ThreadDeflater {
  z_stream z{};
  bool ready = false;
  ThreadDeflater() {
    ready = deflateInit2(&z, kDeflateLevel, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~ThreadDeflater() {
    if (ready) deflateEnd(&z);
  }
};
}  // namespace

EntryBytes entry_bytes(std::string_view bytes, bool deflate, std::string& storage) {
  EntryBytes e;
  e.size = bytes.size();
  if (!deflate) {
    e.data = bytes;
    return e;
  }
  storage = deflate_raw(bytes);
  e.data = storage;
  e.deflated = true;
  e.crc = crc32_of(bytes);
  return e;
}

uint32_t crc32_of(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  const auto* p = reinterpret_cast<const Bytef*>(bytes.data());
  size_t left = bytes.size();
  while (left > 0) {
    const uInt n = static_cast<uInt>(std::min<size_t>(left, 1u << 30));
    crc = crc32(crc, p, n);
    p += n;
    left -= n;
  }
  return static_cast<uint32_t>(crc);
}

std::string deflate_identity() {
  static const std::string identity = [] {
    const auto program = running_program_stamp();
    if (!program) return std::string();
    Fingerprint f;
    f << "creditgen deflate 1" << zlibVersion() << std::to_string(kDeflateLevel) << "raw -15 8 default"
      << stamp_text(*program);
    return f.hex();
  }();
  return identity;
}

std::string deflate_raw(std::string_view bytes) {
  thread_local ThreadDeflater deflater;
  if (!deflater.ready || deflateReset(&deflater.z) != Z_OK) throw std::runtime_error("zlib deflateInit2 failed");
  z_stream& z = deflater.z;
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  out.shrink_to_fit();  // deflateBound is about the input's size: give the rest back
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");
  return out;
}

struct StreamDeflater::Impl {
  z_stream z{};
};

StreamDeflater::StreamDeflater(Spool* own_spool) : impl_(std::make_unique<Impl>()), spool_(own_spool) {
  if (deflateInit2(&impl_->z, kDeflateLevel, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    impl_.reset();
    throw std::runtime_error("zlib deflateInit2 failed");
  }
  crc_ = static_cast<uint32_t>(crc32(0L, Z_NULL, 0));
}

StreamDeflater::~StreamDeflater() {
  if (impl_) deflateEnd(&impl_->z);
}

void StreamDeflater::set_aside() {
  if (!spool_ || spool_failed_ || used_ == 0) return;
  const auto ref = spool_->put(std::string_view(out_.data(), used_));
  // Only this deflater writes to its spool: each piece follows the last.
  if (!ref || ref->offset != set_aside_) {
    spool_failed_ = true;
    return;
  }
  set_aside_ += used_;
  used_ = 0;
}

void StreamDeflater::run(std::string_view bytes, int flush) {
  constexpr size_t kPiece = 1u << 20;  // output set aside a megabyte at a time
  z_stream& z = impl_->z;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  for (;;) {
    if (used_ >= kPiece) set_aside();
    if (out_.size() - used_ < (1u << 16)) out_.resize(std::max<size_t>(out_.size() * 2, used_ + (1u << 16)));
    z.next_out = reinterpret_cast<Bytef*>(out_.data() + used_);
    z.avail_out = static_cast<uInt>(out_.size() - used_);
    const int rc = deflate(&z, flush);
    used_ = out_.size() - z.avail_out;
    if (rc == Z_STREAM_END) return;
    if (rc != Z_OK && rc != Z_BUF_ERROR) throw std::runtime_error("zlib deflate failed");
    if (flush == Z_NO_FLUSH && z.avail_in == 0) return;
  }
}

void StreamDeflater::update(std::string_view bytes) {
  while (!bytes.empty()) {  // zlib counts in 32 bits
    const std::string_view piece = bytes.substr(0, 1u << 30);
    crc_ = static_cast<uint32_t>(crc32(crc_, reinterpret_cast<const Bytef*>(piece.data()), static_cast<uInt>(piece.size())));
    size_ += piece.size();
    run(piece, Z_NO_FLUSH);
    bytes.remove_prefix(piece.size());
  }
}

SpooledBytes StreamDeflater::finish() {
  run({}, Z_FINISH);
  set_aside();
  SpooledBytes out;
  if (spool_ && !spool_failed_) {
    out.spool = spool_;
    out.ref = {0, set_aside_};
    std::string().swap(out_);
    return out;
  }
  // No spool, or it failed part way: the whole output from the spool's
  // share and the rest (a failed spool keeps everything after its last piece).
  if (set_aside_ > 0) {
    std::string head;
    if (!spool_->get({0, set_aside_}, head)) throw std::runtime_error("spool read failed");
    head.append(out_.data(), used_);
    out.held = std::move(head);
  } else {
    out_.resize(used_);
    out_.shrink_to_fit();
    out.held = std::move(out_);
  }
  return out;
}

namespace {

// Where libzip writes the archive: the file, behind a write-back window.
// libzip writes each entry's local header, its data, then seeks back to
// rewrite the header and forward again; through stdio every entry costs two
// seeks and two writes. The window absorbs them: the header being rewritten
// is almost always still in it, so the file sees one large write per window.
struct BufferedSink {
  static constexpr size_t kWindow = 4u << 20;
  fs::path path;
  int fd = -1;
  bool committed = false;
  std::vector<char> window;
  uint64_t window_start = 0;  // file offset of window[0]
  size_t window_used = 0;     // bytes of the window that hold data
  uint64_t position = 0;      // where the next write goes
  uint64_t length = 0;        // the file's logical length
  zip_error_t error;

  BufferedSink() { zip_error_init(&error); }
  ~BufferedSink() {
    if (fd >= 0) {
      ::close(fd);
      if (!committed) ::unlink(path.c_str());
    }
    zip_error_fini(&error);
  }
  bool write_at(const char* data, size_t n, uint64_t offset) {
    while (n > 0) {
      const ssize_t w = ::pwrite(fd, data, n, static_cast<off_t>(offset));
      if (w < 0) {
        if (errno == EINTR) continue;
        zip_error_set(&error, ZIP_ER_WRITE, errno);
        return false;
      }
      data += w;
      n -= static_cast<size_t>(w);
      offset += static_cast<uint64_t>(w);
    }
    return true;
  }
  bool flush() {
    if (window_used && !write_at(window.data(), window_used, window_start)) return false;
    window_used = 0;
    return true;
  }
  bool write(const char* data, size_t n) {
    const bool inside = position >= window_start && position <= window_start + window_used &&
                        position + n <= window_start + kWindow;
    if (!inside) {
      if (!flush()) return false;
      window_start = position;
      if (n > kWindow) {  // larger than the window: straight to the file
        if (!write_at(data, n, position)) return false;
        position += n;
        length = std::max(length, position);
        window_start = position;
        return true;
      }
    }
    std::memcpy(window.data() + (position - window_start), data, n);
    window_used = std::max<size_t>(window_used, static_cast<size_t>(position - window_start) + n);
    position += n;
    length = std::max(length, position);
    return true;
  }
};

zip_int64_t sink_callback(void* userdata, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* sink = static_cast<BufferedSink*>(userdata);
  switch (cmd) {
    case ZIP_SOURCE_STAT:  // a new archive: nothing there yet
      zip_error_set(&sink->error, ZIP_ER_READ, ENOENT);  // how libzip recognises "no such file"
      return -1;
    case ZIP_SOURCE_BEGIN_WRITE:
      sink->fd = ::open(sink->path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (sink->fd < 0) {
        zip_error_set(&sink->error, ZIP_ER_TMPOPEN, errno);
        return -1;
      }
      sink->window.resize(BufferedSink::kWindow);
      sink->window_start = sink->window_used = sink->position = sink->length = 0;
      return 0;
    case ZIP_SOURCE_WRITE:
      if (!sink->write(static_cast<const char*>(data), static_cast<size_t>(len))) return -1;
      return static_cast<zip_int64_t>(len);
    case ZIP_SOURCE_SEEK_WRITE: {
      const zip_int64_t to = zip_source_seek_compute_offset(sink->position, sink->length, data, len, &sink->error);
      if (to < 0) return -1;
      sink->position = static_cast<uint64_t>(to);
      return 0;
    }
    case ZIP_SOURCE_TELL_WRITE:
      return static_cast<zip_int64_t>(sink->position);
    case ZIP_SOURCE_COMMIT_WRITE:
      if (!sink->flush() || ::ftruncate(sink->fd, static_cast<off_t>(sink->length)) != 0 || ::close(sink->fd) != 0) {
        if (zip_error_code_zip(&sink->error) == ZIP_ER_OK) zip_error_set(&sink->error, ZIP_ER_WRITE, errno);
        return -1;
      }
      sink->fd = -1;
      sink->committed = true;
      std::vector<char>().swap(sink->window);
      return 0;
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE:
      if (sink->fd >= 0) ::close(sink->fd);
      sink->fd = -1;
      ::unlink(sink->path.c_str());
      return 0;
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&sink->error, data, len);
    case ZIP_SOURCE_FREE:
      delete sink;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return ZIP_SOURCE_SUPPORTS_WRITABLE;
    default:  // never read: the archive is always new
      zip_error_set(&sink->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

}  // namespace

std::optional<ZipWriter> ZipWriter::create(const fs::path& target, DateTime entry_time, std::string& error) {
  ZipWriter w;
  w.target_ = target;
  w.temp_ = target.parent_path() / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()));
  w.time_ = dos_time(entry_time);
  std::error_code ec;
  fs::remove(w.temp_, ec);
  auto* sink = new BufferedSink;
  sink->path = w.temp_;
  zip_error_t open_error;
  zip_error_init(&open_error);
  zip_source_t* src = zip_source_function_create(sink_callback, sink, &open_error);
  if (!src) {
    delete sink;
    error = "无法创建压缩包 " + w.temp_.string() + "：" + zip_error_zh(&open_error);
    zip_error_fini(&open_error);
    return std::nullopt;
  }
  zip_t* z = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &open_error);
  if (!z) {
    zip_source_free(src);  // frees the sink
    error = "无法创建压缩包 " + w.temp_.string() + "：" + zip_error_zh(&open_error);
    zip_error_fini(&open_error);
    return std::nullopt;
  }
  zip_error_fini(&open_error);
  w.zip_.reset(z);
  return w;
}

ZipWriter::ZipWriter(ZipWriter&&) noexcept = default;
ZipWriter& ZipWriter::operator=(ZipWriter&&) noexcept = default;
ZipWriter::~ZipWriter() = default;  // zip_ discards an uncommitted archive

bool ZipWriter::finish_entry(long long index, std::string_view name, std::string& error) {
  const auto i = static_cast<zip_uint64_t>(index);
  const bool store = stored_uncompressed(name);
  if (zip_set_file_compression(zip_.get(), i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : kDeflateLevel) != 0 ||
      zip_file_set_dostime(zip_.get(), i, time_.time, time_.date, 0) != 0 ||
      zip_file_set_external_attributes(zip_.get(), i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0) {
    error = "无法设置压缩包条目 " + std::string(name) + "：" + zip_error_zh(zip_.get());
    return false;
  }
  return true;
}

bool ZipWriter::add_bytes(std::string_view name, std::string bytes, std::string& error) {
  buffers_.push_back(std::move(bytes));
  return add_borrowed(name, buffers_.back(), error);
}

namespace {
// In-memory bytes, deflated by deflate_raw like every other entry (not by
// libzip), so all deflated entries carry the same settings and flags.
class BorrowedEntry final : public DeferredEntry {
 public:
  BorrowedEntry(std::string_view bytes, bool deflate) : bytes_(bytes), deflate_(deflate) {}
  std::optional<EntryBytes> open(std::string&) override { return entry_bytes(bytes_, deflate_, packed_); }
  void close() override { std::string().swap(packed_); }

 private:
  std::string_view bytes_;
  bool deflate_;
  std::string packed_;
};
}  // namespace

bool ZipWriter::add_borrowed(std::string_view name, std::string_view b, std::string& error) {
  return add_deferred(name, std::make_shared<BorrowedEntry>(b, !stored_uncompressed(name)), error);
}

namespace {
// A file streamed at commit time; with an expected SHA-256 the bytes read
// are hashed on the way, so a file edited between digesting and zipping
// fails the commit instead of silently mismatching its manifest line.
class StreamedFile final : public DeferredEntry {
 public:
  StreamedFile(fs::path file, unsigned long long size, std::optional<std::string> sha256)
      : file_(std::move(file)), size_(size), expected_(std::move(sha256)) {}
  std::optional<EntryBytes> open(std::string&) override {
    EntryBytes e;
    e.size = size_;
    e.stream_file = file_;
    if (expected_) {
      digest_.emplace(DigestKind::sha256);
      e.on_block = [this](const void* data, size_t n) { digest_->update(data, n); };
      e.at_end = [this] { return digest_->hex_final() == *expected_; };
    }
    return e;
  }
  void close() override { digest_.reset(); }

 private:
  fs::path file_;
  unsigned long long size_;
  std::optional<std::string> expected_;
  std::optional<Digest> digest_;
};
}  // namespace

bool ZipWriter::add_file(std::string_view name, const fs::path& file, unsigned long long expected_size,
                         std::optional<std::string> expected_sha256, std::string& error) {
  return add_deferred(name, std::make_shared<StreamedFile>(file, expected_size, std::move(expected_sha256)), error);
}

bool ZipWriter::add_deferred(std::string_view name, std::shared_ptr<DeferredEntry> entry, std::string& error) {
  auto* ctx = new DeferredSource;
  ctx->entry = std::move(entry);
  ctx->failure = deferred_error_;
  zip_source_t* src = zip_source_function(zip_.get(), deferred_source_callback, ctx);
  if (!src) {
    delete ctx;
    error = std::string("无法准备压缩包条目：") + zip_error_zh(zip_.get());
    return false;
  }
  const std::string n(name);
  const zip_int64_t index = zip_file_add(zip_.get(), n.c_str(), src, is_ascii(name) ? 0 : ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(src);  // frees ctx through ZIP_SOURCE_FREE
    error = "无法加入压缩包条目 " + n + "：" + zip_error_zh(zip_.get());
    return false;
  }
  return finish_entry(index, name, error);
}

std::optional<std::string> ZipWriter::commit(
    bool replace, const std::function<std::optional<std::string>(const std::filesystem::path&)>& accept) {
  if (!zip_) return std::string("压缩包已经提交过");
  if (zip_close(zip_.get()) != 0) {
    std::string msg = "写入压缩包 " + target_.string() + " 失败：" +
                      (deferred_error_->empty() ? zip_error_zh(zip_.get()) : *deferred_error_);
    return msg;  // zip_ still owns the handle and discards it
  }
  zip_.release();  // zip_close freed it
  // mkstemp leaves 0600; bundles are published files.
  std::error_code ec;
  fs::permissions(temp_, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                             fs::perms::others_read, ec);
  if (accept) {
    if (auto refused = accept(temp_)) {
      fs::remove(temp_, ec);
      return refused;
    }
  }
  if (replace) {
    fs::rename(temp_, target_, ec);
  } else {
    // link() refuses an existing target: a sealed bundle is never overwritten.
    if (::link(temp_.c_str(), target_.c_str()) != 0) ec = std::error_code(errno, std::generic_category());
    std::error_code ignore;
    fs::remove(temp_, ignore);
  }
  if (ec) {
    std::error_code ignore;
    fs::remove(temp_, ignore);
    return "无法把压缩包放到 " + target_.string() + "：" + ec.message();
  }
  return std::nullopt;
}

}  // namespace creditgen::bundle
