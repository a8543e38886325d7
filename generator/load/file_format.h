// What an attachment's bytes are, compared with what its name says: a PNG
// named .jpg, a text file named 照片.jpg, an encrypted PDF, an archive or a
// program among the evidence. Formats are identified by libmagic (Debian's
// file(1) database), never by tables of our own.
#pragma once

#include <magic.h>

#include <optional>
#include <string>
#include <string_view>

#include "base/c_handle.h"
#include "base/file_types.h"

namespace creditgen::load {

/// One libmagic handle with its database loaded. Not thread-safe, like
/// libmagic itself: one per thread of work (a month's load, a bundle check).
class FormatIdentifier {
 public:
  FormatIdentifier();
  /// False when the database could not be loaded (then nothing is identified).
  bool ready() const { return ready_; }
  /// The MIME type of `head` (the first bytes of a file), e.g. "image/png".
  std::string mime_of(std::string_view head) const;

 private:
  CHandle<magic_set, magic_close> magic_;
  bool ready_ = false;
};

/// Which libmagic identifies formats: its version and the stamps of its
/// database files. A month's loaded verdicts (format warnings, marks of
/// genuine attachments) are kept in the month cache under it, so a libmagic
/// or database update loads the month again.
std::string format_identifier_version();

/// How many bytes of a file's start identify it, and of its end hold a PDF's
/// trailer (where /Encrypt is declared).
inline constexpr size_t kFormatHeadBytes = 64 * 1024;
inline constexpr size_t kFormatTailBytes = 16 * 1024;
/// How many bytes of a file named as text must be free of NUL bytes for it
/// to be taken as text without asking libmagic.
inline constexpr size_t kTextProbeBytes = 8 * 1024;

/// How many bytes of a file of `size` bytes, named as `type`, format_problem
/// needs from its start and its end: a text type only its first
/// kTextProbeBytes, anything else its head and, when longer, its tail.
struct FormatSample {
  size_t head = 0;
  size_t tail = 0;  ///< 0: the head holds all there is to see
};
FormatSample format_sample(const FileType& type, unsigned long long size);

struct FormatProblem {
  std::string code;     ///< format-mismatch, encrypted-pdf, archive-attachment
  std::string message;  ///< Chinese, naming what the file is and what to do
};

/// The problem with a file named as `type` whose first bytes are `head` and
/// last bytes `tail`, or nullopt when its content is what its name says.
/// `shown` names the file in the message, after `noun` (附件, or 文件 in a bag).
std::optional<FormatProblem> format_problem(const FileType& type, std::string_view head, std::string_view tail,
                                            const FormatIdentifier& identifier, std::string_view shown,
                                            std::string_view noun = "附件");

}  // namespace creditgen::load
