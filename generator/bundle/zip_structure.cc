#include "bundle/zip_structure.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <optional>

namespace creditgen::bundle {

namespace fs = std::filesystem;

namespace {

uint16_t le16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }
uint32_t le32(const unsigned char* p) { return le16(p) | static_cast<uint32_t>(le16(p + 2)) << 16; }
uint64_t le64(const unsigned char* p) { return le32(p) | static_cast<uint64_t>(le32(p + 4)) << 32; }

struct CentralEntry {
  std::string name;
  uint16_t version_made_by = 0, flags = 0, method = 0;
  uint32_t crc = 0, external = 0;
  uint64_t compressed = 0, uncompressed = 0, local_offset = 0;
};

bool read_at(std::ifstream& in, uint64_t offset, unsigned char* buf, size_t n) {
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  return static_cast<bool>(in.read(reinterpret_cast<char*>(buf), static_cast<std::streamsize>(n)));
}

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string quoted(const std::string& name) { return "“" + name + "”"; }

}  // namespace

std::vector<std::string> zip_structure_problems(const fs::path& path, const ZipLimits& limits) {
  std::vector<std::string> problems;
  std::error_code ec;
  const uint64_t file_size = fs::file_size(path, ec);
  if (ec) return {"无法打开 " + path.string() + (fs::exists(path) ? "（无法读取）" : "（文件不存在）")};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {"无法读取 " + path.string()};

  // End of central directory: the last 22 bytes, or up to 64 KiB earlier
  // when a comment follows (bundles have none; others may).
  const uint64_t tail_size = std::min<uint64_t>(file_size, 22 + 65535);
  std::vector<unsigned char> tail(tail_size);
  if (tail_size < 22 || !read_at(in, file_size - tail_size, tail.data(), tail_size))
    return {"压缩包损坏或不完整（不是 zip 压缩包）"};
  std::optional<size_t> eocd;
  for (size_t i = tail_size - 22 + 1; i-- > 0;)
    if (le32(&tail[i]) == 0x06054b50) {
      eocd = i;
      break;
    }
  if (!eocd) return {"压缩包损坏或不完整（不是 zip 压缩包）"};
  uint64_t entries = le16(&tail[*eocd + 10]);
  uint64_t cd_size = le32(&tail[*eocd + 12]);
  uint64_t cd_offset = le32(&tail[*eocd + 16]);
  const uint64_t eocd_offset = file_size - tail_size + *eocd;
  if (entries == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
    // ZIP64: the locator sits just before the end record.
    unsigned char locator[20], record[56];
    if (eocd_offset < 20 || !read_at(in, eocd_offset - 20, locator, 20) || le32(locator) != 0x07064b50 ||
        !read_at(in, le64(locator + 8), record, 56) || le32(record) != 0x06064b50)
      return {"压缩包损坏或不完整（ZIP64 中央目录结尾记录损坏）"};
    entries = le64(record + 32);
    cd_size = le64(record + 40);
    cd_offset = le64(record + 48);
  }
  if (entries > limits.max_entries)
    return {"条目数 " + std::to_string(entries) + " 超过上限 " + std::to_string(limits.max_entries)};
  if (cd_offset > file_size || cd_size > file_size - cd_offset) return {"压缩包损坏或不完整（中央目录超出文件范围）"};
  // Each central entry takes at least 46 bytes: a count the directory cannot hold is a lie.
  if (entries * 46 > cd_size) return {"压缩包损坏或不完整（中央目录声明的条目数与其大小不符）"};

  std::vector<unsigned char> cd(cd_size);
  if (!read_at(in, cd_offset, cd.data(), cd_size)) return {"压缩包损坏或不完整（无法读取中央目录）"};
  std::vector<CentralEntry> list;
  list.reserve(entries);
  size_t at = 0;
  for (uint64_t i = 0; i < entries; ++i) {
    if (at + 46 > cd.size() || le32(&cd[at]) != 0x02014b50)
      return {"压缩包损坏或不完整（中央目录第 " + std::to_string(i + 1) + " 个条目损坏）"};
    const unsigned char* p = &cd[at];
    CentralEntry e;
    e.version_made_by = le16(p + 4);
    e.flags = le16(p + 8);
    e.method = le16(p + 10);
    e.crc = le32(p + 16);
    e.compressed = le32(p + 20);
    e.uncompressed = le32(p + 24);
    const size_t name_len = le16(p + 28), extra_len = le16(p + 30), comment_len = le16(p + 32);
    e.external = le32(p + 38);
    e.local_offset = le32(p + 42);
    if (at + 46 + name_len + extra_len + comment_len > cd.size())
      return {"压缩包损坏或不完整（中央目录第 " + std::to_string(i + 1) + " 个条目超出中央目录）"};
    e.name.assign(reinterpret_cast<const char*>(p + 46), name_len);
    // ZIP64 extra field: the 0xFFFFFFFF fields, in order.
    for (size_t x = 0; x + 4 <= extra_len;) {
      const unsigned char* f = p + 46 + name_len + x;
      const size_t id = le16(f), len = le16(f + 2);
      if (x + 4 + len > extra_len) break;
      if (id == 0x0001) {
        size_t k = 4;
        auto take = [&](uint64_t& field) {
          if (field == 0xFFFFFFFF && k + 8 <= 4 + len) {
            field = le64(f + k);
            k += 8;
          }
        };
        take(e.uncompressed);
        take(e.compressed);
        take(e.local_offset);
      }
      x += 4 + len;
    }
    at += 46 + name_len + extra_len + comment_len;
    list.push_back(std::move(e));
  }

  // Each entry on its own: what it is, how it is named, what it declares.
  for (const CentralEntry& e : list) {
    const unsigned system = e.version_made_by >> 8;
    if (system == 3) {  // Unix: the mode is in the high half of the external attributes
      const unsigned mode = e.external >> 16;
      const unsigned type = mode & S_IFMT;
      if (type != 0 && type != S_IFREG && !(type == S_IFDIR && e.uncompressed == 0))
        problems.push_back("条目" + quoted(e.name) + "不是普通文件（" +
                           (type == S_IFLNK ? std::string("符号链接") : type == S_IFDIR ? "带数据的文件夹" : "设备或特殊文件") +
                           "），证据包只应含普通文件");
      if (mode & (S_ISUID | S_ISGID)) problems.push_back("条目" + quoted(e.name) + "带有 setuid/setgid 权限位");
    }
    if (!is_ascii(e.name) && !(e.flags & 0x0800))
      problems.push_back("条目" + quoted(e.name) + "的名称含非 ASCII 字符却没有 UTF-8 标志（通用标志位 11），解压工具会按其他编码显示");
    if (e.flags & 0x0001) problems.push_back("条目" + quoted(e.name) + "已加密，证据包不得加密");
    if (e.method != 0 && e.method != 8)
      problems.push_back("条目" + quoted(e.name) + "使用了不公开或不常见的压缩方法 " + std::to_string(e.method));
    if (e.method == 0 && e.compressed != e.uncompressed)
      problems.push_back("条目" + quoted(e.name) + "未压缩，但声明的压缩前后大小不同");
    if (e.compressed > (1 << 20) || e.uncompressed > (1 << 20))
      if (e.uncompressed > limits.max_ratio * std::max<uint64_t>(e.compressed, 1))
        problems.push_back("条目" + quoted(e.name) + "声明的解压后大小是压缩后的 " + std::to_string(limits.max_ratio) +
                           " 倍以上（压缩炸弹）");
    const size_t slash = e.name.find('/');
    const std::string rel = slash == std::string::npos ? e.name : e.name.substr(slash + 1);
    if (!rel.starts_with("data/") && e.uncompressed > limits.max_tag_file_bytes)
      problems.push_back("标签文件" + quoted(e.name) + "大小 " + std::to_string(e.uncompressed) + " 字节，超过上限 " +
                         std::to_string(limits.max_tag_file_bytes));
  }
  if (!problems.empty()) return problems;

  // Where the data lie: each local header and its data within the file,
  // before the central directory, no two entries sharing bytes, and the
  // local header saying what the central directory says.
  std::vector<const CentralEntry*> by_offset;
  by_offset.reserve(list.size());
  for (const auto& e : list) by_offset.push_back(&e);
  std::sort(by_offset.begin(), by_offset.end(),
            [](const CentralEntry* a, const CentralEntry* b) { return a->local_offset < b->local_offset; });
  uint64_t previous_end = 0;
  for (const CentralEntry* e : by_offset) {
    unsigned char local[30];
    if (e->local_offset < previous_end) {
      problems.push_back("条目" + quoted(e->name) + "的数据与其他条目重叠（同一段数据被多个条目引用）");
      break;
    }
    if (e->local_offset + 30 > cd_offset || !read_at(in, e->local_offset, local, 30) || le32(local) != 0x04034b50) {
      problems.push_back("条目" + quoted(e->name) + "的本地文件头缺失或损坏");
      break;
    }
    const size_t name_len = le16(local + 26), extra_len = le16(local + 28);
    std::string local_name(name_len, '\0');
    if (!read_at(in, e->local_offset + 30, reinterpret_cast<unsigned char*>(local_name.data()), name_len) ||
        local_name != e->name) {
      problems.push_back("条目" + quoted(e->name) + "的本地文件头与中央目录的名称不一致");
      break;
    }
    const uint16_t flags = le16(local + 6), method = le16(local + 8);
    if (method != e->method || (flags & 0x0801) != (e->flags & 0x0801)) {
      problems.push_back("条目" + quoted(e->name) + "的本地文件头与中央目录的压缩方法或标志不一致");
      break;
    }
    if (!(flags & 0x0008)) {  // sizes and CRC in the local header (no data descriptor)
      const uint32_t crc = le32(local + 14);
      const uint64_t comp = le32(local + 18), uncomp = le32(local + 22);
      if (crc != e->crc || (comp != 0xFFFFFFFF && comp != e->compressed) ||
          (uncomp != 0xFFFFFFFF && uncomp != e->uncompressed)) {
        problems.push_back("条目" + quoted(e->name) + "的本地文件头与中央目录的大小或 CRC 不一致");
        break;
      }
    }
    const uint64_t data_start = e->local_offset + 30 + name_len + extra_len;
    if (data_start > cd_offset || e->compressed > cd_offset - data_start) {
      problems.push_back("条目" + quoted(e->name) + "的数据超出文件范围");
      break;
    }
    previous_end = data_start + e->compressed;
  }
  return problems;
}

}  // namespace creditgen::bundle
