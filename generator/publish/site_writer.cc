#include "publish/site_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>
#include <stdexcept>

#include "base/file_stamp.h"
#include "base/remove_tree.h"
#include "base/parallel.h"
#include "base/pii.h"
#include "base/replace_file.h"
#include "base/text.h"

namespace creditgen::publish {

namespace fs = std::filesystem;

namespace {

std::string shown(const fs::path& p) { return p.generic_string(); }

// A relative path can never climb out of the staging folder.
void check_relative(const std::string& rel) {
  bool bad = rel.empty() || rel.front() == '/' || rel.find('\\') != std::string::npos;
  size_t start = 0;
  while (!bad && start <= rel.size()) {
    const size_t end = std::min(rel.find('/', start), rel.size());
    const std::string_view part(rel.data() + start, end - start);
    if (part.empty() || part == "." || part == "..") bad = true;
    start = end + 1;
  }
  if (bad) throw std::runtime_error("网站文件路径不安全：“" + rel + "”");
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("无法读取文件：" + shown(p));
  const std::streamoff size = in.tellg();
  std::string bytes(static_cast<size_t>(size > 0 ? size : 0), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) throw std::runtime_error("读取文件失败：" + shown(p));
  return bytes;
}

void write_all(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("写入文件失败：" + shown(p));
}

bool regular_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(p, ec));
}

bool same_bytes_as(const fs::path& old_file, const std::string& bytes) {
  std::error_code ec;
  if (!regular_file(old_file) || fs::file_size(old_file, ec) != bytes.size() || ec) return false;
  return read_all(old_file) == bytes;
}

// Streams both files, so large evidence never sits in memory.
bool same_files(const fs::path& a, const fs::path& b) {
  std::error_code ec1, ec2;
  if (!regular_file(b) || fs::file_size(a, ec1) != fs::file_size(b, ec2) || ec1 || ec2) return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  if (!fa || !fb) return false;
  char ba[65536], bb[65536];
  while (fa && fb) {
    fa.read(ba, sizeof ba);
    fb.read(bb, sizeof bb);
    if (fa.gcount() != fb.gcount() || std::memcmp(ba, bb, static_cast<size_t>(fa.gcount())) != 0) return false;
  }
  return fa.eof() && fb.eof();
}

// The one rule for text evidence, the site's copy and the bundle report's
// alike: decoded as a whole (its encoding is the file's, never guessed line by
// line: a GB18030 line can also be valid UTF-8), masked, and re-encoded as
// UTF-8 with a BOM so Excel, WPS and browsers read it right. nullopt when the
// file is not text or holds nothing a reader could see as a number.
std::optional<std::string> masked_bytes(const fs::path& file) {
  const auto decoded = decode_text(read_all(file));
  if (!decoded) return std::nullopt;
  std::string masked = mask_pii(decoded->text);
  if (masked == decoded->text) return std::nullopt;
  return "\xEF\xBB\xBF" + masked;
}

bool needs_masking(const fs::path& file) { return masked_bytes(file).has_value(); }

void write_masked(const fs::path& source, const fs::path& target) {
  fs::create_directories(target.parent_path());
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  if (auto masked = masked_bytes(source)) out << *masked;
  else out << read_all(source);
  out.close();
  if (!out) throw std::runtime_error("写入文件失败：" + shown(target));
}

}  // namespace

std::string published_bytes(const render::FileCopy& copy) {
  if (copy.mask_pii)
    if (auto masked = masked_bytes(copy.source)) return *masked;
  return read_all(copy.source);
}

