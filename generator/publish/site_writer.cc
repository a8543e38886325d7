#include "publish/site_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <stdexcept>

#include "base/pii.h"
#include "base/text.h"

namespace creditgen::publish {

namespace fs = std::filesystem;

namespace {

std::string shown(const fs::path& p) { return p.generic_string(); }

// A relative path can never climb out of the staging folder.
void check_relative(const std::string& rel) {
  bool bad = rel.empty() || rel.front() == '/' || rel.find('\\') != std::string::npos;
  size_t start = 0;
  while (!bad && start <= rel.size()) {
    const size_t end = std::min(rel.find('/', start), rel.size());
    const std::string_view part(rel.data() + start, end - start);
    if (part.empty() || part == "." || part == "..") bad = true;
    start = end + 1;
  }
  if (bad) throw std::runtime_error("网站文件路径不安全：“" + rel + "”");
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("无法读取文件：" + shown(p));
  const std::streamoff size = in.tellg();
  std::string bytes(static_cast<size_t>(size > 0 ? size : 0), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) throw std::runtime_error("读取文件失败：" + shown(p));
  return bytes;
}

void write_all(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("写入文件失败：" + shown(p));
}

bool regular_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(p, ec));
}

bool same_bytes_as(const fs::path& old_file, const std::string& bytes) {
  std::error_code ec;
  if (!regular_file(old_file) || fs::file_size(old_file, ec) != bytes.size() || ec) return false;
  return read_all(old_file) == bytes;
}

// Streams both files, so large evidence never sits in memory.
bool same_files(const fs::path& a, const fs::path& b) {
  std::error_code ec1, ec2;
  if (!regular_file(b) || fs::file_size(a, ec1) != fs::file_size(b, ec2) || ec1 || ec2) return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  if (!fa || !fb) return false;
  char ba[65536], bb[65536];
  while (fa && fb) {
    fa.read(ba, sizeof ba);
    fb.read(bb, sizeof bb);
    if (fa.gcount() != fb.gcount() || std::memcmp(ba, bb, static_cast<size_t>(fa.gcount())) != 0) return false;
  }
  return fa.eof() && fb.eof();
}

// Text evidence is masked line by line, so a large CSV never sits in memory
// whole. Splitting at '\n' is exact: the byte never occurs inside a UTF-8 or
// GB18030 multi-byte sequence, and no ID card or mobile number spans lines.
template <class LineFn>
bool for_each_decoded_line(const fs::path& file, LineFn&& fn) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("无法读取文件：" + shown(file));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    const bool had_newline = !in.eof();
    if (first && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    first = false;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF becomes LF, as decode_text does
    auto decoded = decode_text(line);
    if (!decoded) return false;
    fn(decoded->text, had_newline);
  }
  return true;
}

// True when the file decodes as text and holds something to mask.
bool needs_masking(const fs::path& file) {
  bool found = false;
  bool text = for_each_decoded_line(file, [&](const std::string& line, bool) {
    if (!found && !find_pii(line).empty()) found = true;
  });
  return text && found;
}

// Re-encoded as UTF-8 with a BOM so Excel, WPS and browsers read it right.
void write_masked(const fs::path& source, const fs::path& target) {
  fs::create_directories(target.parent_path());
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  out << "\xEF\xBB\xBF";
  for_each_decoded_line(source, [&](const std::string& line, bool had_newline) {
    out << mask_pii(line);
    if (had_newline) out << '\n';
  });
  out.close();
  if (!out) throw std::runtime_error("写入文件失败：" + shown(target));
}

// Keeps the old file's inode (and so its modification time); a copy with the
// old time where hard links are not possible.
void keep_old(const fs::path& old_file, const fs::path& target) {
  fs::create_directories(target.parent_path());
  std::error_code ec;
  fs::create_hard_link(old_file, target, ec);
  if (!ec) return;
  fs::copy_file(old_file, target, fs::copy_options::overwrite_existing);
  fs::last_write_time(target, fs::last_write_time(old_file));
}

