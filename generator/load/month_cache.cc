#include "load/month_cache.h"

#include "base/field_count.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <unordered_map>
#include <sstream>
#include <system_error>
#include <type_traits>

#include <Poco/Checksum.h>

#include "base/file_stamp.h"
#include "base/fingerprint.h"
#include "base/replace_file.h"
#include "load/file_format.h"

namespace creditgen::load {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader = "creditgen-month 5\n";

// The payload's CRC-32 as 8 hex digits: catches a file damaged on disk
// (not tampering: the cache is ours, beside the site) at a fraction of a
// SHA-256's cost over a province's 80 MB of saved months.
std::string payload_check(std::string_view payload) {
  Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
  while (!payload.empty()) {
    const size_t n = std::min<size_t>(payload.size(), 1u << 30);
    crc.update(payload.data(), static_cast<unsigned>(n));
    payload.remove_prefix(n);
  }
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(crc.checksum()));
  return hex;
}

// A stamp from lstat: the entry itself, never what a link points to.
std::optional<FileStamp> link_stamp(const fs::path& p) {
  struct stat st;
  if (::lstat(p.c_str(), &st) != 0) return std::nullopt;
  FileStamp s;
  s.size = static_cast<uint64_t>(st.st_size);
  s.mtime_ns = int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
  s.ctime_ns = int64_t{st.st_ctim.tv_sec} * 1'000'000'000 + st.st_ctim.tv_nsec;
  s.inode = static_cast<uint64_t>(st.st_ino);
  return s;
}

char type_letter(fs::file_type t) {
  switch (t) {
    case fs::file_type::regular: return 'f';
    case fs::file_type::directory: return 'd';
    case fs::file_type::symlink: return 'l';
    default: return 'o';
  }
}

}  // namespace

Inputs month_inputs(const fs::path& root, const std::string& shown_root, YearMonth m, const model::Content& content,
                    FolderListing* listing) {
  Inputs inputs;
  const auto program = running_program_stamp();
  if (!program || program->recent()) return inputs.unknown("program");
  inputs.add("program", stamp_text(*program));
  inputs.add("formats", format_identifier_version());
  Fingerprint where;
  where << root.string() << shown_root << m.str();
  inputs.add("content-folder", where.hex());
  for (const std::string& rel : content.site_files) {
    const auto stamp = FileStamp::of(root / rel);
    if (!stamp || stamp->recent()) return inputs.unknown("file:" + rel);
    inputs.add("file:" + rel, stamp_text(*stamp));
  }
  for (const auto& rulebook : content.rulebooks) inputs.add("rulebook:" + rulebook.file, rulebook.sha256);

  // Every entry below the month folder, the folder itself included (its
  // stamp changes when an entry is added, removed or renamed).
  const std::string files = "month-files:" + m.str();
  const fs::path dir = root / m.str();
  std::vector<std::pair<std::string, std::string>> entries;  // path → "<type> <stamp>"
  auto add = [&](const fs::path& p, fs::file_type type) {
    const auto stamp = link_stamp(p);
    if (!stamp || stamp->recent()) return false;
    std::string rel = p.lexically_relative(root).generic_string();
    entries.emplace_back(std::move(rel), std::string(1, type_letter(type)) + ' ' + stamp_text(*stamp));
    return true;
  };
  if (!add(dir, fs::file_type::directory)) return inputs.unknown(files);
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) return inputs.unknown(files);
  for (; it != end; it.increment(ec)) {
    if (ec) return inputs.unknown(files);
    const fs::file_type type = it->symlink_status(ec).type();
    if (ec || !add(it->path(), type)) return inputs.unknown(files);
  }
  if (ec) return inputs.unknown(files);
  std::sort(entries.begin(), entries.end());
  Fingerprint all;
  for (const auto& [path, stamp] : entries) all << path << stamp;
  inputs.add(files, all.hex());
  if (listing) *listing = std::move(entries);
  return inputs;
}

