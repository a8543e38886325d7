#include "load/file_format.h"

#include "base/file_stamp.h"

namespace creditgen::load {

FormatIdentifier::FormatIdentifier()
    : magic_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF)) {
  // The default database (libmagic-mgc); never an environment-chosen one, so
  // the same bytes are named the same way on every office machine.
  ready_ = magic_ && magic_load(magic_.get(), nullptr) == 0;
}

std::string FormatIdentifier::mime_of(std::string_view head) const {
  if (!ready_) return {};
  const char* mime = magic_buffer(magic_.get(), head.data(), head.size());
  return mime ? std::string(mime) : std::string();
}

std::string format_identifier_version() {
  std::string out = "libmagic " + std::to_string(magic_version());
  const char* paths = magic_getpath(nullptr, 0);  // the database magic_load(nullptr) reads
  std::string_view rest = paths ? paths : "";
  while (!rest.empty()) {
    const size_t colon = rest.find(':');
    const std::string path(rest.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    for (const std::string& file : {path, path + ".mgc"})
      if (auto stamp = FileStamp::of(file)) out += " " + file + " " + stamp_text(*stamp);
  }
  return out;
}

namespace {

bool accepted(const FileType& type, std::string_view mime) {
  for (std::string_view m : type.content_mimes)
    if (m.ends_with('/') ? mime.starts_with(m) : mime == m) return true;
  return false;
}

// A PDF whose trailer (or cross-reference stream) names an /Encrypt
// dictionary: it cannot be opened, or not copied and printed, without the
// password, so an archive cannot keep it readable (DA/T 70 可用性).
bool encrypted_pdf(std::string_view head, std::string_view tail) {
  return tail.find("/Encrypt") != std::string_view::npos || head.find("/Encrypt") != std::string_view::npos;
}

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

bool text_format(const FileType& type) { return type.content_mimes.front() == "text/"; }

}  // namespace

FormatSample format_sample(const FileType& type, unsigned long long size) {
  if (text_format(type)) return {kTextProbeBytes, 0};
  return {kFormatHeadBytes, size > kFormatHeadBytes ? kFormatTailBytes : 0};
}

std::optional<FormatProblem> format_problem(const FileType& type, std::string_view head, std::string_view tail,
                                            const FormatIdentifier& identifier, std::string_view shown,
                                            std::string_view noun) {
  if (type.archive)
    return FormatProblem{"archive-attachment", std::string(noun) + quoted(shown) + "是" + std::string(type.name_zh) +
                                                   "：档案要求证据中不含压缩包，请解压后把其中的文件分别作为附件报送"};
  if (head.empty())
    return FormatProblem{"format-mismatch", std::string(noun) + quoted(shown) + "是空文件（0 字节），请换成实际的" +
                                                std::string(type.name_zh)};
  // Text is recognised by having no NUL byte near its start: libmagic runs
  // its text tests over the whole head, which costs milliseconds per file
  // and dominated bundling. Only what fails this is identified.
  if (text_format(type) && head.substr(0, kTextProbeBytes).find('\0') == std::string_view::npos)
    return std::nullopt;
  const std::string mime = identifier.mime_of(head);
  if (mime.empty()) return std::nullopt;  // no database: nothing can be said
  if (!accepted(type, mime)) {
    if (is_archive_mime(mime))
      return FormatProblem{"archive-attachment", std::string(noun) + quoted(shown) + "的内容是" + describe_mime(mime) +
                                                     "（" + mime + "），不是扩展名所示的" + std::string(type.name_zh) +
                                                     "：请解压后把其中的文件分别作为附件报送"};
    return FormatProblem{"format-mismatch",
                         std::string(noun) + quoted(shown) + "的内容是" + describe_mime(mime) + "（" + mime + "），与扩展名 ." +
                             std::string(type.extension) + " 所示的" + std::string(type.name_zh) + "不符：" +
                             (is_executable_mime(mime) ? std::string("证据中不能有程序文件，请删除它")
                                                       : "请按实际格式改正扩展名，或重新导出为" + std::string(type.name_zh))};
  }
  if (type.extension == "pdf" && encrypted_pdf(head, tail))
    return FormatProblem{"encrypted-pdf", std::string(noun) + quoted(shown) +
                                              "是加密的 PDF（设有密码或权限限制），长期保存时可能无法打开或打印：请提供未加密的 PDF"};
  return std::nullopt;
}

}  // namespace creditgen::load
