// A small district built in memory: three units, two months, a news item with
// hostile content, a campaign, a rejected late item, a policy with a text
// attachment holding personal data, and hand-made scores.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "render/site.h"
#include "render/templates.h"

namespace creditgen::render::testing {

struct SiteFixture {
  model::Content content;
  std::vector<review::ReviewedMonth> reviewed;
  std::vector<score::MonthScores> scores;
  std::vector<Diagnostic> diagnostics;
  std::vector<BundleLink> bundles;
  std::map<std::string, std::string> templates;
  std::map<std::string, std::string> assets;
  mutable std::vector<analyze::MonthAnalysis> analyses;

  SiteFixture();
  SiteInput input() const {
    analyses = analyze::analyze_all(content, scores);
    return SiteInput{content, reviewed, scores, analyses, diagnostics, bundles, templates, assets, "creditgen 0.1.0"};
  }
};

inline model::Attachment att(const std::string& path) {
  model::Attachment a;
  a.path = path;
  a.ok = true;
  return a;
}

inline SiteFixture::SiteFixture() {
  using namespace model;
  content.root = std::string(CREDITGEN_FIXTURES) + "/render/content";
  content.shown_root = "content";
  content.site.title = "历城区信用状况监测月报";
  content.site.district = "历城区";
  content.site.slug = "jinan-licheng";
  content.site.office = "历城区社会信用体系建设工作领导小组办公室";
  auto unit = [](std::string id, std::string name, UnitType t) {
    Unit u;
    u.id = std::move(id);
    u.name = std::move(name);
    u.type = t;
    return u;
  };
  content.units = {unit("lingang", "临港开发区", UnitType::zone), unit("shenpiju", "区行政审批服务局", UnitType::department),
                   unit("jiedao", "荷花路街道办事处", UnitType::subdistrict)};

  Rulebook rb;
  rb.name = "济南市区县信用状况监测指标（第一版）";
  rb.effective = {2022, 1};
  Group g1{"1", "信用制度建设", std::nullopt, {}};
  Indicator i1{"1", "信用制度文件落实和细化情况", {}, {}};
  Row r11;
  r11.id = "1.1";
  r11.rule = "每出台一份信用制度文件得 1 分，最高 6 分";
  r11.points = 6;
  r11.source = "各单位报送";
  i1.rows.push_back(r11);
  g1.indicators.push_back(i1);
  Group g2{"2", "信用信息归集", std::nullopt, {}};
  Indicator i2{"2", "双公示数据报送", {}, {}};
  Row r21;
  r21.id = "2.1";
  r21.name = "双公示合规率";
  r21.rule = "合规率最高的得满分";
  r21.points = 4;
  i2.rows.push_back(r21);
  g2.indicators.push_back(i2);
  rb.groups = {g1, g2};
  content.rulebooks.push_back(rb);

  Month april;
  april.month = {2022, 4};
  april.dir = "content/2022-04";
  april.review.present = true;
  april.published = Date{2022, 5, 6};
  content.months.push_back(april);

  Month may;
  may.month = {2022, 5};
  may.dir = "content/2022-05";
  UnitMonth lingang;
  lingang.unit = "lingang";
  NewsItem n;
  n.unit = "lingang";
  n.month = may.month;
  n.key = "lingang/news/a.md";
  n.slug = "a";
  n.title = "临港开发区召开信用工作会议<script>alert(1)</script>";
  n.date = {2022, 5, 6};
  n.submitted = {{2022, 5, 7}, 10, 30, 0};
  n.author = "张三 13812345678";
  n.attachments = {att("files/现场.jpg")};
  n.body =
      "会议现场 ![会议现场照片](files/现场.jpg)\n\n"
      "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
      "[点击领奖](javascript:alert(1)) ![像素](data:image/png;base64,iVBORw0KGgo=)\n\n"
      "联系电话 13812345678，身份证 370102199003071238。\n";
  lingang.news.push_back(n);
  CampaignItem c;
  c.unit = "lingang";
  c.month = may.month;
  c.key = "lingang/campaigns/c1.md";
  c.slug = "c1";
  c.title = "“3·15”诚信经营进商圈宣传活动";
  c.start = c.end = {2022, 5, 15};
  c.submitted = {{2022, 5, 16}, 17, 0, 0};
  c.location = "洪家楼商圈";
  c.theme = "进商圈";
  c.photos = {att("files/现场.jpg")};
  c.plan = att("files/plan.pdf");
  c.body = "活动总结。\n";
  lingang.campaigns.push_back(c);
  may.units["lingang"] = lingang;

  UnitMonth shenpiju;
  shenpiju.unit = "shenpiju";
  NewsItem b;
  b.unit = "shenpiju";
  b.month = may.month;
  b.key = "shenpiju/news/b.md";
  b.slug = "b";
  b.title = "审批局周例会";
  b.date = {2022, 5, 9};
  b.submitted = {{2022, 5, 12}, 12, 30, 0};
  b.late = true;
  b.late_hours = 12.5;
  b.body = "例会。\n";
  shenpiju.news.push_back(b);
  Policy p;
  p.unit = "shenpiju";
  p.month = may.month;
  p.key = "shenpiju/policies.yaml#历城行审发〔2022〕2号";
  p.doc_no = "历城行审发〔2022〕2号";
  p.title = "落实信用状况监测工作实施方案";
  p.file = att("files/名单.txt");
  shenpiju.policies.push_back(p);
  may.units["shenpiju"] = shenpiju;
  may.files = {{"lingang/files/plan.pdf", 18, true}, {"lingang/files/现场.jpg", 12, true},
               {"lingang/news/a.md", 100, true}, {"lingang/campaigns/c1.md", 100, true},
               {"shenpiju/files/名单.txt", 60, true}, {"shenpiju/news/b.md", 50, true}};
  content.months.push_back(may);

  review::ReviewedMonth ra;
  ra.month = {2022, 4};
  review::ReviewedMonth rm;
  rm.month = {2022, 5};
  auto state = [](ItemKind k, ReviewStatus s, std::string reason, bool late) {
    review::ItemState st;
    st.kind = k;
    st.status = s;
    st.reason = std::move(reason);
    st.late = late;
    st.counts = s == ReviewStatus::accepted;
    return st;
  };
  rm.items["lingang/news/a.md"] = state(ItemKind::news, ReviewStatus::accepted, "", false);
  rm.items["lingang/campaigns/c1.md"] = state(ItemKind::campaign, ReviewStatus::pending, "", false);
  rm.items["shenpiju/news/b.md"] = state(ItemKind::news, ReviewStatus::rejected, "内容与信用工作无关", true);
  rm.items["shenpiju/policies.yaml#历城行审发〔2022〕2号"] = state(ItemKind::policy, ReviewStatus::accepted, "", false);
  reviewed = {ra, rm};

  const Rulebook* rbp = &content.rulebooks.front();
  // Every row scored by its rulebook row's method (proportional) among peers from 0 to 3.
  auto row = [rbp](std::string id, std::optional<double> value, double points, score::Flag flag) {
    score::RowScore r;
    r.row_id = std::move(id);
    r.value = value;
    r.points = points;
    r.flag = flag;
    auto basis = std::make_shared<score::RowBasis>(score::RowBasis{"最高的得满分，其他的按比例计分", 0, 3, std::nullopt});
    for (const auto& ref : rbp->rows())
      if (ref.row->id == r.row_id) {
        basis->method = &ref.row->method;
        basis->row_points = ref.row->points;
      }
    r.explain.basis = std::move(basis);
    return r;
  };
  auto us = [&](std::string id, bool submitted, double score, int rank, std::vector<score::RowScore> rows) {
    score::UnitScore u;
    u.unit = std::move(id);
    u.submitted = submitted;
    u.rows = std::move(rows);
    u.score = score;
    u.earned = score / 10;
    u.applicable = 10;
    u.rank = rank;
    u.group_earned = {{"1", u.rows[0].points}, {"2", u.rows[1].points}};
    return u;
  };
  score::MonthScores s4;
  s4.month = {2022, 4};
  s4.rulebook = rbp;
  s4.units = {us("shenpiju", true, 70, 1, {row("1.1", 2, 4, score::Flag::none), row("2.1", 1, 3, score::Flag::none)}),
              us("lingang", true, 60, 2, {row("1.1", 1, 2, score::Flag::none), row("2.1", 1, 4, score::Flag::none)}),
              us("jiedao", false, 0, 3, {row("1.1", 0, 0, score::Flag::none), row("2.1", std::nullopt, 0, score::Flag::missing)})};
  score::MonthScores s5;
  s5.month = {2022, 5};
  s5.rulebook = rbp;
  s5.units = {us("lingang", true, 87.2513, 1, {row("1.1", 3, 6, score::Flag::none), row("2.1", 1, 4, score::Flag::none)}),
              us("shenpiju", true, 65.5, 2, {row("1.1", 2, 4, score::Flag::none), row("2.1", 1, 2.55, score::Flag::none)}),
              us("jiedao", false, 0, 3, {row("1.1", 0, 0, score::Flag::none), row("2.1", std::nullopt, 0, score::Flag::missing)})};
  score::ObligationState ob;
  ob.id = "monthly-news";
  ob.text = "每月至少报送 1 篇信用动态";
  ob.status = score::ObligationStatus::overdue;
  ob.min = 1;
  s5.units[2].obligations.push_back(ob);
  scores = {s4, s5};

  diagnostics = {Diagnostic{{"content/2022-05/lingang/news/a.md", 9, 6}, Severity::warning, "pii",
                            "正文含手机号码“138****5678”，网站上已打码"},
                 Diagnostic{{"content/2022-05/review.yaml", 3, 1}, Severity::error, "dangling-review",
                            "审核决定指向不存在的材料“x/news/z.md”"}};

  BundleLink bl;
  bl.month = {2022, 4};
  bl.file_name = "2022-04.zip";
  bl.download_name = "jinan-licheng-2022-04.zip";
  bl.source = std::string(CREDITGEN_FIXTURES) + "/render/archive/2022-04.zip";
  bl.size = 22;
  bl.file_count = 12;
  bl.sha256 = "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";
  bl.bagging_date = "2022-05-06";
  bl.revision = "1";
  bl.published_by = "区信用办";
  bundles = {bl};

  templates = templates_from(read_folder(std::string(CREDITGEN_SOURCE_DIR) + "/templates"));
  assets = read_folder(std::string(CREDITGEN_SOURCE_DIR) + "/assets");
}

}  // namespace creditgen::render::testing
