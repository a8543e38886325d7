#include "bundle/manifest.h"
#include "bundle/seal.h"

#include <zip.h>

#include <fstream>

#include <algorithm>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <mutex>
#include <system_error>
#include <thread>


#include "base/bundle_name.h"
#include "base/c_handle.h"
#include "base/file_stamp.h"
#include "base/parallel.h"
#include "base/replace_file.h"
#include "bundle/bag.h"
#include "bundle/bundle_cache.h"
#include "bundle/zip_writer.h"

namespace creditgen::bundle {

namespace fs = std::filesystem;

namespace {

// The whole of one entry of an open zip; nullopt when absent or unreadable.
std::optional<std::string> entry_text(zip_t* z, const std::string& name) {
  CHandle<zip_file_t, &zip_fclose> f(zip_fopen(z, name.c_str(), 0));
  if (!f) return std::nullopt;
  std::string out;
  char buf[65536];
  zip_int64_t n;
  while ((n = zip_fread(f.get(), buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  if (n < 0) return std::nullopt;
  return out;
}

using BundleName = BundleFileName;
std::optional<BundleName> parse_bundle_name(const std::string& file_name) { return parse_bundle_file_name(file_name); }
std::string sealed_file_name(YearMonth month, int revision) { return sealed_bundle_file_name(month, revision); }

std::map<std::string, std::string> manifest_map(const std::string& text) {
  std::map<std::string, std::string> out;
  for_each_manifest_line(text, [&out](int, std::string_view, const std::optional<ManifestLine>& parsed) {
    if (parsed) out[std::string(parsed->path)] = std::string(parsed->hex);
  });
  return out;
}


TagSummary summarize(std::string bag_info, const std::string& manifest) {
  return TagSummary{std::move(bag_info), hex_digest(DigestKind::sha256, manifest),
                    hex_digest(DigestKind::sha256, sealing_lines(manifest))};
}

// What later steps need of a bundle's tag files, read with one zip_open (a
// month's zip can hold tens of thousands of entries, and opening it reads
// them all), or known from the summaries kept in `cache` when the zip is
// the file it was then.
std::optional<TagSummary> tag_summary(const fs::path& zip, BundleCache& cache) {
  const auto stamp = FileStamp::of(zip);
  if (!stamp) return std::nullopt;
  if (auto known = cache.summaries.find(zip, *stamp)) return known;
  int code = 0;
  CHandle<zip_t, &zip_discard> z(zip_open(zip.c_str(), ZIP_RDONLY, &code));
  if (!z) return std::nullopt;
  auto read_entry = [&](const std::string& name) { return entry_text(z.get(), name); };
  // The bag's root folder: the top-level folder of the first entry.
  const char* first = zip_get_name(z.get(), 0, 0);
  if (!first) return std::nullopt;
  const std::string root = std::string(first).substr(0, std::string(first).find('/') + 1);
  auto info = read_entry(root + "bag-info.txt");
  auto manifest = read_entry(root + "manifest-sha256.txt");
  if (!info || !manifest) return std::nullopt;
  TagSummary t = summarize(std::move(*info), *manifest);
  cache.summaries.put(zip, *stamp, t);
  return t;
}

// True when `zip`, as it is now, was last found to match `sources`. A zip
// linked into the site since (a new ctime, nothing else) has its tags read
// once, which keeps what was known of it (BundleSummaries::put), and is asked again.
bool matches_sources_now(const fs::path& zip, const std::string& sources, BundleCache& cache) {
  if (sources.empty()) return false;
  if (cache.summaries.matched(zip, MatchedBy::sources) == sources) return true;
  return tag_summary(zip, cache) && cache.summaries.matched(zip, MatchedBy::sources) == sources;
}

// A bag this process just wrote: its summary is known without reopening it
// (reading a late month's central directory and manifest back costs more
// than a tenth of a second).
void summarize_written(const fs::path& zip, const WrittenTags& written, BundleCache& cache) {
  const auto stamp = FileStamp::of(zip);
  if (!stamp) return;
  cache.summaries.put(zip, *stamp, TagSummary{written.bag_info, written.manifest_hash, written.sealing_hash});
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "、") + n;
  return out;
}

}  // namespace

void remove_draft(const fs::path& dir, YearMonth month) {
  std::error_code ec;
  fs::remove(dir / draft_bundle_file_name(month), ec);
}

std::optional<std::string> read_zip_entry(const fs::path& zip, const std::string& name) {
  int code = 0;
  CHandle<zip_t, &zip_discard> z(zip_open(zip.c_str(), ZIP_RDONLY, &code));
  if (!z) return std::nullopt;
  return entry_text(z.get(), name);
}

std::optional<std::string> read_tag_file(const fs::path& zip, const std::string& name) {
  int code = 0;
  CHandle<zip_t, &zip_discard> z(zip_open(zip.c_str(), ZIP_RDONLY, &code));
  if (!z) return std::nullopt;
  const zip_int64_t n = zip_get_num_entries(z.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* entry = zip_get_name(z.get(), static_cast<zip_uint64_t>(i), 0);
    if (!entry) continue;
    const std::string s(entry);
    const size_t slash = s.find('/');
    if (slash != std::string::npos && s.substr(slash + 1) == name) {
      z.reset();
      return read_zip_entry(zip, s);
    }
  }
  return std::nullopt;
}

std::string sealing_lines(const std::string& manifest) {
  auto seals = [](std::string_view path) { return path.starts_with("data/") && decides_sealing(path.substr(5)); };
  // Our manifests are in byte order of their paths, one line per path: one
  // pass keeps the lines that decide sealing. Anything else is sorted first.
  std::string out;
  std::string_view previous;
  bool ordered = true;
  for (size_t at = 0; at < manifest.size() && ordered;) {
    size_t end = manifest.find('\n', at);
    if (end == std::string::npos) end = manifest.size();
    const std::string_view line(manifest.data() + at, end - at);
    at = end + 1;
    const auto parsed = parse_manifest_line(line);
    if (!parsed) continue;
    const std::string_view path = parsed->path;
    ordered = previous.empty() || previous < path;
    previous = path;
    if (seals(path)) {
      out += line;
      out += '\n';
    }
  }
  if (ordered) return out;
  out.clear();
  for (const auto& [path, hex] : manifest_map(manifest))
    if (seals(path)) append_manifest_line(out, hex, path);
  return out;
}

std::optional<BundleFacts> read_bundle_facts(const fs::path& zip, BundleCache& cache) {
  const auto parsed = parse_bundle_name(zip.filename().string());
  if (!parsed) return std::nullopt;
  const auto summary = tag_summary(zip, cache);
  const auto info = summary ? std::optional<std::string>(summary->bag_info) : std::nullopt;
  const auto sha = cache.file_sha256(zip);
  if (!info || !sha) return std::nullopt;
  BundleFacts f;
  f.file_name = zip.filename().string();
  f.path = zip;
  f.month = parsed->month;
  std::error_code ec;
  f.size = fs::file_size(zip, ec);
  f.sha256 = *sha;
  std::istringstream in(*info);
  std::string line;
  while (std::getline(in, line)) {
    const size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    const std::string label = line.substr(0, colon), value = line.substr(colon + 2);
    if (label == "Bagging-Date") f.bagging_date = value;
    else if (label == "Bundle-Revision") f.revision = value;
    else if (label == "External-Identifier") f.external_identifier = value;
    else if (label == "Payload-Oxum") {
      const size_t dot = value.find('.');
      if (dot != std::string::npos) {
        f.payload_bytes = std::strtoull(value.substr(0, dot).c_str(), nullptr, 10);
        f.payload_files = std::strtoull(value.substr(dot + 1).c_str(), nullptr, 10);
      }
    }
  }
  f.download_name = f.external_identifier + ".zip";
  return f;
}

std::vector<BundleFacts> list_bundles(const fs::path& dir, BundleCache& cache) {
  std::vector<std::pair<BundleName, BundleFacts>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    const auto parsed = parse_bundle_name(e.path().filename().string());
    if (!parsed) continue;
    if (auto facts = read_bundle_facts(e.path(), cache)) found.emplace_back(*parsed, std::move(*facts));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    const int ra = a.first.revision == 0 ? 1 << 30 : a.first.revision;  // draft last
    const int rb = b.first.revision == 0 ? 1 << 30 : b.first.revision;
    return std::tie(a.first.month, ra) < std::tie(b.first.month, rb);
  });
  std::vector<BundleFacts> out;
  for (auto& [name, facts] : found) out.push_back(std::move(facts));
  return out;
}

// Fills `result` with the facts of a bundle on disk.
static bool record(const fs::path& zip, SealAction action, SealResult& result, BundleCache& cache) {
  if (auto facts = read_bundle_facts(zip, cache)) {
    result.action = action;
    result.bundle = std::move(facts);
    return true;
  }
  result.io_error = "无法读取佐证材料包 " + zip.string();
  return false;
}

namespace {


// What a month's sealing lines are made from, without a digest lookup: each
// content file's name, path and stat stamp, and the sha256 of the scores.
// Equal inputs give equal sealing lines, so a sealed month whose inputs are
// those remembered for its bundle is unchanged. "" when a file changed
// moments ago (FileStamp::recent: not trusted yet) or cannot be read.
// Taken in the payload's own order (the cli lists it the same way for the
// same content), so an unchanged month needs no sorting either.
std::string sealing_inputs(const std::vector<PayloadEntry>& payload, DigestCache& files) {
  Digest d(DigestKind::sha256);
  for (const PayloadEntry& e : payload) {
    if (!decides_sealing(e.name)) continue;
    d.update(e.name);
    d.update("\0", 1);
    if (e.packed) {
      d.update(e.packed->digests.hex(DigestKind::sha256));
    } else if (e.bytes) {
      d.update(hex_digest(DigestKind::sha256, *e.bytes));
    } else {
      const auto stamp = files.stamp(e.file);
      if (!stamp || stamp->recent()) return {};
      d.update(e.file);
      d.update(std::to_string(stamp->size) + ' ' + std::to_string(stamp->mtime_ns) + ' ' +
               std::to_string(stamp->ctime_ns) + ' ' + std::to_string(stamp->inode));
    }
    d.update("\n", 1);
  }
  return d.hex_final();
}

}  // namespace

std::optional<SealResult> draft_unchanged(const fs::path& dir, YearMonth month, const std::string& sources,
                                          BundleCache& cache) {
  const fs::path draft = dir / draft_bundle_file_name(month);
  if (!matches_sources_now(draft, sources, cache)) return std::nullopt;
  SealResult result;
  if (!record(draft, SealAction::unchanged, result, cache)) return std::nullopt;  // seal_month will say why
  return result;
}

std::string matched_sources(const fs::path& zip, BundleCache& cache) {
  std::string sources = cache.summaries.matched(zip, MatchedBy::sources);
  if (sources.empty() && tag_summary(zip, cache)) sources = cache.summaries.matched(zip, MatchedBy::sources);  // linked since
  return sources;
}

SealResult seal_month(BagInput lean_input, const fs::path& dir, Diagnostics& diags, const SealOptions& options) {
  SealResult result;
  const bool dry_run = options.dry_run;
  const unsigned jobs = options.jobs ? options.jobs : cores();
  BundleCache one_off;  // nothing kept: when the caller keeps no cache
  BundleCache& cache = options.cache ? *options.cache : one_off;
  static const std::regex slug_re("[a-z0-9-]+");
  if (!std::regex_match(lean_input.slug, slug_re)) {
    result.io_error = "site.yaml 的 slug“" + lean_input.slug + "”无效：生成佐证材料包需要由 a-z、0-9、- 组成的 slug";
    return result;
  }
  std::error_code ec;
  if (!dry_run) fs::create_directories(dir, ec);
  if (ec) {
    result.io_error = "无法创建佐证材料包文件夹 " + dir.string() + "：" + ec.message();
    return result;
  }
  const std::string m = lean_input.month.str();
  const std::string id = bag_root(lean_input);

  // The whole payload, with the deferred part, and checked names: only when
  // a bag is about to be written (or rehearsed).
  std::optional<BagInput> full;
  std::optional<PreparedPayload> payload;
  // What is asked of the lean input after it has moved into `full`.
  const YearMonth month = lean_input.month;
  const std::optional<BagInput::SealedVersion> sealed = lean_input.sealed;
  auto materialize = [&]() -> bool {
    // The lean input moves over whole, not copied: a late month's bag lists
    // hundreds of thousands of files and describes as many in its records.
    auto deferred = std::move(lean_input.deferred_payload);
    full = std::move(lean_input);
    full->deferred_payload = nullptr;
    if (deferred) {
      std::vector<PayloadEntry> more = deferred();
      full->payload.insert(full->payload.end(), std::make_move_iterator(more.begin()),
                           std::make_move_iterator(more.end()));
    }
    if (!check_payload_names(*full, diags)) return false;
    std::string error;
    payload = prepare_payload(*full, cache, error);
    if (!payload) {
      result.io_error = error;
      return false;
    }
    return true;
  };

  // Writes (or, dry, only describes) one bundle and fills the result.
  auto produce = [&](const fs::path& target, const BagLabel& label, bool replace, SealAction action) {
    if (!full && !materialize()) return false;
    if (dry_run) {
      BundleFacts f;
      f.file_name = target.filename().string();
      f.path = target;
      f.month = full->month;
      f.revision = label.revision;
      f.payload_files = payload->entries.size();
      f.payload_bytes = payload->total_bytes;
      f.bagging_date = bagging_date(*full);
      f.external_identifier = label.external_identifier;
      f.download_name = label.external_identifier + ".zip";
      result.action = action;
      result.bundle = std::move(f);
      return true;
    }
    WrittenTags written;
    if (auto err = write_bag(*full, *payload, label, target, replace, jobs, cache, &written)) {
      result.io_error = *err;
      return false;
    }
    summarize_written(target, written, cache);
    cache.summaries.set_matched(target, MatchedBy::deflater, deflate_identity());
    if (action != SealAction::wrote_draft)
      cache.summaries.set_matched(target, MatchedBy::sealing_inputs, sealing_inputs(full->payload, cache.digests));
    if (full->sealed) remove_draft(dir, full->month);
    (void)cache.file_sha256(target, true);  // later months name it in Prior-Bundle: hash it once
    return record(target, action, result, cache);
  };

  if (!sealed) {
    const fs::path draft = dir / draft_bundle_file_name(month);
    const BagLabel label{"draft", id + ".draft", std::nullopt};
    // A draft is rewritten only when its bytes would change: the same
    // manifest and bag-info give the same zip (the writer is deterministic),
    // so a build that changed nothing writes nothing.
    if (!dry_run && fs::is_regular_file(draft, ec)) {
      if (!materialize()) return result;
      std::string error;
      if (!digest_payload(*payload, [](const PayloadEntry&) { return true; }, jobs, cache, error)) {
        result.io_error = error;
        return result;
      }
      const auto old = tag_summary(draft, cache);
      if (old && old->manifest_hash == hex_digest(DigestKind::sha256, manifest_text(*payload, DigestKind::sha256)) &&
          old->bag_info == bag_info_txt(*full, *payload, label)) {
        record(draft, SealAction::unchanged, result, cache);
        return result;
      }
      // Changed, but mostly not (an edit in a late month leaves every
      // earlier month's text as it was): copy what this program deflated
      // last time rather than read and deflate it again.
      const std::string identity = deflate_identity();
      if (!identity.empty() && cache.summaries.matched(draft, MatchedBy::deflater) == identity)
        result.reused_entries = reuse_deflated_entries(draft, id, *payload, cache);
    }
    produce(draft, label, true, SealAction::wrote_draft);
    return result;
  }

  // Sealed: exactly the version asked for, never over an existing file.
  const int revision = sealed->revision;
  const fs::path target = dir / sealed_file_name(month, revision);
  if (fs::symlink_status(target, ec).type() != fs::file_type::not_found) {
    result.io_error = "佐证材料包 " + target.string() + " 已存在：已封存的材料包不会被覆盖";
    return result;
  }
  const BagLabel label{std::to_string(revision), revision == 1 ? id : id + ".r" + std::to_string(revision),
                       sealed->supersedes};
  produce(target, label, false, revision == 1 ? SealAction::wrote_sealed : SealAction::wrote_revision);
  return result;
}

SealedComparison compare_with_sealed(const BagInput& lean_input, const fs::path& sealed_zip,
                                     const std::string& sources, BundleCache& cache, unsigned jobs) {
  SealedComparison out;
  if (jobs == 0) jobs = cores();
  // The same month folders (by stamps) and scores as when it last matched.
  if (matches_sources_now(sealed_zip, sources, cache)) {
    out.same = true;
    return out;
  }
  const std::string inputs = sealing_inputs(lean_input.payload, cache.digests);
  if (!inputs.empty() && cache.summaries.matched(sealed_zip, MatchedBy::sealing_inputs) == inputs) {
    out.same = true;
    cache.summaries.set_matched(sealed_zip, MatchedBy::sources, sources);
    return out;
  }
  // What was published of the month: its own files and its scores. The
  // site-wide files and earlier months' text in the bag are what it was
  // scored with; they may change later (next year's holidays, a new unit)
  // without changing this month, which the scores would show.
  const std::string own_folder = "content/" + lean_input.month.str() + "/";
  auto published_part = [&](std::string_view name) {
    return name.starts_with(own_folder) || name == "scores.json" || name == "scores.csv";
  };
  std::string error;
  auto lean_payload = prepare_payload(lean_input, cache, error);
  if (!lean_payload) {
    out.io_error = error;
    return out;
  }
  if (!digest_payload(*lean_payload, [&](const PayloadEntry& e) { return published_part(e.name); }, jobs, cache,
                      error)) {
    out.io_error = error;
    return out;
  }
  const auto old_manifest = read_tag_file(sealed_zip, "manifest-sha256.txt");
  if (!old_manifest) {
    out.io_error = "无法读取已封存的佐证材料包 " + sealed_zip.string() + " 的 manifest-sha256.txt";
    return out;
  }
  std::map<std::string, std::string> before, after;
  for (auto& [path, hex] : manifest_map(*old_manifest))
    if (published_part(std::string_view(path).substr(5))) before.emplace(path, hex);  // past "data/"
  for (const DigestedEntry& d : lean_payload->entries)
    if (published_part(d.entry->name)) after.emplace("data/" + d.entry->name, d.digests.hex(DigestKind::sha256));
  if (before == after) {
    cache.summaries.set_matched(sealed_zip, MatchedBy::sealing_inputs, inputs);
    cache.summaries.set_matched(sealed_zip, MatchedBy::sources, sources);
    out.same = true;
    return out;
  }
  std::vector<std::string> added, removed, changed;
  for (const auto& [path, hex] : after) {
    auto it = before.find(path);
    if (it == before.end()) added.push_back(path);
    else if (it->second != hex) changed.push_back(path);
  }
  for (const auto& [path, hex] : before)
    if (!after.count(path)) removed.push_back(path);
  std::string& what = out.changes;
  if (!added.empty()) what += "新增 " + join_names(added);
  if (!removed.empty()) what += std::string(what.empty() ? "" : "；") + "删除 " + join_names(removed);
  if (!changed.empty()) what += std::string(what.empty() ? "" : "；") + "修改 " + join_names(changed);
  return out;
}

}  // namespace creditgen::bundle
