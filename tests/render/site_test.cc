#include <boost/test/unit_test.hpp>

#include <algorithm>

#include <map>

#include <mutex>

#include <regex>
#include <set>
#include <string>

#include "render/paths.h"
#include "render/site_fixture.h"

using namespace creditgen;
using namespace creditgen::render;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const std::string& page(const OutputSet& out, const std::string& path) {
  auto it = out.files.find(path);
  BOOST_TEST_REQUIRE((it != out.files.end()), "missing page " << path);
  return it->second;
}

std::string decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Resolves "../x/y.html" against the folder of `from`; "" when it climbs out.
std::string resolve(const std::string& from, const std::string& href) {
  std::vector<std::string> parts;
  size_t start = 0;
  const std::string dir = from.substr(0, from.rfind('/') == std::string::npos ? 0 : from.rfind('/'));
  for (const std::string& s : {dir, decode(href.substr(0, href.find('#')))}) {
    start = 0;
    while (start <= s.size()) {
      size_t end = s.find('/', start);
      if (end == std::string::npos) end = s.size();
      const std::string part = s.substr(start, end - start);
      if (part == "..") {
        if (parts.empty()) return "";
        parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      start = end + 1;
    }
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::vector<std::string> links_in(const std::string& html) {
  static const std::regex re(R"re((?:href|src)="([^"]*)")re");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

bool is_html(const std::string& path) { return path.ends_with(".html"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(site)

BOOST_AUTO_TEST_CASE(every_page_type_exists_with_its_key_content) {
  testing::SiteFixture f;
  const OutputSet out = render_site(f.input());

  const std::string& home = page(out, "index.html");
  BOOST_TEST(has(home, "2022年5月"));
  BOOST_TEST(has(home, "临港开发区"));
  BOOST_TEST(has(home, "href=\"2022-05/index.html\""));
  BOOST_TEST(has(home, "href=\"units/lingang.html\""));
  BOOST_TEST(has(home, "href=\"archive/index.html\""));

  const std::string& month = page(out, "2022-05/index.html");
  BOOST_TEST(has(month, "2022年5月信用监测月报"));
  BOOST_TEST(has(month, "草稿（未发布）"));  // no `published` in May
  BOOST_TEST(has(month, "87.25"));
  BOOST_TEST(has(month, "↑1"));      // lingang: 2nd in April, 1st in May
  BOOST_TEST(has(month, "+27.25"));  // 87.2513 − 60
  BOOST_TEST(has(month, "<svg"));
  BOOST_TEST(has(month, "<title id=\"chart-bars\">2022年5月各单位得分</title>"));
  BOOST_TEST(has(month, "荷花路街道办事处"));  // 未报送
  BOOST_TEST(has(month, "内容与信用工作无关"));  // rejected with reason
  BOOST_TEST(has(month, "12.5"));               // late hours
  BOOST_TEST(has(month, "缺报"));
  BOOST_TEST(has(month, "每月至少报送 1 篇信用动态"));
  BOOST_TEST(has(month, "<th scope=\"col\""));
  BOOST_TEST(!has(page(out, "2022-04/index.html"), "草稿（未发布）"));
  // April's sealed bundle is named with its size and hash, and not linked:
  // no bundles_url, and bundles are never part of the site.
  const std::string& april = page(out, "2022-04/index.html");
  BOOST_TEST(has(april, "证据包 2022-04.zip（22 字节，22 字节）含未打码的个人信息，不在本站公开"));
  BOOST_TEST(!has(april, "download=\"jinan-licheng-2022-04.zip\""));
  BOOST_TEST(has(april, "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"));
  BOOST_TEST(has(april, "2022年5月6日发布"));

  const std::string& unit = page(out, "2022-05/units/lingang.html");
  BOOST_TEST(has(unit, "87.25"));
  BOOST_TEST(has(unit, "第 1 名 / 共 3 个单位"));
  BOOST_TEST(has(unit, "6 × 3 ÷ 3 = 6.00"));
  BOOST_TEST(has(unit, "最高的得满分，其他的按比例计分"));
  BOOST_TEST(has(unit, "href=\"../items/lingang/news/a.html\""));
  BOOST_TEST(has(unit, "已采纳"));
  BOOST_TEST(has(unit, "../evidence/lingang/files/plan.pdf"));
  const std::string& shenpiju = page(out, "2022-05/units/shenpiju.html");
  BOOST_TEST(has(shenpiju, "已退回"));
  BOOST_TEST(has(shenpiju, "内容与信用工作无关"));
  BOOST_TEST(has(page(out, "2022-05/units/jiedao.html"), "已逾期"));

  const std::string& ind = page(out, "2022-05/indicators/1.1.html");
  BOOST_TEST(has(ind, "每出台一份信用制度文件得 1 分，最高 6 分"));
  BOOST_TEST(ind.find("临港开发区") < ind.find("区行政审批服务局"));  // sorted by points
  BOOST_TEST(has(page(out, "2022-05/indicators/2.1.html"), "双公示合规率"));

  const std::string& item = page(out, "2022-05/items/lingang/news/a.html");
  BOOST_TEST(has(item, "临港开发区召开信用工作会议&lt;script&gt;"));
  BOOST_TEST(has(item, "alt=\"会议现场照片\""));
  const std::string& campaign = page(out, "2022-05/items/lingang/campaigns/c1.html");
  BOOST_TEST(has(campaign, "洪家楼商圈"));
  BOOST_TEST(has(campaign, "待审核"));
  BOOST_TEST(has(campaign, "alt=\"现场\""));  // no alt in the body: the file name
  BOOST_TEST(!out.files.count("2022-05/items/shenpiju/news/b.html") == false);

  const std::string& problems = page(out, "2022-05/problems.html");
  BOOST_TEST(has(problems, "content/2022-05/lingang/news/a.md:9:6"));
  BOOST_TEST(has(problems, "dangling-review"));
  BOOST_TEST(problems.find("临港开发区") != std::string::npos);

  BOOST_TEST(has(page(out, "2022-05/scores.json"), "\"month\": \"2022-05\""));
  BOOST_TEST(out.files.count("2022-05/scores.csv") == 1u);
  const std::string& history = page(out, "units/lingang.html");
  BOOST_TEST(has(history, "<svg"));
  BOOST_TEST(has(history, "第 2 名"));
  BOOST_TEST(has(history, "第 1 名"));
  const std::string& archive = page(out, "archive/index.html");
  BOOST_TEST(has(archive, "<td>2022-04.zip</td>"));
  BOOST_TEST(has(archive, "<td>2022-05-06</td><td>区信用办</td>"));
  BOOST_TEST(has(archive, "不在本站公开"));
  BOOST_TEST(out.copies.count("archive/2022-04.zip") == 0u);
  BOOST_TEST(out.files.count("assets/site.css") == 1u);
  BOOST_TEST(out.files.count("assets/print.css") == 1u);

  // Evidence: attachments published, text masked on copy, no item sources.
  BOOST_TEST(out.copies.count("2022-05/evidence/lingang/files/现场.jpg") == 1u);
  BOOST_TEST(out.copies.at("2022-05/evidence/shenpiju/files/名单.txt").mask_pii);
  for (const auto& [path, copy] : out.copies) {
    BOOST_TEST(!path.ends_with(".md"));
    BOOST_TEST(!path.ends_with(".yaml"));
  }
}

// The search page names the index's parts for search.js to load one by one:
// units and rows first, then every month, newest first.
BOOST_AUTO_TEST_CASE(the_search_page_names_the_index_parts_newest_month_first) {
  testing::SiteFixture f;
  const OutputSet out = render_site(f.input());
  std::string expected = "assets/search-index.js";
  const auto& months = f.input().content.months;
  BOOST_TEST_REQUIRE(months.size() >= 2u);
  for (auto it = months.rbegin(); it != months.rend(); ++it) {
    expected += " assets/search-index-" + it->month.str() + ".js";
    BOOST_TEST(out.files.count("assets/search-index-" + it->month.str() + ".js") == 1u);
  }
  const std::string& page = out.files.at("search.html");
  BOOST_TEST(has(page, "id=\"search-page\" data-index-parts=\"" + expected + "\""), expected);
  BOOST_TEST(!has(page, "search-index.js\" defer"));  // not loaded with the page itself
}

BOOST_AUTO_TEST_CASE(every_page_is_safe_and_private) {
  testing::SiteFixture f;
  const OutputSet out = render_site(f.input());
  for (const auto& [path, html] : out.files) {
    if (!is_html(path)) continue;
    BOOST_TEST_CONTEXT(path) {
      BOOST_TEST(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
      BOOST_TEST(has(html, "<meta charset=\"utf-8\">"));
      BOOST_TEST(has(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src "
                           "'self'; object-src 'none'; base-uri 'none'; form-action 'none'\">"));
      // The only scripts are our external assets, site.js and search.js
      // (which loads the search index's parts itself).
      static const std::regex script(R"(<script(?! src="(\.\./)*assets/(site|search)\.js" defer></script>))");
      BOOST_TEST(!std::regex_search(html, script));
      BOOST_TEST(!has(html, "onerror"));
      BOOST_TEST(!has(html, " style="));
      BOOST_TEST(!has(html, "javascript:"));
      BOOST_TEST(!has(html, "data:"));
      BOOST_TEST(!has(html, "<img src=\"x\""));
      BOOST_TEST(!has(html, "13812345678"));
      BOOST_TEST(!has(html, "370102199003071238"));
      BOOST_TEST(!has(html, "http://"));
      BOOST_TEST(!has(html, "https://"));
    }
  }
  const std::string& item = out.files.at("2022-05/items/lingang/news/a.html");
  BOOST_TEST(has(item, "138****5678"));
  BOOST_TEST(has(item, "370102********1238"));
  BOOST_TEST(has(item, "张三 138****5678"));  // a front-matter field
  BOOST_TEST(has(item, "点击领奖"));          // the dropped link's text stays
  // Text evidence is masked by the writer (tests/publish checks the bytes).
  BOOST_TEST(out.copies.at("2022-05/evidence/shenpiju/files/名单.txt").mask_pii);
}

BOOST_AUTO_TEST_CASE(every_link_resolves) {
  testing::SiteFixture f;
  const OutputSet out = render_site(f.input());
  size_t checked = 0;
  for (const auto& [path, html] : out.files) {
    if (!is_html(path)) continue;
    for (const std::string& href : links_in(html)) {
      if (href.starts_with("#")) continue;
      BOOST_TEST_CONTEXT(path << " → " << href) {
        BOOST_TEST(!href.empty());
        BOOST_TEST(!has(href, "://"));
        BOOST_TEST(!href.starts_with("/"));
        const std::string target = resolve(path, href);
        BOOST_TEST(out.contains(target));
        ++checked;
      }
    }
  }
  BOOST_TEST(checked > 100u);
}

BOOST_AUTO_TEST_CASE(bundle_mode_is_self_contained) {
  testing::SiteFixture f;
  const OutputSet out = render_month_report(f.input(), {2022, 4});
  BOOST_TEST(out.files.count("index.html") == 1u);
  BOOST_TEST(out.files.count("units/lingang.html") == 1u);
  BOOST_TEST(out.files.count("indicators/1.1.html") == 1u);
  BOOST_TEST(out.files.count("assets/site.css") == 1u);
  BOOST_TEST(!out.files.count("problems.html"));

  const OutputSet may = render_month_report(f.input(), {2022, 5});
  BOOST_TEST(may.files.count("items/lingang/news/a.html") == 1u);
  BOOST_TEST(may.copies.empty());  // evidence stays in the bag's data/content/
  for (const OutputSet* o : {&out, &may})
    for (const auto& [path, html] : o->files) {
      if (!is_html(path)) continue;
      BOOST_TEST_CONTEXT(path) {
        BOOST_TEST(!has(html, "download="));
        BOOST_TEST(!has(html, "SHA-256"));
        BOOST_TEST(!has(html, "creditgen 0.1.0"));
        BOOST_TEST(!has(html, "archive/"));
        BOOST_TEST(!has(html, "2022-03"));
        for (const std::string& href : links_in(html)) {
          if (href.starts_with("#")) continue;
          const std::string target = resolve(path, href);
          if (target.empty()) {
            // Only evidence leaves the report: into the bag's data/content/<month>/.
            BOOST_TEST((href.starts_with("../") && has(href, "content/2022-05/")), href);
          } else {
            BOOST_TEST(o->contains(target), href);
          }
        }
      }
    }
  BOOST_TEST(has(may.files.at("items/lingang/news/a.html"), "src=\"../../../../content/2022-05/lingang/files/"));
}

BOOST_AUTO_TEST_CASE(parallel_rendering_gives_the_same_bytes) {
  testing::SiteFixture f;
  const OutputSet one = render_site(f.input());
  SiteInput in = f.input();
  in.jobs = 4;
  const OutputSet four = render_site(in);
  BOOST_TEST((one.files == four.files));
  BOOST_TEST(one.copies.size() == four.copies.size());
}

BOOST_AUTO_TEST_CASE(a_months_pages_declare_everything_they_show_as_inputs) {
  testing::SiteFixture f;
  const YearMonth may{2022, 5}, april{2022, 4};
  SiteInput in = f.input();
  BOOST_TEST(!month_page_inputs(in, may).known());  // the month's inputs unknown: always rendered
  in.month_input_digests = {{april, "a"}, {may, "m"}};
  const Inputs base = month_page_inputs(in, may);
  BOOST_TEST(base.known());
  BOOST_TEST(!why_stale(base, month_page_inputs(in, may)).stale);
  BOOST_TEST(why_stale(base, month_page_inputs(in, april)).stale);
  BOOST_TEST(!month_page_inputs(in, {2022, 7}).known());  // no such month

  // Each input on its own makes the pages stale, and is named as the reason.
  auto changed = [&](auto&& change) {
    testing::SiteFixture g;
    SiteInput other = g.input();
    other.month_input_digests = in.month_input_digests;
    change(g, other);
    return why_stale(base, month_page_inputs(other, may)).why;
  };
  BOOST_TEST(changed([](auto&, SiteInput& o) { o.month_input_digests[{2022, 5}] = "m2"; }) == "已修改：2022-05 的材料");
  // Scores read earlier months.
  BOOST_TEST(changed([](auto&, SiteInput& o) { o.month_input_digests[{2022, 4}] = "a2"; }) == "已修改：2022-04 的材料");
  BOOST_TEST(changed([](auto&, SiteInput& o) { o.month_input_digests[{2022, 4}] = ""; }).starts_with("2022-04 的材料 刚被修改"));
  BOOST_TEST(changed([](auto&, SiteInput& o) { o.version = "creditgen 0.2.0"; }) == "已修改：页脚版本");
  BOOST_TEST(changed([](testing::SiteFixture& g, auto&) { g.templates.begin()->second += " "; }) == "已修改：模板");
  BOOST_TEST(changed([](testing::SiteFixture& g, auto&) { g.assets.begin()->second += " "; }) == "已修改：样式与资源文件");
  BOOST_TEST(changed([](testing::SiteFixture& g, auto&) { g.scores[1].units[0].score += 0.01; }) == "已修改：2022-05 的得分");
  BOOST_TEST(changed([](testing::SiteFixture& g, auto&) { g.scores[0].units[0].score += 0.01; }) ==
             "已修改：2022-04 的得分");  // the previous month
  BOOST_TEST(changed([](testing::SiteFixture& g, auto&) { g.diagnostics.pop_back(); }) == "已修改：诊断信息");
  BOOST_TEST(changed([](testing::SiteFixture& g, auto&) {
               BundleLink b = g.bundles.front();
               b.month = {2022, 5};
               b.file_name = "2022-05.draft.zip";
               b.revision = "draft";
               g.bundles.push_back(b);
             }) == "已修改：证据包链接");
  BOOST_TEST(changed([](auto&, SiteInput& o) { o.correction_previews[{2022, 5}] = "与已发布的相比：…"; }) ==
             "已修改：更正预览");
  BOOST_TEST(changed([](auto&, SiteInput& o) { o.month_folders[{2022, 5}] = "/cache/published/x"; }) ==
             "已修改：佐证材料的来源");
  // …and what the month's pages do not show does not.
  BOOST_TEST(changed([](auto&, SiteInput& o) { o.correction_previews[{2022, 4}] = "与已发布的相比：…"; }) == "");
  BOOST_TEST(changed([](auto&, SiteInput& o) { o.month_input_digests[{2022, 6}] = "later"; }) == "");
  BOOST_TEST(changed([](auto&, SiteInput& o) { o.jobs = 4; }) == "");
  BOOST_TEST(changed([](testing::SiteFixture& g, auto&) { g.bundles.front().size += 1; }) == "");  // April's bundle
}

// A sink that keeps May as it has it: none of May's files are handed over,
// every other file is, and the rendered groups are reported with their paths.
BOOST_AUTO_TEST_CASE(a_reused_month_is_not_rendered_again) {
  testing::SiteFixture f;
  SiteInput in = f.input();
  in.month_input_digests = {{{2022, 4}, "a"}, {{2022, 5}, "m"}};
  const OutputSet all = render_site(in);

  struct KeepMay final : OutputSink {
    std::mutex mutex;
    std::set<std::string> handed;
    std::map<std::string, std::vector<std::string>> groups;
    std::map<std::string, Inputs> asked;
    void file(const std::string& path, std::string) override {
      std::lock_guard lock(mutex);
      handed.insert(path);
    }
    void copy(const std::string& path, FileCopy) override {
      std::lock_guard lock(mutex);
      handed.insert(path);
    }
    Staleness reuse_group(const std::string& group, const Inputs& inputs) override {
      std::lock_guard lock(mutex);
      asked[group] = inputs;
      return {group != "2022-05", "test"};
    }
    void end_group(const std::string& group, const Inputs&, std::vector<std::string> paths) override {
      std::lock_guard lock(mutex);
      groups[group] = std::move(paths);
    }
  } sink;
  render_site(in, sink);
  BOOST_TEST((sink.asked.at("2022-05") == month_page_inputs(in, {2022, 5})));
  BOOST_TEST(sink.asked.size() == 2u);  // the two months
  BOOST_TEST(!sink.groups.count("2022-05"));
  BOOST_TEST(sink.groups.count("2022-04") == 1u);
  BOOST_TEST(sink.groups.size() == 1u);
  // April's part of the search index goes with April's pages; May's is kept.
  const auto& april = sink.groups.at("2022-04");
  BOOST_TEST(std::count(april.begin(), april.end(), "assets/search-index-2022-04.js") == 1);
  BOOST_TEST(!sink.handed.count("assets/search-index-2022-05.js"));
  BOOST_TEST(sink.handed.count("assets/search-index.js") == 1u);  // units and rows: always made
  size_t may_files = 0;
  for (const auto& [path, bytes] : all.files) {
    if (path.starts_with("2022-05/") || path == "assets/search-index-2022-05.js") {
      ++may_files;
      BOOST_TEST(!sink.handed.count(path), path);
    } else {
      BOOST_TEST(sink.handed.count(path) == 1u, path);
    }
  }
  BOOST_TEST(may_files > 5u);
  for (const std::string& path : sink.groups.at("2022-04")) {
    BOOST_TEST((path.starts_with("2022-04/") || path == "assets/search-index-2022-04.js"), path);
    BOOST_TEST(all.contains(path), path);
  }
}

BOOST_AUTO_TEST_CASE(hrefs_are_relative_and_encoded) {
  BOOST_TEST(relative_href("2022-05/items/u/news/a.html", "2022-05/evidence/u/files/a b#1.jpg") ==
             "../../../evidence/u/files/a%20b%231.jpg");
  BOOST_TEST(relative_href("2022-05/units/u.html", "2022-05/units/v.html") == "v.html");
  BOOST_TEST(relative_href("units/u.html", "../content/2022-05/u/a.jpg") == "../../content/2022-05/u/a.jpg");
  BOOST_TEST(relative_href("2022-05/index.html", "2022-05/index.html") == "index.html");
  BOOST_TEST(relative_href("index.html", "units/u.html") == "units/u.html");
  BOOST_TEST(escape_html("<a href=\"x\">'&") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;");
}

// Bundles are linked where site.yaml's bundles_url says; a corrected month
// says so at the top and the archive lists every version with its reason.
BOOST_AUTO_TEST_CASE(bundles_are_linked_from_bundles_url_and_corrections_are_shown) {
  testing::SiteFixture f;
  f.content.site.bundles_url = "../证据包/";
  BundleLink r2 = f.bundles.front();
  r2.file_name = "2022-04.r2.zip";
  r2.download_name = "jinan-licheng-2022-04.r2.zip";
  r2.revision = "2";
  r2.bagging_date = "2022-06-20";
  r2.published_by = "张三";
  r2.reason = "补录漏报的信用承诺台账";
  f.bundles.push_back(r2);
  const OutputSet out = render_site(f.input());
  const std::string& april = page(out, "2022-04/index.html");
  BOOST_TEST(has(april, "本月报已于 2022-06-20 修订（第 2 版）</strong>：补录漏报的信用承诺台账。原月报于 2022-05-06 发布"));
  BOOST_TEST(has(april, "href=\"../../%E8%AF%81%E6%8D%AE%E5%8C%85/2022-04.r2.zip\" download=\"jinan-licheng-2022-04.r2.zip\""));
  BOOST_TEST(!has(page(out, "2022-05/index.html"), "修订（第"));
  const std::string& archive = page(out, "archive/index.html");
  BOOST_TEST(has(archive, "<td>2022-06-20</td><td>张三</td><td>补录漏报的信用承诺台账</td>"));
  BOOST_TEST(has(archive, "href=\"../../%E8%AF%81%E6%8D%AE%E5%8C%85/2022-04.zip\""));
  BOOST_TEST(!has(archive, "不在本站公开"));
}

BOOST_AUTO_TEST_SUITE_END()
