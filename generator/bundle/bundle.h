// Evidence bundles (outputs.md, "Evidence bundles"): one BagIt 1.0 bag per
// month in a deterministic zip, drafts rewritten, published months sealed
// (never overwritten; corrections become .r2.zip, .r3.zip …), and verify.
// The cli assembles a BagInput from the loaded content, the scores and the
// rendered report; this stage knows nothing about how those were made.
#pragma once

#include <filesystem>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "bundle/archive_checks.h"
#include "bundle/digest.h"
#include "bundle/signature.h"
#include "bundle/spool.h"

namespace creditgen::bundle {

/// In-memory payload bytes already made ready for the zip: their digests,
/// deflated exactly as the zip writer would deflate them, and their CRC. A
/// month's rendered report is tens of megabytes of HTML and a fifth of that
/// deflated, and the next month's report is made while this month's bag is
/// written: packed and set aside in a Spool of the report's own, the two
/// cost the process almost no memory, and the disk they take is given back
/// when the last of the report's pages is let go (its bag written).
struct PackedBytes {
  SpooledBytes deflated;  ///< deflate_raw() of the bytes
  uint32_t crc = 0;       ///< crc32_of() the bytes
  DigestSet digests;      ///< of the bytes; size is their length
  /// The spool `deflated` is in, kept open as long as any bytes in it are needed.
  std::shared_ptr<const Spool> spool;
};

/// One payload file, named below `data/`.
struct PayloadEntry {
  std::string name;  ///< below data/, '/'-separated: "content/2022-05/lingang/files/a.jpg", "scores.json"
  /// Streamed from this file (never read whole into memory) when `bytes` is
  /// empty… Its path as text: a late bag lists half a million files, and a
  /// std::filesystem::path would also keep each component parsed (about 440
  /// bytes more per entry).
  std::string file;
  /// …or these in-memory bytes (rendered pages, scores.json/csv)…
  std::optional<std::string> bytes;
  /// …or in-memory bytes already packed (only for a name that is deflated).
  std::shared_ptr<const PackedBytes> packed;
  /// For a file: the FileStamp::digest() of the version loading found to be
  /// what its name says (model::ContentFile::format_confirmed), so the
  /// metadata table need not identify it again; 0: not known.
  uint64_t format_confirmed = 0;

