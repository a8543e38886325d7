#include "render/search_index.h"

#include <boost/test/unit_test.hpp>

#include "render/site_fixture.h"

using namespace creditgen::render;

BOOST_AUTO_TEST_SUITE(search_index)

BOOST_AUTO_TEST_CASE(terms_are_cjk_bigrams_and_ascii_words) {
  auto t = search_terms("信用承诺 ABC-12 培");
  std::vector<std::string> expected = {"信用", "用承", "承诺", "abc", "12", "培"};
  BOOST_TEST(t == expected, boost::test_tools::per_element());
  // Full-width letters and digits fold to ASCII (NFKC); punctuation splits runs.
  auto w = search_terms("历城行审发〔２０２２〕２号");
  std::vector<std::string> expected_w = {"历城", "城行", "行审", "审发", "2022", "2", "号"};
  BOOST_TEST(w == expected_w, boost::test_tools::per_element());
  // Repeats appear once.
  BOOST_TEST(search_terms("信用信用").size() == 2u);  // 信用 用信 (信用 again)
}

BOOST_AUTO_TEST_CASE(docs_cover_items_entries_units_and_rows_with_status) {
  testing::SiteFixture f;
  auto docs = collect_search_docs(f.input());
  auto find = [&](const std::string& title) -> const SearchDoc* {
    for (auto& d : docs)
      if (d.title.find(title) != std::string::npos) return &d;
    return nullptr;
  };
  const SearchDoc* rejected = find("审批局周例会");
  BOOST_REQUIRE(rejected);
  BOOST_TEST(rejected->status == "已退回");
  BOOST_TEST(rejected->kind == "信用动态");
  BOOST_TEST(rejected->path == "2022-05/items/shenpiju/news/b.html");
  BOOST_TEST(rejected->month == "2022-05");
  BOOST_TEST(rejected->unit == "区行政审批服务局");
  const SearchDoc* unit = find("荷花路街道办事处");
  BOOST_REQUIRE(unit);
  BOOST_TEST(unit->kind == "单位");
  BOOST_TEST(unit->path == "units/jiedao.html");
  BOOST_TEST(find("落实信用状况监测工作实施方案") != nullptr);
}

BOOST_AUTO_TEST_CASE(the_parts_are_the_months_and_the_site) {
  testing::SiteFixture f;
  const SiteInput in = f.input();
  std::vector<SearchDoc> parts;
  for (const auto& m : in.content.months) {
    auto month = collect_month_docs(in, Paths{}, m.month);
    for (const auto& d : month) BOOST_TEST(d.month == m.month.str());
    parts.insert(parts.end(), month.begin(), month.end());
  }
  BOOST_TEST(parts.size() > 3u);
  auto site = collect_site_docs(in);
  BOOST_TEST(site.size() > 3u);
  for (const auto& d : site) BOOST_TEST((d.kind == "单位" || d.kind == "评分细则"), d.kind);
  parts.insert(parts.end(), site.begin(), site.end());
  const auto whole = collect_search_docs(in);
  BOOST_TEST_REQUIRE(parts.size() == whole.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    BOOST_TEST(parts[i].title == whole[i].title);
    BOOST_TEST(parts[i].path == whole[i].path);
  }
}

BOOST_AUTO_TEST_CASE(script_is_plain_javascript_with_delta_postings) {
  std::vector<SearchDoc> docs = {{"信用承诺培训", "a.html", "2022-05", "临港开发区", "信用动态", "已采纳", "正文</script>"},
                                 {"诚信宣传", "b.html", "2022-05", "临港开发区", "诚信宣传活动", "", "信用"}};
  auto js = search_index_script(docs);
  BOOST_TEST(js.rfind("/* creditgen search index", 0) == 0u);
  BOOST_TEST(js.find("\n(window.CREDITGEN_SEARCH=window.CREDITGEN_SEARCH||[]).push({\"docs\":[") != std::string::npos);
  BOOST_TEST(js.ends_with("}});\n"));
  BOOST_TEST(js.find("</script>") == std::string::npos);  // '<' is escaped
  BOOST_TEST(js.find("\"信用\":\"0,1\"") != std::string::npos, js);  // docs 0 and 1: deltas 0, 1
  BOOST_TEST(js.find("\"诚信\":\"1\"") != std::string::npos, js);
  BOOST_TEST(js.find("\"2022\":\"0,1\"") != std::string::npos, js);
}

BOOST_AUTO_TEST_SUITE_END()
