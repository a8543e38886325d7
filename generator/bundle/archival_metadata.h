// The archival metadata every bag carries beside BagIt's manifests, in the
// spirit of DA/T 48 (电子文件封装) and GB/T 18894 (归档登记表):
// tags/metadata.csv, one record per payload file (path, size, digests, the
// format identified from its bytes, the item it belongs to), and
// tags/archive-register.txt, the register a person reads (counts and bytes
// per kind, the checks made when the bag was written, the office, the
// retention period). Their rows and text are made here and read back here
// (verify); bag.cc streams the table into the zip a slice at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/bag.h"
#include "bundle/bundle.h"
#include "bundle/bundle_cache.h"

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

/// Rows for the payload's entries, in payload order, a slice at a time so
/// a late month's table (half a million entries at 10,000 units × 12
/// months) is never held whole. Files read
/// from disk are identified from their bytes (libmagic, one handle per job,
/// opened once) on `jobs` threads; what creditgen made itself (pages,
/// scores) is named by its type. A file whose content matches its name is
/// recorded with the table's name and MIME type, so the text does not depend
/// on the libmagic version (bags stay byte-identical); `cache` remembers it
/// for the rest of the build (DigestCache::confirm_format), so an earlier
/// month's file is not read again for every later month's bag; an attachment
/// loading already found to be what its name says, in the version the bag
/// holds (PayloadEntry::format_confirmed), is not identified again.
class PayloadDescriber {
 public:
  PayloadDescriber(const BagInput& input, const PreparedPayload& payload, unsigned jobs, BundleCache& cache);
  ~PayloadDescriber();
  size_t size() const;
  /// Rows of entries [first, first + count), clipped to the payload.
  std::vector<MetadataRow> rows(size_t first, size_t count) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// RFC 4180 CSV, UTF-8: the header row, then one record per row appended.
std::string metadata_csv_header();
void append_metadata_csv(std::string& out, const MetadataRow& row);

/// What the register counts of the rows: files and bytes per kind, and the
/// paths of each finding; rows are added as they are made.
struct RegisterTally {
  std::map<std::string, std::pair<unsigned long long, unsigned long long>> kinds;  // kind → files, bytes
  unsigned long long files = 0, bytes = 0;
  std::map<std::string, std::vector<std::string>> findings;  // finding → paths
  void add(const MetadataRow& row);
};
std::string archive_register_txt(const BagInput& input, const BagLabel& label, const RegisterTally& tally);

/// Reads the metadata table's text back; nullopt with `error` (Chinese) when it
/// is not that table.
std::optional<std::vector<MetadataRow>> parse_metadata_csv(std::string_view text, std::string& error);

}  // namespace creditgen::bundle
