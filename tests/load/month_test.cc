// A month folder: review.yaml, penalties.yaml, figures, the walk and its
// unsafe entries, unknown units and encodings.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>

#include "load/core_tree.h"
#include "load/load.h"
#include "load/month.h"

using namespace creditgen;
using creditgen::testing::dump;
using creditgen::testing::TempTree;
using creditgen::testing::with_code;

namespace {

std::optional<model::Content> load_tree(const TempTree& t, Diagnostics& d) {
  return load::load_content(t.root(), "content", d);
}

const Diagnostic* at_file(const std::vector<Diagnostic>& v, const std::string& file, int line = 0) {
  for (auto& x : v)
    if (x.where.file == file && (line == 0 || x.where.line == line)) return &x;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(month_folder)

BOOST_AUTO_TEST_CASE(review_yaml_decisions) {
  TempTree t;
  t.minimal();
  t.write("2022-05/review.yaml",
          "reviewer: 区信用办\n"
          "published: 2022-06-05\n"
          "default: accepted\n"
          "decisions:\n"
          "  lingang/news/a.md: accepted\n"
          "  lingang/news/b.md: {status: rejected, reason: 内容无关}\n"
          "  \"shenpiju/policies.yaml# 历城行审发〔２０２２〕２号 \": accepted\n"
          "  shenpiju/policies.yaml#历城行审发〔2022〕2号: pending\n"
          "  lingang/news/c.md: rejected\n"
          "  lingang/news/d.md: {status: maybe}\n"
          "  lingang/news/e.md: {status: rejected}\n"
          "extra: 1\n");
  Diagnostics d;
  auto c = load_tree(t, d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  const auto& r = c->months.at(0).review;
  BOOST_TEST(r.present);
  BOOST_TEST(r.reviewer == "区信用办");
  // The old `published:` line no longer publishes: a warning saying what to run instead.
  auto line = with_code(d, "published-line");
  BOOST_TEST_REQUIRE(line.size() == 1u, dump(d));
  BOOST_TEST(line[0].where.line == 2);
  BOOST_TEST(line[0].where.column == 12);
  BOOST_TEST((line[0].severity == Severity::warning));
  BOOST_TEST(line[0].message ==
             "review.yaml 中的 published 已不起作用：月份须用 creditgen publish 发布，发布记录写在 publications/ "
             "中。请删除此行；如本月尚未发布，请运行 creditgen publish --month 2022-05 --date 2022-06-05");
  BOOST_TEST(!c->months.at(0).published.has_value());
  BOOST_TEST((r.default_status == model::ReviewStatus::accepted));
  BOOST_TEST_REQUIRE(r.decisions.size() == 3u, dump(d));
  BOOST_TEST((r.decisions.at("lingang/news/a.md").status == model::ReviewStatus::accepted));
  const auto& b = r.decisions.at("lingang/news/b.md");
  BOOST_TEST((b.status == model::ReviewStatus::rejected));
  BOOST_TEST(b.reason == "内容无关");
  BOOST_TEST(b.where.line == 6);
  BOOST_TEST(b.where.column == 22);
  const auto& p = r.decisions.at("shenpiju/policies.yaml#历城行审发〔2022〕2号");
  BOOST_TEST((p.status == model::ReviewStatus::accepted));
  const std::string f = "content/2022-05/review.yaml";
  auto dup = with_code(d, "duplicate");
  BOOST_TEST_REQUIRE(dup.size() == 1u, dump(d));
  BOOST_TEST(dup[0].where.file == f);
  BOOST_TEST(dup[0].where.line == 8);
  BOOST_TEST(dup[0].where.column == 3);
  auto missing = with_code(d, "missing-field");
  BOOST_TEST_REQUIRE(missing.size() == 2u, dump(d));
  BOOST_TEST(missing[0].where.line == 9);
  BOOST_TEST(missing[0].where.column == 22);
  BOOST_TEST(missing[1].where.line == 11);
  BOOST_TEST(missing[1].where.column == 22);
  auto bad = with_code(d, "bad-value");
  BOOST_TEST_REQUIRE(bad.size() == 1u, dump(d));
  BOOST_TEST(bad[0].where.line == 10);
  BOOST_TEST(bad[0].where.column == 31);
  auto unknown = with_code(d, "unknown-field");
  BOOST_TEST_REQUIRE(unknown.size() == 1u, dump(d));
  BOOST_TEST(unknown[0].where.line == 12);
  BOOST_TEST(unknown[0].severity == Severity::warning);
}

BOOST_AUTO_TEST_CASE(penalties_yaml) {
  TempTree t;
  t.minimal();
  t.write("2022-05/penalties.yaml",
          "penalties:\n"
          "  - unit: lingang\n"
          "    reason: 照片与往期重复\n"
          "  - unit: lingnag\n"
          "    reason: x\n"
          "  - unit: shenpiju\n"
          "    reason: 数据造假\n"
          "    points: 10\n"
          "    months: 1\n");
  Diagnostics d;
  auto c = load_tree(t, d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  const auto& p = c->months.at(0).penalties;
  BOOST_TEST_REQUIRE(p.size() == 2u);
  BOOST_TEST(p[0].unit == "lingang");
  BOOST_TEST(!p[0].points.has_value());
  BOOST_TEST(!p[0].months.has_value());
  BOOST_TEST(p[0].where.line == 2);
  BOOST_TEST(p[1].points.value_or(0) == 10.0);
  BOOST_TEST(p[1].months.value_or(0) == 1);
  auto u = with_code(d, "unknown-unit");
  BOOST_TEST_REQUIRE(u.size() == 1u, dump(d));
  BOOST_TEST(u[0].where.file == "content/2022-05/penalties.yaml");
  BOOST_TEST(u[0].where.line == 4);
  BOOST_TEST(u[0].where.column == 11);
  BOOST_TEST(u[0].severity == Severity::error);
  BOOST_TEST(u[0].message.find("“lingang”") != std::string::npos, u[0].message);
}

BOOST_AUTO_TEST_CASE(figures_platform_and_metrics) {
  TempTree t;
  t.minimal();
  t.write("2022-05/platform.yaml",
          "lingang: {sgs_compliance_rate: \"98.5%\", xyd_registered: 118, xyd_credit_amount: -1}\n"
          "shenpiju: {sgs_compliance_rate: 1.2, sgs_third_party_rank: 2}\n"
          "lingnag: {xyd_registered: 3}\n");
  t.write("2022-05/lingang/metrics.yaml",
          "sgs_compliance_rate: 0.9\n"
          "xyd_credit_amount: 55.5\n"
          "unknown_metric: 3\n");
  t.write("2022-05/shenpiju/metrics.yaml",
          "sgs_compliance_rate: 0.97\n"
          "sgs_third_party_rank: 0\n");
  t.write("2022-05/shuiwuju/metrics.yaml",
          "xyd_registered: 1.5\n"
          "sgs_third_party_rank: 3\n"
          "sgs_compliance_rate: 97%\n");
  Diagnostics d;
  auto c = load_tree(t, d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  const auto& m = c->months.at(0);
  auto fig = [&](const std::string& u, const std::string& n) { return m.figure(u, n); };
  BOOST_TEST_REQUIRE(fig("lingang", "sgs_compliance_rate"));
  BOOST_TEST(fig("lingang", "sgs_compliance_rate")->value == 0.985);
  BOOST_TEST(fig("lingang", "sgs_compliance_rate")->from_platform);
  BOOST_TEST(fig("lingang", "sgs_compliance_rate")->where.line == 1);
  BOOST_TEST(fig("lingang", "sgs_compliance_rate")->where.column == 32);
  BOOST_TEST(fig("lingang", "xyd_registered")->value == 118.0);
  BOOST_TEST_REQUIRE(fig("lingang", "xyd_credit_amount"));
  BOOST_TEST(fig("lingang", "xyd_credit_amount")->value == 55.5);
  BOOST_TEST(!fig("lingang", "xyd_credit_amount")->from_platform);
  BOOST_TEST(!fig("lingang", "unknown_metric"));
  BOOST_TEST(fig("shenpiju", "sgs_compliance_rate")->value == 0.97);
  BOOST_TEST(fig("shenpiju", "sgs_third_party_rank")->value == 2.0);
  BOOST_TEST(!fig("shuiwuju", "xyd_registered"));
  BOOST_TEST(fig("shuiwuju", "sgs_third_party_rank")->value == 3.0);
  BOOST_TEST(fig("shuiwuju", "sgs_compliance_rate")->value == 0.97);
  BOOST_TEST(m.figures.count("lingnag") == 0u);

  const std::string plat = "content/2022-05/platform.yaml";
  auto bad = with_code(d, "bad-metric");
  BOOST_TEST_REQUIRE(bad.size() == 5u, dump(d));
  for (auto& b : bad) BOOST_TEST(b.severity == Severity::error);
  BOOST_TEST(at_file(bad, plat, 1));
  BOOST_TEST(at_file(bad, plat, 1)->where.column == 81);
  BOOST_TEST(at_file(bad, plat, 2)->where.column == 33);
  BOOST_TEST(at_file(bad, "content/2022-05/lingang/metrics.yaml", 3)->where.column == 17);
  BOOST_TEST(at_file(bad, "content/2022-05/shenpiju/metrics.yaml", 2));
  BOOST_TEST(at_file(bad, "content/2022-05/shuiwuju/metrics.yaml", 1)->where.column == 17);

  auto dup = with_code(d, "duplicate");
  BOOST_TEST_REQUIRE(dup.size() == 4u, dump(d));
  BOOST_TEST(at_file(dup, "content/2022-05/lingang/metrics.yaml", 1)->where.column == 22);
  BOOST_TEST(at_file(dup, "content/2022-05/lingang/metrics.yaml", 2));
  BOOST_TEST(at_file(dup, "content/2022-05/shenpiju/metrics.yaml", 1));
  BOOST_TEST(at_file(dup, "content/2022-05/shenpiju/metrics.yaml", 2));

  auto unit = with_code(d, "unknown-unit");
  BOOST_TEST_REQUIRE(unit.size() == 1u, dump(d));
  BOOST_TEST(unit[0].where.file == plat);
  BOOST_TEST(unit[0].where.line == 3);
  BOOST_TEST(unit[0].where.column == 1);
  BOOST_TEST(unit[0].message.find("是否应为“lingang”") != std::string::npos, unit[0].message);
}

BOOST_AUTO_TEST_CASE(unit_folders_read_on_several_threads_give_the_same_month) {
  TempTree t;
  t.minimal();
  t.write("2022-05/platform.yaml", "lingang: {xyd_registered: 118}\n");
  t.write("2022-05/review.yaml", "reviewer: 区信用办\ndefault: accepted\ndecisions:\n  nobody/news/a.md: accepted\n");
  for (const std::string unit : {"lingang", "shenpiju", "shuiwuju"}) {
    t.write("2022-05/" + unit + "/metrics.yaml", "xyd_registered: 2\nsgs_compliance_rate: 97%\n");
    t.write("2022-05/" + unit + "/files/a.jpg", "not a photo");
    for (const std::string item : {"a", "b"})
      t.write("2022-05/" + unit + "/news/" + item + ".md",
              "---\ntitle: 培训\ndate: 2022-05-06\nsubmitted: 2022-05-07 10:30\n"
              "attachments: [files/a.jpg, files/missing-" + item + ".pdf]\n---\n正文\n");
  }
  t.mkdir("2022-05/stray");
  Diagnostics d0;
  auto c = load_tree(t, d0);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d0));
  Diagnostics one, three;
  const model::Month a = load::load_month(t.root(), "content", YearMonth{2022, 5}, *c, one, load::disk_tree(), 1);
  const model::Month b = load::load_month(t.root(), "content", YearMonth{2022, 5}, *c, three, load::disk_tree(), 3);
  // Every unit's problems, the platform's and the month's own, in one order.
  BOOST_TEST(with_code(one, "missing-attachment").size() == 6u, dump(one));
  BOOST_TEST(with_code(one, "format-mismatch").size() == 6u, dump(one));
  BOOST_TEST(with_code(one, "duplicate").size() == 1u, dump(one));  // lingang's figure is the platform's
  BOOST_TEST_REQUIRE(one.all().size() == three.all().size(), dump(three));
  for (size_t i = 0; i < one.all().size(); ++i) BOOST_TEST(format_diagnostic(one.all()[i]) == format_diagnostic(three.all()[i]));
  BOOST_TEST(a.units.size() == 3u);
  BOOST_TEST_REQUIRE(a.units.size() == b.units.size());
  for (const auto& [unit, folder] : a.units) {
    BOOST_TEST_REQUIRE(b.units.count(unit) == 1u);
    BOOST_TEST(folder.news.size() == b.units.at(unit).news.size());
    BOOST_TEST(b.units.at(unit).unit == unit);
  }
  BOOST_TEST(a.figure("shenpiju", "xyd_registered")->value == 2.0);
  BOOST_TEST(b.figure("shenpiju", "xyd_registered")->value == 2.0);
  BOOST_TEST(b.figure("lingang", "xyd_registered")->value == 118.0);
  BOOST_TEST(a.files.size() == b.files.size());
}

BOOST_AUTO_TEST_CASE(parse_figure_kinds) {
  using model::MetricKind;
  auto v = [](const char* text, MetricKind k) { return load::parse_figure(YAML::Load(text), k).value; };
  BOOST_TEST(v("98.5%", MetricKind::rate).value_or(-1) == 0.985);
  BOOST_TEST(v("0.5", MetricKind::rate).value_or(-1) == 0.5);
  BOOST_TEST(!v("101%", MetricKind::rate));
  BOOST_TEST(!v("1.01", MetricKind::rate));
  BOOST_TEST(v("0", MetricKind::count).value_or(-1) == 0.0);
  BOOST_TEST(!v("-1", MetricKind::count));
  BOOST_TEST(!v("2.5", MetricKind::count));
  BOOST_TEST(v("2.5", MetricKind::amount).value_or(-1) == 2.5);
  BOOST_TEST(!v("abc", MetricKind::amount));
  BOOST_TEST(!v("0", MetricKind::rank));
  BOOST_TEST(v("1", MetricKind::rank).value_or(-1) == 1.0);
  BOOST_TEST(!v("[1]", MetricKind::amount));
}

BOOST_AUTO_TEST_CASE(unknown_unit_folder_and_unknown_file) {
  TempTree t;
  t.minimal();
  t.write("2022-05/lingnag/news/a.md", "x");
  t.write("2022-05/zzzzzzzz/a.txt", "x");
  t.write("2022-05/notes.txt", "x");
  Diagnostics d;
  auto c = load_tree(t, d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST(c->months[0].units.empty());
  auto u = with_code(d, "unknown-unit");
  BOOST_TEST_REQUIRE(u.size() == 2u, dump(d));
  BOOST_TEST(u[0].where.file == "content/2022-05/lingnag");
  BOOST_TEST(u[0].where.line == 1);
  BOOST_TEST(u[0].where.column == 1);
  BOOST_TEST(u[0].message.find("是否应为“lingang”") != std::string::npos, u[0].message);
  BOOST_TEST(u[1].message.find("是否应为") == std::string::npos, u[1].message);
  auto w = with_code(d, "unknown-field");
  BOOST_TEST_REQUIRE(w.size() == 1u, dump(d));
  BOOST_TEST(w[0].where.file == "content/2022-05/notes.txt");
  BOOST_TEST(w[0].severity == Severity::warning);
  // Every file is still listed, sorted by bytes, with its size.
  const auto& files = c->months[0].files;
  BOOST_TEST_REQUIRE(files.size() == 3u);
  BOOST_TEST(files[0].path == "lingnag/news/a.md");
  BOOST_TEST(files[1].path == "notes.txt");
  BOOST_TEST(files[2].path == "zzzzzzzz/a.txt");
  BOOST_TEST(files[2].size == 1u);
}

// What the bundle would refuse, `check` says: names that differ only in case.
BOOST_AUTO_TEST_CASE(names_differing_only_in_case_are_refused_at_load) {
  TempTree t;
  t.minimal();
  t.write("2022-05/lingang/files/Photo.JPG", "a");
  t.write("2022-05/lingang/files/photo.jpg", "b");
  Diagnostics d;
  auto c = load_tree(t, d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  auto e = with_code(d, "bad-filename");
  BOOST_TEST_REQUIRE(e.size() == 1u, dump(d));
  BOOST_TEST(e[0].where.file == "content/2022-05/lingang/files/photo.jpg");
  BOOST_TEST(e[0].message == "文件名“lingang/files/photo.jpg”与“lingang/files/Photo.JPG”只有大小写不同，在 Windows、macOS "
                             "上解压会互相覆盖，无法装入证据包；请改名并修改引用它的字段");
}

BOOST_AUTO_TEST_CASE(symlinks_and_fifos_are_unsafe) {
  TempTree t;
  t.minimal();
  t.write("2022-05/lingang/files/a.jpg", "jpeg");
  std::filesystem::create_symlink("../site.yaml", t.path("2022-05/review.yaml"));
  BOOST_TEST_REQUIRE(::mkfifo(t.path("2022-05/pipe").c_str(), 0600) == 0);
  BOOST_TEST_REQUIRE(::mkfifo(t.path("2022-05/lingang/files/pipe").c_str(), 0600) == 0);
  t.mkdir("2022-05/drafts");
  std::filesystem::create_symlink("/etc/passwd", t.path("2022-05/drafts/passwd"));
  Diagnostics d;
  auto c = load_tree(t, d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  const auto& m = c->months[0];
  BOOST_TEST(!m.review.present);
  auto u = with_code(d, "unsafe-path");
  BOOST_TEST_REQUIRE(u.size() == 4u, dump(d));
  for (auto& x : u) {
    BOOST_TEST(x.severity == Severity::error);
    BOOST_TEST(x.where.line == 1);
    BOOST_TEST(x.where.column == 1);
  }
  BOOST_TEST(at_file(u, "content/2022-05/review.yaml"));
  BOOST_TEST(at_file(u, "content/2022-05/pipe"));
  BOOST_TEST(at_file(u, "content/2022-05/drafts/passwd"));
  BOOST_TEST(at_file(u, "content/2022-05/lingang/files/pipe"));
  std::vector<std::pair<std::string, bool>> listed;
  for (auto& f : m.files) listed.emplace_back(f.path, bool(f.safe));
  std::vector<std::pair<std::string, bool>> expected = {{"drafts/passwd", false},
                                                        {"lingang/files/a.jpg", true},
                                                        {"lingang/files/pipe", false},
                                                        {"pipe", false},
                                                        {"review.yaml", false}};
  BOOST_TEST_REQUIRE(listed.size() == expected.size());
  for (size_t i = 0; i < listed.size(); ++i) {
    BOOST_TEST(listed[i].first == expected[i].first);
    BOOST_TEST(listed[i].second == expected[i].second);
  }
}

BOOST_AUTO_TEST_CASE(gbk_review_is_a_warning_undecodable_an_error) {
  TempTree t;
  t.minimal();
  t.write("2022-05/review.yaml", "\x72\x65\x76\x69\x65\x77\x65\x72\x3a\x20\xc7\xf8\xd0\xc5\xd3\xc3\xb0\xec\x0a");
  t.write("2022-06/review.yaml", "reviewer: \xff\xff\xff\n");
  Diagnostics d;
  auto c = load_tree(t, d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST(c->months[0].review.reviewer == "区信用办");
  BOOST_TEST(!c->months[1].review.present);
  auto e = with_code(d, "encoding");
  BOOST_TEST_REQUIRE(e.size() == 2u, dump(d));
  BOOST_TEST(e[0].where.file == "content/2022-05/review.yaml");
  BOOST_TEST(e[0].severity == Severity::warning);
  BOOST_TEST(e[1].where.file == "content/2022-06/review.yaml");
  BOOST_TEST(e[1].severity == Severity::error);
  BOOST_TEST(e[1].where.line == 1);
}

BOOST_AUTO_TEST_CASE(review_yaml_syntax_error) {
  TempTree t;
  t.minimal();
  t.write("2022-05/review.yaml", "reviewer: 区信用办\ndecisions:\n  a.md: [accepted\n");
  Diagnostics d;
  auto c = load_tree(t, d);
  BOOST_TEST_REQUIRE(c.has_value(), dump(d));
  BOOST_TEST(!c->months[0].review.present);
  auto e = with_code(d, "yaml-syntax");
  BOOST_TEST_REQUIRE(e.size() == 1u, dump(d));
  BOOST_TEST(e[0].where.file == "content/2022-05/review.yaml");
  BOOST_TEST(e[0].severity == Severity::error);
}

BOOST_AUTO_TEST_CASE(review_key_normalisation) {
  BOOST_TEST(load::normalize_review_key(" lingang/news/a.md ") == "lingang/news/a.md");
  BOOST_TEST(load::normalize_review_key("u/policies.yaml# 历城行审发〔２０２２〕２号 ") == "u/policies.yaml#历城行审发〔2022〕2号");
}

BOOST_AUTO_TEST_SUITE_END()
