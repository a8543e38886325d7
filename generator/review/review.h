// The review stage: every item's status for the month, from review.yaml's
// decisions and its default (content.md, "review.yaml"). Plain values passed
// forward to score/ and render/.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "model/content.h"

namespace creditgen::review {

struct ItemState {
  model::ItemKind kind = model::ItemKind::news;
  model::ReviewStatus status = model::ReviewStatus::pending;
  std::string reason;  ///< the decision's reason (rejections), may be empty
  bool valid = true;   ///< false: an error was reported on the item; it never counts
  bool late = false;   ///< news/campaign submitted after its deadline
  /// accepted && valid && !(late && site.late_items == exclude). Items that
  /// need no review (incidents, objections) are always accepted, so they
  /// count whenever valid.
  bool counts = false;
};

struct ReviewedMonth {
  YearMonth month;
  std::map<std::string, ItemState> items;  ///< by review key

  const ItemState* find(const std::string& key) const;
  /// True when the item with this key exists and counts.
  bool counts(const std::string& key) const;
};

/// Resolves every item's status from review.yaml + default, one ReviewedMonth
/// per Content::months entry (same order). Reports `[dangling-review]` (an
/// error: a decision naming no existing item; a decision on an invalid item or
/// on an entry of a list file that failed YAML parsing is not dangling) and
/// `[unknown-field]` warnings (a decision on an incident or objection, which
/// need no review).
std::vector<ReviewedMonth> apply_reviews(const model::Content& content, Diagnostics& diags);

}  // namespace creditgen::review
