#include "bundle/draft_guard.h"

#include <unistd.h>

#include <algorithm>
#include <system_error>

#include "base/bundle_name.h"

namespace creditgen::bundle {

namespace fs = std::filesystem;

namespace {

bool is_draft(const std::string& name) {
  const auto parsed = parse_bundle_file_name(name);
  return parsed && parsed->revision == 0;
}

}  // namespace

fs::path DraftGuard::kept_path(const std::string& draft) const {
  return dir_ / ("." + draft + kLeftoverMarker + std::to_string(::getpid()));
}

DraftGuard::DraftGuard(fs::path archive_dir) : dir_(std::move(archive_dir)) {
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!is_draft(name) || !it->is_regular_file()) continue;
    const fs::path kept = kept_path(name);
    std::error_code link_error;
    fs::remove(kept, link_error);
    fs::create_hard_link(it->path(), kept, link_error);
    if (!link_error) kept_.push_back(name);
  }
}

void DraftGuard::keep_new() {
  done_ = true;
  std::error_code ec;
  for (const std::string& name : kept_) fs::remove(kept_path(name), ec);
}

DraftGuard::~DraftGuard() {
  if (done_) return;
  std::error_code ec;
  std::vector<std::string> now;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (is_draft(name)) now.push_back(name);
  }
  for (const std::string& name : now)
    if (std::find(kept_.begin(), kept_.end(), name) == kept_.end()) fs::remove(dir_ / name, ec);
  for (const std::string& name : kept_) {
    // rename() between two links of one file does nothing: the kept link
    // is removed after in any case.
    fs::rename(kept_path(name), dir_ / name, ec);
    fs::remove(kept_path(name), ec);
  }
}

}  // namespace creditgen::bundle