std::string describe_listing_changes(const FolderListing& then, const FolderListing& now) {
  std::vector<std::string> named;
  size_t count = 0;
  auto note = [&](const std::string& path, const char* what) {
    if (++count <= 3) named.push_back(path + " " + what);
  };
  // Both sorted by path: one merge. A folder's own stamp changes with its
  // entries; only files and links are named.
  auto is_folder = [](const std::string& stamp) { return stamp.starts_with("d "); };
  size_t i = 0, j = 0;
  while (i < then.size() || j < now.size()) {
    if (j == now.size() || (i < then.size() && then[i].first < now[j].first)) {
      if (!is_folder(then[i].second)) note(then[i].first, "已删除");
      ++i;
    } else if (i == then.size() || now[j].first < then[i].first) {
      if (!is_folder(now[j].second)) note(now[j].first, "新增");
      ++j;
    } else {
      if (then[i].second != now[j].second && !is_folder(now[j].second)) note(now[j].first, "已修改");
      ++i, ++j;
    }
  }
  std::string out;
  for (const auto& n : named) out += (out.empty() ? "" : "、") + n;
  if (count > named.size()) out += " 等 " + std::to_string(count) + " 项";
  return out;
}

// ---------------------------------------------------------------------------
// The saved form: one function per type lists its fields, in order, for both
// directions (the writer never changes what it is given).

