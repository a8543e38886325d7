// The text `creditgen new` writes where the clerk must write their own. An
// item still holding any of it is a [placeholder] error until edited, so an
// untouched skeleton never passes `check` or scores.
#pragma once

#include <string_view>

namespace creditgen::load {

/// Every text `creditgen new` leaves for the clerk to replace starts with this
/// (or is kLocationPlaceholder), so one rule recognises an untouched value in
/// any field of any file: MapReader reports it as a [placeholder] error.
inline constexpr std::string_view kFillInPrefix = "请填写";

inline constexpr const char* kNewsTitlePlaceholder = "请填写信息标题";
inline constexpr const char* kCampaignTitlePlaceholder = "请填写活动名称";
inline constexpr const char* kLocationPlaceholder = "待填写";

/// A field value still holding `creditgen new`'s text (`value` trimmed).
inline bool is_placeholder(std::string_view value) {
  return value.starts_with(kFillInPrefix) || value == kLocationPlaceholder;
}
inline constexpr const char* kNewsBodyPlaceholder =
    "（请在此处撰写正文：时间、地点、参加人员、主要内容和成效。正文不能为空。）";
inline constexpr const char* kCampaignBodyPlaceholder = "（请在此处撰写活动总结与成效。正文不能为空。）";

}  // namespace creditgen::load
