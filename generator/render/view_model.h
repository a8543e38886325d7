// Model + scores → what the templates see. The only code that builds
// mustache maps; every string put here is escaped by the template ({{ }})
// except the fields named *_html, which hold our own sanitized HTML or SVG.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "render/markdown.h"
#include "render/paths.h"
#include "render/site.h"

namespace creditgen::render {

/// A Markdown item or list entry of the month, for lists and titles.
struct ItemInfo {
  std::string key;
  std::string unit;
  model::ItemKind kind = model::ItemKind::news;
  std::string title;
  std::string page;  ///< output path of its item page, or empty
  bool valid = true;
  bool late = false;
  double late_hours = 0;
};

/// Everything about one month the pages need, gathered once.
struct MonthView {
  const model::Month* month = nullptr;
  const review::ReviewedMonth* reviewed = nullptr;
  const score::MonthScores* scores = nullptr;    ///< null: no rulebook in force
  const score::MonthScores* previous = nullptr;  ///< the month before, for changes
  const analyze::MonthAnalysis* analysis = nullptr;  ///< with `scores`: 预警, 短板, rankings by kind
  std::vector<Diagnostic> diagnostics;           ///< those in this month's folder
  const BundleLink* bundle = nullptr;            ///< newest bundle of the month
  std::map<std::string, ItemInfo> items;         ///< by review key, in key order
  /// The keys of `items` by unit, in key order: a unit's page looks at its
  /// own items, not at every item of the month.
  std::map<std::string, std::vector<std::string>> item_keys_by_unit;
  /// Published evidence per unit: paths relative to the unit folder.
  std::map<std::string, std::set<std::string>> evidence;
  std::map<std::string, RenderedMarkdown> bodies;  ///< by item key

  bool draft() const { return !month->published.has_value(); }
};

namespace mu = kainjow::mustache;

/// The unit id a diagnostic's file belongs to within `month_dir`
/// ("content/2022-05/lingang/news/a.md" → "lingang"), or "" for month files.
std::string diagnostic_unit(const std::string& file, const std::string& month_dir);

/// Items of the month by key (titles, item pages, lateness).
std::map<std::string, ItemInfo> collect_items(const model::Month& month, const review::ReviewedMonth* reviewed,
                                              const Paths& paths);

mu::data home_view(const SiteInput& in, const std::vector<MonthView>& months);
mu::data month_view(const SiteInput& in, const MonthView& mv, const Paths& paths);
mu::data unit_month_view(const SiteInput& in, const MonthView& mv, const model::Unit& unit, const Paths& paths);
mu::data indicator_view(const SiteInput& in, const MonthView& mv, const model::Rulebook::RowRef& row,
                        const Paths& paths);
mu::data news_view(const SiteInput& in, const MonthView& mv, const model::NewsItem& item, const Paths& paths);
mu::data campaign_view(const SiteInput& in, const MonthView& mv, const model::CampaignItem& item,
                       const Paths& paths);
mu::data problems_view(const SiteInput& in, const MonthView& mv, const Paths& paths);
mu::data unit_history_view(const SiteInput& in, const std::vector<MonthView>& months, const model::Unit& unit);
/// search.html: the offline search page (assets/search.js over the parts of
/// the index, `index_parts`: paths of the scripts, in the order they load).
mu::data search_view(const SiteInput& in, const Paths& paths, const std::vector<std::string>& index_parts);
mu::data archive_view(const SiteInput& in);

/// "2022年5月"
std::string month_label(YearMonth m);
/// "2022年6月5日" (the date of issue on the report and the 通报)
std::string date_label(const Date& d);
/// "1.5 MB", "320 KB", "12 字节"
std::string human_size(unsigned long long bytes);

}  // namespace creditgen::render
