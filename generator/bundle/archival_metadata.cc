#include "bundle/archival_metadata.h"

#include <charconv>
#include <map>

#include "base/file_types.h"
#include "base/parallel.h"
#include "load/file_format.h"
#include "load/source_file.h"

namespace creditgen::bundle {

namespace {

const std::vector<std::string> kColumns = {"路径", "字节数", "SHA-256", "SM3", "格式", "MIME类型", "检测发现",
                                           "材料类别", "题名", "单位", "日期", "文号", "审核状态"};

FileRecord of_kind(std::string kind) {
  FileRecord r;
  r.kind = std::move(kind);
  return r;
}

// Files no item names, by where they are in the bag.
FileRecord record_by_place(const BagInput& input, const std::string& name) {
  const std::string own = "content/" + input.month.str() + "/";
  if (name == "content/site.yaml") return of_kind("站点设置");
  if (name == "content/units.yaml") return of_kind("单位名单");
  if (name == "content/calendar.yaml") return of_kind("工作日历");
  if (name.starts_with("content/rules/")) return of_kind("指标规则");
  if (name == own + "review.yaml") return of_kind("审核决定");
  if (name == own + "platform.yaml") return of_kind("平台提供的数据");
  if (name == own + "penalties.yaml") return of_kind("扣分决定");
  if (name.starts_with("scores.")) return of_kind("得分");
  if (name.starts_with("report/")) return of_kind("月报页面");
  if (name.starts_with("content/") && !name.starts_with(own)) return of_kind("以前月份的材料");
  return of_kind("其他");
}

std::optional<unsigned long long> parse_size(const std::string& s) {
  unsigned long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

MetadataRow describe(const BagInput& input, const DigestedEntry& d, const load::FormatIdentifier& identifier,
                     BundleCache& cache) {
  const PayloadEntry& e = *d.entry;
  MetadataRow row;
  row.path = "data/" + e.name;
  row.size = d.digests.size;
  row.sha256 = d.digests.hex(DigestKind::sha256);
  row.sm3 = d.digests.hex(DigestKind::sm3);
  auto it = input.file_records.find(e.name);
  row.record = it != input.file_records.end() ? it->second : record_by_place(input, e.name);
  const FileType* type = known_file_type(e.name);
  if (e.file.empty() || !identifier.ready()) {  // made by creditgen: its type is what it is
    row.format = type ? std::string(type->name_zh) : "未知";
    row.mime = type ? std::string(type->mime) : "application/octet-stream";
    return row;
  }
  const auto stamp = type ? cache.digests.stamp(e.file) : std::nullopt;
  if (stamp && (e.format_confirmed == stamp->digest() || cache.digests.format_confirmed(e.file, *stamp))) {
    row.format = type->name_zh;
    row.mime = type->mime;
    return row;
  }
  const load::FormatSample sample =
      type ? load::format_sample(*type, row.size) : load::FormatSample{load::kFormatHeadBytes, 0};
  const auto [head, tail] = load::read_bytes_ends(e.file, sample.head, sample.tail).value_or(load::SourceTree::Ends{});
  const auto problem = type ? load::format_problem(*type, head, tail, identifier, e.name) : std::nullopt;
  if (type && (!problem || problem->code != "format-mismatch")) {
    row.format = type->name_zh;
    row.mime = type->mime;
    if (problem) row.finding = problem->code == "encrypted-pdf" ? "加密" : "压缩包";
    else if (stamp) cache.digests.confirm_format(e.file, *stamp);
    return row;
  }
  // Named by what it is: only here is libmagic asked for a file's type.
  const std::string mime = head.empty() ? "application/x-empty" : identifier.mime_of(head);
  row.format = describe_mime(mime);
  row.mime = mime;
  row.finding = is_executable_mime(mime) ? "可执行程序" : is_archive_mime(mime) ? "压缩包" : type ? "与扩展名不符" : "";
  return row;
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// RFC 4180 records; fields may hold quoted commas, quotes and line breaks.
std::optional<std::vector<std::vector<std::string>>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else if (c != '\r') {
      field += c;
      any = true;
    }
  }
  if (quoted) return std::nullopt;
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

struct PayloadDescriber::Impl {
  const BagInput& input;
  const PreparedPayload& payload;
  BundleCache& cache;
  // libmagic handles are not thread-safe: one per thread, each opened once.
  std::vector<std::unique_ptr<load::FormatIdentifier>> identifiers;
};

PayloadDescriber::PayloadDescriber(const BagInput& input, const PreparedPayload& payload, unsigned jobs,
                                   BundleCache& cache)
    : impl_(new Impl{input, payload, cache, {}}) {
  const size_t threads = std::max<size_t>(1, std::min<size_t>(jobs ? jobs : 1, payload.entries.size()));
  for (size_t i = 0; i < threads; ++i) impl_->identifiers.push_back(std::make_unique<load::FormatIdentifier>());
}

PayloadDescriber::~PayloadDescriber() = default;

size_t PayloadDescriber::size() const { return impl_->payload.entries.size(); }

std::vector<MetadataRow> PayloadDescriber::rows(size_t first, size_t count) const {
  const size_t end = std::min(size(), first + std::min(count, size() - std::min(first, size())));
  if (first >= end) return {};
  std::vector<MetadataRow> out(end - first);
  const size_t slices = std::min(impl_->identifiers.size(), out.size());
  parallel_for(slices, static_cast<unsigned>(slices), [&](size_t s) {
    for (size_t i = s; i < out.size(); i += slices)
      out[i] = describe(impl_->input, impl_->payload.entries[first + i], *impl_->identifiers[s], impl_->cache);
  });
  return out;
}

std::string metadata_csv_header() {
  std::string out;
  for (size_t i = 0; i < kColumns.size(); ++i) {
    if (i) out += ',';
    out += kColumns[i];
  }
  out += '\n';
  return out;
}

void append_metadata_csv(std::string& out, const MetadataRow& r) {
  const std::string fields[] = {r.path,         std::to_string(r.size), r.sha256,          r.sm3,
                                r.format,       r.mime,                 r.finding,         r.record.kind,
                                r.record.title, r.record.unit,          r.record.date,     r.record.doc_no,
                                r.record.status};
  for (size_t i = 0; i < std::size(fields); ++i) {
    if (i) out += ',';
    append_csv_field(out, fields[i]);
  }
  out += '\n';
}

void RegisterTally::add(const MetadataRow& r) {
  auto& k = kinds[r.record.kind];
  ++k.first;
  k.second += r.size;
  ++files;
  bytes += r.size;
  if (!r.finding.empty()) findings[r.finding].push_back(r.path);
}

std::string archive_register_txt(const BagInput& input, const BagLabel& label, const RegisterTally& tally) {
  std::string t = "归档登记表\n\n";
  t += "立档单位：" + input.organization + "\n";
  t += "题名：" + input.district + "信用状况监测月报 " + input.month.str() + " 佐证材料包\n";
  t += "包名：" + bag_root(input) + "\n";
  t += "版本：" + (label.revision == "draft" ? std::string("草稿（未发布）")
                                               : "第 " + label.revision + " 版，发布日期 " +
                                                     (input.published ? input.published->str() : std::string())) +
       "\n";
  t += "保管期限：" + input.retention + "\n\n";

  t += "一、文件统计（按材料类别）\n";
  const unsigned long long files = tally.files, bytes = tally.bytes;
  for (const auto& [kind, n] : tally.kinds)
    t += "  " + kind + "：" + std::to_string(n.first) + " 个文件，" + std::to_string(n.second) + " 字节\n";
  t += "  合计：" + std::to_string(files) + " 个文件，" + std::to_string(bytes) + " 字节\n\n";

  t += "二、归档检测（生成本包时）\n";
  t += "  校验值：每个文件的 SHA-256、SHA-512、SM3 已计算，见 manifest-sha256.txt、manifest-sha512.txt、tags/sm3sums.txt\n";
  const std::vector<std::string> none;
  auto paths_of = [&](const std::string& finding) -> const std::vector<std::string>& {
    const auto it = tally.findings.find(finding);
    return it == tally.findings.end() ? none : it->second;
  };
  t += "  格式与扩展名相符：" + std::to_string(files - paths_of("与扩展名不符").size() - paths_of("可执行程序").size()) +
       " 个文件\n";
  for (const char* finding : {"与扩展名不符", "加密", "压缩包", "可执行程序"}) {
    const auto& paths = paths_of(finding);
    t += "  " + std::string(finding) + "：" + std::to_string(paths.size()) + " 个文件" + (paths.empty() ? "" : "：") + "\n";
    for (const auto& p : paths) t += "    " + p + "\n";
  }
  t += "\n三、说明\n";
  t += "  每个文件的档案元数据见 " + std::string(kMetadataFile) + "（UTF-8 CSV）：";
  for (size_t i = 0; i < kColumns.size(); ++i) t += (i ? "、" : "") + kColumns[i];
  t += "。\n  格式按文件内容识别（libmagic），检测发现一栏为空表示未发现问题。\n";
  t += "  用 creditgen verify <压缩包> 可逐项复核（四性检测）。\n";
  return t;
}

std::optional<std::vector<MetadataRow>> parse_metadata_csv(std::string_view text, std::string& error) {
  auto table = parse_csv(text);
  if (!table || table->empty() || (*table)[0] != kColumns) {
    error = std::string(kMetadataFile) + " 不是档案元数据表（表头应为：路径,字节数,…）";
    return std::nullopt;
  }
  std::vector<MetadataRow> rows;
  for (size_t i = 1; i < table->size(); ++i) {
    const auto& f = (*table)[i];
    const auto size = f.size() == kColumns.size() ? parse_size(f[1]) : std::nullopt;
    if (!size) {
      error = std::string(kMetadataFile) + " 第 " + std::to_string(i + 1) + " 行格式不对";
      return std::nullopt;
    }
    MetadataRow r;
    r.path = f[0];
    r.size = *size;
    r.sha256 = f[2];
    r.sm3 = f[3];
    r.format = f[4];
    r.mime = f[5];
    r.finding = f[6];
    r.record = {f[7], f[8], f[9], f[10], f[11], f[12]};
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace creditgen::bundle
