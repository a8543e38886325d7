// news/<slug>.md and campaigns/<slug>.md: front matter fields, body,
// attachments, month and lateness checks, PII and sensitive-word scans.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "load/attachments.h"
#include "load/text_scan.h"
#include "load/unit_folder.h"
#include "load/yaml_fields.h"
#include "model/items.h"

namespace creditgen::load {

/// A Markdown item file: where it is on disk and its path below the unit folder.
struct ItemFile {
  std::filesystem::path file;
  std::string rel;  ///< "news/a.md"
};

/// Loads one item; never throws. Every problem is reported to `diags`; an
/// error leaves the item with valid = false (it is still returned, so a review
/// decision on it is not dangling).
model::NewsItem load_news_item(const UnitFolderContext& ctx, const ItemFile& f, AttachmentChecker& attachments,
                               const TextScanner& scanner, Diagnostics& diags);
model::CampaignItem load_campaign_item(const UnitFolderContext& ctx, const ItemFile& f,
                                       AttachmentChecker& attachments, const TextScanner& scanner,
                                       Diagnostics& diags);

/// Link and image targets in a Markdown body: (target, byte offset in body).
/// Inline `[x](target)` / `![x](target)` and reference definitions `[x]: target`.
std::vector<std::pair<std::string, size_t>> markdown_link_targets(std::string_view body);

/// The scalars of a list field with where each one starts (a single scalar
/// counts as a one-element list). Reports like MapReader::text_list.
std::vector<std::pair<std::string, Location>> list_with_positions(MapReader& r, const YamlFile& file,
                                                                  std::string_view key, bool required);

/// Where a YAML node's value starts, as a byte offset in `src`, for a YAML
/// text that begins `line_offset` lines into the file.
size_t node_offset(const SourceText& src, const YAML::Node& node, int line_offset);

/// [pii] for every scalar value (not key) under `n`, a node of a YAML text
/// that begins `line_offset` lines into the file.
void scan_scalars(const YAML::Node& n, const SourceText& src, int line_offset, const TextScanner& scanner,
                  Diagnostics& diags);

/// Reports [date-outside-month] when `d` is not in `month`.
bool check_in_month(Date d, YearMonth month, const Location& where, std::string_view field_zh, Diagnostics& diags);

}  // namespace creditgen::load
