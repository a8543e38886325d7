// Assembles one month's evidence bundle input (bundle::BagInput) from the
// loaded content, its scores and its rendered report: which files go in, and
// which earlier months' text files the scores read.
#pragma once

#include <filesystem>
#include <set>

#include "bundle/bundle.h"
#include "model/content.h"
#include "render/output_set.h"
#include "score/score.h"

namespace creditgen::cli {

/// Earlier months whose text files this month's scores read: the ytd or
/// cumulative windows of rows and obligations, the previous month for growth,
/// and months whose penalties are still active (outputs.md bundle layout).
std::set<YearMonth> months_read_by(const model::Content& content, const model::Rulebook& rulebook, YearMonth month);

bundle::BagInput make_bag_input(const model::Content& content, const model::Month& month,
                                const score::MonthScores& scores, const render::OutputSet& report,
                                const std::filesystem::path& archive_dir);

}  // namespace creditgen::cli
