// The top-level settings files: site.yaml, units.yaml and calendar.yaml, and
// the safe "read one YAML file" step the month and rulebook loaders share.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "load/source_file.h"
#include "load/yaml_fields.h"
#include "model/calendar.h"
#include "model/site.h"

namespace creditgen::load {

/// Reads and parses a YAML file that is known to exist. A symlink or special
/// file is [unsafe-path] (never opened); encoding and syntax problems are
/// reported by the shared readers. nullopt when the file cannot be used.
std::optional<YamlFile> read_yaml_file(const std::filesystem::path& file, const std::string& shown,
                                       Diagnostics& diags, const SourceTree& tree = disk_tree());

/// site.yaml. nullopt (with diagnostics) when it is missing or has any error:
/// the run must stop.
std::optional<model::Site> load_site(const std::filesystem::path& root, const std::string& shown_root,
                                     Diagnostics& diags, const SourceTree& tree = disk_tree());

/// units.yaml. nullopt (with diagnostics) when it is missing or has any error.
std::optional<std::vector<model::Unit>> load_units(const std::filesystem::path& root, const std::string& shown_root,
                                                   Diagnostics& diags, const SourceTree& tree = disk_tree());

/// calendar.yaml (optional). Bad dates are reported and skipped; a missing
/// file gives an empty calendar (weekends only).
model::Calendar load_calendar(const std::filesystem::path& root, const std::string& shown_root,
                              Diagnostics& diags, const SourceTree& tree = disk_tree());

/// True when `s` is non-empty and only [a-z0-9-].
bool is_slug(std::string_view s);

}  // namespace creditgen::load
