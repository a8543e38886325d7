// Shared helpers for the bundle tests: temporary folders, a BagInput built
// from tests/fixtures/bundle/basic, a tiny raw zip writer (for archives libzip
// refuses to make) and a central-directory parser (to check bytes ourselves).
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <optional>
#include <string>
#include <vector>

#include "bundle/bundle.h"

namespace bundle_test {

namespace fs = std::filesystem;
using namespace creditgen;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "creditgen-bundle-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

inline std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_bytes(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

/// Copies the basic fixture's content/ into `dir`/content and returns that path.
inline fs::path copy_fixture(const fs::path& dir) {
  const fs::path to = dir / "content";
  fs::copy(fs::path(CREDITGEN_FIXTURES) / "bundle/basic/content", to, fs::copy_options::recursive);
  return to;
}

/// The month's bag input as the cli would assemble it: every file of the
/// content tree streamed from disk, plus rendered pages and scores in memory.
inline bundle::BagInput make_input(const fs::path& content) {
  bundle::BagInput in;
  in.district = "历城区";
  in.slug = "jinan-licheng";
  in.organization = "历城区社会信用体系建设工作领导小组办公室";
  in.contact = "区信用办综合科";
  in.month = {2022, 5};
  in.epoch = *DateTime::parse("2022-05-21 09:30");
  in.utc_offset_minutes = 480;
  in.published = Date::parse("2022-06-05");
  in.sealed = bundle::BagInput::SealedVersion{1, std::nullopt, "区信用办", "", std::nullopt};
  in.rulebook_name = "rules/2022-01.yaml";
  in.rulebook_sha256 = "00000000000000000000000000000000000000000000000000000000000000aa";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(content))
    if (e.is_regular_file()) files.push_back(e.path());
  // Diagnostics name a content file by the content folder as shown (the
  // cli's content.shown_root), not by a path each entry carries.
  in.content_shown_root = "content";
  for (const auto& f : files) {
    const std::string rel = fs::relative(f, content).generic_string();
    in.payload.push_back(bundle::PayloadEntry::from_file("content/" + rel, f));
  }
  in.payload.push_back(bundle::PayloadEntry::from_bytes("report/index.html", "<!doctype html><title>2022年5月</title>\n"));
  in.payload.push_back(bundle::PayloadEntry::from_bytes("scores.json", "{\"month\":\"2022-05\",\"units\":[]}\n"));
  in.payload.push_back(bundle::PayloadEntry::from_bytes("scores.csv", "unit,score\nlingang,87.5\n"));
  return in;
}

inline uint32_t crc32(const std::string& data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

inline void put16(std::string& s, uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
inline void put32(std::string& s, uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}
inline uint32_t get16(const std::string& s, size_t at) {
  return static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8);
}
inline uint32_t get32(const std::string& s, size_t at) { return get16(s, at) | (get16(s, at + 2) << 16); }

/// One entry of a hand-made zip: the defaults are a well-formed stored
/// entry; each field can be made hostile.
struct Crafted {
  std::string name, data;
  uint16_t flags = 0x800;
  uint32_t external = 0100644u << 16;
  uint16_t method = 0;
  std::optional<uint32_t> offset;         ///< central directory's local offset (default: the real one)
  std::optional<std::string> local_name;  ///< the local header's name (default: `name`)
  std::optional<uint32_t> declared_size;  ///< uncompressed size in both headers
};

inline std::string crafted_zip(const std::vector<Crafted>& entries) {
  std::string out, central;
  for (const auto& e : entries) {
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = crc32(e.data);
    const uint32_t size = e.declared_size.value_or(static_cast<uint32_t>(e.data.size()));
    const std::string& local_name = e.local_name ? *e.local_name : e.name;
    put32(out, 0x04034b50); put16(out, 20); put16(out, e.flags); put16(out, e.method);
    put16(out, 0); put16(out, 0x21); put32(out, crc);
    put32(out, static_cast<uint32_t>(e.data.size())); put32(out, size);
    put16(out, static_cast<uint32_t>(local_name.size())); put16(out, 0);
    out += local_name;
    out += e.data;
    put32(central, 0x02014b50); put16(central, 0x0314); put16(central, 20); put16(central, e.flags);
    put16(central, e.method); put16(central, 0); put16(central, 0x21); put32(central, crc);
    put32(central, static_cast<uint32_t>(e.data.size())); put32(central, size);
    put16(central, static_cast<uint32_t>(e.name.size())); put16(central, 0); put16(central, 0);
    put16(central, 0); put16(central, 0); put32(central, e.external); put32(central, e.offset.value_or(offset));
    central += e.name;
  }
  const uint32_t cd_offset = static_cast<uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50); put16(out, 0); put16(out, 0);
  put16(out, static_cast<uint32_t>(entries.size())); put16(out, static_cast<uint32_t>(entries.size()));
  put32(out, static_cast<uint32_t>(central.size())); put32(out, cd_offset); put16(out, 0);
  return out;
}

/// A stored-only zip with exactly these entries (duplicates and hostile names allowed).
inline std::string raw_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::vector<Crafted> crafted;
  for (const auto& [name, data] : entries) {
    Crafted e;
    e.name = name;
    e.data = data;
    crafted.push_back(std::move(e));
  }
  return crafted_zip(crafted);
}

/// One central directory record, with the matching local header's extra length.
struct CentralEntry {
  std::string name;
  uint32_t version_made_by = 0, flags = 0, method = 0, dos_time = 0, dos_date = 0;
  uint32_t crc = 0, compressed = 0, size = 0;
  uint32_t extra_len = 0, comment_len = 0, external_attrs = 0, local_offset = 0;
  uint32_t local_flags = 0, local_extra_len = 0, local_time = 0, local_date = 0;
};

struct ParsedZip {
  std::vector<CentralEntry> entries;
  uint32_t archive_comment_len = 0;
};

inline ParsedZip parse_zip(const std::string& z) {
  ParsedZip out;
  const size_t eocd = z.rfind(std::string("PK\x05\x06", 4));
  if (eocd == std::string::npos) return out;
  out.archive_comment_len = get16(z, eocd + 20);
  const uint32_t n = get16(z, eocd + 10);
  size_t at = get32(z, eocd + 16);
  for (uint32_t i = 0; i < n; ++i) {
    CentralEntry e;
    e.version_made_by = get16(z, at + 4);
    e.flags = get16(z, at + 8);
    e.method = get16(z, at + 10);
    e.dos_time = get16(z, at + 12);
    e.dos_date = get16(z, at + 14);
    e.crc = get32(z, at + 16);
    e.compressed = get32(z, at + 20);
    e.size = get32(z, at + 24);
    const uint32_t name_len = get16(z, at + 28);
    e.extra_len = get16(z, at + 30);
    e.comment_len = get16(z, at + 32);
    e.external_attrs = get32(z, at + 38);
    e.local_offset = get32(z, at + 42);
    e.name = z.substr(at + 46, name_len);
    e.local_flags = get16(z, e.local_offset + 6);
    e.local_time = get16(z, e.local_offset + 10);
    e.local_date = get16(z, e.local_offset + 12);
    e.local_extra_len = get16(z, e.local_offset + 28);
    at += 46 + name_len + e.extra_len + e.comment_len;
    out.entries.push_back(e);
  }
  return out;
}

}  // namespace bundle_test
