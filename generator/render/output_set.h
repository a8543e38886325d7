// What rendering produces and publish/ writes: every file of the site by its
// relative path. Plain std types (and base/inputs.h), so publish/ needs nothing
// else from render/.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/inputs.h"

namespace creditgen::render {

/// A file taken from disk rather than rendered (evidence attachments, assets,
/// bundles). Text evidence (txt, csv) is copied with PII masked.
struct FileCopy {
  std::filesystem::path source;
  bool mask_pii = false;
  /// The source is never changed in place (a bundle: written to a temporary
  /// file and renamed), so a hard link may stand in for a copy.
  bool immutable = false;
};

/// Where rendering hands each file as soon as it is made, so a large site
/// is never held in memory whole. Called from several threads at once; each
/// path comes once.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void file(const std::string& path, std::string bytes) = 0;
  virtual void copy(const std::string& path, FileCopy copy) = 0;

  /// Rendering asks before it renders a group of files (one month's pages):
  /// not stale when the sink still holds exactly what the group produced
  /// last time from the same `inputs`, and keeps it; nothing of the group is
  /// then handed over. Otherwise why not (why_stale). The default keeps
  /// nothing.
  virtual Staleness reuse_group(const std::string& group, const Inputs& inputs) {
    (void)group, (void)inputs;
    return {true, "不保留上次的文件"};
  }
  /// After a group was rendered and every file of it handed over: its paths
  /// (files and copies), so the sink can offer to reuse them next time.
  virtual void end_group(const std::string& group, const Inputs& inputs, std::vector<std::string> paths) {
    (void)group, (void)inputs, (void)paths;
  }
};

struct OutputSet {
  /// "2022-05/index.html" → page bytes. Paths are '/'-separated, relative,
  /// without "." or ".." components.
  std::map<std::string, std::string> files;
  /// "2022-05/evidence/lingang/files/a.jpg" → where to copy it from.
  std::map<std::string, FileCopy> copies;

  bool contains(const std::string& path) const { return files.count(path) || copies.count(path); }
};

}  // namespace creditgen::render
