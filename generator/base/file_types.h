// The attachment types the office accepts (docs/content-format.md §10), in
// one table: the loaders check references against it, the site publishes
// and serves by it, the bundles store already-compressed types as they are,
// and the format check compares what a file's bytes are with what its name
// says. docs/deploy.md's MIME table is tested against it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace creditgen {

struct FileType {
  std::string_view extension;  ///< lower case, without the dot
  std::string_view name_zh;    ///< "JPEG 图片", for messages
  std::string_view mime;       ///< the Content-Type a server should send
  bool image = false;          ///< may be a campaign photo and shown inline
  bool text = false;           ///< text evidence: personal data masked on the site
  bool compressed = false;     ///< already compressed: stored, not deflated, in bundles
  bool archive = false;        ///< an archive of other files (refused for the record)
  /// What libmagic reports (MIME type) for genuine files of this type; a
  /// value ending in '/' is a prefix. A type whose first entry is "text/" is
  /// a text type (load/file_format.cc: recognised without libmagic).
  std::vector<std::string_view> content_mimes;
};

/// Every accepted type, images first, in the order messages list them.
const std::vector<FileType>& attachment_types();

/// The type of `path` by its extension (any case), or null when it is not an
/// accepted attachment type.
const FileType* attachment_type(std::string_view path);

/// The same over attachments and the files creditgen itself writes into the
/// site and the bundles (html, css, js, json, svg, ico, and the content's md
/// and yaml): what `serve` sends and what `verify` expects a bag file to be.
const FileType* known_file_type(std::string_view path);

/// A content file the scores read as text (Markdown items, YAML lists and
/// settings, records CSV): what each earlier month puts into a later month's
/// bag (cli/bundle_input.cc), and so the files one build deflates again for
/// every later bag (bundle/payload_pipeline.cc remembers them deflated).
bool is_content_text(std::string_view path);

/// "jpg" for "files/a.JPG"; empty when the last component has no dot.
std::string lower_extension(std::string_view path);

/// A short Chinese name for a MIME type libmagic reported ("PNG 图片",
/// "可执行程序"), else the MIME type itself.
std::string describe_mime(std::string_view mime);
/// Archives (zip, rar, 7z, gzip, tar, …) and executables, by detected MIME type.
bool is_archive_mime(std::string_view mime);
bool is_executable_mime(std::string_view mime);

}  // namespace creditgen
