// The documented limits (load/limits.h): each is diagnosed with its code and
// the thing over it is not processed; just under it is accepted.
#include <boost/test/unit_test.hpp>

#include "items_test_util.h"
#include "load/limits.h"
#include "load/records_csv.h"
#include "load/source_file.h"
#include "load/yaml_fields.h"

using namespace creditgen;
using namespace creditgen::test;

namespace {

// A folder of `n` entries, without making them on disk.
class WideTree final : public load::SourceTree {
 public:
  explicit WideTree(size_t n) : n_(n) {}
  load::EntryType type(const std::filesystem::path&) const override { return load::EntryType::directory; }
  std::vector<load::DirEntry> list(const std::filesystem::path&, std::error_code&) const override {
    std::vector<load::DirEntry> out;
    for (size_t i = 0; i < n_; ++i) out.push_back({"f" + std::to_string(i), load::EntryType::regular});
    return out;
  }
  std::optional<std::string> read(const std::filesystem::path&) const override { return std::nullopt; }
  std::optional<unsigned long long> size(const std::filesystem::path&) const override { return std::nullopt; }

 private:
  size_t n_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(limits)

BOOST_AUTO_TEST_CASE(a_line_over_the_limit_is_diagnosed_and_the_file_not_read) {
  TempUnit u;
  const std::string ok_line(load::kMaxLineBytes, 'a');
  u.write("ok.md", "first\n" + ok_line + "\nlast\n");
  u.write("long.md", "first\nsecond\n" + ok_line + "b\nlast\n");
  Diagnostics d;
  BOOST_TEST(load::read_text_file(u.dir / "ok.md", "ok.md", d).has_value());
  BOOST_TEST(d.empty(), dump(d));
  BOOST_TEST(!load::read_text_file(u.dir / "long.md", "long.md", d).has_value());
  const auto e = only(d, "too-long");
  BOOST_TEST(e.where.file == "long.md");
  BOOST_TEST(e.where.line == 3);
  BOOST_TEST(contains(e.message, "1 MiB"));
}

BOOST_AUTO_TEST_CASE(a_field_value_over_the_limit_is_diagnosed) {
  for (const bool in_list : {false, true}) {
    BOOST_TEST_CONTEXT("in a list: " << in_list) {
      const std::string ok(load::kMaxValueBytes, 'x');
      const std::string text = std::string("title: ") + (in_list ? "[" + ok + "]" : ok) + "\nsummary: " +
                               (in_list ? "[a, " + ok + "y]" : ok + "y") + "\n";
      Diagnostics d;
      auto file = load::YamlFile::parse(text, "a.yaml", 0, d);
      BOOST_TEST_REQUIRE(file.has_value());
      load::MapReader r(*file, file->root(), d);
      if (in_list) {
        BOOST_TEST(r.text_list("title", true).has_value());
        BOOST_TEST(d.empty(), dump(d));
        BOOST_TEST(!r.text_list("summary", true).has_value());
      } else {
        BOOST_TEST(r.text("title", true).has_value());
        BOOST_TEST(d.empty(), dump(d));
        BOOST_TEST(!r.text("summary", true).has_value());
      }
      BOOST_TEST(r.failed());
      const auto e = only(d, "too-long");
      BOOST_TEST(e.where.line == 2);
      BOOST_TEST(contains(e.message, "summary"));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_records_csv_over_the_row_limit_is_diagnosed) {
  TempUnit u;
  std::string rows = "主体名称,统一社会信用代码\n";
  for (size_t i = 0; i < load::kMaxCsvRows; ++i) rows += "甲公司,91350100M000100Y43\n";
  u.write("records/ok.csv", rows);
  u.write("records/big.csv", rows + "乙公司,91370112MA3C12345M\n");
  Diagnostics d;
  auto ok = load::read_records_csv(load::disk_tree(), u.dir / "records/ok.csv", "records/ok.csv", "ok.csv", d);
  BOOST_TEST(ok.data_rows == static_cast<int>(load::kMaxCsvRows));
  BOOST_TEST(with_code(d, "too-many-rows").empty());
  auto big = load::read_records_csv(load::disk_tree(), u.dir / "records/big.csv", "records/big.csv", "big.csv", d);
  BOOST_TEST(!big.ok);
  const auto e = only(d, "too-many-rows");
  BOOST_TEST(e.where.file == "big.csv");
  BOOST_TEST(e.where.line == static_cast<int>(load::kMaxCsvRows) + 2);
}

BOOST_AUTO_TEST_CASE(a_folder_over_the_entry_limit_is_diagnosed) {
  Diagnostics d;
  std::error_code ec;
  BOOST_TEST(load::list_folder(WideTree(load::kMaxFolderEntries), "x", "content/2022-05", d, ec).size() ==
             load::kMaxFolderEntries);
  BOOST_TEST(d.empty(), dump(d));
  BOOST_TEST(load::list_folder(WideTree(load::kMaxFolderEntries + 1), "x", "content/2022-05", d, ec).empty());
  const auto e = only(d, "too-many-files");
  BOOST_TEST(e.where.file == "content/2022-05");
  BOOST_TEST(contains(e.message, std::to_string(load::kMaxFolderEntries + 1)));
}

BOOST_AUTO_TEST_SUITE_END()
