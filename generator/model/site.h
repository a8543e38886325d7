// Site-level settings and the monitored units (site.yaml, units.yaml).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"

namespace creditgen::model {

enum class LateItems { count, exclude };

struct Deadlines {
  int monthly_day = 30;     ///< monthly obligations due by this day (clamped to month end)
  int news_hours = 48;      ///< after the end of a news item's `date`
  int campaign_hours = 48;  ///< after the end of a campaign's `end`
};

/// 预警 (site.yaml `warnings`): one condition a unit can meet in a month and
/// what follows from it (提醒, 约谈 …). The thresholds are places, points or
/// months as the condition reads.
enum class WarningCondition {
  bottom,         ///< ranked in the last N places
  fell,           ///< fell N or more places since the month before
  below,          ///< score below N points
  zero_row,       ///< a row at 0 points for N months running
  not_submitted,  ///< nothing submitted for N months running
};
/// "bottom" "fell" "below" "zero_row" "not_submitted" (the YAML keys).
const char* warning_condition_id(WarningCondition c);
inline constexpr WarningCondition kWarningConditions[] = {WarningCondition::bottom, WarningCondition::fell,
                                                          WarningCondition::below, WarningCondition::zero_row,
                                                          WarningCondition::not_submitted};

struct WarningRule {
  WarningCondition condition = WarningCondition::bottom;
  double threshold = 0;
  std::string consequence;
};

/// The rules when site.yaml has no `warnings` (documented in content-format.md).
std::vector<WarningRule> default_warning_rules();

/// The monthly 通报 (site.yaml `bulletin`), a Word document for the office to
/// edit and sign.
struct Bulletin {
  std::string issuer;      ///< 发文机关; empty → Site::organization()
  std::string number;      ///< 文号 with {year} and {month}, e.g. "历信用办〔{year}〕{month}号"; empty → left blank
  std::string recipients;  ///< 主送; empty → the unit types monitored, e.g. "各街道办事处、区直各部门"
};

struct Site {
  std::string title;
  std::string district;
  std::string slug;  ///< [a-z0-9-]+, names the evidence bundles
  std::string office;
  std::string address;
  std::string contact;
  /// Where auditors download the evidence bundles (a folder URL ending in
  /// "/": absolute, or relative to the site's root). The bundles hold
  /// unmasked personal data, so they are not copied into the site; empty →
  /// the archive page lists them without links.
  std::string bundles_url;
  int utc_offset_minutes = 480;
  std::string utc_offset = "+08:00";
  Deadlines deadlines;
  LateItems late_items = LateItems::count;
  int max_attachment_mb = 50;  ///< MiB
  /// 保管期限 of the evidence bundles (GB/T 18894: 永久, 定期 30 年, 定期 10 年),
  /// written in each bag's 归档登记表.
  std::string retention = "永久";
  /// The office's PEM private key and certificate (site.yaml `signing`), as
  /// written: relative to the content folder, or absolute. Empty: bags are
  /// not signed.
  std::string signing_key;
  std::string signing_certificate;
  std::vector<std::string> sensitive_words;
  std::vector<WarningRule> warning_rules = default_warning_rules();
  Bulletin bulletin;

  /// Source-Organization in bag-info: office, else district.
  const std::string& organization() const { return office.empty() ? district : office; }
};

/// A town (乡镇) is the rural counterpart of a subdistrict (街道办事处).
enum class UnitType { zone, subdistrict, town, department, dual, platform };

/// Every type, in the order units.yaml documents them.
inline constexpr UnitType kUnitTypes[] = {UnitType::zone,       UnitType::subdistrict, UnitType::town,
                                          UnitType::department, UnitType::dual,        UnitType::platform};
/// "zone" … "platform" (the YAML spelling).
const char* unit_type_id(UnitType t);
/// 开发区 街道办事处 乡镇 区直部门 双管单位 区属平台公司
const char* unit_type_label(UnitType t);
std::optional<UnitType> parse_unit_type(std::string_view id);
/// The YAML spellings, in kUnitTypes order, and as "zone、subdistrict、…" for messages.
std::vector<std::string> unit_type_ids();
std::string unit_type_ids_text();

struct Unit {
  std::string id;  ///< [a-z0-9-]+, stable forever
  std::string name;
  UnitType type = UnitType::department;
  std::vector<std::string> tags;
  std::optional<YearMonth> active_from;
  std::optional<YearMonth> active_until;
  Location where;

  bool active_in(YearMonth m) const {
    return (!active_from || *active_from <= m) && (!active_until || m <= *active_until);
  }
  bool has_tag(std::string_view tag) const;
};

}  // namespace creditgen::model
