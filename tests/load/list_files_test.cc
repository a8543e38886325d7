#include <boost/test/unit_test.hpp>

#include "items_test_util.h"

using namespace creditgen;
using namespace creditgen::test;

BOOST_AUTO_TEST_SUITE(list_files)

BOOST_AUTO_TEST_CASE(policy_entry_fields_key_and_location) {
  TempUnit u;
  u.write("files/实施方案.pdf", "%PDF");
  u.write("policies.yaml",
          "policies:\n"
          "  - doc_no: 历城行审发〔2022〕2号\n"
          "    title: 落实信用状况监测工作实施方案\n"
          "    issued: 2022-02-28\n"
          "    issuer: 济南市历城区行政审批服务局\n"
          "    status: in_force\n"
          "    file: files/实施方案.pdf\n"
          "  - doc_no: 关于加强信用建设的通知\n"
          "    title: 关于加强信用建设的通知\n"
          "    status: repealed\n"
          "    url: http://example.gov.cn/a.html\n");
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(d.empty(), dump(d));
  BOOST_REQUIRE(um.policies.size() == 2u);
  const auto& p = um.policies[0];
  BOOST_TEST(p.valid);
  BOOST_TEST(p.key == "lingang/policies.yaml#历城行审发〔2022〕2号");
  BOOST_TEST(p.doc_no == "历城行审发〔2022〕2号");
  BOOST_TEST(p.where.file == u.shown("policies.yaml"));
  BOOST_TEST(p.where.line == 2);
  BOOST_TEST(p.issued->str() == "2022-02-28");  // issued may be before the month
  BOOST_TEST(p.file->ok);
  BOOST_TEST((um.policies[1].status == model::PolicyStatus::repealed));
  BOOST_TEST(um.policies[1].where.line == 8);
  BOOST_TEST(um.policies[1].url == "http://example.gov.cn/a.html");
}

