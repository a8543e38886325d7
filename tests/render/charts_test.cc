#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

#include "render/charts.h"
#include "render/templates.h"

using namespace creditgen::render;

namespace {
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_SUITE(charts)

BOOST_AUTO_TEST_CASE(bar_chart_is_labelled_and_scaled) {
  const std::string svg = bar_chart_svg("5月得分<b>", {{"临港开发区", 87.2513}, {"A&B", 50}}, 100);
  BOOST_TEST(svg.starts_with("<svg class=\"chart\""));
  BOOST_TEST(has(svg, "role=\"img\""));
  BOOST_TEST(has(svg, "<title id=\"chart-bars\">5月得分&lt;b&gt;</title>"));
  BOOST_TEST(has(svg, ">临港开发区</text>"));
  BOOST_TEST(has(svg, ">A&amp;B</text>"));
  BOOST_TEST(has(svg, ">87.25</text>"));
  // Bars are 420 units wide at the maximum: 87.2513 % → 366.5, 50 % → 210.
  BOOST_TEST(has(svg, "width=\"366.5\""));
  BOOST_TEST(has(svg, "width=\"210\""));
  BOOST_TEST(!has(svg, "style="));
}

BOOST_AUTO_TEST_CASE(line_chart_breaks_at_unscored_months) {
  const std::string svg =
      line_chart_svg("历月得分", {{"2022-03", 60, 2}, {"2022-04", std::nullopt, std::nullopt}, {"2022-05", 80, 1}}, 100);
  BOOST_TEST(has(svg, "<title id=\"chart-history\">历月得分</title>"));
  BOOST_TEST(has(svg, "第 2 名"));
  BOOST_TEST(has(svg, "第 1 名"));
  BOOST_TEST(has(svg, ">2022-04</text>"));
  // Two separate segments (each a lone point): two "M" moves, no "L".
  BOOST_TEST(has(svg, "d=\"M40 96 M200 60\""));
}

// Every label stays inside the picture, whatever its length: the month
// labels under the first and last points and a long unit name left of its bar.
BOOST_AUTO_TEST_CASE(labels_stay_inside_the_picture) {
  auto view_width = [](const std::string& svg) {
    const size_t at = svg.find("viewBox=\"0 0 ") + 13;
    return std::stod(svg.substr(at, svg.find(' ', at) - at));
  };
  // The x of the text element whose content is `label`.
  auto x_of = [](const std::string& svg, const std::string& label) {
    const size_t end = svg.find(">" + label + "</text>");
    BOOST_TEST_REQUIRE(end != std::string::npos, label);
    const size_t at = svg.rfind(" x=\"", end) + 4;
    return std::stod(svg.substr(at, svg.find('"', at) - at));
  };
  const std::string line = line_chart_svg(
      "历月得分", {{"2022年11月", 60, 2}, {"2022年12月", 70, 1}, {"2023年1月", 80, 1}, {"2023年12月", 90, 1}}, 100);
  const double half = (2 * 12 + 6 * 6.6) / 2.0;  // "2023年12月": 2 CJK characters (1 em) and 6 digits (0.55 em) at 12 px
  BOOST_TEST(x_of(line, "2022年11月") - half >= 0);
  BOOST_TEST(x_of(line, "2023年12月") + half <= view_width(line));
  const std::string name = "历城区社会信用体系建设工作领导小组办公室";
  const std::string bars = bar_chart_svg("得分", {{name, 50}, {"短名", 40}}, 100);
  BOOST_TEST(x_of(bars, name) - 20 * 12 >= 0);  // right-aligned at x: its width must fit before it
}

BOOST_AUTO_TEST_CASE(templates_render_with_layout_and_partials) {
  Templates t = {{"layout", "<html>{{> part}}|{{{body}}}</html>"}, {"part", "[{{title}}]"}, {"page", "<p>{{title}}</p>"}};
  kainjow::mustache::data d;
  d.set("title", "<script>");
  BOOST_TEST(render_page(t, "page", d) == "<html>[&lt;script&gt;]|<p>&lt;script&gt;</p></html>");
  BOOST_CHECK_THROW(render_page(t, "missing", d), std::runtime_error);
  Templates broken = {{"layout", "{{{body}}}"}, {"page", "{{#open}}"}};
  BOOST_CHECK_THROW(render_page(broken, "page", d), std::runtime_error);
  // Partials are expanded when parsing: a field named like one cannot hide it.
  kainjow::mustache::data clash;
  clash.set("part", "x");
  clash.set("title", "t");
  BOOST_TEST(render_page(t, "page", clash) == "<html>[t]|<p>t</p></html>");
  // Partials may include partials; a cycle is a broken templates/ folder.
  Templates nested = {{"layout", "{{{body}}}"}, {"page", "<{{> a}}>"}, {"a", "a{{> b}}"}, {"b", "b"}};
  BOOST_TEST(render_page(nested, "page", d) == "<ab>");
  Templates cycle = {{"layout", "{{{body}}}"}, {"page", "{{> a}}"}, {"a", "{{> page}}"}};
  BOOST_CHECK_THROW(render_page(cycle, "page", d), std::runtime_error);
  BOOST_TEST(templates_from({{"a.mustache", "A"}, {"b.txt", "B"}}).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
