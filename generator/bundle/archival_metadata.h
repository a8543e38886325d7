// The archival metadata every bag carries beside BagIt's manifests, in the
// spirit of DA/T 48 (电子文件封装) and GB/T 18894 (归档登记表):
// tags/metadata.csv, one record per payload file (path, size, digests, the
// format identified from its bytes, the item it belongs to), and
// tags/archive-register.txt, the register a person reads (counts and bytes
// per kind, the checks made when the bag was written, the office, the
// retention period). Both are written here and read back here (verify).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/bag.h"
#include "bundle/bundle.h"

namespace creditgen::bundle {

inline constexpr const char* kMetadataFile = "tags/metadata.csv";
inline constexpr const char* kRegisterFile = "tags/archive-register.txt";

struct MetadataRow {
  std::string path;  ///< "data/content/2022-05/lingang/files/a.jpg"
  unsigned long long size = 0;
  std::string sha256, sm3;
  std::string format;   ///< "JPEG 图片"
  std::string mime;     ///< "image/jpeg"
  std::string finding;  ///< empty, or 与扩展名不符, 加密, 压缩包, 可执行程序
  FileRecord record;
};

/// One row per payload entry, in payload order. Files read from disk are
/// identified from their bytes (libmagic) on `jobs` threads; what creditgen
/// made itself (pages, scores) is named by its type. A file whose content
/// matches its name is recorded with the table's name and MIME type, so the
/// text does not depend on the libmagic version (bags stay byte-identical).
std::vector<MetadataRow> describe_payload(const BagInput& input, const PreparedPayload& payload, unsigned jobs);

/// RFC 4180 CSV, UTF-8, header row first.
std::string metadata_csv(const std::vector<MetadataRow>& rows);
std::string archive_register_txt(const BagInput& input, const BagLabel& label, const std::vector<MetadataRow>& rows);

/// Reads metadata_csv's text back; nullopt with `error` (Chinese) when it
/// is not that table.
std::optional<std::vector<MetadataRow>> parse_metadata_csv(std::string_view text, std::string& error);

}  // namespace creditgen::bundle
