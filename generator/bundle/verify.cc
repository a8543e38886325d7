// `creditgen verify`: checks a bundle straight from the zip, without
// extracting anything, so a hostile name can never touch the disk.
#include <zip.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "base/bundle_name.h"
#include "base/c_handle.h"
#include "base/file_types.h"
#include "bundle/manifest.h"
#include "bundle/archival_metadata.h"
#include "bundle/archive_checks.h"
#include "bundle/bundle.h"
#include "bundle/digest.h"
#include "bundle/timestamp.h"
#include "bundle/zip_structure.h"
#include "bundle/zip_writer.h"
#include "load/file_format.h"

namespace creditgen::bundle {

namespace {

// A name that could escape the extraction folder or means different things on different systems.
std::optional<std::string> unsafe_name(const std::string& name) {
  if (name.empty()) return "有一个条目的名称为空";
  if (name.front() == '/') return "条目“" + name + "”是绝对路径";
  if (name.find('\\') != std::string::npos) return "条目“" + name + "”含反斜杠“\\”";
  if (name.size() >= 2 && name[1] == ':') return "条目“" + name + "”含盘符";
  std::istringstream in(name);
  std::string part;
  while (std::getline(in, part, '/'))
    if (part == "..") return "条目“" + name + "”含“..”，会写到解压文件夹之外";
  if (name.back() == '/') return std::nullopt;  // folder entries are checked by their files
  // Everything the writer refuses (outputs.md "Names") is unsafe to extract elsewhere too.
  if (auto problem = bundle_name_problem(name)) return "条目“" + name + "”的名称不安全：" + *problem;
  return std::nullopt;
}

struct EntryData {
  DigestSet digests;
  std::string text;  // kept for tag files only; payload is digested and dropped
};

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// "<hex><spaces><path>" lines; BagIt allows any run of white space between.
std::vector<std::pair<std::string, std::string>> parse_manifest(const std::string& text,
                                                                 const std::string& file, ArchiveReport& report,
                                                                 std::string_view check) {
  std::vector<std::pair<std::string, std::string>> out;
  for_each_manifest_line(text, [&](int n, std::string_view, const std::optional<ManifestLine>& parsed) {
    if (!parsed) report.fail(check, file + " 第 " + std::to_string(n) + " 行格式不对，应为“校验值  文件路径”", file);
    else out.emplace_back(lower(std::string(parsed->hex)), std::string(parsed->path));
  });
  return out;
}



// Every check, in report order; each starts passing and fails on a problem.
void add_checks(ArchiveReport& r) {
  r.add("authenticity.manifest-sha256", "载荷文件与 SHA-256 清单（manifest-sha256.txt）一致");
  r.add("authenticity.manifest-sha512", "载荷文件与 SHA-512 清单（manifest-sha512.txt）一致");
  r.add("authenticity.manifest-sm3", "载荷文件与 SM3 清单（tags/sm3sums.txt）一致");
  r.add("authenticity.tag-manifests", "标签文件（bag-info.txt、各清单、tags/ 中的文件）与标签清单（tagmanifest-*.txt）一致");
  r.add("authenticity.signature", "机关电子签名有效");
  r.add("authenticity.timestamp", "可信时间戳有效");
  r.add("integrity.zip", "压缩包中每个条目完整可读（CRC 校验）");
  r.add("integrity.bag-structure", "BagIt 结构完整：一个顶层文件夹，bagit.txt、bag-info.txt 齐全");
  r.add("integrity.manifest-coverage", "每个载荷文件都列在各清单中，清单所列文件都在包内");
  r.add("integrity.payload-oxum", "Payload-Oxum（字节数.文件数）与载荷一致");
  r.add("integrity.metadata", "档案元数据：每个载荷文件都有记录，大小、校验值、格式与文件一致");
  r.add("usability.formats", "每个文件按内容识别的格式与扩展名相符");
  r.add("usability.pdf", "PDF 文件结构完整、未加密");
  r.add("usability.no-archives", "证据中不含压缩包");
  r.add("security.zip-structure", "压缩包目录结构安全（条目不重叠、不重名，无异常压缩比）");
  r.add("security.entry-names", "条目名称安全（无绝对路径、“..”、反斜杠、盘符或系统保留名）");
  r.add("security.no-executables", "不含可执行程序");
}

// What one payload file's bytes are, against its name (DA/T 70 可用性;
// programs: 安全性). Called as each entry is read, so no file's bytes are
// kept for later.
struct FormatTally {
  size_t files = 0, pdfs = 0;
};
void check_format(const std::string& rel, std::string_view head, std::string_view tail,
                  const load::FormatIdentifier& identifier, ArchiveReport& report, FormatTally& tally) {
  ++tally.files;
  const FileType* type = known_file_type(rel);
  if (head.empty() && !attachment_type(rel)) return;  // an empty text file of the content
  if (!type) {  // a type the office does not name: only programs and archives are said
    const std::string mime = head.empty() ? std::string() : identifier.mime_of(head);
    if (is_executable_mime(mime))
      report.fail("security.no-executables", "文件“" + rel + "”是可执行程序（" + mime + "）", rel);
    else if (is_archive_mime(mime))
      report.fail("usability.no-archives", "文件“" + rel + "”是" + describe_mime(mime) + "（" + mime + "）", rel);
    return;
  }
  if (type->extension == "pdf") ++tally.pdfs;
  auto problem = load::format_problem(*type, head, tail, identifier, rel, "文件");
  if (!problem) {
    if (type->extension == "pdf" && tail.find("%%EOF") == std::string_view::npos)
      report.fail("usability.pdf", "文件“" + rel + "”末尾没有 %%EOF：PDF 不完整，可能无法打开", rel);
    return;
  }
  const std::string mime = problem->code == "format-mismatch" ? identifier.mime_of(head) : std::string();
  const std::string id = is_executable_mime(mime)                ? "security.no-executables"
                         : problem->code == "encrypted-pdf"      ? "usability.pdf"
                         : problem->code == "archive-attachment" ? "usability.no-archives"
                                                                 : "usability.formats";
  report.fail(id, problem->message, rel);
}

void finish_formats(const load::FormatIdentifier& identifier, const FormatTally& tally, ArchiveReport& report) {
  if (!identifier.ready()) {
    for (const char* id : {"usability.formats", "usability.pdf", "usability.no-archives", "security.no-executables"})
      report.not_applicable(id, "本机无法加载 libmagic 的格式数据库，未检测");
    return;
  }
  report.at("usability.formats").note = std::to_string(tally.files) + " 个载荷文件";
  if (tally.pdfs == 0) report.not_applicable("usability.pdf", "包内没有 PDF");
  else report.at("usability.pdf").note = std::to_string(tally.pdfs) + " 个 PDF";
}

// tags/metadata.csv: one record per payload file, agreeing with the file
// (size, SHA-256, the type its name gives); the register beside it.
void check_metadata(const std::map<std::string, EntryData>& entries, const std::set<std::string>& payload,
                    ArchiveReport& report) {
  const char* id = "integrity.metadata";
  auto text = entries.find(kMetadataFile);
  if (text == entries.end()) {
    report.not_applicable(id, "本包没有档案元数据文件（较早格式的证据包）");
    return;
  }
  if (!entries.count(kRegisterFile)) report.fail(id, std::string("缺少归档登记表 ") + kRegisterFile, kRegisterFile);
  std::string error;
  auto rows = parse_metadata_csv(text->second.text, error);
  if (!rows) {
    report.fail(id, error, kMetadataFile);
    return;
  }
  std::map<std::string, const MetadataRow*> by_path;
  for (const MetadataRow& r : *rows)
    if (!by_path.emplace(r.path, &r).second)
      report.fail(id, std::string(kMetadataFile) + " 中文件“" + r.path + "”有两条记录", r.path);
  for (const std::string& file : payload) {
    auto it = by_path.find(file);
    if (it == by_path.end()) {
      report.fail(id, "文件“" + file + "”在 " + kMetadataFile + " 中没有记录", file);
      continue;
    }
    const MetadataRow& r = *it->second;
    const DigestSet& actual = entries.at(file).digests;
    if (r.size != actual.size)
      report.fail(id, "文件“" + file + "”的元数据记录为 " + std::to_string(r.size) + " 字节，实际为 " +
                          std::to_string(actual.size) + " 字节", file);
    if (r.sha256 != actual.hex(DigestKind::sha256))
      report.fail(id, "文件“" + file + "”的元数据中的 SHA-256 与文件不符", file);
    const FileType* type = known_file_type(file);
    if (type && r.finding.empty() && r.mime != type->mime)
      report.fail(id, "文件“" + file + "”的元数据记录的格式为 " + r.mime + "，与文件类型（" + std::string(type->mime) + "）不符", file);
  }
  for (const MetadataRow& r : *rows)
    if (!payload.count(r.path)) report.fail(id, std::string(kMetadataFile) + " 记录的文件“" + r.path + "”不在包内", r.path);
  if (report.at(id).status == CheckStatus::pass) report.at(id).note = std::to_string(rows->size()) + " 条记录";
}

// A tag file made over tagmanifest-sha256.txt — the office's signature, the
// TSA's timestamp — checked by `check` (valid, or why not; the note when
// valid). Absent: not applicable, unless a trusted certificate was given for it.
struct OverManifest {
  bool valid = false;
  std::string error;
  std::string note;
};
template <class Check>
void check_over_manifest(const std::map<std::string, EntryData>& entries, const char* id, const char* tag_file,
                         const char* what, const char* option, bool trusted, ArchiveReport& report, Check check) {
  auto tag = entries.find(tag_file);
  if (tag == entries.end()) {
    if (trusted) report.fail(id, std::string("指定了 ") + option + "，但本包没有" + what + "文件 " + tag_file);
    else report.not_applicable(id, std::string("本包没有") + what);
    return;
  }
  auto over = entries.find(kSignedFile);
  if (over == entries.end()) {
    report.fail(id, std::string(what) + "所针对的 " + kSignedFile + " 不在包内", tag_file);
    return;
  }
  const OverManifest result = check(tag->second.text, over->second.text);
  if (!result.valid) report.fail(id, result.error, tag_file);
  else report.at(id).note = result.note;
}

// tags/signature.p7s (bundle/signature.h).
void check_signature(const std::map<std::string, EntryData>& entries, const std::string* trusted_pem,
                     ArchiveReport& report) {
  check_over_manifest(entries, "authenticity.signature", kSignatureFile, "签名", "--cert", trusted_pem, report,
                      [&](const std::string& der, const std::string& content) {
                        const SignatureCheck c = verify_detached(der, content, trusted_pem);
                        return OverManifest{c.valid, c.error,
                                            "签名人 " + c.signer +
                                                (trusted_pem ? "，证书由 --cert 指定的证书验证"
                                                             : "；未用 --cert 指定可信证书，只核对了签名与内容一致")};
                      });
}

// tags/timestamp.tsr (bundle/timestamp.h).
void check_timestamp_tag(const std::map<std::string, EntryData>& entries, const std::string* trusted_pem,
                         ArchiveReport& report) {
  check_over_manifest(entries, "authenticity.timestamp", kTimestampFile, "时间戳", "--tsa-cert", trusted_pem, report,
                      [&](const std::string& reply, const std::string& content) {
                        const TimestampCheck c = check_timestamp(reply, content, trusted_pem);
                        return OverManifest{
                            c.valid, c.error,
                            "时间 " + c.time + "，时间戳服务 " + (c.tsa.empty() ? "（回执未附证书）" : c.tsa) +
                                (trusted_pem ? "，由 --tsa-cert 指定的证书验证"
                                             : "；未用 --tsa-cert 指定可信证书，只核对了时间戳与内容一致")};
                      });
}

}  // namespace

ArchiveReport check_bundle(const std::filesystem::path& path, const std::string* trusted_cert_pem,
                           const std::string* trusted_tsa_pem) {
  ArchiveReport report;
  add_checks(report);
  auto stop = [&](const char* why) {
    for (const auto& c : report.checks())
      if (c.status == CheckStatus::pass) report.not_applicable(c.id, why);
    return report;
  };
  // The zip's own account of itself first: a crafted directory is refused
  // before a byte of data is inflated.
  for (auto& p : zip_structure_problems(path)) report.fail("security.zip-structure", std::move(p));
  if (!report.passed()) return stop("压缩包无法安全读取，未继续检测");
  int code = 0;
  CHandle<zip_t, &zip_discard> z(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
  if (!z) {
    if (code == ZIP_ER_EXISTS) {
      report.fail("security.zip-structure", "压缩包内有重名条目");
    } else if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
      report.fail("integrity.zip", "无法打开 " + path.string() + "（" + zip_error_zh(code) + "）");
      return stop("压缩包无法打开，未继续检测");
    } else {
      report.fail("integrity.zip", "压缩包损坏或不完整（" + zip_error_zh(code) + "）");
    }
    // Carry on without the consistency check to report as much as possible.
    z.reset(zip_open(path.c_str(), ZIP_RDONLY, &code));
    if (!z) return stop("压缩包无法打开，未继续检测");
  }

  const zip_int64_t count = zip_get_num_entries(z.get(), 0);
  // A manifest names each payload file once: one with more lines than the
  // zip has entries is refused as it is read, not held and parsed whole.
  size_t payload_entries = 0;
  for (zip_int64_t i = 0; i < count; ++i)
    if (const char* raw = zip_get_name(z.get(), static_cast<zip_uint64_t>(i), 0); raw && std::string_view(raw).find("/data/") != std::string_view::npos)
      ++payload_entries;
  std::map<std::string, EntryData> entries;  // by name below the bag folder
  std::set<std::string> roots, seen;
  const load::FormatIdentifier identifier;
  FormatTally formats;
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const char* raw = zip_get_name(z.get(), index, 0);
    if (!raw) {
      report.fail("security.entry-names", "第 " + std::to_string(i + 1) + " 个条目的名称无法读取");
      continue;
    }
    const std::string name(raw);
    if (!seen.insert(name).second) report.fail("security.zip-structure", "条目“" + name + "”重复出现", name);
    if (auto bad = unsafe_name(name)) {
      report.fail("security.entry-names", *bad, name);
      continue;
    }
    if (name.back() == '/') continue;  // a folder entry carries no data
    // Read every entry to the end: libzip checks the CRC when the data is exhausted.
    CHandle<zip_file_t, &zip_fclose> f(zip_fopen_index(z.get(), index, 0));
    if (!f) {
      report.fail("integrity.zip", "条目“" + name + "”无法读取（" + zip_error_zh(z.get()) + "）", name);
      continue;
    }
    const size_t slash = name.find('/');
    const std::string root = slash == std::string::npos ? "" : name.substr(0, slash);
    const std::string rel = slash == std::string::npos ? name : name.substr(slash + 1);
    roots.insert(root);
    const bool keep_text = !rel.starts_with("data/");
    EntryData data;
    std::string head, tail;  // a payload file's first and last bytes, for its format
    MultiDigest digest;
    char buf[65536];
    zip_int64_t n;
    const bool lists_payload = rel.starts_with("manifest-") || rel == "tags/sm3sums.txt";
    size_t lines = 0;
    bool too_long = false;
    while ((n = zip_fread(f.get(), buf, sizeof buf)) > 0) {
      const std::string_view chunk(buf, static_cast<size_t>(n));
      digest.update(buf, chunk.size());
      if (keep_text) {
        data.text.append(chunk);
      } else {
        if (head.size() < load::kFormatHeadBytes) head.append(chunk.substr(0, load::kFormatHeadBytes - head.size()));
        tail.append(chunk);
        if (tail.size() > load::kFormatTailBytes) tail.erase(0, tail.size() - load::kFormatTailBytes);
      }
      if (lists_payload) {
        lines += static_cast<size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
        if (lines > payload_entries + 1) {
          too_long = true;
          break;
        }
      }
    }
    if (too_long) {
      report.fail("integrity.manifest-coverage",
                  "清单“" + name + "”的行数超过包内的文件数 " + std::to_string(payload_entries) + "，已停止读取", name);
      continue;
    }
    if (n < 0) {
      zip_error_t* e = zip_file_get_error(f.get());
      const bool crc = zip_error_code_zip(e) == ZIP_ER_CRC;
      report.fail("integrity.zip",
                  "条目“" + name + "”" + (crc ? "CRC 校验失败，数据已损坏" : std::string("数据无法读取（") + zip_error_zh(e) + "）"),
                  name);
      continue;
    }
    data.digests = digest.finish();
    if (!keep_text && identifier.ready()) check_format(rel, head, tail, identifier, report, formats);
    entries[rel] = std::move(data);
  }
  if (roots.size() > 1)
    report.fail("integrity.bag-structure",
                "压缩包内应只有一个顶层文件夹（BagIt 包），实际有 " + std::to_string(roots.size()) + " 个");
  if (roots.count("")) report.fail("integrity.bag-structure", "有条目不在 BagIt 包文件夹内");