namespace {

class Writer {
 public:
  std::string out;
  static constexpr bool ok = true;
  void raw(const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok = true;
  void raw(void* p, size_t n) {
    if (!ok || in_.size() < n) {
      ok = false;
      std::memset(p, 0, n);
      return;
    }
    std::memcpy(p, in_.data(), n);
    in_.remove_prefix(n);
  }
  size_t left() const { return in_.size(); }
  /// One copy of each file's path for every Location read from it.
  SharedPath shared(std::string path) {
    auto [it, added] = paths_.try_emplace(path);
    if (added) it->second = SharedPath(std::move(path));
    return it->second;
  }

 private:
  std::string_view in_;
  std::unordered_map<std::string, SharedPath> paths_;
};

template <class T>
concept Arithmetic = std::is_arithmetic_v<T> || std::is_enum_v<T>;

template <class Ar, Arithmetic T>
void io(Ar& ar, T& v) {
  ar.raw(&v, sizeof v);
}

template <class Ar>
void io(Ar& ar, std::string& s) {
  uint64_t n = s.size();
  io(ar, n);
  if constexpr (std::is_same_v<Ar, Reader>) {
    if (n > ar.left()) {
      ar.ok = false;
      return;
    }
    s.resize(n);
  }
  ar.raw(s.data(), n);
}

template <class Ar>
void io(Ar& ar, SharedPath& p) {
  std::string s = p.str();
  io(ar, s);
  if constexpr (std::is_same_v<Ar, Reader>) p = ar.shared(std::move(s));
}

template <class Ar, class T>
void io(Ar& ar, std::optional<T>& v) {
  bool has = v.has_value();
  io(ar, has);
  if constexpr (std::is_same_v<Ar, Reader>) {
    if (has) v.emplace(); else v.reset();
  }
  if (has && v) io(ar, *v);
}

template <class Ar, class T>
void io(Ar& ar, std::vector<T>& v) {
  uint64_t n = v.size();
  io(ar, n);
  if constexpr (std::is_same_v<Ar, Reader>) {
    if (n > ar.left()) {  // every element takes at least a byte
      ar.ok = false;
      return;
    }
    v.resize(n);
  }
  for (auto& e : v) {
    io(ar, e);
    if (!ar.ok) return;
  }
}

template <class Ar, class V>
void io(Ar& ar, std::map<std::string, V>& m) {
  uint64_t n = m.size();
  io(ar, n);
  if constexpr (std::is_same_v<Ar, Reader>) {
    m.clear();
    for (uint64_t i = 0; i < n && ar.ok; ++i) {
      std::string k;
      io(ar, k);
      io(ar, m[k]);
    }
  } else {
    for (auto& [k, v] : m) {
      std::string key = k;
      io(ar, key);
      io(ar, v);
    }
  }
}

template <class Ar, class... T>
void fields(Ar& ar, T&... v) {
  (io(ar, v), ...);
}

// Every field of `T`, in order. When a model type gains a field this fails
// to compile until the field is listed here (a forgotten field would be
// silently lost from every cached month). Counting fields, not bytes: a new
// bool that fits into padding is caught too. `unlisted` fields are left out
// on purpose (named where they are).
template <class T, size_t unlisted = 0, class Ar, class... M>
void all_fields(Ar& ar, T&, M&... members) {
  static_assert(sizeof...(M) + unlisted == field_count<T>(),
                "a model type gained or lost a field: list it in month_cache.cc");
  fields(ar, members...);
}

template <class Ar> void io(Ar& ar, YearMonth& v) { all_fields(ar, v, v.year, v.month); }
template <class Ar> void io(Ar& ar, Date& v) { all_fields(ar, v, v.year, v.month, v.day); }
template <class Ar> void io(Ar& ar, DateTime& v) { all_fields(ar, v, v.date, v.hour, v.minute, v.second); }
template <class Ar> void io(Ar& ar, Location& v) { all_fields(ar, v, v.file, v.line, v.column); }
template <class Ar> void io(Ar& ar, Diagnostic& v) {
  all_fields(ar, v, v.where, v.severity, v.code, v.message);
}

template <class Ar> void io(Ar& ar, model::ItemBase& v) {
  all_fields(ar, v, v.unit, v.month, v.key, v.where, v.valid);
}
template <class Ar> void io(Ar& ar, model::Attachment& v) {
  all_fields(ar, v, v.path, v.where, v.ok);
}
template <class Ar> void io(Ar& ar, model::NewsItem& v) {
  all_fields(ar, v, static_cast<model::ItemBase&>(v), v.slug, v.title, v.date, v.submitted, v.author, v.tags, v.attachments,
         v.body, v.body_line, v.late, v.late_hours);
}
template <class Ar> void io(Ar& ar, model::CampaignItem& v) {
  all_fields(ar, v, static_cast<model::ItemBase&>(v), v.slug, v.title, v.start, v.end, v.submitted, v.location, v.theme,
         v.occasion, v.participants, v.photos, v.plan, v.body, v.body_line, v.late, v.late_hours);
}
template <class Ar> void io(Ar& ar, model::Policy& v) {
  all_fields(ar, v, static_cast<model::ItemBase&>(v), v.doc_no, v.title, v.issued, v.issuer, v.status, v.file, v.url);
}
template <class Ar> void io(Ar& ar, model::Scenario& v) {
  all_fields(ar, v, static_cast<model::ItemBase&>(v), v.name, v.plan, v.incentives, v.file);
}
template <class Ar> void io(Ar& ar, model::Supervision& v) {
  all_fields(ar, v, static_cast<model::ItemBase&>(v), v.domain, v.industry, v.regulator, v.document, v.link, v.summary,
         v.cases, v.file);
}
template <class Ar> void io(Ar& ar, model::LedgerEntry& v) {
  all_fields(ar, v, static_cast<model::ItemBase&>(v), v.category, v.count, v.file, v.records);
}
template <class Ar> void io(Ar& ar, model::Incident& v) {
  all_fields(ar, v, static_cast<model::ItemBase&>(v), v.id, v.date, v.title, v.domain, v.handling, v.disclosure);
}
template <class Ar> void io(Ar& ar, model::Objection& v) {
  all_fields(ar, v, static_cast<model::ItemBase&>(v), v.id, v.received, v.completed, v.valid_objection);
}
template <class Ar> void io(Ar& ar, model::UsccProblem& v) {
  all_fields(ar, v, v.kind, v.code, v.name, v.where, v.detail);
}
template <class Ar> void io(Ar& ar, model::UsccFindings& v) {
  all_fields(ar, v, v.bad_codes, v.duplicate_codes, v.problems);
}
template <class Ar> void io(Ar& ar, model::Figure& v) {
  all_fields(ar, v, v.value, v.where, v.from_platform);
}
template <class Ar> void io(Ar& ar, model::ContentFile& v) {
  all_fields(ar, v, v.path, v.size, v.safe, v.format_confirmed);
}
template <class Ar> void io(Ar& ar, model::UnitMonth& v) {
  all_fields(ar, v, v.unit, v.news, v.campaigns, v.policies, v.scenarios, v.supervision, v.ledger, v.incidents,
         v.objections, v.uscc, v.broken_files);
}
template <class Ar> void io(Ar& ar, model::Decision& v) {
  all_fields(ar, v, v.status, v.reason, v.where);
}
template <class Ar> void io(Ar& ar, model::Review& v) {
  all_fields(ar, v, v.present, v.reviewer, v.default_status, v.decisions);
}
template <class Ar> void io(Ar& ar, model::Penalty& v) {
  all_fields(ar, v, v.unit, v.reason, v.points, v.months, v.where);
}
template <class Ar> void io(Ar& ar, model::Month& v) {
  // Not `inputs`: the month is saved under them (read_cached_month).
  all_fields<model::Month, 1>(ar, v, v.month, v.dir, v.review, v.penalties, v.units, v.figures, v.files, v.scorable, v.published);
}

}  // namespace

std::string serialize_month(const model::Month& month, const std::vector<Diagnostic>& diagnostics) {
  Writer w;
  // The field lists take non-const references for both directions; the writer only reads.
  fields(w, const_cast<model::Month&>(month), const_cast<std::vector<Diagnostic>&>(diagnostics));
  return std::move(w.out);
}

std::optional<LoadedMonth> deserialize_month(std::string_view bytes) {
  Reader r(bytes);
  LoadedMonth out;
  fields(r, out.month, out.diagnostics);
  if (!r.ok || r.left() != 0) return std::nullopt;
  return out;
}

namespace {

// The listing saved after the inputs line: "<count>\n" then "<stamp>\t<path>\n"
// per entry (paths with a tab or newline are left out: they still count in
// the digest, only their names are not shown).
void write_listing(std::ostream& out, const FolderListing& listing) {
  size_t n = 0;
  for (const auto& [path, stamp] : listing) n += path.find_first_of("\t\n") == std::string::npos;
  out << n << '\n';
  for (const auto& [path, stamp] : listing)
    if (path.find_first_of("\t\n") == std::string::npos) out << stamp << '\t' << path << '\n';
}

// Reads the listing at the start of `rest` and moves past it; nullopt when damaged.
std::optional<FolderListing> read_listing(std::string_view& rest) {
  const size_t count_end = rest.find('\n');
  if (count_end == std::string_view::npos) return std::nullopt;
  size_t n = 0;
  for (char c : rest.substr(0, count_end)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  rest.remove_prefix(count_end + 1);
  FolderListing out;
  for (size_t k = 0; k < n; ++k) {
    const size_t end = rest.find('\n');
    const size_t tab = rest.find('\t');
    if (end == std::string_view::npos || tab == std::string_view::npos || tab > end) return std::nullopt;
    out.emplace_back(std::string(rest.substr(tab + 1, end - tab - 1)), std::string(rest.substr(0, tab)));
    rest.remove_prefix(end + 1);
  }
  return out;
}

}  // namespace

std::optional<LoadedMonth> read_cached_month(const fs::path& file, const Inputs& inputs, Staleness& why,
                                             const FolderListing* listing) {
  why = why_stale(std::nullopt, inputs);
  if (!inputs.known()) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = std::move(buffer).str();
  if (!bytes.starts_with(kHeader)) {
    why.why = "上次保存的格式不同";
    return std::nullopt;
  }
  std::string_view rest = std::string_view(bytes).substr(kHeader.size());
  const size_t inputs_end = rest.find('\n');
  if (inputs_end == std::string_view::npos) return std::nullopt;
  const auto saved_inputs = Inputs::parse(rest.substr(0, inputs_end));
  why = why_stale(saved_inputs, inputs);
  rest.remove_prefix(inputs_end + 1);
  const auto saved_listing = read_listing(rest);
  if (why.stale) {
    // The month's own files changed: name them.
    auto files_digest = [](const Inputs& i) {
      for (const auto& input : i.list())
        if (input.name.starts_with("month-files:")) return input.digest;
      return std::string();
    };
    if (listing && saved_listing && saved_inputs && inputs.known() && files_digest(*saved_inputs) != files_digest(inputs))
      if (const std::string files = describe_listing_changes(*saved_listing, *listing); !files.empty())
        why.why += "（" + files + "）";
    return std::nullopt;
  }
  if (!saved_listing) {
    why = {true, "保存的内容已损坏"};
    return std::nullopt;
  }
  // Then the payload's check: a file damaged on disk is refused, not half believed.
  why = {true, "保存的内容已损坏"};
  const size_t digest_end = rest.find('\n');
  if (digest_end == std::string_view::npos) return std::nullopt;
  const std::string_view payload = rest.substr(digest_end + 1);
  if (rest.substr(0, digest_end) != payload_check(payload)) return std::nullopt;
  auto month = deserialize_month(payload);
  if (month) why = {false, ""};
  return month;
}

bool write_cached_month(const fs::path& file, const Inputs& inputs, const model::Month& month,
                        const std::vector<Diagnostic>& diagnostics, const FolderListing& listing) {
  if (!inputs.known()) return false;
  const std::string payload = serialize_month(month, diagnostics);
  return replace_file(file, [&](std::ostream& out) {
    out << kHeader << inputs.serialize() << '\n';
    write_listing(out, listing);
    out << payload_check(payload) << '\n' << payload;
  });
}

}  // namespace creditgen::load
