// What a zip says about itself before any entry is read: its central
// directory, checked against the file and the local headers. `verify` runs
// this first, so a crafted zip is refused in time proportional to its
// directory — not after inflating 2,000 entries that all point at one
// 100 MB local entry, or a 5-million-line manifest.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace creditgen::bundle {

/// Limits a bundle's entries must keep to (documented in docs/audit.md).
struct ZipLimits {
  unsigned long long max_entries = 2'000'000;
  unsigned long long max_tag_file_bytes = 512ULL * 1024 * 1024;  ///< manifests, bag-info, tags/*
  unsigned long long max_ratio = 1000;  ///< uncompressed ÷ compressed, for entries over 1 MiB
};

/// Every structural problem of the zip at `path`, in Chinese: a central
/// directory that cannot be found or read; entries whose data overlap or lie
/// outside the file; a local header that disagrees with its central
/// directory entry (name, method, flags, sizes); an entry that is not a
/// regular file (symbolic link, device, folder with data, setuid/setgid);
/// a non-ASCII name without the UTF-8 flag; declared sizes beyond `limits`.
/// Empty: libzip may read it.
std::vector<std::string> zip_structure_problems(const std::filesystem::path& path, const ZipLimits& limits = {});

}  // namespace creditgen::bundle