BOOST_AUTO_TEST_CASE(later_entry_with_same_normalised_key_is_duplicate) {
  TempUnit u;
  u.write("policies.yaml",
          "policies:\n"
          "  - doc_no: 历城行审发〔2022〕2号\n"
          "    title: 甲\n"
          "    status: in_force\n"
          "    url: http://a\n"
          "  - doc_no: ' 历城行审发〔２０２２〕２号'\n"  // full-width digits, leading space
          "    title: 乙\n"
          "    status: in_force\n"
          "    url: http://b\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "duplicate");
  BOOST_TEST((e.severity == Severity::error));
  BOOST_TEST(e.where.line == 6);
  BOOST_TEST(e.where.column == 13);
  BOOST_TEST(contains(e.message, "第 2 行"));
  BOOST_REQUIRE(um.policies.size() == 2u);
  BOOST_TEST(um.policies[0].valid);
  BOOST_TEST(!um.policies[1].valid);
  BOOST_TEST(um.policies[1].key == um.policies[0].key);
}

BOOST_AUTO_TEST_CASE(policy_needs_file_or_url_and_a_known_status) {
  TempUnit u;
  u.write("policies.yaml",
          "policies:\n"
          "  - doc_no: A1\n"
          "    title: 甲\n"
          "    status: active\n");
  Diagnostics d;
  auto um = u.load(d);
  auto m = only(d, "missing-field");
  BOOST_TEST(m.where.line == 2);
  BOOST_TEST(contains(m.message, "url"));
  auto b = only(d, "bad-value");
  BOOST_TEST(b.where.line == 4);
  BOOST_TEST(b.where.column == 13);
  BOOST_TEST(!um.policies.at(0).valid);
}

BOOST_AUTO_TEST_CASE(yaml_syntax_error_breaks_only_that_file) {
  TempUnit u;
  u.write("policies.yaml", "policies:\n  - doc_no: A1\n    title: [甲\n");
  u.write("scenarios.yaml", "scenarios:\n  - name: 信易批\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "yaml-syntax");
  BOOST_TEST(e.where.file == u.shown("policies.yaml"));
  BOOST_TEST(um.policies.empty());
  BOOST_REQUIRE(um.broken_files.size() == 1u);
  BOOST_TEST(um.broken_files[0] == "policies.yaml");
  BOOST_REQUIRE(um.scenarios.size() == 1u);
  BOOST_TEST(um.scenarios[0].valid);
  BOOST_TEST(um.scenarios[0].key == "lingang/scenarios.yaml#信易批");
}

BOOST_AUTO_TEST_CASE(top_level_must_be_the_named_list) {
  TempUnit u;
  u.write("scenarios.yaml", "- name: 信易批\n");
  u.write("incidents.yaml", "incidents: 无\n");
  u.write("objections.yaml", "objection:\n  - id: 1\n");
  u.write("ledger.yaml", "");  // an empty file lists nothing
  Diagnostics d;
  auto um = u.load(d);
  auto bad = with_code(d, "bad-value");
  BOOST_REQUIRE(bad.size() == 2u);
  BOOST_TEST(bad[0].where.file == u.shown("incidents.yaml"));
  BOOST_TEST(bad[0].where.column == 12);
  BOOST_TEST(bad[1].where.file == u.shown("scenarios.yaml"));
  auto missing = only(d, "missing-field");
  BOOST_TEST(missing.where.file == u.shown("objections.yaml"));
  BOOST_TEST(only(d, "unknown-field").where.file == u.shown("objections.yaml"));
  BOOST_TEST(um.broken_files.size() == 2u);
}

BOOST_AUTO_TEST_CASE(entry_that_is_not_a_mapping) {
  TempUnit u;
  u.write("scenarios.yaml", "scenarios:\n  - 信易批\n  - name: 信易贷\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "bad-value");
  BOOST_TEST(e.where.line == 2);
  BOOST_TEST(e.where.column == 5);
  BOOST_REQUIRE(um.scenarios.size() == 1u);
  BOOST_TEST(um.scenarios[0].name == "信易贷");
}

BOOST_AUTO_TEST_CASE(scenario_without_name_is_missing_field) {
  TempUnit u;
  u.write("scenarios.yaml", "scenarios:\n  - plan: 方案\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "missing-field");
  BOOST_TEST(e.where.line == 2);
  BOOST_TEST(contains(e.message, "name"));
  BOOST_TEST(!um.scenarios.at(0).valid);
}

BOOST_AUTO_TEST_CASE(supervision_industry_range_and_link_or_summary) {
  TempUnit u;
  u.write("supervision.yaml",
          "supervision:\n"
          "  - domain: 汽车维修领域\n"
          "    industry: 21\n"
          "  - domain: 食品领域\n"
          "    industry: 14\n"
          "    summary: 按信用等级分类监管\n"
          "    cases: [\"2022年5月6日，依法依规采取了监管措施\"]\n");
  Diagnostics d;
  auto um = u.load(d);
  auto b = only(d, "bad-value");
  BOOST_TEST(b.where.line == 3);
  BOOST_TEST(b.where.column == 15);
  BOOST_TEST(contains(b.message, "1 到 20"));
  auto m = only(d, "missing-field");
  BOOST_TEST(m.where.line == 2);
  BOOST_TEST(contains(m.message, "summary"));
  BOOST_REQUIRE(um.supervision.size() == 2u);
  BOOST_TEST(!um.supervision[0].valid);
  BOOST_TEST(um.supervision[1].valid);
  BOOST_TEST(um.supervision[1].industry == 14);
  BOOST_TEST(um.supervision[1].cases.size() == 1u);
}

BOOST_AUTO_TEST_CASE(ledger_count_must_match_records_rows) {
  TempUnit u;
  u.write("records/信用承诺.csv",
          "主体名称,统一社会信用代码\n甲公司,91350100M000100Y43\n\n乙公司,91370112MA3C12345M\n,\n丙公司,12370112004197850H\n");
  u.write("records/纳税.csv", "主体名称,统一社会信用代码\n甲公司,91350100M000100Y43\n");
  u.write("ledger.yaml",
          "ledger:\n"
          "  - category: 信用承诺\n"
          "    count: 3\n"
          "    records: records/信用承诺.csv\n"
          "  - category: 纳税\n"
          "    count: 2\n"
          "    records: records/纳税.csv\n"
          "  - category: 房产\n"
          "    count: 1\n");
  Diagnostics d;
  auto um = u.load(d);
  auto bad = with_code(d, "bad-value");
  BOOST_REQUIRE(bad.size() == 2u);
  BOOST_TEST(bad[0].where.line == 6);  // count 2 vs 1 row
  BOOST_TEST(bad[0].where.column == 12);
  BOOST_TEST(contains(bad[0].message, "1 行"));
  BOOST_TEST(bad[1].where.line == 8);  // 房产 is not a category
  BOOST_TEST(bad[1].where.column == 15);
  BOOST_REQUIRE(um.ledger.size() == 3u);
  BOOST_TEST(um.ledger[0].valid);
  BOOST_TEST(um.ledger[0].count == 3);
  BOOST_TEST(um.ledger[0].records == "records/信用承诺.csv");
  BOOST_TEST(um.ledger[0].key == "lingang/ledger.yaml#信用承诺");
  BOOST_TEST(!um.ledger[1].valid);
  BOOST_TEST(!um.ledger[2].valid);
  BOOST_TEST(with_code(d, "orphan-file").empty());
}

BOOST_AUTO_TEST_CASE(ledger_records_must_exist_under_records) {
  TempUnit u;
  u.write("files/台账.csv", "主体名称,统一社会信用代码\n");
  u.write("ledger.yaml",
          "ledger:\n"
          "  - category: 水\n"
          "    count: 0\n"
          "    records: records/没有.csv\n"
          "  - category: 电\n"
          "    count: 0\n"
          "    records: files/台账.csv\n");
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(only(d, "missing-attachment").where.line == 4);
  auto b = only(d, "bad-value");
  BOOST_TEST(b.where.line == 7);
  BOOST_TEST(contains(b.message, "records/"));
  BOOST_TEST(!um.ledger.at(0).valid);
  BOOST_TEST(!um.ledger.at(1).valid);
}

BOOST_AUTO_TEST_CASE(incidents_fields_and_month) {
  TempUnit u;
  u.write("incidents.yaml",
          "incidents:\n"
          "  - id: 2022-05-01\n"
          "    date: 2022-05-12\n"
          "    title: 某小区物业拖欠维修资金被媒体曝光\n"
          "    domain: 商务诚信\n"
          "    handling: after_report\n"
          "  - id: 2022-05-02\n"
          "    date: 2022-04-12\n"
          "    title: 乙\n"
          "    domain: 经济诚信\n"
          "    handling: ordered\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "date-outside-month");
  BOOST_TEST(e.where.line == 8);
  BOOST_TEST(e.where.column == 11);
  BOOST_TEST(only(d, "bad-value").where.line == 10);
  BOOST_REQUIRE(um.incidents.size() == 2u);
  BOOST_TEST(um.incidents[0].valid);
  BOOST_TEST(um.incidents[0].id == "2022-05-01");  // the source text, not a YAML date
  BOOST_TEST((um.incidents[0].handling == model::Handling::after_report));
  BOOST_TEST(um.incidents[0].key == "lingang/incidents.yaml#2022-05-01");
  BOOST_TEST(!um.incidents[1].valid);
}

BOOST_AUTO_TEST_CASE(ids_are_source_text) {
  TempUnit u;
  u.write("objections.yaml",
          "objections:\n"
          "  - id: 01\n"
          "    received: 2022-05-12 09:00\n"
          "    completed: 2022-05-12T16:00\n"
          "  - id: 1\n"
          "    received: 2022-05-12 09:00\n"
          "    completed: 2022-05-12 16:00\n");
  Diagnostics d;
  auto um = u.load(d);
  BOOST_TEST(d.empty(), dump(d));
  BOOST_REQUIRE(um.objections.size() == 2u);
  BOOST_TEST(um.objections[0].id == "01");  // not the number 1: no duplicate
  BOOST_TEST(um.objections[0].key == "lingang/objections.yaml#01");
  BOOST_TEST(um.objections[1].id == "1");
}

BOOST_AUTO_TEST_CASE(objections_completed_received_and_valid_flag) {
  TempUnit u;
  u.write("objections.yaml",
          "objections:\n"
          "  - id: YY-01\n"
          "    received: 2022-05-12 09:00\n"
          "    completed: 2022-05-13 16:00\n"
          "  - id: YY-02\n"
          "    received: 2022-05-12 09:00\n"
          "    completed: 2022-05-11 16:00\n"
          "    valid: false\n"
          "  - id: YY-03\n"
          "    received: 2022-06-01 09:00\n"
          "    completed: 2022-06-02 09:00\n"
          "    valid: yes\n");
  Diagnostics d;
  auto um = u.load(d);
  auto bad = with_code(d, "bad-value");
  BOOST_REQUIRE(bad.size() == 2u);
  BOOST_TEST(bad[0].where.line == 7);
  BOOST_TEST(bad[0].where.column == 16);
  BOOST_TEST(contains(bad[0].message, "早于"));
  BOOST_TEST(bad[1].where.line == 12);  // only true/false are booleans
  BOOST_TEST(only(d, "date-outside-month").where.line == 10);
  BOOST_REQUIRE(um.objections.size() == 3u);
  BOOST_TEST(um.objections[0].valid);
  BOOST_TEST(um.objections[0].valid_objection);  // default true
  BOOST_TEST(um.objections[0].completed.str() == "2022-05-13 16:00");
  BOOST_TEST(!um.objections[1].valid);
  BOOST_TEST(!um.objections[1].valid_objection);
  BOOST_TEST(!um.objections[2].valid);
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_warnings) {
  TempUnit u;
  u.write("scenarios.yaml", "scenarios:\n  - name: 信易批\n    备注: 无\nnote: x\n");
  Diagnostics d;
  auto um = u.load(d);
  auto w = with_code(d, "unknown-field");
  BOOST_REQUIRE(w.size() == 2u);
  BOOST_TEST(w[0].where.line == 3);
  BOOST_TEST(w[0].where.column == 5);
  BOOST_TEST((w[0].severity == Severity::warning));
  BOOST_TEST(w[1].where.line == 4);
  BOOST_TEST(um.scenarios.at(0).valid);
}

BOOST_AUTO_TEST_CASE(pii_in_list_entry_text) {
  TempUnit u;
  u.write("supervision.yaml",
          "supervision:\n"
          "  - domain: 汽车维修领域\n"
          "    industry: 15\n"
          "    summary: 联系电话 13912345678\n");
  Diagnostics d;
  auto um = u.load(d);
  auto w = only(d, "pii");
  BOOST_TEST(w.where.line == 4);
  BOOST_TEST(w.where.column == 19);
  BOOST_TEST(contains(w.message, "139****5678"));
  BOOST_TEST(um.supervision.at(0).valid);
}

BOOST_AUTO_TEST_SUITE_END()
