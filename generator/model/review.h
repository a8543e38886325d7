// The office's decisions (review.yaml) and falsification penalties (penalties.yaml).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"

namespace creditgen::model {

enum class ReviewStatus { pending, accepted, rejected };
const char* review_status_id(ReviewStatus s);     ///< pending accepted rejected
const char* review_status_label(ReviewStatus s);  ///< 待审核 已采纳 已退回

struct Decision {
  ReviewStatus status = ReviewStatus::pending;
  std::string reason;
  Location where;

  bool operator==(const Decision&) const = default;
};

struct Review {
  bool present = false;  ///< review.yaml exists and parsed
  std::string reviewer;
  ReviewStatus default_status = ReviewStatus::pending;
  /// Keyed by the normalised review key ("unit/news/a.md", "unit/policies.yaml#<key>").
  std::map<std::string, Decision> decisions;

  bool operator==(const Review&) const = default;
};

struct Penalty {
  std::string unit;
  std::string reason;
  std::optional<double> points;  ///< default: the rulebook's penalty.points
  std::optional<int> months;     ///< default: the rulebook's penalty.months
  Location where;

  bool operator==(const Penalty&) const = default;
};

}  // namespace creditgen::model
