// The text `creditgen new` writes where the clerk must write their own. An
// item still holding any of it is a [placeholder] error until edited, so an
// untouched skeleton never passes `check` or scores.
#pragma once

namespace creditgen::load {

inline constexpr const char* kNewsTitlePlaceholder = "请填写信息标题";
inline constexpr const char* kCampaignTitlePlaceholder = "请填写活动名称";
inline constexpr const char* kLocationPlaceholder = "待填写";
inline constexpr const char* kNewsBodyPlaceholder =
    "（请在此处撰写正文：时间、地点、参加人员、主要内容和成效。正文不能为空。）";
inline constexpr const char* kCampaignBodyPlaceholder = "（请在此处撰写活动总结与成效。正文不能为空。）";

}  // namespace creditgen::load
