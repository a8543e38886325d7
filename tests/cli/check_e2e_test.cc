// End-to-end: the real `creditgen check` binary on fixture trees and on the
// demo district, asserting exit statuses 0/1/2/3 and the JSON shape.
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

#include <set>
#include <sstream>
#include <filesystem>
#include <fstream>

#include "cli/run_binary.h"

namespace fs = std::filesystem;
using namespace creditgen::test;

namespace {

const fs::path kMinimal = fs::path(CREDITGEN_FIXTURES) / "cli" / "minimal";

fs::path copy_minimal(const std::string& name) {
  fs::path dir = temp_dir(name);
  fs::copy(kMinimal, dir / "content", fs::copy_options::recursive);
  return dir / "content";
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

Poco::JSON::Array::Ptr diagnostics_of(const std::string& json) {
  Poco::JSON::Parser parser;
  auto root = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  return root->getArray("diagnostics");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(check_e2e)

BOOST_AUTO_TEST_CASE(clean_fixture_exits_0_with_empty_json) {
  auto r = run_creditgen("check --format json --content " + quote(kMinimal));
  BOOST_TEST(r.status == 0, r.err);
  auto diags = diagnostics_of(r.out);
  BOOST_TEST(diags->size() == 0u, r.out);
}

BOOST_AUTO_TEST_CASE(content_error_exits_1_and_names_file_line_code) {
  fs::path content = copy_minimal("check-error");
  write(content / "2022-05/lingang/news/2022-05-06-peixun.md",
        "---\ntitle: 培训\ndate: 2022-05-32\nsubmitted: 2022-05-07 10:30\n---\n正文\n");
  auto r = run_creditgen("check --format json --content " + quote(content));
  BOOST_TEST(r.status == 1, r.out + r.err);
  auto diags = diagnostics_of(r.out);
  BOOST_REQUIRE(diags->size() >= 1u);
  bool found = false;
  for (size_t i = 0; i < diags->size(); ++i) {
    auto d = diags->getObject(static_cast<unsigned>(i));
    // Every entry has the six fields of outputs.md.
    for (auto key : {"file", "line", "column", "severity", "code", "message"}) BOOST_TEST(d->has(key), key);
    if (d->getValue<std::string>("code") == "bad-value") {
      found = true;
      BOOST_TEST(d->getValue<std::string>("file") == content.string() + "/2022-05/lingang/news/2022-05-06-peixun.md");
      BOOST_TEST(d->getValue<int>("line") == 3);
      BOOST_TEST(d->getValue<int>("column") == 7);
      BOOST_TEST(d->getValue<std::string>("severity") == "error");
    }
  }
  BOOST_TEST(found, r.out);
  // The text form on stderr is the compiler-style line.
  auto text = run_creditgen("check --content " + quote(content));
  BOOST_TEST(text.status == 1);
  BOOST_TEST(text.err.find("/2022-05/lingang/news/2022-05-06-peixun.md:3:7: error: ") != std::string::npos, text.err);
  BOOST_TEST(text.err.find("[bad-value]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(warning_passes_unless_strict) {
  fs::path content = copy_minimal("check-strict");
  write(content / "2022-05/lingang/news/2022-05-06-peixun.md",
        "---\ntitle: 培训\ndate: 2022-05-06\nsubmitted: 2022-05-07 10:30\ncolour: red\n---\n正文\n");
  auto lax = run_creditgen("check --content " + quote(content));
  BOOST_TEST(lax.status == 0, lax.err);
  BOOST_TEST(lax.err.find("warning:") != std::string::npos, lax.err);
  BOOST_TEST(lax.err.find("[unknown-field]") != std::string::npos, lax.err);
  auto strict = run_creditgen("check --strict --content " + quote(content));
  BOOST_TEST(strict.status == 1, strict.err);
}

// A PNG named .jpg and a text file named 照片.jpg are said, where they are
// referenced, by `check` and by `build` alike; the item still counts.
BOOST_AUTO_TEST_CASE(attachments_not_matching_their_names_are_warned) {
  const fs::path content = copy_minimal("check-formats");
  const fs::path unit = content / "2022-05/lingang";
  fs::copy_file(unit / "files/培训现场.png", unit / "files/现场.jpg");
  write(unit / "files/照片.jpg", "这是一段文字，不是照片。\n");
  write(unit / "news/2022-05-09-zhaopian.md",
        "---\ntitle: 临港开发区信用培训现场\ndate: 2022-05-09\nsubmitted: 2022-05-09 18:00\n"
        "attachments: [files/现场.jpg, files/照片.jpg]\n---\n培训现场照片。\n");
  const std::string shown = (unit / "news/2022-05-09-zhaopian.md").string();
  write(content / "site.yaml", slurp(content / "site.yaml") + "retention: 30年\n");
  const std::string build = "build --quiet --site " + quote(content.parent_path() / "site") + " --archive " +
                            quote(content.parent_path() / "archive");
  for (const std::string& cmd : {std::string("check"), build}) {
    auto r = run_creditgen(cmd + " --content " + quote(content));
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.err.find(shown + ":5:15: warning: 附件“files/现场.jpg”的内容是PNG 图片（image/png），与扩展名 .jpg 所示的"
                          "JPEG 图片不符：请按实际格式改正扩展名，或重新导出为JPEG 图片 [format-mismatch]") != std::string::npos,
               r.err);
    BOOST_TEST(r.err.find(shown + ":5:29: warning: 附件“files/照片.jpg”的内容是纯文本（text/plain），与扩展名 .jpg 所示的"
                          "JPEG 图片不符：请按实际格式改正扩展名，或重新导出为JPEG 图片 [format-mismatch]") != std::string::npos,
               r.err);
  }
  BOOST_TEST(run_creditgen("check --strict --content " + quote(content)).status == 1);
  // The month's bundle holds them as they are; verify's 四性检测 fails on them (可用性), exit 1.
  fs::path draft;
  for (const auto& e : fs::directory_iterator(content.parent_path() / "archive")) draft = e.path();
  auto v = run_creditgen("verify " + quote(draft));
  BOOST_TEST(v.status == 1, v.out);
  BOOST_TEST(v.out.find("  [不通过] usability.formats  每个文件按内容识别的格式与扩展名相符\n      - 文件“") != std::string::npos,
             v.out);
  BOOST_TEST(v.out.find("      - 文件“data/content/2022-05/lingang/files/现场.jpg”的内容是PNG 图片（image/png），") !=
                 std::string::npos,
             v.out);
  BOOST_TEST(v.out.find("  [通过] authenticity.scores  ") != std::string::npos, v.out);  // the bag itself is sound
  BOOST_TEST(v.out.find("结论：不通过（") != std::string::npos, v.out);
  BOOST_TEST(v.err.find("[verify]") != std::string::npos, v.err);
  auto reg = run_shell("unzip -p " + quote(draft) + " '*/tags/archive-register.txt'");
  BOOST_TEST(reg.out.find("保管期限：30年\n") != std::string::npos, reg.out);
  BOOST_TEST(reg.out.find("  与扩展名不符：2 个文件：\n") != std::string::npos, reg.out);
  // The bag's archival metadata says what each file is and which item it belongs to.
  auto csv = run_shell("unzip -p " + quote(draft) + " '*/tags/metadata.csv'");
  BOOST_TEST(csv.out.find("data/content/2022-05/lingang/files/现场.jpg,") != std::string::npos, csv.out);
  BOOST_TEST(csv.out.find(",PNG 图片,image/png,与扩展名不符,信用动态,临港开发区信用培训现场,临港开发区,2022-05-09,,待审核\n") !=
                 std::string::npos,
             csv.out);
  fs::remove_all(content.parent_path());
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  BOOST_TEST(run_creditgen("check --format xml --content " + quote(kMinimal)).status == 2);
  BOOST_TEST(run_creditgen("check --no-such-option").status == 2);
  BOOST_TEST(run_creditgen("no-such-command").status == 2);
  BOOST_TEST(run_creditgen("score --content " + quote(kMinimal)).status == 2);  // --month missing
  BOOST_TEST(run_creditgen("score --month 2022-13 --content " + quote(kMinimal)).status == 2);
}

BOOST_AUTO_TEST_CASE(help_is_chinese_for_every_command) {
  for (auto cmd : {"build", "check", "score", "verify", "serve", "new"}) {
    auto r = run_creditgen(std::string(cmd) + " --help");
    BOOST_TEST(r.status == 0, cmd);
    BOOST_TEST(r.out.find("用法：creditgen " + std::string(cmd)) != std::string::npos, r.out);
  }
  auto r = run_creditgen("--help");
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.find("退出状态") != std::string::npos);
}

// Option errors are Chinese throughout, word for word, with a guess for a typo.
BOOST_AUTO_TEST_CASE(option_errors_say_what_to_type) {
  auto first_line = [](const std::string& s) { return s.substr(0, s.find('\n')); };
  auto r = run_creditgen("build --content");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(first_line(r.err) == "creditgen build: 选项“--content”后面缺少参数 DIR [usage]");
  r = run_creditgen("build --contnet x");
  BOOST_TEST(first_line(r.err) == "creditgen build: 未知选项“--contnet”，是不是“--content”？ [usage]");
  r = run_creditgen("build --quiet=3");
  BOOST_TEST(first_line(r.err) == "creditgen build: 选项“--quiet”不接受参数 [usage]");
}

// Where the descriptions start in the section of `help` headed `heading`
// (one column when the set has one element). Names and descriptions are
// separated by two spaces or more; names hold at most single spaces.
std::set<size_t> description_columns(const std::string& help, const std::string& heading) {
  std::istringstream lines(help);
  std::set<size_t> columns;
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == heading) inside = true;
    else if (line.empty()) inside = false;
    else if (inside) columns.insert(line.find_first_not_of(' ', line.find("  ", 2)));
  }
  return columns;
}

// The command list is one column, and so is each command's options (--help included).
BOOST_AUTO_TEST_CASE(help_columns_line_up) {
  auto r = run_creditgen("--help");
  BOOST_TEST(description_columns(r.out, "命令：").size() == 1u, r.out);
  for (auto cmd : {"build", "check", "score", "verify", "serve", "new", "init", "publish"}) {
    auto h = run_creditgen(std::string(cmd) + " --help");
    BOOST_TEST(description_columns(h.out, "选项：").size() == 1u, h.out);
    BOOST_TEST(h.out.find("  --help") != std::string::npos, h.out);
  }
}

// No content folder: said, and nothing made (no archive/, no cache).
BOOST_AUTO_TEST_CASE(a_missing_content_folder_writes_nothing) {
  const fs::path dir = temp_dir("no-content");
  auto r = run_creditgen("build", dir);
  BOOST_TEST(r.status == 3);
  BOOST_TEST(r.err.find("content:1:1: error: 内容文件夹不存在或不是文件夹，请用 --content 指定内容文件夹 [missing-field]") !=
                 std::string::npos,
             r.err);
  BOOST_TEST(fs::is_empty(dir));
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(broken_site_yaml_is_fatal_exit_3) {
  fs::path content = copy_minimal("check-fatal");
  write(content / "site.yaml", "district: 测试区\nslug: test\n");  // title missing
  auto r = run_creditgen("check --content " + quote(content));
  BOOST_TEST(r.status == 3, r.err);
  BOOST_TEST(r.err.find("site.yaml:1:1: error:") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("[missing-field]") != std::string::npos, r.err);

  write(content / "site.yaml", "title: [unclosed\n");
  auto broken = run_creditgen("check --format json --content " + quote(content));
  BOOST_TEST(broken.status == 3);
  BOOST_TEST(broken.out.find("\"code\":\"yaml-syntax\"") != std::string::npos, broken.out);
}

// check and build both say each rulebook's total, so a table that does not
// add up to what the site says is seen; a wrong total also warns, at `groups`.
BOOST_AUTO_TEST_CASE(rulebook_totals_are_reported_and_a_wrong_one_warned) {
  const fs::path content = copy_minimal("check-totals");
  auto r = run_creditgen("check --content " + quote(content));
  BOOST_TEST(r.err.find("规则 rules/2022-01.yaml（自 2022-01 起）：2 条评分细则，合计 10 分\n检查完成：") != std::string::npos, r.err);
  std::string rules = slurp(content / "rules/2022-01.yaml");
  rules.replace(rules.find("total: 10"), 9, "total: 12");
  write(content / "rules/2022-01.yaml", rules);
  r = run_creditgen("check --content " + quote(content));
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.err.find("rules/2022-01.yaml:7:3: warning: 各评分细则分值合计 10 分，不是 12 分。得分仍按“所得分 ÷ 适用分值 × 100”"
                        "折算为百分制，但请核对各细则的 points 是否录错 [rulebook-total]") != std::string::npos,
             r.err);
  const fs::path base = content.parent_path();
  auto b = run_creditgen("build --site " + quote(base / "site") + " --archive " + quote(base / "archive") + " --content " +
                         quote(content));
  BOOST_TEST(b.status == 0, b.err);
  BOOST_TEST(b.err.find("规则 rules/2022-01.yaml（自 2022-01 起）：2 条评分细则，合计 10 分\n生成完成：") != std::string::npos, b.err);
  fs::remove_all(base);
}

BOOST_AUTO_TEST_CASE(demo_district_has_no_errors) {
  fs::path demo = fs::path(CREDITGEN_SOURCE_DIR) / "content";
  auto r = run_creditgen("check --format json --content " + quote(demo));
  BOOST_TEST(r.status == 0, r.out);
  auto diags = diagnostics_of(r.out);
  for (size_t i = 0; i < diags->size(); ++i)
    BOOST_TEST(diags->getObject(static_cast<unsigned>(i))->getValue<std::string>("severity") == "warning");
}

// A file name that is not UTF-8, or holds a newline, still gives valid JSON
// (checked by Python's json module) and a one-line diagnostic.
BOOST_AUTO_TEST_CASE(hostile_file_names_keep_json_valid_and_lines_whole) {
  const fs::path content = copy_minimal("check-hostile-names");
  write(content / "2022-05/lingang/files/bad\xff\xfe.txt", "x");
  write(content / "2022-05/lingang/files/two\nlines: error: forged [x].txt", "x");
  auto r = run_creditgen("check --format json --content " + quote(content));
  BOOST_TEST(r.status == 0, r.err);
  const fs::path out = content.parent_path() / "check.json";
  std::ofstream(out, std::ios::binary) << r.out;
  auto py = run_shell("python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding=\"utf-8\")); "
                      "print(sum(1 for x in d[\"diagnostics\"] if \"bad\\\\xff\\\\xfe\" in x[\"file\"]))' " +
                      quote(out));
  BOOST_TEST(py.status == 0, py.out);
  BOOST_TEST(py.out == "1\n", py.out);
  auto text = run_creditgen("check --content " + quote(content));
  BOOST_TEST(text.err.find("two\\x0alines: error: forged [x].txt:1:1: warning: ") != std::string::npos, text.err);
  BOOST_TEST(text.err.find("\nlines: error: forged") == std::string::npos, text.err);
  fs::remove_all(content.parent_path());
}

BOOST_AUTO_TEST_SUITE_END()
