#include "render/docx_package.h"

#include <zip.h>

#include "base/c_handle.h"

namespace creditgen::render {

namespace {

using Source = CHandle<zip_source_t, zip_source_free>;

// 1980-01-01 00:00, the earliest DOS time: no clock, no time zone.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;

}  // namespace

std::string docx_package(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  Source buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  zip_error_fini(&error);
  if (!buffer) return "";
  zip_source_keep(buffer.get());  // the archive's close must leave the bytes to us
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, nullptr);
  if (!archive) {
    zip_source_free(buffer.get());  // the reference kept for the archive
    return "";
  }
  for (const auto& [name, bytes] : parts) {
    zip_source_t* part = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);  // borrowed until close
    const zip_int64_t index = part ? zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (part) zip_source_free(part);
      zip_discard(archive);
      return "";
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 6) != 0 ||
        zip_file_set_dostime(archive, i, kDosTime, kDosDate, 0) != 0 ||
        zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0) {
      zip_discard(archive);
      return "";
    }
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    return "";
  }
  zip_stat_t st;
  if (zip_source_open(buffer.get()) != 0) return "";
  std::string out;
  if (zip_source_stat(buffer.get(), &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
    out.resize(st.size);
    if (zip_source_read(buffer.get(), out.data(), st.size) != static_cast<zip_int64_t>(st.size)) out.clear();
  }
  zip_source_close(buffer.get());
  return out;
}

}  // namespace creditgen::render
