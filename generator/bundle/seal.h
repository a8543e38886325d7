// Draft and sealed bundles in archive/ (outputs.md "Draft and sealed").
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "bundle/bundle.h"

namespace creditgen::bundle {

/// Reads one bundle's facts (size, sha256, bag-info fields), or takes them
/// from `cache` when the zip is unchanged; nullopt when it is not a readable bundle.
std::optional<BundleFacts> read_bundle_facts(const std::filesystem::path& zip, BundleCache& cache);

/// The text of one entry of a zip (e.g. "<root>/manifest-sha256.txt"); nullopt when absent or unreadable.
std::optional<std::string> read_zip_entry(const std::filesystem::path& zip, const std::string& name);

/// The text of the bag's tag file `name` ("tagmanifest-sha256.txt"), below
/// whatever the bag's root folder is called; nullopt when absent.
std::optional<std::string> read_tag_file(const std::filesystem::path& zip, const std::string& name);

/// Manifest lines that decide sealing: those of data/content/ and data/scores.*.
std::string sealing_lines(const std::string& manifest_sha256);

}  // namespace creditgen::bundle
