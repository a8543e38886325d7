// Helpers for the unit-folder tests: a throw-away unit folder in a temp dir
// and lookups of diagnostics by code and file.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "load/unit_folder.h"
#include "model/site.h"

namespace creditgen::test {

namespace fs = std::filesystem;

/// content/2022-05/lingang in a fresh temp folder, removed afterwards.
struct TempUnit {
  fs::path root;
  fs::path dir;
  model::Site site;
  std::string shown_dir = "content/2022-05/lingang";

  TempUnit() {
    static std::atomic<int> counter{0};
    root = fs::temp_directory_path() /
           ("creditgen-items-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root);
    dir = root / "2022-05" / "lingang";
    fs::create_directories(dir);
    site.slug = "jinan-licheng";
    site.sensitive_words = {"黑名单", "联合惩戒"};
  }
  ~TempUnit() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  TempUnit(const TempUnit&) = delete;
  TempUnit& operator=(const TempUnit&) = delete;

  /// Writes `bytes` to dir/rel, creating folders.
  void write(const std::string& rel, const std::string& bytes) const {
    fs::path p = dir / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
  }
  load::UnitFolderContext ctx() const { return {dir, shown_dir, "lingang", {2022, 5}, &site}; }
  model::UnitMonth load(Diagnostics& diags) const { return load::load_unit_folder(ctx(), diags); }
  std::string shown(const std::string& rel) const { return shown_dir + "/" + rel; }
};

inline std::vector<Diagnostic> with_code(const Diagnostics& diags, const std::string& code) {
  std::vector<Diagnostic> out;
  for (auto& d : diags.sorted())
    if (d.code == code) out.push_back(d);
  return out;
}

/// The only diagnostic with `code`; fails the test when there is not exactly one.
inline Diagnostic only(const Diagnostics& diags, const std::string& code) {
  auto found = with_code(diags, code);
  if (found.size() != 1) {
    std::string all;
    for (auto& d : diags.sorted()) all += format_diagnostic(d) + "\n";
    throw std::runtime_error("expected exactly one [" + code + "], got " + std::to_string(found.size()) + ":\n" + all);
  }
  return found.front();
}

inline std::string dump(const Diagnostics& diags) {
  std::string all;
  for (auto& d : diags.sorted()) all += format_diagnostic(d) + "\n";
  return all;
}

inline bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace creditgen::test
