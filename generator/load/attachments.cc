#include "load/attachments.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "base/bundle_name.h"
#include "base/file_types.h"
#include "base/number.h"
#include "base/text.h"
#include "load/file_format.h"
#include "load/source_file.h"

namespace creditgen::load {

namespace {

std::string type_list(AttachmentKind kind) {
  std::string out;
  for (const FileType& t : attachment_types())
    if (t.image || kind == AttachmentKind::any) out += (out.empty() ? "" : "、") + std::string(t.extension);
  return out;
}

std::vector<std::string> split_components(std::string_view p) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : p) {
    // A backslash is a separator for Windows users' paths, so "..\x" is caught too.
    if (c == '/' || c == '\\') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

bool is_absolute(std::string_view p) {
  if (p.empty()) return false;
  if (p[0] == '/' || p[0] == '\\' || p[0] == '~') return true;
  // "C:\…" or "C:/…"
  return p.size() >= 2 && p[1] == ':' && ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z'));
}

bool has_scheme(std::string_view t) {
  size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = t[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

std::string zh_quote(std::string_view s) { return "“" + std::string(s) + "”"; }

}  // namespace

bool allowed_attachment_type(std::string_view ext, AttachmentKind kind) {
  const FileType* type = attachment_type("." + std::string(ext));
  return type && (type->image || kind == AttachmentKind::any);
}

std::string clean_relative_path(std::string_view path) {
  if (is_absolute(path)) return {};
  std::string out;
  for (auto& c : split_components(path)) {
    if (c == "..") return {};
    if (c.empty() || c == ".") continue;
    out += (out.empty() ? "" : "/") + c;
  }
  return out;
}


model::Attachment AttachmentChecker::check(std::string_view path, const Location& where, AttachmentKind kind,
                                           Diagnostics& diags) {
  model::Attachment a;
  a.path = trim(path);
  a.where = where;
  const std::string& p = a.path;
  if (p.empty()) {
    diags.error(where, "bad-value", "附件路径为空：应为相对于单位文件夹的路径，如 files/现场照片.jpg");
    return a;
  }
  if (is_absolute(p)) {
    diags.error(where, "unsafe-path",
                "附件路径" + zh_quote(p) + "是绝对路径，出于安全考虑不会读取；应写成相对于单位文件夹的路径，如 files/现场照片.jpg");
    return a;
  }
  std::string rel = clean_relative_path(p);
  if (rel.empty()) {
    bool climbs = false;
    for (auto& c : split_components(p)) climbs = climbs || c == "..";
    diags.error(where, "unsafe-path",
                climbs ? "附件路径" + zh_quote(p) + "含有“..”，出于安全考虑不会读取；附件应放在本单位的 files/ 文件夹中"
                       : "附件路径" + zh_quote(p) + "指向单位文件夹本身，应指向 files/ 中的文件");
    return a;
  }
  a.path = rel;
  referenced_.insert(rel);
  bool ok = true;

  // Walk every component with lstat: a link anywhere on the way is refused,
  // whatever it points to, so nothing outside the unit folder is ever read.
  auto parts = split_components(rel);
  std::filesystem::path cur = ctx_.dir;
  std::string walked;
  bool exists = true;
  for (size_t i = 0; i < parts.size(); ++i) {
    cur /= parts[i];
    walked += (walked.empty() ? "" : "/") + parts[i];
    EntryType t = ctx_.tree->type(cur);
    bool last = i + 1 == parts.size();
    if (t == EntryType::symlink) {
      diags.error(where, "unsafe-path",
                  "附件路径" + zh_quote(p) + "经过符号链接" + zh_quote(walked) + "，出于安全考虑不会读取；请放入真实文件");
      return a;
    }
    if (t == EntryType::missing || (!last && t != EntryType::directory)) {
      std::string hint;
      // A file that differs only in case is the usual mistake (Windows does not care).
      std::filesystem::path parent = cur.parent_path();
      if (last && ctx_.tree->type(parent) == EntryType::directory) {
        std::error_code ec;
        // Case and Unicode normalisation (NFD names from macOS) both look identical to users.
        std::string want = case_fold(to_nfc(parts[i]));
        for (auto& e : ctx_.tree->list(parent, ec)) {
          const std::string& name = e.name;
          if (case_fold(to_nfc(name)) == want) {
            hint = "，是否应为" + zh_quote(rel.substr(0, rel.size() - parts[i].size()) + name) + "？";
            break;
          }
        }
      }
      diags.error(where, "missing-attachment",
                  "附件" + zh_quote(p) + "不存在" + (hint.empty() ? "，请检查文件名和路径（区分大小写）" : hint));
      ok = false;
      exists = false;
      break;
    }
    if (last && t == EntryType::directory) {
      diags.error(where, "unsafe-path", "附件路径" + zh_quote(p) + "指向文件夹，应指向一个文件");
      return a;
    }
    if (last && t == EntryType::special) {
      diags.error(where, "unsafe-path", "附件路径" + zh_quote(p) + "指向设备、管道或套接字等特殊文件，出于安全考虑不会读取");
      return a;
    }
  }

  const std::string& leaf = parts.back();
  size_t dot = leaf.rfind('.');
  std::string ext = dot == std::string::npos ? std::string() : leaf.substr(dot + 1);
  if (!allowed_attachment_type(ext, kind)) {
    std::string shown_ext = ext.empty() ? "（无扩展名）" : "“." + ext + "”";
    diags.error(where, "bad-attachment",
                std::string(kind == AttachmentKind::image ? "现场照片应为图片，" : "") + "附件" + zh_quote(p) + "的类型" +
                    shown_ext + "不允许，应为以下之一：" + type_list(kind));
    ok = false;
  }
  // One look at the file: on disk its stamp, which holds its size, is the
  // version any verdict below holds for; a bag's files have no stamp.
  std::optional<FileStamp> stamp;
  std::optional<unsigned long long> size;
  if (exists) {
    stamp = ctx_.tree->stamp(cur);
    size = stamp ? std::optional<unsigned long long>(stamp->size) : ctx_.tree->size(cur);
    int max_mb = ctx_.site ? ctx_.site->max_attachment_mb : 50;
    if (size && *size > static_cast<unsigned long long>(max_mb) * 1024ULL * 1024ULL) {
      diags.error(where, "bad-attachment",
                  "附件" + zh_quote(p) + "大小为 " + format_fixed(*size / (1024.0 * 1024.0), 1) + " MiB，超过 " +
                      std::to_string(max_mb) + " MiB 的上限，请压缩后再报送");
      ok = false;
    }
  }
  if (exists && ok && ctx_.formats) {
    // What the bytes are, against what the name says: warnings, so a rule
    // added later never changes the scores of a month already published.
    const FileType* type = attachment_type(rel);
    // The verdict is passed on only when it can be (a mark needs libmagic's
    // and a month list), for the version stamped before the bytes were read.
    const bool can_mark = type && ctx_.month_files && ctx_.formats->ready();
    const FormatSample sample = type ? format_sample(*type, size.value_or(0)) : FormatSample{};
    const auto ends = type ? ctx_.tree->read_ends(cur, sample.head, sample.tail) : std::nullopt;
    if (ends) {
      if (auto problem = format_problem(*type, ends->head, ends->tail, *ctx_.formats, p))
        diags.warning(where, problem->code, problem->message);
      else if (can_mark && stamp && !stamp->recent())  // a file changed moments ago is trusted by no cache (FileStamp::recent)
        mark_format_confirmed(ctx_.unit + "/" + rel, stamp->digest());
    }
  }
  std::string slug = ctx_.site && !ctx_.site->slug.empty() ? ctx_.site->slug : "bundle";
  std::string entry = bundle_root_name(slug, ctx_.month) + "/data/content/" + ctx_.month.str() + "/" + ctx_.unit + "/" + rel;
  if (auto why = bundle_name_problem(entry)) {
    diags.error(where, "bad-filename", "文件名" + zh_quote(rel) + "无法安全放入佐证材料包：" + *why + "，请重命名文件并修改引用");
    ok = false;
  }
  a.ok = ok;
  return a;
}

void AttachmentChecker::mark_format_confirmed(const std::string& path, uint64_t stamp_digest) const {
  if (!ctx_.month_files) return;
  auto& files = *ctx_.month_files;  // sorted by path bytes
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const model::ContentFile& f, const std::string& p) { return f.path < p; });
  if (it != files.end() && it->path == path) it->format_confirmed = stamp_digest;
}

bool AttachmentChecker::check_body_link(std::string_view target, const Location& where, Diagnostics& diags) {
  std::string t = trim(target);
  if (t.size() >= 2 && t.front() == '<' && t.back() == '>') t = t.substr(1, t.size() - 2);
  size_t cut = t.find_first_of("#?");
  if (cut != std::string::npos) t.resize(cut);
  if (t.empty() || has_scheme(t) || is_absolute(t)) return false;
  std::string decoded = percent_decode(t);
  std::string rel = clean_relative_path(decoded);
  if (rel.rfind("files/", 0) != 0) return false;
  check(decoded, where, AttachmentKind::any, diags);
  return true;
}

}  // namespace creditgen::load
