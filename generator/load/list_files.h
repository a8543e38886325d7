// The six list files of a unit folder (policies, scenarios, supervision,
// ledger, incidents, objections): one YAML sequence under one key, each entry
// a mapping checked per content.md's "Exact rules".
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "load/attachments.h"
#include "load/records_csv.h"
#include "load/text_scan.h"
#include "load/unit_folder.h"
#include "model/content.h"

namespace creditgen::load {

/// The list files in the order they are loaded.
inline constexpr std::array<std::string_view, 6> kListFiles = {
    "policies.yaml", "scenarios.yaml", "supervision.yaml", "ledger.yaml", "incidents.yaml", "objections.yaml"};

/// Loads `<unit>/<file_name>` (one of kListFiles) into `um`. A YAML syntax
/// error (or an unreadable file, or a top level that is not the expected
/// list) adds the file name to um.broken_files. `records` are the unit's
/// parsed records CSVs, for ledger `records:` row counts.
void load_list_file(const UnitFolderContext& ctx, std::string_view file_name, const std::vector<RecordsFile>& records,
                    AttachmentChecker& attachments, const TextScanner& scanner, model::UnitMonth& um,
                    Diagnostics& diags);

}  // namespace creditgen::load
