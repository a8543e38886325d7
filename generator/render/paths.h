// Where every page lives, and relative links between pages. All paths are
// '/'-separated and relative to the output root (site/ or, in bundle mode,
// the bag's data/report/).
#pragma once

#include <string>
#include <string_view>

#include "base/date.h"
#include "base/pii.h"
#include "model/items.h"

namespace creditgen::render {

struct Paths {
  /// Bundle mode: one month's report at the root, evidence in the bag's
  /// data/content/ beside it, nothing from other months.
  bool bundle = false;

  std::string month_dir(YearMonth m) const { return bundle ? std::string() : m.str() + "/"; }
  std::string month_index(YearMonth m) const { return month_dir(m) + "index.html"; }
  std::string unit_month(YearMonth m, const std::string& unit) const { return month_dir(m) + "units/" + unit + ".html"; }
  std::string indicator(YearMonth m, const std::string& row) const { return month_dir(m) + "indicators/" + row + ".html"; }
  std::string item(YearMonth m, const std::string& unit, model::ItemKind kind, const std::string& slug) const {
    return month_dir(m) + "items/" + unit + (kind == model::ItemKind::news ? "/news/" : "/campaigns/") + slug + ".html";
  }
  /// `path` is relative to the unit folder ("files/a.jpg"). On the site a
  /// file name's ID or mobile number is masked (files/联系人138****5678.pdf);
  /// a bundle's report points at the original in the bag.
  std::string evidence(YearMonth m, const std::string& unit, const std::string& path) const {
    return bundle ? "../content/" + m.str() + "/" + unit + "/" + path
                  : month_dir(m) + "evidence/" + unit + "/" + mask_pii(path);
  }
  std::string problems(YearMonth m) const { return month_dir(m) + "problems.html"; }
  std::string scores_json(YearMonth m) const { return month_dir(m) + "scores.json"; }
  std::string scores_csv(YearMonth m) const { return month_dir(m) + "scores.csv"; }
  std::string analysis_json(YearMonth m) const { return month_dir(m) + "analysis.json"; }
  /// The month's 通报 for the office to edit and sign (Word).
  std::string bulletin(YearMonth m) const { return month_dir(m) + "tongbao-" + m.str() + ".docx"; }
  static std::string home() { return "index.html"; }
  static std::string unit_history(const std::string& unit) { return "units/" + unit + ".html"; }
  static std::string archive() { return "archive/index.html"; }
  static std::string bundle_file(const std::string& file_name) { return "archive/" + file_name; }
  static std::string asset(const std::string& name) { return "assets/" + name; }
  /// The search index: its part for units and scoring rows (in a bundle, the
  /// whole index of its month) and each month's part on the site.
  static std::string search_index() { return asset("search-index.js"); }
  static std::string search_index(YearMonth m) { return asset("search-index-" + m.str() + ".js"); }
};

/// The href from page `from` to output path `to`: "../" for each folder of
/// `from` not shared with `to`, then the rest of `to` percent-encoded (every byte but letters, digits, "-._~/"),
/// so names with spaces, '#', '%' or CJK work from file:// and over http.
std::string relative_href(std::string_view from, std::string_view to);

/// Percent-encodes a path as relative_href does.
std::string encode_path(std::string_view path);

/// "&<>\"'" escaped, for the few strings built outside templates (SVG).
std::string escape_html(std::string_view text);

}  // namespace creditgen::render
