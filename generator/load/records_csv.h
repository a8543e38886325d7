// records/<name>.csv: ledger records with 主体名称 and 统一社会信用代码, and
// the 错码 / 重码 check over all of a unit's records in a month.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "load/source_file.h"
#include "model/items.h"

namespace creditgen::load {

/// One CSV field and the byte offset where it starts (its opening quote, if quoted).
struct CsvField {
  std::string text;
  size_t offset = 0;
};

struct CsvParse {
  std::vector<std::vector<CsvField>> rows;
  /// Byte offset of an opening quote that is never closed, or npos.
  size_t unclosed_quote = std::string::npos;
};

/// RFC 4180 CSV over decoded text (LF line ends): commas, double-quoted
/// fields with "" escapes and embedded line breaks.
CsvParse parse_csv(std::string_view text);

struct RecordRow {
  std::string name;  ///< 主体名称, trimmed
  std::string code;  ///< 统一社会信用代码 as written, trimmed
  Location code_at;  ///< the code cell
};

struct RecordsFile {
  std::string path;  ///< below the unit folder: "records/信用承诺.csv"
  bool ok = false;   ///< read, decoded and has the two columns
  int data_rows = 0; ///< non-blank rows after the header
  std::vector<RecordRow> rows;
};

/// Reads one records CSV; problems go to `diags` ([encoding], [missing-field], [bad-value]).
RecordsFile read_records_csv(const SourceTree& tree, const std::filesystem::path& file, const std::string& rel, const std::string& shown,
                             Diagnostics& diags);

/// 错码: one per row whose code fails GB 32100-2015. 重码: one per valid code
/// used with two or more names, plus one per name used with two or more valid
/// codes, across all `files`. Each is a [bad-uscc] warning at the code cell.
model::UsccFindings check_uscc(const std::vector<RecordsFile>& files, Diagnostics& diags);

}  // namespace creditgen::load
