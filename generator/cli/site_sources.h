// What the bundles are made of on disk beyond the loaded values, input by
// input (base/inputs.h): a month's bag takes the files of the months its
// scores read, and a draft's report is rendered from the month's page inputs.
// Their inputs decide whether an unchanged bundle is known without listing
// its payload (bundle::compare_with_sealed, bundle::draft_unchanged).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/inputs.h"
#include "bundle/bundle.h"
#include "model/content.h"

namespace creditgen::cli {

/// The digest of each month's loaded inputs (model::Month::inputs): the
/// program's stamp, the content folder, the stamps of site.yaml, units.yaml
/// and calendar.yaml, every rulebook's digest, and the path and stamp of
/// every entry of the month folder. "" for a month with a file changed in
/// the last two seconds (FileStamp::recent: its stamp is not trusted yet) or
/// one that cannot be stat'ed, and for every month when a site-wide file is
/// such a file.
std::map<YearMonth, std::string> month_input_digests_of(const model::Content& content);

/// The inputs bundle::compare_with_sealed knows a month's bag by: the
/// inputs (as above) of the month and of every earlier month in
/// `months_read` (whose text files its bag holds), and the scores as the
/// bag holds them.
Inputs bag_inputs(const std::map<YearMonth, std::string>& month_digests, YearMonth month,
                  const std::set<YearMonth>& months_read, const std::string& scores_json,
                  const std::string& scores_csv);

/// The inputs bundle::draft_unchanged knows a draft by: its sealing inputs
/// (bag_inputs), its report's inputs (render::month_page_inputs without
/// bundle links) and the bundles its Prior-Bundle lines name.
Inputs draft_inputs(const Inputs& bag, const Inputs& report, const std::vector<bundle::BundleRef>& prior_bundles);

}  // namespace creditgen::cli
