// Test helper for the load-core tests: a throw-away content tree in a temp
// folder, plus small lookups over a Diagnostics sink.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace creditgen::testing {

class TempTree {
 public:
  TempTree() {
    std::string templ = (std::filesystem::temp_directory_path() / "creditgen-core-XXXXXX").string();
    root_ = ::mkdtemp(templ.data());
  }
  ~TempTree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path path(const std::string& rel) const { return root_ / rel; }

  void write(const std::string& rel, const std::string& bytes) const {
    auto p = root_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
  }
  void mkdir(const std::string& rel) const { std::filesystem::create_directories(root_ / rel); }

  /// site.yaml, units.yaml (lingang zone sgs, shenpiju department sgs,
  /// shuiwuju department) and a one-row rulebook rules/2022-01.yaml declaring
  /// sgs_compliance_rate (rate), xyd_registered (count), xyd_credit_amount
  /// (amount), sgs_third_party_rank (rank).
  void minimal() const {
    write("site.yaml", "title: 测试区信用状况监测月报\ndistrict: 测试区\nslug: test-district\n");
    write("units.yaml",
          "units:\n"
          "  - id: lingang\n    name: 临港开发区\n    type: zone\n    tags: [sgs]\n"
          "  - id: shenpiju\n    name: 区行政审批服务局\n    type: department\n    tags: [sgs]\n"
          "  - id: shuiwuju\n    name: 区税务局\n    type: department\n");
    // A small test table, not the 100-point one: says so ([rulebook-total]).
    write("rules/2022-01.yaml", minimal_rulebook() + "total: 6\n");
    // 2022 only, and away from the test months ([calendar] otherwise).
    write("calendar.yaml", "holidays: [2022-01-03]\n");
  }
  static std::string minimal_rulebook(const std::string& effective = "2022-01") {
    return "name: 测试指标\n"
           "effective: " + effective + "\n"
           "metrics:\n"
           "  sgs_compliance_rate: {kind: rate, label: 双公示合规率}\n"
           "  xyd_registered: {kind: count}\n"
           "  xyd_credit_amount: {kind: amount}\n"
           "  sgs_third_party_rank: {kind: rank}\n"
           "groups:\n"
           "  - id: I\n"
           "    name: 基础\n"
           "    indicators:\n"
           "      - id: \"1\"\n"
           "        name: 制度文件\n"
           "        rows:\n"
           "          - points: 6\n"
           "            measure: {count: policy, window: cumulative}\n"
           "            method: {type: min_max, floor: 1}\n";
  }

 private:
  std::filesystem::path root_;
};

/// The diagnostics with `code`, in the order added.
inline std::vector<Diagnostic> with_code(const Diagnostics& d, const std::string& code) {
  std::vector<Diagnostic> out;
  for (auto& x : d.all())
    if (x.code == code) out.push_back(x);
  return out;
}

/// Everything in the sink, one per line, for failure messages.
inline std::string dump(const Diagnostics& d) {
  std::string s;
  for (auto& x : d.sorted()) s += format_diagnostic(x) + "\n";
  return s;
}

}  // namespace creditgen::testing
