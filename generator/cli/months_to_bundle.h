// What the bundle stage (bundle/bundle_stage.h) is told of each scored
// month: its bag, assembled from the loaded content, its scores and its
// rendered report (cli/bundle_input.h), and the inputs it is known by
// between builds (cli/site_sources.h).
#pragma once

#include <set>
#include <vector>

#include "bundle/bundle_stage.h"
#include "render/site.h"

namespace creditgen::cli {

/// One entry per scored month of `report` (content, reviews, scores,
/// templates and assets, without bundle links), in month order.
/// `to_recreate`: published months whose newest bundle is missing from archive/.
std::vector<bundle::MonthToBundle> months_to_bundle(const render::SiteInput& report,
                                                    const std::set<YearMonth>& to_recreate);

}  // namespace creditgen::cli