namespace {

// What the last build published for each copied file: the source it came
// from and both files' stamps, so an unchanged copy is recognised without
// reading either file.
struct CopyRecord {
  std::string source;
  FileStamp source_stamp;
  FileStamp target_stamp;
};
using CopyState = std::unordered_map<std::string, CopyRecord>;

// A group of files the renderer made together (one month's pages), the
// inputs they were made from and each file's stamp as published.
struct GroupRecord {
  std::string inputs;  ///< serialized (base/inputs.h)
  std::vector<std::pair<std::string, FileStamp>> files;
};

struct PublishedState {
  CopyState copies;
  std::map<std::string, GroupRecord> groups;
};

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

// Lines: "C\t<rel>\t<source>\t<source stamp>\t<target stamp>" for a copy;
// "G\t<group>\t<inputs>" followed by "F\t<rel>\t<stamp>" for each of
// the group's files. A damaged or older file is ignored whole.
PublishedState load_state(const fs::path& file) {
  PublishedState state;
  if (file.empty()) return state;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != "creditgen-published 2") return state;
  GroupRecord* group = nullptr;
  while (std::getline(in, line)) {
    const auto f = split_tabs(line);
    if (f[0] == "C" && f.size() == 5) {
      const auto source_stamp = parse_stamp(f[3]), target_stamp = parse_stamp(f[4]);
      if (!source_stamp || !target_stamp) return {};
      state.copies[std::string(f[1])] = CopyRecord{std::string(f[2]), *source_stamp, *target_stamp};
    } else if (f[0] == "G" && f.size() == 3) {
      group = &state.groups[std::string(f[1])];
      group->inputs = f[2];
    } else if (f[0] == "F" && f.size() == 3 && group) {
      const auto stamp = parse_stamp(f[2]);
      if (!stamp) return {};
      group->files.emplace_back(std::string(f[1]), *stamp);
    } else {
      return {};
    }
  }
  return state;
}

void save_state(const fs::path& file, const PublishedState& state) {
  if (file.empty()) return;
  auto safe = [](const std::string& s) { return s.find_first_of("\t\n") == std::string::npos; };
  std::map<std::string, const CopyRecord*> sorted;
  for (const auto& [rel, r] : state.copies) sorted[rel] = &r;
  std::string text = "creditgen-published 2\n";
  for (const auto& [rel, r] : sorted) {
    if (!safe(rel) || !safe(r->source)) continue;
    text += "C\t" + rel + '\t' + r->source + '\t' + stamp_text(r->source_stamp) + '\t' + stamp_text(r->target_stamp) + '\n';
  }
  for (const auto& [name, group] : state.groups) {
    const bool all_safe = safe(name) && std::all_of(group.files.begin(), group.files.end(),
                                                    [&](const auto& f) { return safe(f.first); });
    if (!all_safe) continue;  // not offered for reuse next time: rendered again
    text += "G\t" + name + '\t' + group.inputs + '\n';
    for (const auto& [rel, stamp] : group.files) text += "F\t" + rel + '\t' + stamp_text(stamp) + '\n';
  }
  if (same_bytes_as(file, text)) return;  // a no-op build writes nothing
  replace_file(file, [&](std::ostream& out) { out << text; });
}

// True when the copy at `old_file` is known to hold what `copy` publishes:
// neither file changed since the last build recorded them.
bool recorded_unchanged(const CopyState& state, const std::string& rel, const render::FileCopy& copy,
                        const fs::path& old_file) {
  auto it = state.find(rel);
  if (it == state.end() || it->second.source != copy.source.string()) return false;
  const auto source = FileStamp::of(copy.source), target = FileStamp::of(old_file);
  return source && target && !source->recent() && *source == it->second.source_stamp &&
         *target == it->second.target_stamp;
}

// Removes `path` and then its parent folders up to (not including) `root` while they are empty.
void remove_with_empty_parents(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  fs::remove(path, ec);
  for (fs::path dir = path.parent_path(); dir != root && dir.string().size() > root.string().size();
       dir = dir.parent_path())
    if (!fs::remove(dir, ec)) break;  // not empty (or gone): stop
}

}  // namespace

struct SiteWriter::Impl {
  fs::path target;
  fs::path staging;
  fs::path state_file;
  bool site_exists = false;
  bool finished = false;
  PublishedState previous;

  std::mutex mutex;
  std::set<std::string> rendered;  // every rendered path, as produced
  std::vector<std::string> to_move;  // rendered or copied, staged, to rename into place
  std::map<std::string, render::FileCopy> copies;
  size_t unchanged = 0;
  // Groups reused as the site has them, and rendered groups to record.
  std::map<std::string, GroupRecord> kept_groups;
  CopyState kept_copies;
  std::vector<std::pair<std::string, std::pair<std::string, std::vector<std::string>>>> new_groups;
};

