#include "cli/build_store.h"

#include <fstream>

#include "base/replace_file.h"

namespace creditgen::cli {

namespace fs = std::filesystem;

namespace {

std::string version_line() { return "creditgen-store " + std::to_string(BuildStore::kVersion); }

// A store written by another version of this program is not misread: what it
// holds is removed (only the parts this layout names; anything else the
// folder holds is not ours to remove).
void empty_unless_current(const fs::path& folder, bool& version_ok) {
  std::ifstream in(folder / "store.txt", std::ios::binary);
  std::string line;
  version_ok = in && std::getline(in, line) && line == version_line();
  if (version_ok) return;
  std::error_code ec;
  for (const char* part : {"digests.txt", "bundles.txt", "months", "published"}) fs::remove_all(folder / part, ec);
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("published-") && name.ends_with(".txt")) fs::remove(entry.path(), ec);
  }
}

}  // namespace

// The bundle stage's temporary file goes in the store's folder: beside the
// other build files, on a disk (the system's temporary folder may be memory).
BuildStore::BuildStore(fs::path folder) : folder_(std::move(folder)), bundles_(folder_) {
  empty_unless_current(folder_, version_ok_);
  bundles_.digests.load(folder_ / "digests.txt");
  bundles_.summaries.load(folder_ / "bundles.txt");
}

BuildStore::~BuildStore() { save(); }

fs::path BuildStore::site_state(const std::string& site_dir) const {
  // Named by the folder's own name, however it is spelled ("site/", "./site", "out/../site").
  std::error_code ec;
  fs::path site = fs::absolute(site_dir.empty() ? "." : site_dir, ec).lexically_normal();
  if (!site.has_filename()) site = site.parent_path();
  const std::string name = site.filename().string();
  return folder_ / ("published-" + (name.empty() ? std::string("root") : name) + ".txt");
}

fs::path BuildStore::published_content(const std::string& bundle_sha256) const {
  return folder_ / "published" / bundle_sha256;
}

void BuildStore::save() {
  std::error_code ec;
  fs::create_directories(folder_, ec);
  if (!version_ok_) version_ok_ = replace_file(folder_ / "store.txt", [](std::ostream& out) { out << version_line() << '\n'; });
  if (!bundling_over_) bundles_.digests.save(folder_ / "digests.txt");
  bundles_.summaries.save(folder_ / "bundles.txt");
}

void BuildStore::end_bundling() {
  save();
  bundles_.forget_bundling();
  bundling_over_ = true;  // the digests let go are not saved again (as none)
}

}  // namespace creditgen::cli
