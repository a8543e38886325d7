// Files that items reference (news attachments, campaign photos and plans,
// list entries' `file`, Markdown links into files/): safety, existence, type,
// size and bundle-name checks, and the record of what is referenced so the
// unit folder can report orphans.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "load/unit_folder.h"
#include "model/items.h"

namespace creditgen::load {

enum class AttachmentKind {
  any,    ///< jpg jpeg png gif webp pdf ofd doc docx xls xlsx wps et csv txt zip
  image,  ///< campaign photos: jpg jpeg png gif webp
};

/// True when `ext` (without the dot, any case) is an allowed attachment type.
bool allowed_attachment_type(std::string_view ext, AttachmentKind kind);

/// "files/./a.jpg" → "files/a.jpg"; empty when the path is absolute or
/// climbs out with "..", which the caller reports as unsafe.
std::string clean_relative_path(std::string_view path);

class AttachmentChecker {
 public:
  AttachmentChecker(const UnitFolderContext& ctx) : ctx_(ctx) {}

  /// Checks one reference written at `where` and records it as referenced.
  /// Reports [unsafe-path], [missing-attachment], [bad-attachment],
  /// [bad-filename]; `ok` is true only when none applied.
  model::Attachment check(std::string_view path, const Location& where, AttachmentKind kind, Diagnostics& diags);

  /// A Markdown link or image target found in a body: only relative targets
  /// into files/ are references; they must exist and be safe. Returns false
  /// when the target is not such a reference (an URL, an anchor, …).
  bool check_body_link(std::string_view target, const Location& where, Diagnostics& diags);

  /// Marks a path below the unit folder as referenced without checking it.
  void mark_referenced(const std::string& rel) { referenced_.insert(rel); }
  const std::set<std::string>& referenced() const { return referenced_; }

 private:
  // Tells the month's file list that this version of `path` (relative to the
  // month folder) is what its name says: the bag need not look again.
  void mark_format_confirmed(const std::string& path, uint64_t stamp_digest) const;

  const UnitFolderContext& ctx_;
  std::set<std::string> referenced_;
};

}  // namespace creditgen::load
