// Everything inside one unit's folder in one month: Markdown items, list
// files, records CSVs, attachments and the files nothing references.
#pragma once

#include <filesystem>
#include <string>

#include "base/diagnostic.h"
#include "load/source_file.h"
#include "model/content.h"

namespace creditgen::load {

class FormatIdentifier;

struct UnitFolderContext {
  std::filesystem::path dir;  ///< the unit folder on disk
  std::string shown_dir;      ///< e.g. "content/2022-05/lingang"
  std::string unit;           ///< unit id
  YearMonth month;
  const model::Site* site = nullptr;
  const SourceTree* tree = &disk_tree();  ///< where `dir` is read from
  /// Identifies attachments' formats; null: formats are not checked.
  const FormatIdentifier* formats = nullptr;
  /// The month folder's files (list_month_files): an attachment found to be
  /// what its name says is marked there (ContentFile::format_confirmed).
  /// Null: nothing is marked.
  std::vector<model::ContentFile>* month_files = nullptr;
};

/// Loads news/, campaigns/, the list files, records/ and checks files/.
/// metrics.yaml is read by the month loader (it needs the rulebook) and is
/// not reported here as unexpected.
model::UnitMonth load_unit_folder(const UnitFolderContext& ctx, Diagnostics& diags);

}  // namespace creditgen::load