  static PayloadEntry from_file(std::string name, std::string file, uint64_t format_confirmed = 0) {
    return PayloadEntry{std::move(name), std::move(file), std::nullopt, nullptr, format_confirmed};
  }
  static PayloadEntry from_bytes(std::string name, std::string bytes) {
    return PayloadEntry{std::move(name), {}, std::move(bytes), nullptr, 0};
  }
  /// In-memory bytes, packed at once when the zip deflates their name (the
  /// bytes are let go, the packed ones set aside in `spool` when given,
  /// which the entry then keeps open); otherwise the same as from_bytes.
  static PayloadEntry packed_from_bytes(std::string name, std::string bytes, std::shared_ptr<Spool> spool = nullptr);
  /// Payload size in bytes (files: nullopt, their size comes from stat).
  std::optional<unsigned long long> memory_size() const {
    if (packed) return packed->digests.size;
    if (bytes) return bytes->size();
    return std::nullopt;
  }
};

/// A bundle named in bag-info (Supersedes, Prior-Bundle): "2022-04.zip" and the sha256 of that zip file.
struct BundleRef {
  std::string file_name;
  std::string sha256;
};

/// What a payload file is part of, for the archival metadata (tags/metadata.csv).
struct FileRecord {
  std::string kind;    ///< 信用动态, 制度文件, 站点设置, 月报页面, …
  std::string title;   ///< 题名: the item's title, the policy's, …; may be empty
  std::string unit;    ///< the unit's name, empty for district-wide files
  std::string date;    ///< the item's date (YYYY-MM-DD), may be empty
  std::string doc_no;  ///< 文号, for policies
  std::string status;  ///< 采纳, 退回, 待审核, 无效; empty for what needs no review
};

/// Everything one month's bag is made of. Every value comes from the content, never the clock.
struct BagInput {
  std::string district;      ///< site.yaml district (District, External-Description)
  std::string slug;          ///< site.yaml slug, [a-z0-9-]+
  std::string organization;  ///< Source-Organization: office, else district (Site::organization())
  std::string address;       ///< Organization-Address, optional
  std::string contact;       ///< Contact-Name (a role), optional
  YearMonth month;
  DateTime epoch;               ///< Bundle-Epoch: local wall clock at utc_offset (Month::bundle_epoch())
  int utc_offset_minutes = 480;
  /// Bagging-Date of a sealed bag: the date of this publication or
  /// correction (the publication record's). None → a draft.
  std::optional<Date> published;
  /// Which sealed version this bag is; set exactly when `published` is.
  struct SealedVersion {
    int revision = 1;
    std::optional<BundleRef> supersedes;  ///< revisions ≥ 2: the version it corrects
    std::string by;                       ///< Published-By: who published or corrected it
    std::string reason;                   ///< Correction-Reason (revisions ≥ 2)
    std::optional<Date> first_published;  ///< Original-Publication-Date (revisions ≥ 2)
  };
  std::optional<SealedVersion> sealed;
  /// When re-creating a recorded bundle that went missing: the SHA-256 the
  /// publication record holds. The bag is placed only when its bytes have
  /// exactly this digest; otherwise nothing is written and seal_month fails.
  std::string expected_sha256;
  std::string rulebook_name;      ///< e.g. "rules/2022-01.yaml"
  std::string rulebook_sha256;    ///< hex of the rulebook file's bytes
  std::vector<BundleRef> prior_bundles;  ///< one per earlier month whose text files are included
  /// tags/earlier-files.txt: the files of those earlier months that are not
  /// in the payload (attachments), one "<bytes>  data/content/<path>" line
  /// each in byte order, so the month's scores can be re-derived from the
  /// bag alone (an earlier item counts only when its attachments exist).
  /// None: no earlier month is read, and no such tag file.
  std::optional<std::string> earlier_files;
  /// Entries of the month folder left out as unsafe (links, devices, FIFOs,
  /// sockets; content.md "Files"), "content/2022-05/lingang/files/x.jpg":
  /// bag-info names each, so the bag says what it does not hold.
  std::vector<std::string> omitted_unsafe;
  std::vector<PayloadEntry> payload;     ///< any order; sorted by name bytes when written
  /// More payload made only when a bag is actually written or rehearsed (the
  /// rendered report): an unchanged sealed month never needs it, because
  /// sealing compares only data/content/ and data/scores.*. May be empty.
  std::function<std::vector<PayloadEntry>()> deferred_payload;
  /// What each payload file belongs to, by name below data/ (files not named
  /// here are described by their folder: see bag.cc file_record_of).
  std::map<std::string, FileRecord> file_records;
  std::string retention = "永久";  ///< 保管期限 (site.yaml), in the 归档登记表
  /// The office's key, for a sealed bag when site.yaml names one: the bag
  /// then carries tags/signature.p7s (bundle/signature.h). `signing_error`
  /// (Chinese) when it was named but could not be read: the bag is not written.
  std::optional<SigningKey> signing;
  std::string signing_error;
  /// The TSA's reply (DER TimeStampResp) over this bag's
  /// tagmanifest-sha256.txt, for a sealed bag stamped at publication: the
  /// bag then carries it as tags/timestamp.tsr (bundle/timestamp.h). A reply
  /// over other bytes fails the write. `timestamp_error` (Chinese) when the
  /// record names a reply that could not be read: the bag is not written.
  std::string timestamp_reply;
  std::string timestamp_error;
  /// The content folder as diagnostics show it (model::Content::shown_root):
  /// a `[bad-filename]` about payload entry "content/<path>" points there
  /// (derived when needed: a late bag has half a million entries), about
  /// any other entry at "data/<name>".
  std::string content_shown_root;
  /// Where month-level diagnostics ([revision], write failures) point, e.g.
  /// "content/2022-05/review.yaml"; empty → the bundle's path.
  std::string shown;
};

/// What one bundle in archive/ is, for the site's archive page.
struct BundleFacts {
  std::string file_name;        ///< "2022-05.zip", "2022-05.r2.zip", "2022-05.draft.zip"
  std::filesystem::path path;
  YearMonth month;
  std::string revision;         ///< "draft", "1", "2", …
  unsigned long long size = 0;  ///< bytes of the zip file
  std::string sha256;           ///< of the zip file
  unsigned long long payload_files = 0;  ///< from Payload-Oxum
  unsigned long long payload_bytes = 0;
  std::string bagging_date;     ///< bag-info Bagging-Date, "2022-06-05"
  std::string external_identifier;
  /// The download name for the site: "<slug>-<YYYY-MM>.zip", ".r2.zip", ".draft.zip".
  std::string download_name;
};

enum class SealAction {
  wrote_draft,     ///< <YYYY-MM>.draft.zip (re)written
  wrote_sealed,    ///< first <YYYY-MM>.zip written, draft removed
  wrote_revision,  ///< <YYYY-MM>.rN.zip written, [revision] warned
  unchanged,       ///< sealed content unchanged: nothing written
  failed,          ///< diagnostics say why; existing bundles untouched
};

struct SealResult {
  SealAction action = SealAction::failed;
  /// The month's current bundle (the one just written, or the newest sealed
  /// one when unchanged); none when failed.
  std::optional<BundleFacts> bundle;
  /// An I/O failure (Chinese; empty when none): a file unreadable, the zip
  /// not writable. outputs.md makes that fatal (exit 3), not a diagnostic.
  std::string io_error;
  /// Deflated entries a rewritten draft copied from the month's previous
  /// draft instead of reading and deflating their files (bag.h reuse_deflated_entries).
  size_t reused_entries = 0;
};

struct BundleCache;  // bundle/bundle_cache.h

struct SealOptions {
  /// Nothing is written or removed: the same checks and diagnostics, and
  /// SealResult::bundle describes what would be written (size and sha256
  /// empty) — for `build --strict`, which must change nothing on a warning.
  bool dry_run = false;
  unsigned jobs = 0;  ///< threads that read, digest and compress the payload (0: one per core)
  /// What the build knows of files and bundles (the build store's); none:
  /// everything is computed afresh and nothing is kept.
  BundleCache* cache = nullptr;
};

/// Writes the month's bundle in `archive_dir` (created if missing): its
/// draft when `input.sealed` is empty (rewritten only when its bytes would
/// change), else exactly the sealed version `input.sealed` names, which must
/// not exist yet (a sealed bundle is never overwritten; only `creditgen
/// publish` asks for one, or a build re-creating a lost one with
/// `expected_sha256`). Sealing removes the month's draft. Bad payload names
/// are `[bad-filename]` errors and nothing is written; I/O failures go to
/// SealResult::io_error. Existing sealed bundles are never touched.
SealResult seal_month(BagInput input, const std::filesystem::path& archive_dir, Diagnostics& diags,
                      const SealOptions& options = {});

/// How a published month's content and scores compare with its newest
/// sealed bundle.
struct SealedComparison {
  bool same = false;
  std::string changes;   ///< "新增 …；删除 …；修改 …" (paths below data/) when not the same
  std::string io_error;  ///< a file or the bundle could not be read
};
/// Compares what was published of the month — the manifest lines of its own
/// files (data/content/<YYYY-MM>/) and of data/scores.* — in `lean_input`'s
/// payload with those of `sealed_zip`. The site-wide files and earlier
/// months' text may change without changing the month (the scores show it
/// when they do). `sources` (the serialized cli::bag_inputs: the inputs of the
/// months the bag takes files from, and its scores; base/inputs.h) is kept
/// in `cache` with the bundle when they match, so an unchanged month is
/// recognised next time without a payload being listed. "" never matches.
SealedComparison compare_with_sealed(const BagInput& lean_input, const std::filesystem::path& sealed_zip,
                                     const std::string& sources, BundleCache& cache, unsigned jobs = 0);
/// A shortcut around seal_month for a draft month: its caller's `sources` must also
/// cover what the draft's report and bag-info are made from (templates,
/// assets, every earlier month's sources and the Prior-Bundle lines). When
/// the month's draft, as it is now, was last found to match them (`cache`),
/// returns what seal_month would (unchanged) without rendering the report or
/// looking up a digest. nullopt: call seal_month. An empty `sources` never matches.
std::optional<SealResult> draft_unchanged(const std::filesystem::path& archive_dir, YearMonth month,
                                          const std::string& sources, BundleCache& cache);

/// The sources `zip`, as it is now, was last found to match (after
/// seal_month the caller records them: BundleSummaries::set_matched with
/// MatchedBy::sources), or "": what build --explain compares today's with.
std::string matched_sources(const std::filesystem::path& zip, BundleCache& cache);

/// Removes the month's draft bundle, if any (a published month has none).
void remove_draft(const std::filesystem::path& archive_dir, YearMonth month);

/// Every bundle in `archive_dir` (drafts, sealed, revisions), sorted by month
/// then revision (draft last). Unreadable zips are skipped.
std::vector<BundleFacts> list_bundles(const std::filesystem::path& archive_dir, BundleCache& cache);

/// Checks a bundle without extracting it, as an archive office does (四性检测,
/// bundle/archive_checks.h): every check but the re-derived scores, which
/// `verify` adds (cli/rederive.h).
/// With `trusted_cert_pem` the bag's signature must chain to that
/// certificate; with `trusted_tsa_pem` its timestamp must come from that TSA.
ArchiveReport check_bundle(const std::filesystem::path& zip, const std::string* trusted_cert_pem = nullptr,
                           const std::string* trusted_tsa_pem = nullptr);
/// The problems of check_bundle that make a bag unsound (all but the
/// usability group's format findings), in Chinese, as found; empty = valid.
std::vector<std::string> verify_bundle(const std::filesystem::path& zip);

}  // namespace creditgen::bundle
