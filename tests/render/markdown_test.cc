#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>
#include <vector>

#include "render/markdown.h"

using namespace creditgen::render;

namespace {
bool has(const std::string& html, const std::string& s) { return html.find(s) != std::string::npos; }

MarkdownOptions files_to_evidence() {
  MarkdownOptions o;
  o.resolve_relative = [](const std::string& p) -> std::optional<std::string> {
    if (p == "files/培训现场.jpg" || p == "files/a.pdf" || p == "files/%FF.pdf") return "../../../evidence/shenpiju/" + p;
    return std::nullopt;
  };
  return o;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(markdown)

BOOST_AUTO_TEST_CASE(url_schemes) {
  BOOST_TEST(url_allowed("files/a.jpg"));
  BOOST_TEST(url_allowed("http://www.jinan.gov.cn/"));
  BOOST_TEST(url_allowed("HTTPS://x.cn"));
  BOOST_TEST(url_allowed("mailto:xyb@example.cn"));
  BOOST_TEST(!url_allowed("javascript:alert(1)"));
  BOOST_TEST(!url_allowed("JavaScript:alert(1)"));
  BOOST_TEST(!url_allowed("java\tscript:alert(1)"));
  BOOST_TEST(!url_allowed(" javascript:alert(1)"));
  BOOST_TEST(!url_allowed("data:image/png;base64,AAAA"));
  BOOST_TEST(!url_allowed("vbscript:msgbox"));
  BOOST_TEST(!url_allowed("file:///etc/passwd"));
  BOOST_TEST(!url_allowed("//evil.example/x.png"));
  BOOST_TEST(!url_allowed("/\\evil.example/x.png"));
  BOOST_TEST(url_is_relative("a/b:c"));  // ':' after the first '/' is no scheme
  BOOST_TEST(!url_is_relative("http://x"));
}

BOOST_AUTO_TEST_CASE(gfm_extensions) {
  const auto r = render_markdown("| 项目 | 数量 |\n| --- | ---: |\n| 培训 | 3 |\n\n~~删除~~\n\n- [x] 完成\n\nwww.jinan.gov.cn\n");
  BOOST_TEST(has(r.html, "<table>"));
  BOOST_TEST(has(r.html, "<del>删除</del>"));
  BOOST_TEST(has(r.html, "type=\"checkbox\""));
  BOOST_TEST(has(r.html, "<a href=\"http://www.jinan.gov.cn\">"));
  BOOST_TEST(!has(r.html, "style="));
}

BOOST_AUTO_TEST_CASE(raw_html_and_bad_urls_are_removed) {
  const auto r = render_markdown(
      "正文<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
      "[点我](javascript:alert(1)) [图](data:text/html;base64,PHNjcmlwdD4=)\n\n"
      "![像素](data:image/png;base64,iVBORw0KGgo=)\n\n[外链](https://www.creditchina.gov.cn/)\n");
  BOOST_TEST(!has(r.html, "<script"));
  BOOST_TEST(!has(r.html, "onerror"));
  BOOST_TEST(!has(r.html, "<img"));
  BOOST_TEST(!has(r.html, "javascript:"));
  BOOST_TEST(!has(r.html, "data:"));
  BOOST_TEST(has(r.html, "点我"));  // link text kept
  BOOST_TEST(has(r.html, "像素"));  // alt text kept
  BOOST_TEST(has(r.html, "<a href=\"https://www.creditchina.gov.cn/\">外链</a>"));
}

BOOST_AUTO_TEST_CASE(relative_images_point_at_evidence) {
  const auto r = render_markdown("![培训现场](files/培训现场.jpg) ![无](files/missing.jpg) [方案](./files/a.pdf)",
                                 files_to_evidence());
  BOOST_TEST(has(r.html, "<img src=\"../../../evidence/shenpiju/files/%E5%9F%B9%E8%AE%AD%E7%8E%B0%E5%9C%BA.jpg\" "
                         "alt=\"培训现场\""));
  BOOST_TEST(has(r.html, "<a href=\"../../../evidence/shenpiju/files/a.pdf\">方案</a>"));
  BOOST_TEST(!has(r.html, "missing.jpg"));  // nothing published there: text only
  BOOST_TEST(has(r.html, "无"));
  BOOST_TEST_REQUIRE(r.image_alts.count("files/培训现场.jpg") == 1u);
  BOOST_TEST(r.image_alts.at("files/培训现场.jpg") == "培训现场");
  // Decoded as loading decoded it when it checked the file: an escape that
  // is not UTF-8 names the file as written (base/text.h percent_decode).
  BOOST_TEST(has(render_markdown("[扫描件](files/%FF.pdf)", files_to_evidence()).html, "evidence/shenpiju/files/"));
  // Without a resolver no relative link survives.
  BOOST_TEST(!has(render_markdown("[方案](files/a.pdf)").html, "href"));
}

BOOST_AUTO_TEST_CASE(external_image_becomes_link) {
  const auto r = render_markdown("![现场](https://example.cn/a.jpg)");
  BOOST_TEST(!has(r.html, "<img"));
  BOOST_TEST(has(r.html, "<a href=\"https://example.cn/a.jpg\">现场</a>"));
}

BOOST_AUTO_TEST_CASE(pii_masked_in_text_and_code) {
  const auto r = render_markdown("联系电话13812345678，身份证号`370102199003071238`。\n\n    11010519491231002X\n");
  BOOST_TEST(has(r.html, "138****5678"));
  BOOST_TEST(has(r.html, "<code>370102********1238</code>"));
  BOOST_TEST(has(r.html, "110105********002X"));
  BOOST_TEST(!has(r.html, "13812345678"));
  BOOST_TEST(!has(r.html, "199003071238"));
}

BOOST_AUTO_TEST_CASE(html_in_text_is_escaped) {
  const auto r = render_markdown("a &lt; b <b>粗</b> \"引号\"");
  BOOST_TEST(!has(r.html, "<b>"));
  BOOST_TEST(has(r.html, "&lt;"));
}

// cmark-gfm's strikethrough depends on a global table that freeing a parser
// changes; rendering on several threads must still always see ~~…~~.
BOOST_AUTO_TEST_CASE(strikethrough_survives_threads) {
  std::vector<std::thread> threads;
  std::vector<int> misses(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &misses] {
      for (int i = 0; i < 300; ++i)
        if (!has(render_markdown("~~原定上午~~，改为下午。").html, "<del>原定上午</del>")) ++misses[t];
    });
  for (auto& th : threads) th.join();
  for (int m : misses) BOOST_TEST(m == 0);
}

BOOST_AUTO_TEST_SUITE_END()
