// The build pipeline as a function, shared by `creditgen build` and the
// preview server's rebuilds.
#pragma once

#include <map>
#include <string>

#include <filesystem>
#include <optional>
#include <vector>

#include "base/folder_lock.h"
#include "render/templates.h"

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
  bool explain = false;       ///< print what was redone and why (base/explain.h)
  /// "YYYY-MM" of a published month to preview corrected: that month is
  /// shown from the content as it is now, marked as a preview with what
  /// differs from its published bundle, and no bundle at all is written.
  std::string preview_correction;
};

/// Templates and assets: a folder next to the content folder wins (the
/// office may restyle its site), else the copies compiled into the binary.
struct Resources {
  render::Templates templates;
  std::map<std::string, std::string> assets;
};
/// Reads the templates and assets `options` name (throws on a read error).
Resources load_resources(const BuildOptions& options);

/// Holds the folders a build or publish writes (archive/, and the build
/// cache beside site/) for this process alone; nullopt (a message printed)
/// when another run holds them. What a killed run left there is removed.
std::optional<std::vector<FolderLock>> lock_run_folders(const std::filesystem::path& archive_dir,
                                                        const std::filesystem::path& cache_dir,
                                                        const std::string& site_dir);

/// Runs load → review → score → render → bundles → publish, printing
/// diagnostics and the summary line to stderr. Returns an exit status.
int build_site(const BuildOptions& options);

}  // namespace creditgen::cli
