#include "bundle/manifest.h"
#include "bundle/bag.h"

#include <zip.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <system_error>
#include <unordered_map>

#include "base/bundle_name.h"
#include "base/c_handle.h"
#include "base/file_stamp.h"
#include "base/parallel.h"
#include "bundle/archival_metadata.h"
#include "bundle/digest_cache.h"
#include "bundle/payload_pipeline.h"
#include "bundle/timestamp.h"
#include "bundle/zip_writer.h"
#include "load/source_file.h"

namespace creditgen::bundle {

namespace fs = std::filesystem;

namespace {
// Entry times are Bundle-Epoch as a UTC wall clock, whatever the machine's zone.
DateTime epoch_utc(const BagInput& input) {
  return DateTime::from_wall_seconds(input.epoch.wall_seconds() - int64_t{input.utc_offset_minutes} * 60);
}
}  // namespace

std::string bag_root(const BagInput& input) { return bundle_root_name(input.slug, input.month); }

bool check_payload_names(const BagInput& input, Diagnostics& diags) {
  const std::string root = bag_root(input) + "/data/";
  auto shown = [&input](const PayloadEntry& e) {
    if (e.name.starts_with("content/") && !input.content_shown_root.empty())
      return load::shown_path(input.content_shown_root, e.name.substr(8));
    return "data/" + e.name;
  };
  bool ok = true;
  std::vector<std::string> names;
  for (const PayloadEntry& e : input.payload) {
    const std::string full = root + e.name;
    names.push_back(full);
    if (auto problem = bundle_name_problem(full)) {
      diags.error(Location{shown(e), 1, 1}, "bad-filename",
                  "文件名无法安全放入佐证材料包：" + *problem + "；请改名后重新生成，本月佐证材料包未生成");
      ok = false;
    }
  }
  for (const auto& [a, b] : case_clashes(names)) {
    const auto find = [&](const std::string& full) -> const PayloadEntry& {
      const size_t i = static_cast<size_t>(std::find(names.begin(), names.end(), full) - names.begin());
      return input.payload[i];
    };
    const PayloadEntry& first = find(a);
    const PayloadEntry& second = find(b);
    const std::string what = a == b ? "与另一文件同名" : "与“" + first.name + "”只有大小写不同";
    diags.error(Location{shown(second), 1, 1}, "bad-filename",
                "文件名“" + second.name + "”" + what +
                    "，在 Windows、macOS 上解压会互相覆盖；请改名后重新生成，本月佐证材料包未生成");
    ok = false;
  }
  return ok;
}

namespace {
// The whole of one entry as stored in the zip: inflated, or with
// ZIP_FL_COMPRESSED the raw deflate stream. nullopt when unreadable.
std::optional<std::string> zip_entry_bytes(zip_t* z, zip_uint64_t index, zip_uint64_t size, zip_flags_t flags) {
  CHandle<zip_file_t, &zip_fclose> f(zip_fopen_index(z, index, flags));
  if (!f) return std::nullopt;
  std::string out(size, '\0');
  if (size && zip_fread(f.get(), out.data(), size) != static_cast<zip_int64_t>(size)) return std::nullopt;
  char extra;
  if (zip_fread(f.get(), &extra, 1) != 0) return std::nullopt;
  return out;
}
}  // namespace

size_t reuse_deflated_entries(const fs::path& earlier_bag, const std::string& root, const PreparedPayload& p,
                              BundleCache& cache) {
  int code = 0;
  CHandle<zip_t, &zip_discard> z(zip_open(earlier_bag.c_str(), ZIP_RDONLY, &code));
  if (!z) return 0;
  const std::string prefix = root + "/";
  const zip_int64_t manifest_index = zip_name_locate(z.get(), (prefix + "manifest-sha256.txt").c_str(), 0);
  zip_stat_t st;
  if (manifest_index < 0 || zip_stat_index(z.get(), manifest_index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    return 0;
  const auto manifest = zip_entry_bytes(z.get(), manifest_index, st.size, 0);
  if (!manifest) return 0;
  // "<hex>  data/<name>" → name → hex.
  std::unordered_map<std::string_view, std::string_view> listed;
  for_each_manifest_line(*manifest, [&listed](int, std::string_view, const std::optional<ManifestLine>& parsed) {
    if (parsed && parsed->path.starts_with("data/")) listed.emplace(parsed->path.substr(5), parsed->hex);
  });

  size_t reused = 0;
  std::string hex;
  for (const DigestedEntry& d : p.entries) {
    const PayloadEntry& e = *d.entry;
    if (e.bytes || e.packed || e.file.empty() || stored_uncompressed(e.name) || !d.digests.complete()) continue;
    const auto it = listed.find(e.name);
    hex.clear();
    d.digests.append_hex(DigestKind::sha256, hex);
    if (it == listed.end() || it->second != hex) continue;  // new or changed since
    // The digests are of the file as it is now (this stamp): a file changed
    // moments ago is not trusted, as everywhere in the build cache.
    const auto stamp = cache.digests.stamp(e.file);
    if (!stamp || stamp->recent() || stamp->size != d.digests.size) continue;
    const zip_int64_t index = zip_name_locate(z.get(), (prefix + "data/" + e.name).c_str(), 0);
    if (index < 0 || zip_stat_index(z.get(), index, 0, &st) != 0) continue;
    const zip_uint64_t needed = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
    if ((st.valid & needed) != needed || st.comp_method != ZIP_CM_DEFLATE || st.size != d.digests.size) continue;
    auto deflated = zip_entry_bytes(z.get(), index, st.comp_size, ZIP_FL_COMPRESSED);
    if (!deflated) continue;
    if (!cache.deflated.keep(e.file, *stamp, *deflated, st.crc)) break;  // over budget
    ++reused;
  }
  return reused;
}

bool decides_sealing(std::string_view name) { return name.starts_with("content/") || name.starts_with("scores."); }

PayloadEntry PayloadEntry::packed_from_bytes(std::string name, std::string bytes, std::shared_ptr<Spool> spool) {
  if (stored_uncompressed(name)) return from_bytes(std::move(name), std::move(bytes));
  auto packed = std::make_shared<PackedBytes>();
  packed->digests = digest_bytes(bytes);
  packed->crc = crc32_of(bytes);
  packed->deflated = SpooledBytes::of(deflate_raw(bytes), spool.get());
  if (packed->deflated.spool) packed->spool = std::move(spool);
  PayloadEntry e = from_bytes(std::move(name), {});
  e.bytes.reset();
  e.packed = std::move(packed);
  return e;
}

std::optional<PreparedPayload> prepare_payload(const BagInput& input, BundleCache& cache, std::string& error) {
  PreparedPayload p;
  p.entries.reserve(input.payload.size());
  for (const PayloadEntry& e : input.payload) {
    DigestedEntry d;
    d.entry = &e;
    if (auto size = e.memory_size()) {
      d.digests.size = *size;
    } else {
      const auto stamp = cache.digests.stamp(e.file);
      if (!stamp) {
        error = "无法读取文件 " + e.file;
        return std::nullopt;
      }
      d.digests.size = stamp->size;
    }
    p.total_bytes += d.digests.size;
    p.entries.push_back(std::move(d));
  }
  std::sort(p.entries.begin(), p.entries.end(),
            [](const DigestedEntry& a, const DigestedEntry& b) { return a.entry->name < b.entry->name; });
  return p;
}

bool digest_payload(PreparedPayload& p, const std::function<bool(const PayloadEntry&)>& wanted, unsigned jobs,
                    BundleCache& cache, std::string& error) {
  std::vector<DigestedEntry*> todo;
  for (DigestedEntry& d : p.entries)
    if (wanted(*d.entry) && !d.digests.has_sha256) todo.push_back(&d);
  std::mutex failure_mutex;
  parallel_for(todo.size(), jobs, [&](size_t i) {
    DigestedEntry& d = *todo[i];
    const PayloadEntry& e = *d.entry;
    std::optional<DigestSet> digests = e.packed  ? std::optional<DigestSet>(e.packed->digests)
                                       : e.bytes ? std::optional<DigestSet>(digest_bytes(*e.bytes))
                                                 : cache.file_digests(e.file);
    if (!digests || digests->size != d.digests.size) {
      std::lock_guard lock(failure_mutex);
      if (error.empty()) error = "无法读取文件 " + d.entry->file + "（或在打包过程中被改动）";
      return;
    }
    d.digests = std::move(*digests);
  });
  return error.empty();
}

std::string manifest_text(const PreparedPayload& p, DigestKind kind) {
  const size_t hex_length = kind == DigestKind::sha512 ? 128 : 64;
  size_t length = 0;
  for (const DigestedEntry& e : p.entries) length += hex_length + e.entry->name.size() + 8;
  std::string out;
  out.reserve(length);
  std::string hex;
  for (const DigestedEntry& e : p.entries) {
    hex.clear();
    e.digests.append_hex(kind, hex);
    append_manifest_line(out, hex, "data/" + e.entry->name);
  }
  return out;
}

std::string bagit_txt() { return "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"; }

std::string bagging_date(const BagInput& input) {
  if (input.published) return input.published->str();
  const int64_t utc = input.epoch.wall_seconds() - int64_t{input.utc_offset_minutes} * 60;
  return DateTime::from_wall_seconds(utc + 8 * 3600).date.str();
}

std::string bag_info_txt(const BagInput& input, const PreparedPayload& p, const BagLabel& label) {
  std::string out;
  // One line per label: a line break inside a site.yaml value would start a bogus label.
  auto line = [&out](const char* label_name, const std::string& value) {
    out += label_name;
    out += ": ";
    for (char c : value) out += (c == '\n' || c == '\r') ? ' ' : c;
    out += "\n";
  };
  line("Source-Organization", input.organization.empty() ? input.district : input.organization);
  if (!input.address.empty()) line("Organization-Address", input.address);
  if (!input.contact.empty()) line("Contact-Name", input.contact);
  line("External-Identifier", label.external_identifier);
  line("External-Description", input.district + std::to_string(input.month.year) + "年" +
                                   std::to_string(input.month.month) + "月信用监测月报佐证材料");
  line("Bagging-Date", bagging_date(input));
  line("Bag-Group-Identifier", input.slug + "-credit-monitoring");
  line("Bag-Software-Agent", "creditgen bundle-format/1");
  line("Payload-Oxum", std::to_string(p.total_bytes) + "." + std::to_string(p.entries.size()));
  line("Credit-Month", input.month.str());
  line("District", input.district);
  line("Rulebook", input.rulebook_name + " sha256:" + input.rulebook_sha256);
  line("Bundle-Epoch", input.epoch.rfc3339_utc(input.utc_offset_minutes));
  line("Bundle-Revision", label.revision);
  if (label.supersedes) line("Supersedes", label.supersedes->file_name + " sha256:" + label.supersedes->sha256);
  if (input.sealed) {
    line("Published-By", input.sealed->by);
    if (input.sealed->revision > 1) {
      line("Correction-Reason", input.sealed->reason);
      if (input.sealed->first_published) line("Original-Publication-Date", input.sealed->first_published->str());
    }
  }
  for (const BundleRef& prior : input.prior_bundles) line("Prior-Bundle", prior.file_name + " sha256:" + prior.sha256);
  for (const std::string& omitted : input.omitted_unsafe) line("Omitted-Unsafe-File", "data/" + omitted);
  return out;
}

std::string verify_zh_txt(const BagInput& input) {
  const std::string root = bag_root(input);
  std::string t;
  t += "如何核验本佐证材料包（" + root + "）\n\n";
  t += "本压缩包是一个 BagIt 1.0 包（RFC 8493）。解压后进入“" + root + "”文件夹：\n";
  t += "data/ 下是全部佐证材料；manifest-sha256.txt、manifest-sha512.txt 列出每个文件的校验值，\n";
  t += "tags/sm3sums.txt 列出国密 SM3（GB/T 32905）校验值；tagmanifest-*.txt 保护上述清单本身。\n";
  t += "tags/archive-register.txt 是归档登记表；tags/metadata.csv 是每个文件的档案元数据（格式、所属材料、题名等）。\n";
  t += "任何文件被改动、删除或增加，核验都会报告不一致。bag-info.txt 的 Payload-Oxum 为“字节数.文件数”。\n\n";
  t += "一、Windows\n";
  t += "  PowerShell（逐个核对全部文件，没有输出即全部一致）：\n";
  t += "    cd " + root + "\n";
  t += "    Get-Content manifest-sha256.txt -Encoding UTF8 | ForEach-Object {\n";
  t += "      $h, $p = $_ -split '  ', 2\n";
  t += "      if ((Get-FileHash -Algorithm SHA256 -LiteralPath $p).Hash -ne $h) { \"不一致：$p\" } }\n";
  t += "  单个文件：Get-FileHash -Algorithm SHA256 -LiteralPath data\\scores.json\n";
  t += "  命令提示符：certutil -hashfile data\\scores.json SHA256\n";
  t += "  把显示的值（不区分大小写）与 manifest-sha256.txt 中该文件那一行比对。\n\n";
  t += "二、macOS（终端）\n";
  t += "    cd " + root + "\n";
  t += "    shasum -a 256 -c manifest-sha256.txt\n";
  t += "    shasum -a 256 -c tagmanifest-sha256.txt\n";
  t += "  每行显示 OK 即为一致。\n\n";
  t += "三、Linux\n";
  t += "    cd " + root + "\n";
  t += "    sha256sum -c manifest-sha256.txt\n";
  t += "    sha512sum -c manifest-sha512.txt\n";
  t += "    sha256sum -c tagmanifest-sha256.txt\n";
  t += "  每行显示 OK（或“成功”）即为一致。\n\n";
  t += "四、其他方式\n";
  t += "  SM3：gmssl sm3sum -c tags/sm3sums.txt，或 openssl dgst -sm3 <文件> 逐个比对。\n";
  t += "  BagIt 工具：python3 -m bagit --validate " + root + "\n";
  t += "  不解压直接核验：creditgen verify <压缩包文件名>\n\n";
  t += "五、各种工具能证明什么\n";
  t += "  sha256sum、shasum、Get-FileHash、certutil 和 BagIt 工具证明 data/ 下的文件与清单一致：\n";
  t += "  没有被改动、缺少或多出文件。它们不检查得分是否算对。\n";
  t += "  creditgen verify 在此之外，只用本包中的内容重新计分（data/content/ 中的站点设置、单位名单、\n";
  t += "  工作日历、适用的指标规则、本月全部材料，以及计分用到的以前月份的文本材料），逐个单位、逐项\n";
  t += "  评分细则与 data/scores.json 比对，不读取任何其他文件，也不解压。\n";
  t += "  以前月份的附件（照片、PDF 等）不在本包中，而在各自月份的证据包里（见 bag-info.txt 的\n";
  t += "  Prior-Bundle）；重新计分时按 tags/earlier-files.txt 所列的文件名和大小判断它们是否存在，\n";
  t += "  计数不需要附件的内容。\n";
  return t;
}

namespace {

// The tag files that follow data/ in the zip (manifests, tag manifests,
// tags/…) are made only when the writer reaches them, from the digests the
// payload pipeline wrote into the payload list on the way.
struct LateTags {
  const BagInput* input = nullptr;
  const BagLabel* label = nullptr;
  PreparedPayload* payload = nullptr;
  unsigned jobs = 1;
  BundleCache* cache = nullptr;  // what is known of the payload files' bytes
  std::vector<std::pair<std::string, std::string>> early;  // bagit.txt, bag-info.txt
  struct Made {
    std::string text;      // stored entries only
    SpooledBytes packed;   // deflated, or empty when stored
    unsigned long long size = 0;
    uint32_t crc = 0;
  };
  // Each streamed tag file's deflated bytes, set aside on disk until the
  // writer reaches it (one spool each: a deflater's output lies in one piece).
  std::vector<std::unique_ptr<Spool>> spools;
  Spool* new_spool() {
    std::lock_guard lock(spools_mutex);
    spools.push_back(std::make_unique<Spool>(cache->spool.folder()));
    return spools.back().get();
  }
  std::mutex spools_mutex;
  std::map<std::string, Made> made_tags;  // name below the root → bytes
  std::string manifest_hash, sealing_hash;  // for WrittenTags
  std::string sign_error;                   // the signature could not be made
  std::string stamp_error;                  // the timestamp reply is not over this bag
  bool made = false;

  // One manifest, streamed: its lines are made a piece at a time and go
  // straight into its deflater and digests, so a late month's manifests
  // (tens of megabytes of hex) are never held whole. The three are made on
  // all cores.
  struct Streamed {
    std::string name;
    DigestKind kind;
    std::string sha256, sha512;  // of the text, for the tag manifests
    std::string sealing_sha256;  // manifest-sha256.txt: of the lines that decide sealing
    Made made;
  };
  void stream_manifest(Streamed& m) {
    StreamDeflater deflater(new_spool());
    Digest sha256(DigestKind::sha256), sha512(DigestKind::sha512), sealing(DigestKind::sha256);
    const bool with_sealing = m.kind == DigestKind::sha256;
    std::string piece, line;
    auto flush = [&] {
      deflater.update(piece);
      sha256.update(piece);
      sha512.update(piece);
      piece.clear();
    };
    for (const DigestedEntry& e : payload->entries) {
      line.clear();
      e.digests.append_hex(m.kind, line);
      line += "  data/";
      line += e.entry->name;
      line += '\n';
      piece += line;
      // The lines of data/content/ and data/scores.*, in the manifest's order (seal.h).
      if (with_sealing && decides_sealing(e.entry->name))
        sealing.update(line);
      if (piece.size() >= (1u << 20)) flush();
    }
    flush();
    m.made.size = deflater.size();
    m.made.crc = deflater.crc();
    m.made.packed = deflater.finish();
    m.sha256 = sha256.hex_final();
    m.sha512 = sha512.hex_final();
    if (with_sealing) m.sealing_sha256 = sealing.hex_final();
  }

  // tags/metadata.csv, streamed the same way: a slice of rows described
  // (on all cores), written and let go; the register keeps only its tallies.
  void stream_metadata(Streamed& m, RegisterTally& tally) {
    constexpr size_t kSlice = 8192;
    const PayloadDescriber describer(*input, *payload, jobs, *cache);
    StreamDeflater deflater(new_spool());
    Digest sha256(DigestKind::sha256), sha512(DigestKind::sha512);
    std::string piece = metadata_csv_header();
    for (size_t first = 0;; first += kSlice) {
      for (const MetadataRow& row : describer.rows(first, kSlice)) {
        append_metadata_csv(piece, row);
        tally.add(row);
      }
      deflater.update(piece);
      sha256.update(piece);
      sha512.update(piece);
      piece.clear();
      if (first + kSlice >= describer.size()) break;
    }
    m.made.size = deflater.size();
    m.made.crc = deflater.crc();
    m.made.packed = deflater.finish();
    m.sha256 = sha256.hex_final();
    m.sha512 = sha512.hex_final();
  }

  void make() {
    if (made) return;
    made = true;
    std::vector<Streamed> manifests = {{"manifest-sha256.txt", DigestKind::sha256, {}, {}, {}, {}},
                                       {"manifest-sha512.txt", DigestKind::sha512, {}, {}, {}, {}},
                                       {"tags/sm3sums.txt", DigestKind::sm3, {}, {}, {}, {}}};
    parallel_for(manifests.size(), jobs, [&](size_t i) { stream_manifest(manifests[i]); });

    // The small tag files are made whole; every tag file but the tag
    // manifests is listed in them, in byte order of its name.
    std::vector<std::pair<std::string, std::string>> small = early;
    if (input->earlier_files) small.emplace_back("tags/earlier-files.txt", *input->earlier_files);
    small.emplace_back("tags/verify-zh.txt", verify_zh_txt(*input));
    Streamed metadata{kMetadataFile, DigestKind::sha256, {}, {}, {}, {}};
    RegisterTally tally;
    stream_metadata(metadata, tally);
    small.emplace_back(kRegisterFile, archive_register_txt(*input, *label, tally));
    manifests.push_back(std::move(metadata));
    std::map<std::string, std::pair<std::string, std::string>> listed;  // name → sha256, sha512
    for (const auto& [name, text] : small)
      listed[name] = {hex_digest(DigestKind::sha256, text), hex_digest(DigestKind::sha512, text)};
    for (const Streamed& m : manifests) listed[m.name] = {m.sha256, m.sha512};
    std::string manifest256, manifest512;
    for (const auto& [name, digests] : listed) {
      append_manifest_line(manifest256, digests.first, name);
      append_manifest_line(manifest512, digests.second, name);
    }
    // The signature covers the tag manifest, so it cannot be listed in it.
    if (input->signing) {
      if (auto der = sign_detached(manifest256, *input->signing, sign_error)) small.emplace_back(kSignatureFile, *der);
      else small.emplace_back(kSignatureFile, std::string());
    }
    // So is the timestamp; a reply the TSA gave for other bytes is refused.
    if (!input->timestamp_reply.empty()) {
      const TimestampCheck stamp = check_timestamp(input->timestamp_reply, manifest256, nullptr);
      if (!stamp.valid) stamp_error = stamp.error;
      small.emplace_back(kTimestampFile, input->timestamp_reply);
    }
    small.emplace_back("tagmanifest-sha256.txt", std::move(manifest256));
    small.emplace_back("tagmanifest-sha512.txt", std::move(manifest512));
    for (auto& [name, text] : small) {
      Made& tag = made_tags[name];
      tag.size = text.size();
      if (stored_uncompressed(name)) {
        tag.text = std::move(text);
      } else {
        tag.crc = crc32_of(text);
        tag.packed.held = deflate_raw(text);
      }
    }
    for (Streamed& m : manifests) made_tags[m.name] = std::move(m.made);
    manifest_hash = manifests[0].sha256;
    sealing_hash = manifests[0].sealing_sha256;
  }
};

class LateTagEntry final : public DeferredEntry {
 public:
  LateTagEntry(std::shared_ptr<LateTags> tags, std::string name) : tags_(std::move(tags)), name_(std::move(name)) {}
  std::optional<EntryBytes> open(std::string& error) override {
    tags_->make();
    if (name_ == kSignatureFile && !tags_->sign_error.empty()) {
      error = "无法签名：" + tags_->sign_error;
      return std::nullopt;
    }
    if (name_ == kTimestampFile && !tags_->stamp_error.empty()) {
      error = "时间戳回执不能用于本证据包：" + tags_->stamp_error +
              "。回执须是对同一次 --timestamp-query 的请求的答复，且发布日期、发布人和材料与生成请求时相同";
      return std::nullopt;
    }
    const LateTags::Made& tag = tags_->made_tags.at(name_);
    EntryBytes bytes;
    bytes.size = tag.size;
    if (stored_uncompressed(name_)) {
      bytes.data = tag.text;
    } else {
      if (!tag.packed.read(read_back_, bytes.data)) {
        error = "无法读回临时文件中的 " + name_ + "（磁盘读取错误）";
        return std::nullopt;
      }
      bytes.deflated = true;
      bytes.crc = tag.crc;
    }
    return bytes;
  }
  void close() override { std::string().swap(read_back_); }

 private:
  std::shared_ptr<LateTags> tags_;
  std::string name_;
  std::string read_back_;  // a spooled tag file's bytes, while it is written
};

}  // namespace

std::optional<std::string> write_bag(const BagInput& input, PreparedPayload& p, const BagLabel& label,
                                     const fs::path& target, bool replace, unsigned jobs, BundleCache& cache,
                                     WrittenTags* written) {
  const std::string root = bag_root(input) + "/";
  // Every entry, in byte order of the whole name: bag-info.txt and bagit.txt,
  // then data/…, then the manifests and tag files, which need the digests.
  std::vector<PayloadPipeline::Job> work;
  for (DigestedEntry& d : p.entries)
    work.push_back({d.entry, d.digests.size, !stored_uncompressed(d.entry->name), &d.digests});
  PayloadPipeline pipeline(std::move(work), jobs, cache);

  auto late = std::make_shared<LateTags>();
  late->input = &input;
  late->label = &label;
  late->payload = &p;
  late->jobs = jobs;
  late->cache = &cache;
  late->early = {{"bag-info.txt", bag_info_txt(input, p, label)}, {"bagit.txt", bagit_txt()}};  // byte order
  std::vector<std::string> late_names = {"manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt",
                                         "tagmanifest-sha512.txt"};  // byte order
  late_names.push_back(kRegisterFile);
  if (input.earlier_files) late_names.push_back("tags/earlier-files.txt");
  late_names.push_back(kMetadataFile);
  if (input.signing) late_names.push_back(kSignatureFile);
  late_names.push_back("tags/sm3sums.txt");
  if (!input.timestamp_reply.empty()) late_names.push_back(kTimestampFile);
  late_names.push_back("tags/verify-zh.txt");

  if (!input.signing_error.empty()) return "无法签名：" + input.signing_error;
  if (!input.timestamp_error.empty()) return "无法加时间戳：" + input.timestamp_error;
  std::string error;
  auto writer = ZipWriter::create(target, epoch_utc(input), error);
  if (!writer) return error;
  for (const auto& [name, text] : late->early)
    if (!writer->add_borrowed(root + name, text, error)) return error;
  for (size_t i = 0; i < p.entries.size(); ++i)
    if (!writer->add_deferred(root + "data/" + p.entries[i].entry->name, pipeline.entry(i), error)) return error;
  for (const std::string& name : late_names)
    if (!writer->add_deferred(root + name, std::make_shared<LateTagEntry>(late, name), error)) return error;
  // A re-created bundle must be the very file the publication record names.
  auto same_as_recorded = [&](const fs::path& temp) -> std::optional<std::string> {
    if (input.expected_sha256.empty()) return std::nullopt;
    const auto sha = sha256_file(temp);
    if (sha && *sha == input.expected_sha256) return std::nullopt;
    return "重新生成的 " + target.filename().string() + " 与发布记录不符（发布记录中的 SHA-256 为 " +
           input.expected_sha256 + "，重新生成的为 " + sha.value_or("无法读取") + "），未写入";
  };
  if (auto error = writer->commit(replace, same_as_recorded)) return error;
  if (written) {
    written->bag_info = late->early.front().second;
    written->manifest_hash = late->manifest_hash;
    written->sealing_hash = late->sealing_hash;
  }
  return std::nullopt;
}

}  // namespace creditgen::bundle
