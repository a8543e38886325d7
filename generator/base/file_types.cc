#include "base/file_types.h"

#include <algorithm>
#include <map>

namespace creditgen {
namespace {

// OLE compound documents (doc, xls and WPS Office's own wps and et) are
// reported under several names depending on what libmagic can tell.
#define OLE_MIMES "application/msword", "application/vnd.ms-excel", "application/vnd.ms-office", \
                  "application/CDFV2", "application/x-ole-storage", "application/vnd.ms-works"

}  // namespace

const std::vector<FileType>& attachment_types() {
  static const std::vector<FileType> types{
      {"jpg", "JPEG 图片", "image/jpeg", true, false, true, false, {"image/jpeg"}},
      {"jpeg", "JPEG 图片", "image/jpeg", true, false, true, false, {"image/jpeg"}},
      {"png", "PNG 图片", "image/png", true, false, true, false, {"image/png"}},
      {"gif", "GIF 图片", "image/gif", true, false, true, false, {"image/gif"}},
      {"webp", "WebP 图片", "image/webp", true, false, true, false, {"image/webp"}},
      {"pdf", "PDF 文档", "application/pdf", false, false, true, false, {"application/pdf"}},
      // OFD (GB/T 33190) is a zip of XML parts; libmagic knows it only as a zip.
      {"ofd", "OFD 版式文档", "application/ofd", false, false, true, false, {"application/ofd", "application/zip"}},
      {"doc", "Word 97-2003 文档", "application/msword", false, false, false, false, {OLE_MIMES}},
      {"docx", "Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false, false,
       true, false, {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"}},
      {"xls", "Excel 97-2003 工作簿", "application/vnd.ms-excel", false, false, false, false, {OLE_MIMES}},
      {"xlsx", "Excel 工作簿", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false, false, true,
       false, {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}},
      {"wps", "WPS 文字文档", "application/vnd.ms-works", false, false, false, false, {OLE_MIMES, "application/zip"}},
      {"et", "WPS 表格工作簿", "application/vnd.ms-excel", false, false, false, false, {OLE_MIMES, "application/zip"}},
      // Any text/* is text: libmagic calls some text "text/x-c" or "text/csv".
      {"csv", "CSV 表格", "text/csv; charset=utf-8", false, true, false, false, {"text/"}},
      {"txt", "纯文本", "text/plain; charset=utf-8", false, true, false, false, {"text/"}},
      {"zip", "ZIP 压缩包", "application/zip", false, false, true, true, {"application/zip"}},
  };
  return types;
}

bool is_content_text(std::string_view path) {
  const std::string ext = lower_extension(path);
  return ext == "md" || ext == "yaml" || ext == "csv";
}

std::string lower_extension(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  const std::string_view leaf = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = leaf.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string ext(leaf.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

namespace {

// The site's and the bags' own files: written by creditgen (pages, styles,
// scores) or read as text (the content's Markdown and YAML).
const std::vector<FileType>& own_types() {
  static const std::vector<FileType> types{
      {"html", "网页", "text/html; charset=utf-8", false, false, false, false, {"text/"}},
      {"htm", "网页", "text/html; charset=utf-8", false, false, false, false, {"text/"}},
      {"css", "样式表", "text/css; charset=utf-8", false, false, false, false, {"text/"}},
      {"js", "脚本", "text/javascript; charset=utf-8", false, false, false, false, {"text/", "application/javascript"}},
      {"json", "JSON 数据", "application/json; charset=utf-8", false, false, false, false, {"text/", "application/json"}},
      {"md", "Markdown 文本", "text/plain; charset=utf-8", false, false, false, false, {"text/"}},
      {"yaml", "YAML 文本", "text/plain; charset=utf-8", false, false, false, false, {"text/"}},
      {"svg", "SVG 图形", "image/svg+xml", false, false, false, false, {"text/", "image/svg+xml"}},
      {"ico", "图标", "image/x-icon", false, false, false, false, {"image/vnd.microsoft.icon", "image/x-icon"}},
  };
  return types;
}

const FileType* find_type(const std::vector<FileType>& types, const std::string& ext) {
  for (const auto& t : types)
    if (t.extension == ext) return &t;
  return nullptr;
}

}  // namespace

const FileType* attachment_type(std::string_view path) {
  const std::string ext = lower_extension(path);
  return ext.empty() ? nullptr : find_type(attachment_types(), ext);
}

const FileType* known_file_type(std::string_view path) {
  const std::string ext = lower_extension(path);
  if (ext.empty()) return nullptr;
  if (const FileType* t = find_type(attachment_types(), ext)) return t;
  return find_type(own_types(), ext);
}

bool is_archive_mime(std::string_view mime) {
  static const std::vector<std::string_view> archives{
      "application/zip",        "application/x-rar",    "application/vnd.rar", "application/x-7z-compressed",
      "application/gzip",       "application/x-gzip",   "application/x-tar",   "application/x-bzip2",
      "application/x-xz",       "application/zstd",     "application/x-lzip", "application/x-compress",
      "application/x-lzma",     "application/x-archive"};
  return std::find(archives.begin(), archives.end(), mime) != archives.end();
}

bool is_executable_mime(std::string_view mime) {
  return mime == "application/x-executable" || mime == "application/x-dosexec" || mime == "application/x-sharedlib" ||
         mime == "application/x-pie-executable" || mime == "application/x-mach-binary" ||
         mime == "application/x-msdownload" || mime == "text/x-shellscript" || mime == "text/x-msdos-batch";
}

std::string describe_mime(std::string_view mime) {
  static const std::map<std::string_view, std::string_view> names{
      {"image/jpeg", "JPEG 图片"},
      {"image/png", "PNG 图片"},
      {"image/gif", "GIF 图片"},
      {"image/webp", "WebP 图片"},
      {"image/bmp", "BMP 图片"},
      {"image/tiff", "TIFF 图片"},
      {"image/heic", "HEIC 图片"},
      {"application/pdf", "PDF 文档"},
      {"text/plain", "纯文本"},
      {"text/html", "网页（HTML）"},
      {"text/xml", "XML 文本"},
      {"application/zip", "ZIP 压缩包"},
      {"application/x-rar", "RAR 压缩包"},
      {"application/vnd.rar", "RAR 压缩包"},
      {"application/x-7z-compressed", "7z 压缩包"},
      {"application/gzip", "gzip 压缩文件"},
      {"application/x-tar", "tar 归档"},
      {"application/x-empty", "空文件"},
      {"application/octet-stream", "无法识别的二进制数据"},
      {"application/msword", "Word 97-2003 文档"},
      {"application/vnd.ms-excel", "Excel 97-2003 工作簿"},
      {"application/CDFV2", "Office 97-2003 复合文档"},
      {"application/x-ole-storage", "Office 97-2003 复合文档"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 工作簿"},
  };
  if (auto it = names.find(mime); it != names.end()) return std::string(it->second);
  if (is_executable_mime(mime)) return "可执行程序";
  if (mime.starts_with("text/")) return "文本";
  return std::string(mime);
}

}  // namespace creditgen
