// Rulebooks (rules/<YYYY-MM>.yaml): the whole syntax of rules.md parsed into
// model::Rulebook, with the loading checks that stop the run when violated.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "load/source_file.h"
#include "model/rulebook.h"

namespace creditgen::load {

/// Parses one rulebook file. `rel` is its path below content/
/// ("rules/2022-01.yaml"), `file_month` the month its name gives. nullopt
/// when anything is wrong (every error reported to `diags`). With `units`,
/// ids in `applies_to.units` must be among them ([unknown-unit]).
std::optional<model::Rulebook> load_rulebook(const std::filesystem::path& file, const std::string& rel,
                                             const std::string& shown, YearMonth file_month, Diagnostics& diags,
                                             const std::vector<model::Unit>* units = nullptr,
                                             const SourceTree& tree = disk_tree());

/// Every rulebook under `root`/rules, sorted by month. nullopt when any is
/// broken or there is none: the run must stop.
std::optional<std::vector<model::Rulebook>> load_rulebooks(const std::filesystem::path& root,
                                                           const std::string& shown_root, Diagnostics& diags,
                                                           const std::vector<model::Unit>* units = nullptr,
                                                           const SourceTree& tree = disk_tree());

}  // namespace creditgen::load
