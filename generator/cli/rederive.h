// Re-deriving a month's scores from its evidence bundle alone: the bag's
// data/content/ is loaded straight from the zip (bundle::BagTree), reviewed
// and scored as a build would, and compared with the bag's data/scores.json
// and data/scores.csv. `verify` reports the result; the build uses the same
// loaded model to show a published month as it was published.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bundle/bag_tree.h"
#include "model/content.h"
#include "review/review.h"
#include "score/score.h"

namespace creditgen::cli {

/// A bundle's month, loaded, reviewed and scored from the bundle alone.
struct BagMonth {
  std::unique_ptr<bundle::BagTree> tree;  ///< owns the open zip the content was read from
  model::Content content;
  std::vector<review::ReviewedMonth> reviewed;
  std::vector<score::MonthScores> scores;  ///< refer to `content`: keep them together
  YearMonth month;
  const score::MonthScores* month_scores = nullptr;  ///< the bundle's own month, in `scores`
  Diagnostics diagnostics;                           ///< what loading the bag reported
};

/// Loads and scores the month of the bundle `zip`. nullptr with `error` set
/// (Chinese) when the bag cannot be read or its content does not load.
std::unique_ptr<BagMonth> load_bag_month(const std::filesystem::path& zip, std::string& error);

/// Writes the files of the bag's own month folder below `dest` (created;
/// "<unit>/files/a.jpg" …), for the site to copy evidence from. False with
/// `error` set when one cannot be read or written.
bool write_month_files(const BagMonth& bag, const std::filesystem::path& dest, std::string& error);

/// Where the re-derived scores differ from the bag's data/scores.json and
/// data/scores.csv, one Chinese line per unit and row ("单位 lingang 评分细则
/// 1.1：包内为 6 分，重新计算为 4.5 分"); empty when they follow.
std::vector<std::string> score_differences(const BagMonth& bag);

}  // namespace creditgen::cli
