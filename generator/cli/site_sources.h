// What the site's pages are made of on disk beyond the loaded values: the
// stamps of each month's files, of the files every page reads and of the
// program itself, as one digest per month (render::SiteInput::month_sources),
// so a month nothing changed in is not rendered again.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "bundle/bundle.h"
#include "model/content.h"

namespace creditgen::cli {

/// One digest per month of everything it was loaded from, as loading took
/// it (model::Month::sources, load/month_cache.h): the program's stamp, the
/// content folder, the stamps of site.yaml, units.yaml and calendar.yaml,
/// every rulebook's digest, and the path and stamp of every entry of the
/// month folder. A month with a file changed in the last two seconds
/// (FileStamp::recent: its stamp is not trusted yet) or one that cannot be
/// stat'ed gets "", and so does every month when a site-wide file is such a
/// file.
std::map<YearMonth, std::string> source_fingerprints(const model::Content& content);

/// The digest bundle::compare_with_sealed knows a month's bag inputs by: the
/// sources (as above) of the month and of every earlier month in
/// `months_read` (whose text files its bag holds), and the scores as the
/// bag holds them. "" when any of those sources is unknown.
std::string sealing_sources(const std::map<YearMonth, std::string>& sources, YearMonth month,
                            const std::set<YearMonth>& months_read, const std::string& scores_json,
                            const std::string& scores_csv);

/// The digest bundle::draft_unchanged knows a draft's inputs by: its
/// sealing sources (as above), the fingerprint of its report's inputs
/// (render::month_fingerprint without bundle links) and the bundles its
/// Prior-Bundle lines name. "" when either digest is "".
std::string draft_sources(const std::string& sealing, const std::string& report,
                          const std::vector<bundle::BundleRef>& prior_bundles);

}  // namespace creditgen::cli
