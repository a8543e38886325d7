#include "load/records_csv.h"

#include <string_view>
#include <unordered_set>

#include <map>
#include <set>

#include "base/text.h"
#include "load/limits.h"
#include "load/source_file.h"
#include "load/text_scan.h"
#include "load/uscc.h"

namespace creditgen::load {

CsvParse parse_csv(std::string_view text) {
  CsvParse out;
  std::vector<CsvField> row;
  CsvField field;
  bool in_quotes = false, field_started = false;
  size_t i = 0;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field = CsvField{};
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    out.rows.push_back(std::move(row));
    row.clear();
  };
  while (i < text.size()) {
    char c = text[i];
    if (!field_started) {
      field.offset = i;
      field_started = true;
      if (c == '"') {
        in_quotes = true;
        ++i;
        continue;
      }
    }
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.text += '"';
          i += 2;
          continue;
        }
        in_quotes = false;
        ++i;
        continue;
      }
      field.text += c;
      ++i;
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
      field.offset = i;  // an empty field still has a position
      continue;
    }
    if (c == '\n') {
      end_row();
      ++i;
      field.offset = i;
      continue;
    }
    field.text += c;
    ++i;
  }
  if (in_quotes) out.unclosed_quote = field.offset;
  if (field_started || !row.empty()) end_row();
  return out;
}

namespace {
bool blank_row(const std::vector<CsvField>& row) {
  for (auto& f : row)
    if (!trim(f.text).empty()) return false;
  return true;
}
}  // namespace

RecordsFile read_records_csv(const SourceTree& tree, const std::filesystem::path& file, const std::string& rel, const std::string& shown,
                             Diagnostics& diags) {
  RecordsFile out;
  out.path = rel;
  auto text = read_source(tree, file, shown, diags);
  if (!text) return out;
  SourceText src(std::move(*text), shown);
  CsvParse csv = parse_csv(src.text());
  if (csv.unclosed_quote != std::string::npos) {
    diags.error(src.at(csv.unclosed_quote), "bad-value", "CSV 引号没有闭合：以英文双引号开始的字段应以双引号结束");
    return out;
  }
  if (csv.rows.size() > kMaxCsvRows + 1) {
    diags.error(src.at(csv.rows[kMaxCsvRows + 1].front().offset), "too-many-rows",
                "台账 CSV 超过 " + std::to_string(kMaxCsvRows) + " 行的上限；文件未读取，请按月或按类拆分");
    return out;
  }
  size_t r = 0;
  while (r < csv.rows.size() && blank_row(csv.rows[r])) ++r;
  if (r == csv.rows.size()) {
    diags.error({shown, 1, 1}, "missing-field", "台账 CSV 为空：应有表头行，至少包含“主体名称”和“统一社会信用代码”两列");
    return out;
  }
  const auto& header = csv.rows[r];
  int name_col = -1, code_col = -1;
  for (size_t c = 0; c < header.size(); ++c) {
    std::string h = normalize_key(header[c].text);
    if (h == "主体名称" && name_col < 0) name_col = static_cast<int>(c);
    if (h == "统一社会信用代码" && code_col < 0) code_col = static_cast<int>(c);
  }
  if (name_col < 0 || code_col < 0) {
    std::string missing = name_col < 0 && code_col < 0 ? "“主体名称”和“统一社会信用代码”"
                          : name_col < 0               ? "“主体名称”"
                                                       : "“统一社会信用代码”";
    diags.error(src.at(header.front().offset), "missing-field",
                "台账 CSV 表头缺少" + missing + "列：表头应至少包含“主体名称”和“统一社会信用代码”两列");
    return out;
  }
  for (++r; r < csv.rows.size(); ++r) {
    const auto& row = csv.rows[r];
    if (blank_row(row)) continue;
    ++out.data_rows;
    RecordRow rec;
    if (static_cast<size_t>(name_col) < row.size()) rec.name = trim(row[name_col].text);
    if (static_cast<size_t>(code_col) < row.size()) {
      rec.code = trim(row[code_col].text);
      rec.code_at = src.at(row[code_col].offset);
    } else {
      // A short row: the code cell is missing; point at the row's start.
      rec.code_at = src.at(row.front().offset);
    }
    out.rows.push_back(std::move(rec));
  }
  out.ok = true;
  return out;
}

model::UsccFindings check_uscc(const std::vector<RecordsFile>& files, Diagnostics& diags) {
  model::UsccFindings out;
  struct Use {
    std::string other;  // the name (for a code) or the code (for a name)
    const RecordRow* row;
  };
  // Keyed by the normalised code / name; values in first-seen order.
  std::map<std::string, std::vector<Use>> by_code, by_name;
  std::vector<std::string> code_order, name_order;
  for (const auto& f : files) {
    for (const auto& row : f.rows) {
      std::string code = normalize_uscc(row.code);
      if (auto why = uscc_problem(code)) {
        ++out.bad_codes;
        std::string detail = row.code.empty() ? "错码：" + *why
                                              : "错码：统一社会信用代码“" + row.code + "”" + *why;
        if (!row.name.empty()) detail += "（主体名称：" + row.name + "）";
        diags.warning(row.code_at, "bad-uscc", detail + "，应符合 GB 32100-2015");
        out.problems.push_back({model::UsccProblem::Kind::bad_code, row.code, row.name, row.code_at, detail});
        continue;
      }
      std::string name = normalize_key(row.name);
      if (name.empty()) continue;
      auto& uses = by_code[code];
      if (uses.empty()) code_order.push_back(code);
      uses.push_back({name, &row});
      auto& nuses = by_name[name];
      if (nuses.empty()) name_order.push_back(name);
      nuses.push_back({code, &row});
    }
  }
  // Reports one 重码 for `key` if its uses name two or more different values,
  // at the first row that introduced a second value.
  auto report = [&](const std::string& key, const std::vector<Use>& uses, bool key_is_code) {
    // A set, not a scan of what was seen: 100,000 rows sharing one code
    // must not cost 100,000² comparisons.
    std::vector<std::string> distinct;
    std::unordered_set<std::string_view> seen;
    const RecordRow* first_conflict = nullptr;
    for (auto& u : uses) {
      if (!seen.insert(u.other).second) continue;
      distinct.push_back(u.other);
      if (distinct.size() == 2) first_conflict = u.row;
    }
    if (!first_conflict) return;
    // The first ten, and how many in all: the message stays readable.
    constexpr size_t kListed = 10;
    std::string list;
    for (size_t i = 0; i < distinct.size() && i < kListed; ++i) list += (list.empty() ? "" : "、") + distinct[i];
    if (distinct.size() > kListed) list += " 等共 " + std::to_string(distinct.size()) + " 个";
    std::string detail = key_is_code ? "重码：统一社会信用代码“" + key + "”对应多个主体名称：" + list
                                     : "重码：主体名称“" + key + "”对应多个统一社会信用代码：" + list;
    ++out.duplicate_codes;
    diags.warning(first_conflict->code_at, "bad-uscc", detail + "，同一主体应只有一个代码");
    out.problems.push_back({model::UsccProblem::Kind::duplicate, key_is_code ? key : normalize_uscc(first_conflict->code),
                            key_is_code ? normalize_key(first_conflict->name) : key, first_conflict->code_at, detail});
  };
  for (auto& code : code_order) report(code, by_code[code], true);
  for (auto& name : name_order) report(name, by_name[name], false);
  return out;
}

}  // namespace creditgen::load
