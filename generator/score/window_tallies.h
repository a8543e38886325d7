// What the `count` and `sum_ledger` measures count over their window
// (rules.md, "Measures"): each unit's counting items of the month, of the
// year so far and of every month so far, added month by month. A cumulative
// window then costs what its newest month adds, not every earlier month
// again (which made scoring O(months²) in a long-running district).
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/content.h"
#include "review/review.h"

namespace creditgen::score {

/// The key of the 信易贷 scenario itself, which 8.1 does not count (rules.md notes).
inline constexpr const char* kXinyidaiScenario = "信易贷";

/// One unit's counting items over one window.
class ItemTally {
 public:
  /// Adds the unit folder's items that count by the month's review.
  void add(const review::ReviewedMonth& reviewed, const model::UnitMonth& folder);
  /// Adds a later stretch's tally (a month's to the year's and the cumulative
  /// one): its counts, and its policy listings as the latest.
  void add(const ItemTally& later);
  /// The `count` measure: items of `kind`; for policies, the documents whose
  /// latest counting listing says in force; for scenarios and supervision,
  /// the distinct names and domains.
  double count(model::ItemKind kind) const;
  /// The `sum_ledger` measure: the counting ledger entries' counts summed.
  double ledger_sum() const { return ledger_sum_; }

 private:
  double news_ = 0, campaigns_ = 0, ledger_ = 0, incidents_ = 0, objections_ = 0, ledger_sum_ = 0;
  std::map<std::string, bool> policies_;  // doc_no → latest counting listing says in force
  double policies_in_force_ = 0;
  std::set<std::string> scenarios_, domains_;

  void list_policy(const std::string& doc_no, bool in_force);
};

/// Every unit's tallies for the month window, the year to date and the
/// cumulative window, as of the last month added.
class WindowTallies {
 public:
  /// Adds one month; months must come oldest first. A month without its
  /// review (null) counts nothing but still ends the previous month's window.
  void add(const model::Month& month, const review::ReviewedMonth* reviewed);
  /// The unit's tally over `window` ending with the last month added; an
  /// empty tally when the unit had no folder in it.
  const ItemTally& of(model::Window window, const std::string& unit) const;

  /// The tallies through `month` (every month of `content` up to it), for
  /// scoring a single month; `reviewed` in the order of content.months.
  static WindowTallies through(const model::Content& content, const std::vector<review::ReviewedMonth>& reviewed,
                               YearMonth month);

 private:
  std::unordered_map<std::string, ItemTally> month_, year_, cumulative_;
  int year_of_tallies_ = 0;
  static const ItemTally kEmpty;
};

/// The review of content.months[index] in `reviewed` (apply_reviews keeps
/// their order; searched when a caller's list differs), or null.
const review::ReviewedMonth* reviewed_of(const std::vector<review::ReviewedMonth>& reviewed, size_t index,
                                         YearMonth month);

}  // namespace creditgen::score