// Swaps two paths atomically where the kernel can (Linux renameat2), else
// with two renames.
bool exchange(const fs::path& a, const fs::path& b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
#endif
  (void)a;
  (void)b;
  return false;
}

void swap_in(const fs::path& staging, const fs::path& site_dir) {
  if (!fs::exists(fs::symlink_status(site_dir))) {
    fs::rename(staging, site_dir);
    return;
  }
  if (!fs::is_directory(fs::symlink_status(site_dir)))
    throw std::runtime_error("网站目录不是文件夹：" + shown(site_dir));
  if (exchange(staging, site_dir)) {
    fs::remove_all(staging);  // now holds the old site
    return;
  }
  fs::path old = staging;
  old += ".old";
  fs::remove_all(old);
  fs::rename(site_dir, old);
  try {
    fs::rename(staging, site_dir);
  } catch (...) {
    fs::rename(old, site_dir);
    throw;
  }
  fs::remove_all(old);
}

size_t count_removed(const render::OutputSet& out, const fs::path& site_dir) {
  std::error_code ec;
  if (!fs::is_directory(site_dir, ec)) return 0;
  size_t removed = 0;
  for (auto it = fs::recursive_directory_iterator(site_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    if (!out.contains(fs::relative(it->path(), site_dir).generic_string())) ++removed;
  }
  return removed;
}

}  // namespace

std::string published_bytes(const render::FileCopy& copy) {
  std::string bytes = read_all(copy.source);
  if (!copy.mask_pii) return bytes;
  const auto decoded = decode_text(bytes);
  if (!decoded) return bytes;  // not text: nothing a reader could see as a number
  const std::string masked = mask_pii(decoded->text);
  if (masked == decoded->text) return bytes;
  // Re-encoded as UTF-8 with a BOM so Excel, WPS and browsers read it right.
  return "\xEF\xBB\xBF" + masked;
}

PublishReport write_site(const render::OutputSet& out, const fs::path& site_dir_in) {
  const fs::path site_dir = fs::absolute(site_dir_in).lexically_normal();
  const fs::path parent = site_dir.has_filename() ? site_dir.parent_path() : site_dir.parent_path().parent_path();
  const std::string name = site_dir.has_filename() ? site_dir.filename().string() : site_dir.parent_path().filename().string();
  const fs::path target = parent / name;
  const fs::path staging = parent / ("." + name + ".staging-" + std::to_string(::getpid()));

  for (const auto& [rel, bytes] : out.files) check_relative(rel);
  for (const auto& [rel, copy] : out.copies) check_relative(rel);

  PublishReport report;
  fs::create_directories(parent);
  fs::remove_all(staging);
  try {
    fs::create_directories(staging);
    for (const auto& [rel, bytes] : out.files) {
      const fs::path old_file = target / rel;
      if (same_bytes_as(old_file, bytes)) {
        keep_old(old_file, staging / rel);
        ++report.unchanged;
      } else {
        write_all(staging / rel, bytes);
        ++report.written;
      }
    }
    for (const auto& [rel, copy] : out.copies) {
      if (out.files.count(rel)) continue;  // a rendered file wins
      const fs::path old_file = target / rel;
      if (!regular_file(copy.source)) throw std::runtime_error("要复制的文件不存在：" + shown(copy.source));
      if (copy.mask_pii && needs_masking(copy.source)) {
        write_masked(copy.source, staging / rel);
        if (same_files(staging / rel, old_file)) {
          fs::remove(staging / rel);
          keep_old(old_file, staging / rel);
          ++report.unchanged;
        } else {
          ++report.written;
        }
      } else if (same_files(copy.source, old_file)) {
        keep_old(old_file, staging / rel);
        ++report.unchanged;
      } else {
        fs::create_directories((staging / rel).parent_path());
        fs::copy_file(copy.source, staging / rel, fs::copy_options::overwrite_existing);
        ++report.written;
      }
    }
    report.removed = count_removed(out, target);
    swap_in(staging, target);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    throw;
  }
  return report;
}

}  // namespace creditgen::publish
