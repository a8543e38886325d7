// The build pipeline as a function, shared by `creditgen build` and the
// preview server's rebuilds.
#pragma once

#include <string>

namespace creditgen::cli {

struct BuildOptions {
  std::string content_dir = "content";
  std::string site_dir = "site";
  std::string archive_dir = "archive";
  std::string templates_dir;  ///< empty: <content>/../templates, else the installed default
  std::string assets_dir;     ///< empty: <content>/../assets
  /// Build cache (file digests, what was published): empty → a hidden
  /// ".creditgen-cache" folder beside the site folder, never inside it, so
  /// copying site/ to the web server never publishes it.
  std::string cache_dir;
  int jobs = 0;               ///< 0: number of cores
  bool strict = false;
  bool quiet = false;
  bool timings = false;       ///< print each stage's wall time to stderr
};

/// Runs load → review → score → render → bundles → publish, printing
/// diagnostics and the summary line to stderr. Returns an exit status.
int build_site(const BuildOptions& options);

}  // namespace creditgen::cli
