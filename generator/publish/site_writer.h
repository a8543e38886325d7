// Writes the rendered site: changed files go to a staging folder next to the
// site folder, which is completed with hard links to the unchanged files and
// then exchanged with the site in one rename, so the site is always wholly the
// old one or wholly the new one. Files whose bytes did not change keep their
// inode and modification time, so rsync to the web server moves only what
// changed.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "render/output_set.h"

namespace creditgen::publish {

struct PublishReport {
  size_t written = 0;    ///< new or changed files
  size_t unchanged = 0;  ///< same bytes as before: kept with their modification time
  size_t removed = 0;    ///< files of the old site that are no longer produced
};

/// Makes `site_dir` hold exactly the files of `out`, writing only what
/// changed: changed files are first written to a staging folder beside the
/// site, which then replaces it at once (see above); files no longer
/// produced are gone;
/// unchanged files are not touched (inode and modification time kept); a
/// build that changes nothing writes nothing. On any failure while writing
/// (an unreadable source, a full disk, an unsafe path) throws
/// std::runtime_error / std::filesystem::filesystem_error with a Chinese
/// message, removes the staging folder and leaves `site_dir` untouched.
/// `state_file` (optional, in the build cache) remembers the stamps of
/// copied files so unchanged copies are recognised without reading them,
/// and the groups of files rendered together (SiteWriter::reuse_group).
PublishReport write_site(const render::OutputSet& out, const std::filesystem::path& site_dir,
                         const std::filesystem::path& state_file = {});

/// The same, fed file by file while the site is rendered (render_site's
/// sink): a changed page is staged as soon as it arrives, so the pages are
/// never all in memory. Nothing in `site_dir` changes before finish(); a
/// writer destroyed without finish() (a failed build) removes its staging
/// folder and leaves the site as it was. file() and copy() may be called
/// from several threads; each path once.
class SiteWriter final : public render::OutputSink {
 public:
  SiteWriter(const std::filesystem::path& site_dir, const std::filesystem::path& state_file = {});
  ~SiteWriter() override;
  SiteWriter(const SiteWriter&) = delete;
  SiteWriter& operator=(const SiteWriter&) = delete;

  void file(const std::string& path, std::string bytes) override;
  void copy(const std::string& path, render::FileCopy copy) override;
  /// Not stale when the last build recorded this group with the same inputs
  /// and every one of its files is still in the site with the stamp it was
  /// published with: the files are kept as they are (counted unchanged).
  Staleness reuse_group(const std::string& group, const Inputs& inputs) override;
  /// Recorded (with the files' stamps once published) for reuse next time.
  void end_group(const std::string& group, const Inputs& inputs, std::vector<std::string> paths) override;
  /// Stages the changed copies, moves everything changed into place,
  /// removes files no longer produced. Throws as write_site does.
  PublishReport finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The bytes a copy publishes: the file itself, or for mask_pii the text with
/// ID card and mobile numbers masked (UTF-8 with BOM when anything changed).
std::string published_bytes(const render::FileCopy& copy);

}  // namespace creditgen::publish
