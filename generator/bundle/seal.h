// Draft and sealed bundles in archive/ (outputs.md "Draft and sealed").
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "bundle/bundle.h"

namespace creditgen::bundle {

/// Reads one bundle's facts (size, sha256, bag-info fields); nullopt when it is not a readable bundle.
std::optional<BundleFacts> read_bundle_facts(const std::filesystem::path& zip);

/// The text of one entry of a zip (e.g. "<root>/manifest-sha256.txt"); nullopt when absent or unreadable.
std::optional<std::string> read_zip_entry(const std::filesystem::path& zip, const std::string& name);

/// The text of the bag's tag file `name` ("tagmanifest-sha256.txt"), below
/// whatever the bag's root folder is called; nullopt when absent.
std::optional<std::string> read_tag_file(const std::filesystem::path& zip, const std::string& name);

/// What builds ask of each bundle in archive/ (its bag-info.txt and the
/// SHA-256 of its manifest and sealing lines) is remembered between builds in
/// `file` (the build cache), keyed by the zip's stat stamp, so a build that
/// changed nothing opens no sealed zip. A missing or damaged file is empty.
void load_bundle_summaries(const std::filesystem::path& file);
/// Writes the summaries of the bundles this process looked at (when any is new).
bool save_bundle_summaries(const std::filesystem::path& file);

/// Manifest lines that decide sealing: those of data/content/ and data/scores.*.
std::string sealing_lines(const std::string& manifest_sha256);

}  // namespace creditgen::bundle
