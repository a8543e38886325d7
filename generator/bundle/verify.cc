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
#include "bundle/bundle.h"
#include "bundle/digest.h"
#include "bundle/zip_structure.h"
#include "bundle/zip_writer.h"

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
                                                                 const std::string& file,
                                                                 std::vector<std::string>& problems) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t sp = line.find_first_of(" \t");
    const size_t start = sp == std::string::npos ? sp : line.find_first_not_of(" \t", sp);
    if (sp == std::string::npos || start == std::string::npos) {
      problems.push_back(file + " 第 " + std::to_string(n) + " 行格式不对，应为“校验值  文件路径”");
      continue;
    }
    out.emplace_back(lower(line.substr(0, sp)), line.substr(start));
  }
  return out;
}

}  // namespace

std::vector<std::string> verify_bundle(const std::filesystem::path& path) {
  // The zip's own account of itself first: a crafted directory is refused
  // before a byte of data is inflated.
  std::vector<std::string> problems = zip_structure_problems(path);
  if (!problems.empty()) return problems;
  int code = 0;
  CHandle<zip_t, &zip_discard> z(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
  if (!z) {
    if (code == ZIP_ER_EXISTS) {
      problems.push_back("压缩包内有重名条目");
    } else if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
      problems.push_back("无法打开 " + path.string() + "（" + zip_error_zh(code) + "）");
      return problems;
    } else {
      problems.push_back("压缩包损坏或不完整（" + zip_error_zh(code) + "）");
    }
    // Carry on without the consistency check to report as much as possible.
    z.reset(zip_open(path.c_str(), ZIP_RDONLY, &code));
    if (!z) return problems;
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
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const char* raw = zip_get_name(z.get(), index, 0);
    if (!raw) {
      problems.push_back("第 " + std::to_string(i + 1) + " 个条目的名称无法读取");
      continue;
    }
    const std::string name(raw);
    if (!seen.insert(name).second) problems.push_back("条目“" + name + "”重复出现");
    if (auto bad = unsafe_name(name)) {
      problems.push_back(*bad);
      continue;
    }
    if (name.back() == '/') continue;  // a folder entry carries no data
    // Read every entry to the end: libzip checks the CRC when the data is exhausted.
    CHandle<zip_file_t, &zip_fclose> f(zip_fopen_index(z.get(), index, 0));
    if (!f) {
      problems.push_back("条目“" + name + "”无法读取（" + zip_error_zh(z.get()) + "）");
      continue;
    }
    const size_t slash = name.find('/');
    const std::string root = slash == std::string::npos ? "" : name.substr(0, slash);
    const std::string rel = slash == std::string::npos ? name : name.substr(slash + 1);
    roots.insert(root);
    const bool keep_text = !rel.starts_with("data/");
    EntryData data;
    MultiDigest digest;
    char buf[65536];
    zip_int64_t n;
    const bool lists_payload = rel.starts_with("manifest-") || rel == "tags/sm3sums.txt";
    size_t lines = 0;
    bool too_long = false;
    while ((n = zip_fread(f.get(), buf, sizeof buf)) > 0) {
      digest.update(buf, static_cast<size_t>(n));
      if (keep_text) data.text.append(buf, static_cast<size_t>(n));
      if (lists_payload) {
        lines += static_cast<size_t>(std::count(buf, buf + n, '\n'));
        if (lines > payload_entries + 1) {
          too_long = true;
          break;
        }
      }
    }
    if (too_long) {
      problems.push_back("清单“" + name + "”的行数超过包内的文件数 " + std::to_string(payload_entries) + "，已停止读取");
      continue;
    }
    if (n < 0) {
      zip_error_t* e = zip_file_get_error(f.get());
      const bool crc = zip_error_code_zip(e) == ZIP_ER_CRC;
      problems.push_back("条目“" + name + "”" + (crc ? "CRC 校验失败，数据已损坏" : std::string("数据无法读取（") + zip_error_zh(e) + "）"));
      continue;
    }
    data.digests = digest.finish();
    entries[rel] = std::move(data);
  }
  if (roots.size() > 1) problems.push_back("压缩包内应只有一个顶层文件夹（BagIt 包），实际有 " + std::to_string(roots.size()) + " 个");
  if (roots.count("")) problems.push_back("有条目不在 BagIt 包文件夹内");

  auto tag = [&](const std::string& rel) -> const std::string* {
    auto it = entries.find(rel);
    return it == entries.end() ? nullptr : &it->second.text;
  };

  // The BagIt declaration.
  if (const std::string* bagit = tag("bagit.txt")) {
    if (bagit->find("BagIt-Version: ") != 0 || bagit->find("\nTag-File-Character-Encoding: UTF-8") == std::string::npos)
      problems.push_back("bagit.txt 内容不对，应为“BagIt-Version: 1.0”和“Tag-File-Character-Encoding: UTF-8”两行");
  } else {
    problems.push_back("缺少 bagit.txt（BagIt 声明）");
  }

  std::set<std::string> payload;
  for (const auto& [rel, data] : entries)
    if (rel.starts_with("data/")) payload.insert(rel);

  struct Checked {
    const char* file;
    DigestKind kind;
  };
  const Checked manifests[] = {{"manifest-sha256.txt", DigestKind::sha256},
                               {"manifest-sha512.txt", DigestKind::sha512},
                               {"tags/sm3sums.txt", DigestKind::sm3}};
  bool any_manifest = false;
  for (const Checked& m : manifests) {
    const std::string* text = tag(m.file);
    if (!text) continue;
    if (std::string(m.file).starts_with("manifest-")) any_manifest = true;
    std::set<std::string> listed;
    for (const auto& [hex, file] : parse_manifest(*text, m.file, problems)) {
      listed.insert(file);
      auto it = entries.find(file);
      if (!file.starts_with("data/")) {
        problems.push_back(std::string(m.file) + " 列出的“" + file + "”不在 data/ 下");
      } else if (it == entries.end()) {
        problems.push_back(std::string(m.file) + " 列出的文件“" + file + "”在压缩包中不存在");
      } else if (it->second.digests.hex(m.kind) != hex) {
        problems.push_back("文件“" + file + "”与 " + m.file + " 中的校验值不一致（文件已被改动）");
      }
    }
    for (const std::string& file : payload)
      if (!listed.count(file)) problems.push_back("文件“" + file + "”未列在 " + m.file + " 中");
  }
  if (!any_manifest) problems.push_back("缺少清单 manifest-sha256.txt / manifest-sha512.txt");

  // Payload-Oxum: "<bytes>.<files>" of the payload actually present.
  if (const std::string* info = tag("bag-info.txt")) {
    unsigned long long bytes = 0;
    for (const std::string& file : payload) bytes += entries[file].digests.size;
    const std::string actual = std::to_string(bytes) + "." + std::to_string(payload.size());
    const size_t at = info->find("Payload-Oxum: ");
    if (at == std::string::npos) {
      problems.push_back("bag-info.txt 缺少 Payload-Oxum");
    } else {
      const size_t start = at + 14;
      std::string declared = info->substr(start, info->find('\n', start) - start);
      if (!declared.empty() && declared.back() == '\r') declared.pop_back();
      if (declared != actual)
        problems.push_back("bag-info.txt 的 Payload-Oxum 为 " + declared + "，实际为 " + actual + "（字节数.文件数）");
    }
  } else {
    problems.push_back("缺少 bag-info.txt");
  }

  // Tag manifests protect the manifests and bag-info themselves.
  const Checked tag_manifests[] = {{"tagmanifest-sha256.txt", DigestKind::sha256},
                                   {"tagmanifest-sha512.txt", DigestKind::sha512}};
  for (const Checked& m : tag_manifests) {
    const std::string* text = tag(m.file);
    if (!text) continue;
    for (const auto& [hex, file] : parse_manifest(*text, m.file, problems)) {
      auto it = entries.find(file);
      if (it == entries.end() || file.starts_with("data/")) {
        problems.push_back(std::string(m.file) + " 列出的文件“" + file + "”在压缩包中不存在");
      } else if (it->second.digests.hex(m.kind) != hex) {
        problems.push_back("文件“" + file + "”与 " + m.file + " 中的校验值不一致（文件已被改动）");
      }
    }
  }
  return problems;
}

}  // namespace creditgen::bundle
