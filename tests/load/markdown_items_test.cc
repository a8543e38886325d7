#include <boost/test/unit_test.hpp>

#include "items_test_util.h"
#include "load/markdown_items.h"

using namespace creditgen;
using namespace creditgen::test;

namespace {
std::string news(const std::string& date, const std::string& submitted, const std::string& extra = "",
                 const std::string& body = "正文内容。\n") {
  return "---\ntitle: 区行政审批服务局开展培训\ndate: " + date + "\nsubmitted: " + submitted + "\n" + extra + "---\n" +
         body;
}

std::string campaign(const std::string& fields, const std::string& body = "活动总结。\n") {
  return "---\n" + fields + "---\n" + body;
}

const std::string kCampaignBase =
    "title: 诚信经营进商圈\n"             // 2
    "start: 2022-05-15\n"                 // 3
    "end: 2022-05-15\n"                   // 4
    "submitted: 2022-05-16 17:00\n"       // 5
    "location: 洪家楼商圈\n"              // 6
    "theme: 进商圈\n"                     // 7
    "photos: [files/p1.jpg]\n";           // 8
}  // namespace

BOOST_AUTO_TEST_SUITE(markdown_items)

BOOST_AUTO_TEST_CASE(valid_news_loads_every_field) {
  TempUnit u;
  u.write("files/培训现场.jpg", "jpg");
  u.write("news/2022-05-06-training.md",
          news("2022-05-06", "2022-05-07 10:30", "author: 张三\ntags: [信用承诺, 培训]\nattachments: [files/培训现场.jpg]\n",
               "正文……  ![培训现场](files/培训现场.jpg)\n"));
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(d.empty(), dump(d));
  BOOST_REQUIRE(um.news.size() == 1u);
  const auto& n = um.news[0];
  BOOST_TEST(n.valid);
  BOOST_TEST(n.key == "lingang/news/2022-05-06-training.md");
  BOOST_TEST(n.slug == "2022-05-06-training");
  BOOST_TEST(n.title == "区行政审批服务局开展培训");
  BOOST_TEST(n.date.str() == "2022-05-06");
  BOOST_TEST(n.submitted.str() == "2022-05-07 10:30");
  BOOST_TEST(n.author == "张三");
  BOOST_TEST(n.tags.size() == 2u);
  BOOST_REQUIRE(n.attachments.size() == 1u);
  BOOST_TEST(n.attachments[0].ok);
  BOOST_TEST(n.attachments[0].path == "files/培训现场.jpg");
  BOOST_TEST(n.attachments[0].where.line == 7);
  BOOST_TEST(n.attachments[0].where.column == 15);
  BOOST_TEST(n.body_line == 9);
  BOOST_TEST(!n.late);
  BOOST_TEST(n.where.file == u.shown("news/2022-05-06-training.md"));
}