  auto tag = [&](const std::string& rel) -> const std::string* {
    auto it = entries.find(rel);
    return it == entries.end() ? nullptr : &it->second.text;
  };

  // The BagIt declaration.
  if (const std::string* bagit = tag("bagit.txt")) {
    if (bagit->find("BagIt-Version: ") != 0 || bagit->find("\nTag-File-Character-Encoding: UTF-8") == std::string::npos)
      report.fail("integrity.bag-structure",
                  "bagit.txt 内容不对，应为“BagIt-Version: 1.0”和“Tag-File-Character-Encoding: UTF-8”两行", "bagit.txt");
  } else {
    report.fail("integrity.bag-structure", "缺少 bagit.txt（BagIt 声明）");
  }

  std::set<std::string> payload;
  for (const auto& [rel, data] : entries)
    if (rel.starts_with("data/")) payload.insert(rel);

  struct Checked {
    const char* file;
    DigestKind kind;
    const char* check;
  };
  const Checked manifests[] = {{"manifest-sha256.txt", DigestKind::sha256, "authenticity.manifest-sha256"},
                               {"manifest-sha512.txt", DigestKind::sha512, "authenticity.manifest-sha512"},
                               {"tags/sm3sums.txt", DigestKind::sm3, "authenticity.manifest-sm3"}};
  bool any_manifest = false;
  for (const Checked& m : manifests) {
    const std::string* text = tag(m.file);
    if (!text) {
      report.not_applicable(m.check, std::string("包内没有 ") + m.file);
      continue;
    }
    if (std::string(m.file).starts_with("manifest-")) any_manifest = true;
    std::set<std::string> listed;
    for (const auto& [hex, file] : parse_manifest(*text, m.file, report, m.check)) {
      listed.insert(file);
      auto it = entries.find(file);
      if (!file.starts_with("data/")) {
        report.fail("integrity.manifest-coverage", std::string(m.file) + " 列出的“" + file + "”不在 data/ 下", file);
      } else if (it == entries.end()) {
        report.fail("integrity.manifest-coverage", std::string(m.file) + " 列出的文件“" + file + "”在压缩包中不存在", file);
      } else if (it->second.digests.hex(m.kind) != hex) {
        report.fail(m.check, "文件“" + file + "”与 " + m.file + " 中的校验值不一致（文件已被改动）", file);
      }
    }
    for (const std::string& file : payload)
      if (!listed.count(file))
        report.fail("integrity.manifest-coverage", "文件“" + file + "”未列在 " + m.file + " 中", file);
    if (report.at(m.check).status == CheckStatus::pass)
      report.at(m.check).note = std::to_string(listed.size()) + " 个文件";
  }
  if (!any_manifest) report.fail("integrity.manifest-coverage", "缺少清单 manifest-sha256.txt / manifest-sha512.txt");

