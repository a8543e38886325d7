// Building one BagIt 1.0 bag (RFC 8493) as a zip: tag file texts, manifests
// and the zip itself. seal.cc decides which file name and revision to use.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/bundle.h"
#include "bundle/bundle_cache.h"
#include "bundle/digest.h"

namespace creditgen::bundle {

/// A payload entry with its size and, once digested, its digests.
struct DigestedEntry {
  const PayloadEntry* entry = nullptr;
  DigestSet digests;  ///< size always set; the hex digests empty until digested
};

/// The payload, sorted by name bytes.
struct PreparedPayload {
  std::vector<DigestedEntry> entries;
  unsigned long long total_bytes = 0;
};

/// Checks every payload name (bundle_name_problem on the whole entry name,
/// case clashes); each problem is a `[bad-filename]` error. True when all are fine.
bool check_payload_names(const BagInput& input, Diagnostics& diags);

/// Sorts the payload and takes every entry's size (stat for files, once per
/// build through `cache`); nothing is read. On a missing file returns
/// nullopt with `error` set.
std::optional<PreparedPayload> prepare_payload(const BagInput& input, BundleCache& cache, std::string& error);

/// Digests the entries `wanted` selects, on `jobs` threads, with the file
/// digests `cache` knows (and keeping those it did not). On an unreadable
/// file returns false with `error` set.
bool digest_payload(PreparedPayload& p, const std::function<bool(const PayloadEntry&)>& wanted, unsigned jobs,
                    BundleCache& cache, std::string& error);

/// A draft is rewritten whenever anything in it changes, yet most of a late
/// month's draft is earlier months' text that did not. From `earlier_bag`,
/// a bag with the root folder `root` written under this program's
/// deflate_identity() (the caller checks), keeps (in `cache`)
/// the deflated bytes of every file-backed, deflated entry of the digested
/// payload `p` whose SHA-256 in that bag's manifest is the file's own, so
/// write_bag copies them instead of reading and deflating those files.
/// Returns how many entries it remembered; 0 when the bag cannot be read.
size_t reuse_deflated_entries(const std::filesystem::path& earlier_bag, const std::string& root,
                              const PreparedPayload& p, BundleCache& cache);

/// Whether the payload entry `name` (below data/) decides sealing: content
/// files and scores (outputs.md: a sealed month changes only when these do;
/// the report may be re-rendered freely).
bool decides_sealing(std::string_view name);

/// How this particular bag is labelled.
struct BagLabel {
  std::string revision;             ///< "draft", "1", "2", …
  std::string external_identifier;  ///< "<slug>-<YYYY-MM>", ".draft", ".r2" …
  std::optional<BundleRef> supersedes;
};

std::string bag_root(const BagInput& input);
/// "<hex>  data/<name>\n" lines in name byte order.
std::string manifest_text(const PreparedPayload& p, DigestKind kind);
std::string bagit_txt();
std::string bag_info_txt(const BagInput& input, const PreparedPayload& p, const BagLabel& label);
std::string verify_zh_txt(const BagInput& input);
/// Bagging-Date: `published`, else the date of Bundle-Epoch in UTC+8.
std::string bagging_date(const BagInput& input);

/// The tag files a written bag holds that later steps ask about.
struct WrittenTags {
  std::string bag_info;
  std::string manifest_hash;  ///< sha256 of manifest-sha256.txt
  std::string sealing_hash;   ///< sha256 of its lines that decide sealing (seal.h sealing_lines)
};

/// Writes the bag to `target` (temporary file, then rename; with `replace`
/// false an existing target is left alone and an error returned), reading
/// each payload file once on `jobs` worker threads (or taking its digests
/// and deflated bytes from `cache`); fills the digests of `p` and, when
/// given, `written`. Returns an error text (Chinese) on failure.
std::optional<std::string> write_bag(const BagInput& input, PreparedPayload& p, const BagLabel& label,
                                     const std::filesystem::path& target, bool replace, unsigned jobs,
                                     BundleCache& cache, WrittenTags* written = nullptr);

}  // namespace creditgen::bundle
