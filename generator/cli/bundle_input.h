// Assembles one month's evidence bundle input (bundle::BagInput) from the
// loaded content, its scores and its rendered report: which files go in, and
// which earlier months' text files the scores read.
#pragma once

#include <filesystem>
#include <set>
#include <vector>

#include "bundle/bundle.h"
#include "model/content.h"
#include "render/site.h"
#include "review/review.h"
#include "score/score.h"

namespace creditgen::cli {

/// The month's bag without its report pages: content files, earlier months'
/// text files, scores.json and scores.csv; Prior-Bundle lines from the
/// earlier months' publication records. A draft, or with `version` (one of
/// the month's publication record) that sealed version, labelled from the
/// record (Bagging-Date, Published-By, Supersedes, correction).
/// `reviewed` (apply_reviews' result) gives each item's review status for the
/// archival metadata.
bundle::BagInput make_bag_input(const model::Content& content, const model::Month& month,
                                const score::MonthScores& scores, const std::vector<review::ReviewedMonth>& reviewed,
                                const model::PublishedVersion* version = nullptr);

/// The month's report rendered as payload below data/report/ (text evidence
/// masked): each page is packed for the zip by the thread that rendered it,
/// as it arrives, and set aside in a temporary file of the report's own made
/// in `spool_folder` (when given; freed with the last page), so neither the
/// raw nor the packed pages are all held in memory at once.
std::vector<bundle::PayloadEntry> report_payload(const render::SiteInput& in, YearMonth month,
                                                 const std::filesystem::path& spool_folder = {});

}  // namespace creditgen::cli
