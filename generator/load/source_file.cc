#include "load/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "base/text.h"
#include "load/limits.h"

namespace creditgen::load {

EntryType entry_type(const std::filesystem::path& p) {
  struct stat st;
  if (::lstat(p.c_str(), &st) != 0) return EntryType::missing;
  if (S_ISLNK(st.st_mode)) return EntryType::symlink;
  if (S_ISREG(st.st_mode)) return EntryType::regular;
  if (S_ISDIR(st.st_mode)) return EntryType::directory;
  return EntryType::special;
}

EntryType entry_type(const std::filesystem::directory_entry& e) {
  std::error_code ec;
  // is_symlink() uses the listing's type when known; only then do the
  // cached is_directory()/is_regular_file() below describe the entry itself.
  if (e.is_symlink(ec)) return EntryType::symlink;
  if (ec) return entry_type(e.path());
  if (e.is_directory(ec)) return EntryType::directory;
  if (ec) return entry_type(e.path());
  if (e.is_regular_file(ec)) return EntryType::regular;
  return entry_type(e.path());  // special, vanished or unknown: ask lstat()
}

namespace {

// A descriptor closed on every path out.
struct OpenFile {
  int fd = -1;
  explicit OpenFile(const char* p)
      // O_NOFOLLOW refuses a symlink; O_NONBLOCK keeps a FIFO from blocking
      // the open, and regular_size() then refuses it.
      : fd(::open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) {}
  ~OpenFile() {
    if (fd >= 0) ::close(fd);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  std::optional<unsigned long long> regular_size() const {
    struct stat st;
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return static_cast<unsigned long long>(st.st_size);
  }
};

// Up to `length` bytes from `offset` of an open file of `size` bytes.
std::string read_at(const OpenFile& f, unsigned long long size, unsigned long long offset, size_t length) {
  std::string out;
  if (offset >= size) return out;
  out.resize(static_cast<size_t>(std::min<unsigned long long>(length, size - offset)));
  size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::pread(f.fd, out.data() + got, out.size() - got, static_cast<off_t>(offset + got));
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  out.resize(got);
  return out;
}

}  // namespace

std::optional<std::string> read_bytes_part(const std::string& p, unsigned long long offset, size_t length) {
  OpenFile f(p.c_str());
  const auto size = f.regular_size();
  if (!size) return std::nullopt;
  return read_at(f, *size, offset, length);
}

std::optional<SourceTree::Ends> read_bytes_ends(const std::string& p, size_t head, size_t tail) {
  OpenFile f(p.c_str());
  const auto size = f.regular_size();
  if (!size) return std::nullopt;
  SourceTree::Ends ends{read_at(f, *size, 0, head), {}};
  if (tail) ends.tail = read_at(f, *size, *size > tail ? *size - tail : 0, tail);
  return ends;
}

std::optional<std::string> read_bytes(const std::filesystem::path& p) {
  // O_NOFOLLOW refuses a symlink; O_NONBLOCK keeps a FIFO from blocking the
  // open, and the fstat check below then refuses it.
  int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  std::string out;
  out.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < out.size()) {
    ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

namespace {

class DiskTree final : public SourceTree {
 public:
  EntryType type(const std::filesystem::path& p) const override { return entry_type(p); }
  std::vector<DirEntry> list(const std::filesystem::path& dir, std::error_code& ec) const override {
    std::vector<DirEntry> out;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      out.push_back({it->path().filename().string(), entry_type(*it)});
    return out;
  }
  std::optional<std::string> read(const std::filesystem::path& p) const override { return read_bytes(p); }
  std::optional<std::string> read_part(const std::filesystem::path& p, unsigned long long offset,
                                       size_t length) const override {
    return read_bytes_part(p, offset, length);
  }
  std::optional<Ends> read_ends(const std::filesystem::path& p, size_t head, size_t tail) const override {
    return read_bytes_ends(p, head, tail);
  }
  std::optional<unsigned long long> size(const std::filesystem::path& p) const override {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return static_cast<unsigned long long>(st.st_size);
  }
  std::optional<FileStamp> stamp(const std::filesystem::path& p) const override {
    return FileStamp::of_entry(p.string());  // not through a link
  }
};

}  // namespace

const SourceTree& disk_tree() {
  static const DiskTree tree;  // stateless
  return tree;
}

std::optional<std::string> read_text_file(const std::filesystem::path& p, const std::string& shown,
                                          Diagnostics& diags) {
  return read_text_file(disk_tree(), p, shown, diags);
}

std::optional<std::string> read_text_file(const SourceTree& tree, const std::filesystem::path& p,
                                          const std::string& shown, Diagnostics& diags) {
  auto bytes = tree.read(p);
  if (!bytes) {
    diags.error({shown, 1, 1}, "unsafe-path", "无法读取文件：不是普通文件或无读取权限");
    return std::nullopt;
  }
  auto decoded = decode_text(*bytes);
  if (!decoded) {
    diags.error({shown, 1, 1}, "encoding", "文件编码无法识别：既不是 UTF-8 也不是 GBK/GB18030，请另存为 UTF-8");
    return std::nullopt;
  }
  if (decoded->encoding == SourceEncoding::gb18030)
    diags.warning({shown, 1, 1}, "encoding", "文件按 GBK/GB18030 编码读取，建议另存为 UTF-8");
  if (decoded->encoding == SourceEncoding::utf16)
    diags.warning({shown, 1, 1}, "encoding",
                  "文件按 UTF-16 编码读取（Windows 记事本另存为“Unicode”时的编码），建议另存为 UTF-8");
  const std::string& text = decoded->text;
  int line = 1;
  for (size_t start = 0; start < text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start > kMaxLineBytes) {
      diags.error({shown, line, 1}, "too-long",
                  "第 " + std::to_string(line) + " 行长 " + std::to_string(end - start) + " 字节，超过单行上限 " +
                      std::to_string(kMaxLineBytes >> 20) + " MiB；文件未读取，请检查是否损坏或分成多行");
      return std::nullopt;
    }
    start = end + 1;
  }
  return std::move(decoded->text);
}

std::vector<DirEntry> list_folder(const SourceTree& tree, const std::filesystem::path& dir, const std::string& shown,
                                  Diagnostics& diags, std::error_code& ec) {
  std::vector<DirEntry> entries = tree.list(dir, ec);
  if (entries.size() > kMaxFolderEntries) {
    diags.error({shown, 1, 1}, "too-many-files",
                "文件夹中有 " + std::to_string(entries.size()) + " 项，超过上限 " + std::to_string(kMaxFolderEntries) +
                    " 项；文件夹未读取");
    return {};
  }
  return entries;
}

std::string shown_path(const std::string& shown_root, const std::string& relative) {
  if (shown_root.empty() || shown_root == ".") return relative;
  if (shown_root.back() == '/') return shown_root + relative;
  return shown_root + "/" + relative;
}

}  // namespace creditgen::load