SiteWriter::SiteWriter(const fs::path& site_dir_in, const fs::path& state_file) : impl_(std::make_unique<Impl>()) {
  const fs::path site_dir = fs::absolute(site_dir_in).lexically_normal();
  const fs::path parent = site_dir.has_filename() ? site_dir.parent_path() : site_dir.parent_path().parent_path();
  const std::string name = site_dir.has_filename() ? site_dir.filename().string() : site_dir.parent_path().filename().string();
  impl_->target = parent / name;
  impl_->staging = parent / ("." + name + ".staging-" + std::to_string(::getpid()));
  impl_->state_file = state_file;
  impl_->previous = load_state(state_file);
  fs::create_directories(parent);
  std::error_code ec;
  const fs::file_status site_status = fs::symlink_status(impl_->target, ec);
  impl_->site_exists = fs::is_directory(site_status);
  if (fs::exists(site_status) && !impl_->site_exists)
    throw std::runtime_error("网站目录不是文件夹：" + shown(impl_->target));
  fs::remove_all(impl_->staging);
}

SiteWriter::~SiteWriter() {
  if (impl_ && !impl_->finished) {  // failed or abandoned: the site stays as it was
    std::error_code ec;
    fs::remove_all(impl_->staging, ec);
  }
}

// Rendered pages are compared with the old files byte for byte; only a
// changed page is written, into the staging folder, at once (the bytes are
// then let go).
void SiteWriter::file(const std::string& rel, std::string bytes) {
  check_relative(rel);
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->rendered.insert(rel).second) throw std::logic_error("网站文件重复生成：" + rel);
  }
  const bool same = impl_->site_exists && same_bytes_as(impl_->target / rel, bytes);
  if (!same) write_all(impl_->staging / rel, bytes);
  std::lock_guard lock(impl_->mutex);
  if (same) ++impl_->unchanged;
  else impl_->to_move.push_back(rel);
}

void SiteWriter::copy(const std::string& rel, render::FileCopy copy) {
  check_relative(rel);
  std::lock_guard lock(impl_->mutex);
  impl_->copies.insert_or_assign(rel, std::move(copy));
}

// A group is reused only when every file the last build recorded for it is
// still there with the same stamp: a page edited or removed by hand is
// rendered again.
Staleness SiteWriter::reuse_group(const std::string& group, const Inputs& inputs) {
  Impl& w = *impl_;
  if (inputs.known() && !w.site_exists) return {true, "网站文件夹还不存在"};
  auto it = w.previous.groups.find(group);
  const bool recorded = it != w.previous.groups.end();
  if (Staleness s = why_stale(recorded ? Inputs::parse(it->second.inputs) : std::nullopt, inputs); s.stale)
    return s;
  for (const auto& [rel, stamp] : it->second.files) {
    const auto now = FileStamp::of(w.target / rel);
    if (!now || !(*now == stamp)) return {true, "网站中的 " + rel + (now ? " 被改动过" : " 已不存在")};
  }
  std::lock_guard lock(w.mutex);
  for (const auto& [rel, stamp] : it->second.files) {
    if (!w.rendered.insert(rel).second) throw std::logic_error("网站文件重复生成：" + rel);
    if (auto copy = w.previous.copies.find(rel); copy != w.previous.copies.end()) w.kept_copies.insert(*copy);
  }
  w.unchanged += it->second.files.size();
  w.kept_groups.insert(*it);
  return {false, ""};
}

void SiteWriter::end_group(const std::string& group, const Inputs& inputs, std::vector<std::string> paths) {
  if (!inputs.known()) return;
  std::lock_guard lock(impl_->mutex);
  impl_->new_groups.push_back({group, {inputs.serialize(), std::move(paths)}});
}