BOOST_AUTO_TEST_CASE(missing_required_field_invalidates_news) {
  TempUnit u;
  u.write("news/a.md", "---\ntitle: 培训\ndate: 2022-05-06\n---\n正文\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "missing-field");
  BOOST_TEST((e.severity == Severity::error));
  BOOST_TEST(e.where.line == 2);
  BOOST_TEST(contains(e.message, "submitted"));
  BOOST_TEST(!um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(news_date_outside_month) {
  TempUnit u;
  u.write("news/a.md", news("2022-04-30", "2022-05-01 09:00"));
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "date-outside-month");
  BOOST_TEST((e.severity == Severity::error));
  BOOST_TEST(e.where.line == 3);
  BOOST_TEST(e.where.column == 7);
  BOOST_TEST(contains(e.message, "2022-04-30"));
  BOOST_TEST(!um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(late_news_points_at_submitted_value) {
  TempUnit u;
  // End of 05-06 is 05-07 00:00; 05-09 13:00 is 61 hours later.
  u.write("news/a.md", news("2022-05-06", "2022-05-09 13:00"));
  Diagnostics d;
  auto um = u.load(d);
  auto w = only(d, "late");
  BOOST_TEST((w.severity == Severity::warning));
  BOOST_TEST(w.where.line == 4);
  BOOST_TEST(w.where.column == 12);
  BOOST_TEST(w.message == "信用动态在发生当天结束后 61 小时才报送，超过 48 小时时限");
  const auto& n = um.news.at(0);
  BOOST_TEST(n.valid);  // warnings never invalidate
  BOOST_TEST(n.late);
  BOOST_TEST(n.late_hours == 13.0);
}

BOOST_AUTO_TEST_CASE(news_exactly_at_deadline_is_not_late) {
  TempUnit u;
  u.write("news/a.md", news("2022-05-06", "2022-05-09 00:00"));
  u.write("news/b.md", news("2022-05-06", "2022-05-09 00:01"));
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(!um.news.at(0).late);
  BOOST_TEST(um.news.at(1).late);
  auto w = only(d, "late");
  BOOST_TEST(w.where.file == u.shown("news/b.md"));
}

BOOST_AUTO_TEST_CASE(news_hours_come_from_site) {
  TempUnit u;
  u.site.deadlines.news_hours = 72;
  u.write("news/a.md", news("2022-05-06", "2022-05-09 13:00"));
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(with_code(d, "late").empty());
  BOOST_TEST(!um.news.at(0).late);
}

BOOST_AUTO_TEST_CASE(empty_body_is_missing_field) {
  TempUnit u;
  u.write("news/a.md", news("2022-05-06", "2022-05-07 10:30", "", "  \n\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "missing-field");
  BOOST_TEST(e.where.line == 5);  // the closing ---
  BOOST_TEST(contains(e.message, "正文为空"));
  BOOST_TEST(!um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(duplicate_front_matter_key) {
  TempUnit u;
  u.write("news/a.md", news("2022-05-06", "2022-05-07 10:30", "title: 又一个标题\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "duplicate");
  BOOST_TEST(e.where.line == 5);
  BOOST_TEST(!um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(front_matter_that_is_a_list_is_bad_value) {
  TempUnit u;
  u.write("news/a.md", "---\n- a\n- b\n---\n正文\n");
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(only(d, "bad-value").where.line == 2);
  BOOST_TEST(!um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(pii_in_body_quotes_only_masked_form_at_match) {
  TempUnit u;
  u.write("news/a.md", news("2022-05-06", "2022-05-07 10:30", "", "第一行\n联系人电话：13812345678。\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto w = only(d, "pii");
  BOOST_TEST((w.severity == Severity::warning));
  BOOST_TEST(w.where.line == 7);
  BOOST_TEST(w.where.column == 7);
  BOOST_TEST(contains(w.message, "发现手机号 138****5678，网站上将打码显示"));
  BOOST_TEST(!contains(w.message, "13812345678"));
  BOOST_TEST(um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(pii_id_card_in_title) {
  TempUnit u;
  // 11010519491231002X: a valid GB 11643 number (check character X).
  u.write("news/a.md", "---\ntitle: 关于11010519491231002X的通报\ndate: 2022-05-06\nsubmitted: 2022-05-07 10:30\n---\n正文\n");
  Diagnostics d;
  u.load(d);
  auto w = only(d, "pii");
  BOOST_TEST(w.where.line == 2);
  BOOST_TEST(w.where.column == 10);
  BOOST_TEST(contains(w.message, "身份证号"));
  BOOST_TEST(!contains(w.message, "11010519491231002X"));
}

BOOST_AUTO_TEST_CASE(pii_in_other_front_matter_values) {
  TempUnit u;
  u.write("news/a.md", news("2022-05-06", "2022-05-07 10:30", "author: \"张三 15012345678\"\n"));
  Diagnostics d;
  u.load(d);
  auto w = only(d, "pii");
  BOOST_TEST(w.where.line == 5);
  BOOST_TEST(w.where.column == 13);
  BOOST_TEST(contains(w.message, "150****5678"));
}

BOOST_AUTO_TEST_CASE(sensitive_words_in_title_and_body) {
  TempUnit u;
  u.write("news/a.md", "---\ntitle: 公布黑名单\ndate: 2022-05-06\nsubmitted: 2022-05-07 10:30\n---\n"
                       "正文\n实施联合惩戒，黑名单。\n");
  Diagnostics d;
  auto um = u.load(d);
  auto found = with_code(d, "sensitive-word");
  BOOST_REQUIRE(found.size() == 3u);  // title: 黑名单; body: 黑名单, 联合惩戒
  BOOST_TEST(found[0].where.line == 2);
  BOOST_TEST(found[0].where.column == 10);
  BOOST_TEST((found[0].severity == Severity::warning));
  BOOST_TEST(contains(found[0].message, "“黑名单”"));
  BOOST_TEST(found[1].where.line == 7);
  BOOST_TEST(found[1].where.column == 3);
  BOOST_TEST(contains(found[1].message, "联合惩戒"));
  BOOST_TEST(found[2].where.line == 7);
  BOOST_TEST(found[2].where.column == 8);
  BOOST_TEST(um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(body_link_into_files_must_exist) {
  TempUnit u;
  u.write("files/ok.jpg", "x");
  u.write("news/a.md", news("2022-05-06", "2022-05-07 10:30", "",
                            "见 ![图](files/ok.jpg) 和 [方案](files/缺失.pdf \"标题\")，另见 [官网](https://example.org/x.pdf)。\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "missing-attachment");
  BOOST_TEST(e.where.line == 6);
  BOOST_TEST(e.where.column == 29);
  BOOST_TEST(contains(e.message, "files/缺失.pdf"));
  BOOST_TEST(with_code(d, "orphan-file").empty());  // files/ok.jpg is referenced by the body
  BOOST_TEST(!um.news.at(0).valid);
}

BOOST_AUTO_TEST_CASE(percent_encoded_body_link_is_a_reference) {
  TempUnit u;
  u.write("files/图.jpg", "x");
  u.write("news/a.md", news("2022-05-06", "2022-05-07 10:30", "", "![x](files/%E5%9B%BE.jpg)\n"));
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(d.empty(), dump(d));
}

BOOST_AUTO_TEST_CASE(link_targets_found_in_markdown) {
  auto t = load::markdown_link_targets("a ![x](files/a.jpg) b [y](<files/b c.pdf>) [z](http://x/(1)) \n[r]: files/r.txt \"t\"\n");
  BOOST_REQUIRE(t.size() == 4u);
  BOOST_TEST(t[0].first == "files/a.jpg");
  BOOST_TEST(t[0].second == 7u);
  BOOST_TEST(t[1].first == "files/b c.pdf");
  BOOST_TEST(t[2].first == "http://x/(1)");
  BOOST_TEST(t[3].first == "files/r.txt");
}

BOOST_AUTO_TEST_CASE(valid_campaign_with_plan) {
  TempUnit u;
  u.write("files/p1.jpg", "x");
  u.write("files/方案.pdf", "x");
  u.write("campaigns/315.md", campaign(kCampaignBase + "plan: files/方案.pdf\noccasion: 3·15\nparticipants: 120\n"));
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(d.empty(), dump(d));
  BOOST_REQUIRE(um.campaigns.size() == 1u);
  const auto& c = um.campaigns[0];
  BOOST_TEST(c.valid);
  BOOST_TEST(c.key == "lingang/campaigns/315.md");
  BOOST_TEST(c.theme == "进商圈");
  BOOST_TEST(c.location == "洪家楼商圈");
  BOOST_TEST(*c.participants == 120);
  BOOST_TEST(c.photos.size() == 1u);
  BOOST_TEST(c.plan.has_value());
  BOOST_TEST(c.plan->ok);
}

BOOST_AUTO_TEST_CASE(campaign_without_plan_is_recommended_field_warning) {
  TempUnit u;
  u.write("files/p1.jpg", "x");
  u.write("campaigns/a.md", campaign(kCampaignBase));
  Diagnostics d;
  auto um = u.load(d);
  auto w = only(d, "recommended-field");
  BOOST_TEST((w.severity == Severity::warning));
  BOOST_TEST(w.where.file == u.shown("campaigns/a.md"));
  BOOST_TEST(w.where.line == 2);
  BOOST_TEST(contains(w.message, "plan"));
  BOOST_TEST(um.campaigns.at(0).valid);
}

BOOST_AUTO_TEST_CASE(late_campaign_message_as_in_outputs) {
  TempUnit u;
  u.write("files/p1.jpg", "x");
  std::string f = kCampaignBase;
  f.replace(f.find("2022-05-16 17:00"), 16, "2022-05-18 13:00");
  u.write("campaigns/a.md", campaign(f + "plan: files/p1.jpg\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto w = only(d, "late");
  BOOST_TEST(w.message == "活动结束后 61 小时才报送，超过 48 小时时限");
  BOOST_TEST(w.where.line == 5);
  BOOST_TEST(w.where.column == 12);
  BOOST_TEST(um.campaigns.at(0).late);
  BOOST_TEST(um.campaigns.at(0).late_hours == 13.0);
}

BOOST_AUTO_TEST_CASE(campaign_may_start_in_an_earlier_month_but_must_end_in_this_one) {
  TempUnit u;
  u.write("files/p1.jpg", "x");
  std::string early = kCampaignBase;
  early.replace(early.find("start: 2022-05-15"), 17, "start: 2022-04-28");
  u.write("campaigns/a.md", campaign(early + "plan: files/p1.jpg\n"));
  std::string outside = kCampaignBase;
  outside.replace(outside.find("end: 2022-05-15"), 15, "end: 2022-06-01");
  outside.replace(outside.find("2022-05-16 17:00"), 16, "2022-06-01 17:00");
  u.write("campaigns/b.md", campaign(outside + "plan: files/p1.jpg\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "date-outside-month");
  BOOST_TEST(e.where.file == u.shown("campaigns/b.md"));
  BOOST_TEST(e.where.line == 4);
  BOOST_TEST(e.where.column == 6);
  BOOST_TEST(um.campaigns.at(0).valid);
  BOOST_TEST(!um.campaigns.at(1).valid);
}

BOOST_AUTO_TEST_CASE(campaign_end_before_start_is_bad_value) {
  TempUnit u;
  u.write("files/p1.jpg", "x");
  std::string f = kCampaignBase;
  f.replace(f.find("start: 2022-05-15"), 17, "start: 2022-05-20");
  u.write("campaigns/a.md", campaign(f + "plan: files/p1.jpg\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "bad-value");
  BOOST_TEST(e.where.line == 4);
  BOOST_TEST(e.where.column == 6);
  BOOST_TEST(!um.campaigns.at(0).valid);
}

// Reported before it happened: a typo in one of the two dates.
BOOST_AUTO_TEST_CASE(submitted_before_the_event_is_bad_value) {
  TempUnit u;
  u.write("files/p1.jpg", "x");
  u.write("news/a.md", news("2022-05-16", "2022-05-06 09:00"));
  std::string f = kCampaignBase;
  f.replace(f.find("submitted: 2022-05-16 17:00"), 27, "submitted: 2022-05-14 17:00");
  u.write("campaigns/b.md", campaign(f + "plan: files/p1.jpg\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto bad = with_code(d, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 2u, dump(d));
  BOOST_TEST(bad[0].where.line == 5);  // campaigns/b.md, submitted
  BOOST_TEST(bad[0].where.column == 12);
  BOOST_TEST(bad[0].message ==
             "报送时间“2022-05-14 17:00”早于活动开始日期“2022-05-15”：活动应在开始后报送，请核对 start 和 submitted");
  BOOST_TEST(bad[1].where.line == 4);  // news/a.md, submitted
  BOOST_TEST(bad[1].message ==
             "报送时间“2022-05-06 09:00”早于事件日期“2022-05-16”：信用动态应在事件发生后报送，请核对 date 和 submitted");
  BOOST_TEST(!um.news.at(0).valid);
  BOOST_TEST(!um.campaigns.at(0).valid);
}

BOOST_AUTO_TEST_CASE(campaign_bad_theme_participants_and_photo_type) {
  TempUnit u;
  u.write("files/p1.jpg", "x");
  u.write("files/说明.pdf", "x");
  std::string f = kCampaignBase;
  f.replace(f.find("theme: 进商圈"), std::string("theme: 进商圈").size(), "theme: 进商场");
  f.replace(f.find("photos: [files/p1.jpg]"), 22, "photos: [files/p1.jpg, files/说明.pdf]");
  u.write("campaigns/a.md", campaign(f + "participants: -3\nplan: files/p1.jpg\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto bad = with_code(d, "bad-value");
  BOOST_REQUIRE(bad.size() == 2u);
  BOOST_TEST(bad[0].where.line == 7);   // theme
  BOOST_TEST(bad[0].where.column == 8);
  BOOST_TEST(contains(bad[0].message, "进社区"));
  BOOST_TEST(bad[1].where.line == 9);   // participants
  BOOST_TEST(bad[1].where.column == 15);
  auto att = only(d, "bad-attachment");
  BOOST_TEST(att.where.line == 8);
  BOOST_TEST(att.where.column == 24);
  BOOST_TEST(contains(att.message, "现场照片应为图片"));
  BOOST_TEST(!um.campaigns.at(0).valid);
}

BOOST_AUTO_TEST_CASE(campaign_without_photos_is_missing_field) {
  TempUnit u;
  std::string f = kCampaignBase;
  f.replace(f.find("photos: [files/p1.jpg]"), 22, "photos: []");
  u.write("campaigns/a.md", campaign(f + "plan: files/x.pdf\n"));
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "missing-field");
  BOOST_TEST(contains(e.message, "photos"));
  BOOST_TEST(!um.campaigns.at(0).valid);
}

BOOST_AUTO_TEST_SUITE_END()
