// Offline search (issue: search works from file:// and over http): the index
// is built here at build time and shipped as plain scripts the search page
// includes — no fetch, no modules. The site's index comes in parts: one per
// month (made, and kept, with that month's pages) and one for the units and
// scoring rows; a bundle's report has one part for its month. Terms are CJK character bigrams (a lone
// character stands for itself) and whole ASCII words and numbers; postings
// are delta-encoded doc numbers in base 36.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/paths.h"
#include "render/site.h"

namespace creditgen::render {

struct SearchDoc {
  std::string title;
  std::string path;    ///< output path of the page it opens
  std::string month;   ///< "2022-05", empty for units
  std::string unit;    ///< unit name
  std::string kind;    ///< 信用动态, 诚信宣传活动, 制度文件, 单位, 评分细则 …
  std::string status;  ///< 已采纳, 已退回, 待审核, 无效; empty when not reviewed
  std::string text;    ///< plain text for snippets (PII masked), shortened
};

/// Every searchable thing of the site: news and campaigns, policy, scenario
/// and supervision entries (collect_month_docs), units and scoring rows
/// (collect_site_docs). With `only`, just that month, linked as in its
/// evidence bundle's report (paths.bundle).
std::vector<SearchDoc> collect_search_docs(const SiteInput& in, const Paths& paths = {},
                                           std::optional<YearMonth> only = std::nullopt);
/// One month's items and entries.
std::vector<SearchDoc> collect_month_docs(const SiteInput& in, const Paths& paths, YearMonth month);
/// Units and scoring rows: on the site, each unit opens its history page and
/// each row the newest scored month's indicator page; with `only`, that month's.
std::vector<SearchDoc> collect_site_docs(const SiteInput& in, const Paths& paths = {},
                                         std::optional<YearMonth> only = std::nullopt);

/// The terms of a text, in order of first appearance, without repeats.
/// The search script splits queries the same way.
std::vector<std::string> search_terms(std::string_view text);

/// One part of the index: a script that adds `{"docs":[...],"terms":{...}}`
/// (document numbers local to the part) to the list window.CREDITGEN_SEARCH.
std::string search_index_script(const std::vector<SearchDoc>& docs);

}  // namespace creditgen::render
