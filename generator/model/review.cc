#include "model/review.h"

namespace creditgen::model {

const char* review_status_id(ReviewStatus s) {
  switch (s) {
    case ReviewStatus::pending: return "pending";
    case ReviewStatus::accepted: return "accepted";
    case ReviewStatus::rejected: return "rejected";
  }
  return "";
}

const char* review_status_label(ReviewStatus s) {
  switch (s) {
    case ReviewStatus::pending: return "待审核";
    case ReviewStatus::accepted: return "已采纳";
    case ReviewStatus::rejected: return "已退回";
  }
  return "";
}

}  // namespace creditgen::model
