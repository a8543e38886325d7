// base/inputs.h: the one answer to "is this output up to date, and why not".
#include <boost/test/unit_test.hpp>

#include "base/explain.h"
#include "base/inputs.h"

using namespace creditgen;

BOOST_AUTO_TEST_SUITE(inputs)

BOOST_AUTO_TEST_CASE(a_list_reads_back_as_it_was_written) {
  Inputs in;
  in.add("file:site.yaml", "stamp 1").add("rulebook:rules/2022 01;=%.yaml", "digest").add("month:2022-05", "");
  const std::string line = in.serialize();
  BOOST_TEST(line.find(' ') == std::string::npos);
  BOOST_TEST(line.find('\t') == std::string::npos);
  const auto back = Inputs::parse(line);
  BOOST_TEST_REQUIRE(back.has_value());
  BOOST_TEST((*back == in));
  BOOST_TEST(back->list()[1].name == "rulebook:rules/2022 01;=%.yaml");
  BOOST_TEST(back->digest() == in.digest());
  BOOST_TEST(in.digest().size() == 64u);
  // Damaged lines are refused whole.
  BOOST_TEST(!Inputs::parse("").has_value());
  BOOST_TEST(!Inputs::parse(line.substr(0, line.size() - 1)).has_value());
  BOOST_TEST(!Inputs::parse("name").has_value());
  BOOST_TEST(!Inputs::parse("%G1=" + std::string(32, 'a')).has_value());
  BOOST_TEST(!Inputs::parse("%4=" + std::string(32, 'a')).has_value());
  BOOST_TEST(Inputs::parse(Inputs().serialize()).has_value());  // an output made from nothing
}

BOOST_AUTO_TEST_CASE(why_stale_names_what_changed_was_added_and_went) {
  Inputs then;
  then.add("file:site.yaml", "1").add("month:2022-04", "a").add("templates", "t");
  Inputs now;
  now.add("file:site.yaml", "2").add("templates", "t").add("scores:2022-05", "s");
  BOOST_TEST(!why_stale(then, then).stale);
  BOOST_TEST(why_stale(then, then).why == "");
  const Staleness s = why_stale(then, now);
  BOOST_TEST(s.stale);
  BOOST_TEST(s.why == "已修改：site.yaml；新增：2022-05 的得分；不再使用：2022-04 的材料");
  BOOST_TEST(why_stale(std::nullopt, now).why == "上次没有记录（首次生成，或记录已丢失）");
  // Unknown now: never fresh, even against the same list.
  Inputs unsure = then;
  unsure.unknown("month-files:2022-05");
  BOOST_TEST(!unsure.known());
  BOOST_TEST(unsure.serialize() == "");
  BOOST_TEST(unsure.digest() == "");
  BOOST_TEST(why_stale(then, unsure).why == "2022-05/ 中的文件 刚被修改（两秒内）或无法读取，不能确认未变");
  // The same inputs in another order are other inputs (the list is the declaration).
  Inputs reordered;
  reordered.add("month:2022-04", "a").add("file:site.yaml", "1").add("templates", "t");
  BOOST_TEST(why_stale(then, reordered).why == "输入的顺序不同");
}

BOOST_AUTO_TEST_CASE(every_input_id_has_a_chinese_label) {
  for (const char* id : {"program", "content-folder", "templates", "assets", "version", "diagnostics", "bundle",
                         "prior-bundles", "bag-scores", "preview", "evidence-folder"})
    BOOST_TEST(input_label(id) != id, id);
  BOOST_TEST(input_label("file:units.yaml") == "units.yaml");
  BOOST_TEST(input_label("rulebook:rules/2022-01.yaml") == "指标规则 rules/2022-01.yaml");
  BOOST_TEST(input_label("month-files:2022-05") == "2022-05/ 中的文件");
  BOOST_TEST(input_label("month:2022-05") == "2022-05 的材料");
  BOOST_TEST(input_label("scores:2022-05") == "2022-05 的得分");
}

BOOST_AUTO_TEST_CASE(the_explain_log_is_sorted_and_says_when_nothing_was_redone) {
  ExplainLog log;
  BOOST_TEST(log.text() == "重做说明：没有需要重做的内容，所有输出都与输入相符。\n");
  log.redone("页面 2022-05", "已修改：模板");
  log.redone("读取 2022-05", "已修改：2022-05/ 中的文件");
  BOOST_TEST(log.text() ==
             "重做说明（2 项）：\n  重做 读取 2022-05：已修改：2022-05/ 中的文件\n  重做 页面 2022-05：已修改：模板\n");
}

BOOST_AUTO_TEST_SUITE_END()