// Completes the staging folder with hard links to the `present` files that
// were not staged anew and exchanges it with the site (renameat2
// RENAME_EXCHANGE): the old site is then in the staging folder. False, with
// the site untouched, when the file system cannot do either. A site has
// about as many folders as files (a page per folder), so the folders are
// made with one mkdir each, and the work is shared out on `jobs` threads by
// second-level folder (their subtrees are disjoint).
static bool exchange_whole_site(const fs::path& target, const fs::path& staging, const std::vector<std::string>& to_move,
                                const std::vector<std::string>& present, unsigned jobs) {
  const std::unordered_set<std::string> moving(to_move.begin(), to_move.end());
  std::error_code ec;
  fs::create_directories(staging, ec);
  if (ec) return false;
  auto make = [&](const std::string& rel) {
    return ::mkdir((staging / rel).c_str(), 0755) == 0 || errno == EEXIST;
  };
  // Kept files by their second-level folder ("" for files at the first two levels).
  std::map<std::string, std::vector<const std::string*>> shares;
  std::set<std::string> first_level;
  for (const std::string& rel : present) {
    if (moving.count(rel)) continue;
    const size_t first = rel.find('/');
    const size_t second = first == std::string::npos ? std::string::npos : rel.find('/', first + 1);
    if (first != std::string::npos) first_level.insert(rel.substr(0, first));
    shares[second == std::string::npos ? std::string() : rel.substr(0, second)].push_back(&rel);
  }
  for (const std::string& folder : first_level)
    if (!make(folder)) return false;
  std::vector<const std::pair<const std::string, std::vector<const std::string*>>*> work;
  for (const auto& share : shares) work.push_back(&share);
  std::atomic<bool> ok{true};
  parallel_for(work.size(), jobs, [&](size_t i) {
    const auto& [folder, files] = *work[i];
    if (!ok) return;
    if (!folder.empty() && !make(folder)) {
      ok = false;
      return;
    }
    std::unordered_set<std::string> made;
    std::function<bool(const std::string&)> make_folder = [&](const std::string& rel) {
      if (rel.size() <= folder.size() || made.count(rel)) return true;  // the share's own folder exists
      const size_t slash = rel.rfind('/');
      if (slash != std::string::npos && !make_folder(rel.substr(0, slash))) return false;
      if (!make(rel)) return false;
      made.insert(rel);
      return true;
    };
    for (const std::string* rel : files) {
      const size_t slash = rel->rfind('/');
      if ((slash != std::string::npos && !make_folder(rel->substr(0, slash))) ||
          ::link((target / *rel).c_str(), (staging / *rel).c_str()) != 0) {
        ok = false;
        return;
      }
    }
  });
  if (!ok) return false;
  // The site folder's own permissions stay what the office gave it.
  fs::permissions(staging, fs::status(target, ec).permissions(), ec);
  return ::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0;
}