  // Payload-Oxum: "<bytes>.<files>" of the payload actually present.
  if (const std::string* info = tag("bag-info.txt")) {
    unsigned long long bytes = 0;
    for (const std::string& file : payload) bytes += entries[file].digests.size;
    const std::string actual = std::to_string(bytes) + "." + std::to_string(payload.size());
    const size_t at = info->find("Payload-Oxum: ");
    if (at == std::string::npos) {
      report.fail("integrity.payload-oxum", "bag-info.txt 缺少 Payload-Oxum", "bag-info.txt");
    } else {
      const size_t start = at + 14;
      std::string declared = info->substr(start, info->find('\n', start) - start);
      if (!declared.empty() && declared.back() == '\r') declared.pop_back();
      if (declared != actual)
        report.fail("integrity.payload-oxum",
                    "bag-info.txt 的 Payload-Oxum 为 " + declared + "，实际为 " + actual + "（字节数.文件数）", "bag-info.txt");
      else
        report.at("integrity.payload-oxum").note = actual;
    }
  } else {
    report.fail("integrity.bag-structure", "缺少 bag-info.txt");
    report.not_applicable("integrity.payload-oxum", "包内没有 bag-info.txt");
  }

  // Tag manifests protect the manifests and bag-info themselves.
  const Checked tag_manifests[] = {{"tagmanifest-sha256.txt", DigestKind::sha256, "authenticity.tag-manifests"},
                                   {"tagmanifest-sha512.txt", DigestKind::sha512, "authenticity.tag-manifests"}};
  size_t tag_files = 0;
  for (const Checked& m : tag_manifests) {
    const std::string* text = tag(m.file);
    if (!text) continue;
    for (const auto& [hex, file] : parse_manifest(*text, m.file, report, m.check)) {
      ++tag_files;
      auto it = entries.find(file);
      if (it == entries.end() || file.starts_with("data/")) {
        report.fail(m.check, std::string(m.file) + " 列出的文件“" + file + "”在压缩包中不存在", file);
      } else if (it->second.digests.hex(m.kind) != hex) {
        report.fail(m.check, "文件“" + file + "”与 " + m.file + " 中的校验值不一致（文件已被改动）", file);
      }
    }
  }
  if (tag_files == 0) report.not_applicable("authenticity.tag-manifests", "包内没有标签清单");
  else if (report.at("authenticity.tag-manifests").status == CheckStatus::pass)
    report.at("authenticity.tag-manifests").note = std::to_string(tag_files) + " 条记录";

  finish_formats(identifier, formats, report);
  check_metadata(entries, payload, report);
  check_signature(entries, trusted_cert_pem, report);
  check_timestamp_tag(entries, trusted_tsa_pem, report);
  return report;
}

std::vector<std::string> verify_bundle(const std::filesystem::path& path) {
  return check_bundle(path).problems("usability");
}

}  // namespace creditgen::bundle
