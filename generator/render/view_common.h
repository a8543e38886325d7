// Internal to render/: pieces every page view shares (layout fields, number
// formats). Not for other stages.
#pragma once

#include <string>
#include <vector>

#include "render/view_model.h"

namespace creditgen::render::detail {

struct Crumb {
  std::string label;
  std::string path;  ///< output path, empty for the current page
};

/// The layout's fields: titles, stylesheet links, navigation, draft mark,
/// footer. `page` is the output path of the page being built.
mu::data layout(const SiteInput& in, const Paths& paths, const std::string& page, const std::string& title,
                const std::vector<Crumb>& crumbs, const MonthView* mv);

std::string points_text(double v);  ///< "4.5", "6" (at most 2 decimals)
std::string score_text(double v);   ///< "87.25" (always 2 decimals)
std::string unit_name(const SiteInput& in, const std::string& id);
const char* unit_type(const SiteInput& in, const std::string& id);
std::string href(const std::string& from, const std::string& to);
/// Where a bundle is downloaded from a page: site.yaml's bundles_url joined
/// with its file name; "" when the office serves bundles only on request.
std::string bundle_href(const SiteInput& in, const std::string& page, const BundleLink& b);
/// A list of `items`, moved in (never copied).
mu::data list(std::vector<mu::data> items);
/// object.set(name, value) without kainjow's deep copy of `value`.
void put(mu::data& object, const std::string& name, mu::data value);

/// The month report's 预警, 短板分析 and rankings by kind (view_analysis.cc).
void set_month_analysis(mu::data& d, const SiteInput& in, const MonthView& mv, const Paths& paths,
                        const std::string& page);
/// The unit × row points table in parts that fit A4 portrait: whole 一级指标
/// while they fit, each part with its legend of row names.
mu::data points_parts(const SiteInput& in, const MonthView& mv, const Paths& paths, const std::string& page);
/// A unit page's 预警, rank within its kind and weakest rows.
void set_unit_analysis(mu::data& d, const MonthView& mv, const std::string& unit,
                       const Paths& paths, const std::string& page);

}  // namespace creditgen::render::detail
