// A failed build leaves archive/ as it was: the drafts a build rewrites are
// placed before the site is (the site must never name a draft archive/ does
// not hold), so until the site is in place the old drafts are kept aside and
// put back if anything fails.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace creditgen::bundle {

class DraftGuard {
 public:
  /// Keeps every draft now in `archive_dir` ("<YYYY-MM>.draft.zip") as a
  /// hard link named with kLeftoverMarker (no bytes are copied).
  explicit DraftGuard(std::filesystem::path archive_dir);
  /// The build succeeded: the kept drafts are let go.
  void keep_new();
  /// Unless keep_new() ran: every draft is put back as it was, and drafts
  /// this build added are removed.
  ~DraftGuard();
  DraftGuard(const DraftGuard&) = delete;
  DraftGuard& operator=(const DraftGuard&) = delete;

  /// In the name of a kept draft: a killed build leaves these behind, and the
  /// next one removes them (its drafts are then the new ones, whole).
  static constexpr const char* kLeftoverMarker = ".previous-";

 private:
  std::filesystem::path kept_path(const std::string& draft) const;
  std::filesystem::path dir_;
  std::vector<std::string> kept_;  ///< draft file names kept aside
  bool done_ = false;
};

}  // namespace creditgen::bundle
