// One month folder: the walk over its entries, review.yaml, penalties.yaml,
// the figures of platform.yaml and the units' metrics.yaml, and the unit
// folders (delegated to load_unit_folder).
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "load/source_file.h"
#include "load/yaml_fields.h"
#include "model/content.h"

namespace creditgen::load {

/// Loads `root`/<m>. `content` must already hold the site, units and
/// rulebooks. Never fails: problems are reported and the rest is loaded.
/// The unit folders are read on `jobs` threads; the result is the same for
/// any number.
model::Month load_month(const std::filesystem::path& root, const std::string& shown_root, YearMonth m,
                        const model::Content& content, Diagnostics& diags, const SourceTree& tree = disk_tree(),
                        unsigned jobs = 1);

/// Every entry below a month folder `dir` (recursively, never through a
/// link), '/'-separated relative paths sorted by bytes. Links, devices, FIFOs
/// and sockets are listed with safe = false and reported as [unsafe-path] at
/// `shown_dir` joined with the path — except below the top-level folders in
/// `quiet` (known unit folders, whose loader reports them itself).
std::vector<model::ContentFile> list_month_files(const std::filesystem::path& dir, const std::string& shown_dir,
                                                 const std::set<std::string>& quiet, Diagnostics& diags,
                                                 const SourceTree& tree = disk_tree());

/// review.yaml (already parsed).
model::Review read_review(const YamlFile& file, YearMonth month, Diagnostics& diags);

/// penalties.yaml (already parsed); entries naming unknown units are dropped.
std::vector<model::Penalty> read_penalties(const YamlFile& file, const std::vector<model::Unit>& units,
                                           Diagnostics& diags);

/// A figure's value checked against its declared kind: rate in [0,1] (or
/// "98.5%"), count integer ≥ 0, amount number ≥ 0, rank integer ≥ 1. On
/// failure, the Chinese reason.
struct FigureValue {
  std::optional<double> value;
  std::string problem;
};
FigureValue parse_figure(const YAML::Node& value, model::MetricKind kind);

/// "lingang/news/a.md" stays; "u/policies.yaml# 〔２０２２〕 " → "u/policies.yaml#〔2022〕".
std::string normalize_review_key(std::string_view key);

/// "，是否应为“lingang”？" when a unit id is close to `word`, else "".
std::string unit_suggestion(std::string_view word, const std::vector<model::Unit>& units);

}  // namespace creditgen::load