PublishReport SiteWriter::finish() {
  Impl& w = *impl_;
  const fs::path& target = w.target;
  const fs::path& staging = w.staging;
  std::error_code ec;

  // A rendered page wins over a copy to the same path.
  std::vector<const std::string*> copied;
  for (const auto& [rel, copy] : w.copies)
    if (!w.rendered.count(rel)) {
      if (!regular_file(copy.source)) throw std::runtime_error("要复制的文件不存在：" + shown(copy.source));
      copied.push_back(&rel);
    }

  // 1. Which copies changed: by the stamps recorded last time, else byte for byte.
  std::vector<char> copy_changed(copied.size(), 1), copy_masked(copied.size(), 0);
  parallel_for(copied.size(), 2, [&](size_t i) {
    const std::string& rel = *copied[i];
    const render::FileCopy& copy = w.copies.at(rel);
    const fs::path old_file = target / rel;
    if (w.site_exists && recorded_unchanged(w.previous.copies, rel, copy, old_file)) {
      copy_changed[i] = 0;
      return;
    }
    copy_masked[i] = copy.mask_pii && needs_masking(copy.source);
    if (w.site_exists)
      copy_changed[i] = copy_masked[i] ? !same_bytes_as(old_file, published_bytes(copy)) : !same_files(copy.source, old_file);
  });
  std::vector<fs::path> stale;
  std::vector<std::string> present;  // files of the old site that the new one has too
  if (w.site_exists) {
    // Paths below `target` by string: fs::relative resolves symlinks with a
    // system call per component, for every file of the site.
    const size_t prefix = target.native().size() + 1;
    for (auto it = fs::recursive_directory_iterator(target, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_directory()) continue;
      std::string rel = it->path().native().substr(prefix);
      if (!w.rendered.count(rel) && !w.copies.count(rel)) stale.push_back(it->path());
      else present.push_back(std::move(rel));
    }
  }

  // 2. Changed copies join the changed pages in the staging folder: if any
  // write fails, the site has not been touched. On every core: a clean
  // build of a large district copies a hundred thousand files (parent
  // folders are made as concurrently as the pages' own, in write_all).
  parallel_for(copied.size(), cores(), [&](size_t i) {
    if (!copy_changed[i]) return;
    const render::FileCopy& copy = w.copies.at(*copied[i]);
    const fs::path staged = staging / *copied[i];
    if (copy_masked[i]) {
      write_masked(copy.source, staged);
    } else {
      fs::create_directories(staged.parent_path());
      // A bundle of a gigabyte is linked, not copied, where the file system allows.
      std::error_code link_error;
      if (copy.immutable) fs::create_hard_link(copy.source, staged, link_error);
      if (!copy.immutable || link_error) fs::copy_file(copy.source, staged, fs::copy_options::overwrite_existing);
    }
  });
  for (size_t i = 0; i < copied.size(); ++i) {
    if (copy_changed[i]) w.to_move.push_back(*copied[i]);
    else ++w.unchanged;
  }
  PublishReport report;
  report.written = w.to_move.size();
  report.unchanged = w.unchanged;
  report.removed = stale.size();

  // 3. Moved into place, all at once: the staging folder is completed with
  // hard links to the old site's unchanged files (same inode and
  // modification time, so rsync still moves only what changed) and then
  // exchanged with the site in one rename, so a reader, or a build killed at
  // any moment, sees the old site or the new one, never a mix. Where the
  // file system cannot do that (no hard links, no RENAME_EXCHANGE), each
  // changed file is renamed over its old one instead.
  if (!w.site_exists) {
    if (!fs::exists(staging)) fs::create_directories(staging);  // an empty site is still a site
    fs::rename(staging, target);
  } else if (!w.to_move.empty() || !stale.empty()) {
    if (!exchange_whole_site(target, staging, w.to_move, present, cores())) {
      for (const std::string& rel : w.to_move) {
        const fs::path dest = target / rel;
        if (fs::is_directory(fs::symlink_status(dest, ec))) fs::remove_all(dest);
        fs::create_directories(dest.parent_path());
        fs::rename(staging / rel, dest);
      }
      for (const fs::path& p : stale) remove_with_empty_parents(p, target);
    }
    remove_tree(staging, cores());  // the old site, after an exchange
    // Links came and went: the kept files' change times moved, so what
    // the last build recorded of them is stamped again.
    for (auto& [name, group] : w.kept_groups)
      for (auto& [rel, stamp] : group.files)
        if (const auto now = FileStamp::of(target / rel)) stamp = *now;
    for (auto& [rel, record] : w.kept_copies)
      if (const auto now = FileStamp::of(target / rel)) record.target_stamp = *now;
  } else {
    fs::remove_all(staging, ec);
  }
  w.finished = true;

  PublishedState next;
  next.copies = std::move(w.kept_copies);
  for (const std::string* rel : copied) {
    const render::FileCopy& copy = w.copies.at(*rel);
    const auto source = FileStamp::of(copy.source), published = FileStamp::of(target / *rel);
    if (source && published) next.copies[*rel] = CopyRecord{copy.source.string(), *source, *published};
  }
  next.groups = std::move(w.kept_groups);
  for (auto& [name, made] : w.new_groups) {
    GroupRecord record{made.first, {}};
    record.files.reserve(made.second.size());
    for (std::string& rel : made.second) {
      const auto published = FileStamp::of(target / rel);
      if (!published) break;
      record.files.emplace_back(std::move(rel), *published);
    }
    if (record.files.size() == made.second.size()) next.groups[name] = std::move(record);
  }
  save_state(w.state_file, next);
  return report;
}

PublishReport write_site(const render::OutputSet& out, const fs::path& site_dir, const fs::path& state_file) {
  SiteWriter writer(site_dir, state_file);
  for (const auto& [rel, bytes] : out.files) writer.file(rel, bytes);
  for (const auto& [rel, copy] : out.copies) writer.copy(rel, copy);
  return writer.finish();
}

}  // namespace creditgen::publish
