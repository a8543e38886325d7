// The payload pipeline (files read once on worker threads, large files
// streamed by the writer) and the digest cache behind it.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <random>
#include <thread>

#include "base/file_stamp.h"
#include "base/file_types.h"
#include "bundle/archival_metadata.h"
#include "load/file_format.h"
#include "bundle/bag.h"
#include "bundle/digest.h"
#include "bundle/bundle_cache.h"
#include "bundle/seal.h"
#include "bundle/spool.h"
#include "bundle/zip_writer.h"
#include "bundle_fixture.h"

using namespace bundle_test;
using namespace creditgen::bundle;

namespace {

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(gen() & 0xFF);
  return s;
}

// Moves a file's times two days back, so the cache may trust its stamp.
void age(const fs::path& p) { fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(48)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(payload_pipeline)

BOOST_AUTO_TEST_CASE(large_and_many_files_are_bundled_with_every_digest_on_any_number_of_threads) {
  TempDir tmp;
  const fs::path content = copy_fixture(tmp.path);
  // Over the 16 MiB a worker holds: the writer streams it (stored, a photo)…
  const std::string photo = random_bytes((17u << 20) + 3, 1);
  write_bytes(content / "2022-05/lingang/files/big.jpg", photo);
  // …and a large text file, deflated while streamed.
  std::string log;
  while (log.size() < (17u << 20)) log += "第" + std::to_string(log.size()) + "行：信用承诺台账，已核验。\n";
  write_bytes(content / "2022-05/lingang/files/big.csv", log);
  // Many small files, more than the workers' queue, each with its own bytes.
  for (int i = 0; i < 300; ++i)
    write_bytes(content / ("2022-05/lingang/files/n" + std::to_string(i) + ".txt"), "记录 " + std::to_string(i) + "\n");

  std::string first_bytes;
  for (unsigned jobs : {1u, 2u, 5u}) {
    const fs::path archive = tmp.path / ("archive-" + std::to_string(jobs));
    Diagnostics diags;
    BagInput in = make_input(content);
    in.published.reset(); in.sealed.reset();
    const SealResult r = seal_month(in, archive, diags, {.jobs = jobs});
    BOOST_TEST_REQUIRE(r.io_error == "");
    BOOST_TEST_REQUIRE(r.bundle.has_value());
    BOOST_TEST(verify_bundle(r.bundle->path).empty());
    const std::string root = "jinan-licheng-2022-05/";
    BOOST_TEST(*read_zip_entry(r.bundle->path, root + "data/content/2022-05/lingang/files/big.jpg") == photo);
    BOOST_TEST(*read_zip_entry(r.bundle->path, root + "data/content/2022-05/lingang/files/big.csv") == log);
    BOOST_TEST(*read_zip_entry(r.bundle->path, root + "data/content/2022-05/lingang/files/n299.txt") == "记录 299\n");
    const std::string manifest = *read_zip_entry(r.bundle->path, root + "manifest-sha512.txt");
    BOOST_TEST(manifest.find(hex_digest(DigestKind::sha512, photo) + "  data/content/2022-05/lingang/files/big.jpg\n") !=
               std::string::npos);
    const std::string sm3 = *read_zip_entry(r.bundle->path, root + "tags/sm3sums.txt");
    BOOST_TEST(sm3.find(hex_digest(DigestKind::sm3, log) + "  data/content/2022-05/lingang/files/big.csv\n") !=
               std::string::npos);
    // The same bytes whatever the number of threads.
    const std::string bytes = read_bytes(r.bundle->path);
    if (first_bytes.empty()) first_bytes = bytes;
    BOOST_TEST((bytes == first_bytes));
  }
}

// Manifests are deflated as they are made: fed in pieces of any size, the
// deflater must give exactly deflate_raw's bytes for the whole (the bags'
// bytes may not depend on how they were made).
BOOST_AUTO_TEST_CASE(the_spool_gives_back_what_was_set_aside_and_leaves_no_file) {
  TempDir tmp;
  Spool spool(tmp.path);
  // Set aside from several threads at once, each piece its own bytes.
  std::vector<std::pair<Spool::Ref, std::string>> pieces(200);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < 4; ++t)
    threads.emplace_back([&spool, &pieces, t] {
      for (unsigned i = t; i < pieces.size(); i += 4) {
        std::string bytes = random_bytes(i * 37 + 1, i);
        pieces[i] = {spool.put(bytes).value(), std::move(bytes)};
      }
    });
  for (auto& t : threads) t.join();
  std::string out;
  for (const auto& [ref, bytes] : pieces) {
    BOOST_TEST(spool.get(ref, out));
    BOOST_TEST((out == bytes));
  }
  BOOST_TEST(fs::is_empty(tmp.path));  // the file has no name: nothing to clean up
  BOOST_TEST(!spool.put("x", 10).has_value());  // past the limit
  // Bytes in memory or set aside read the same.
  const SpooledBytes aside = SpooledBytes::of("甲乙丙", &spool);
  BOOST_TEST((aside.spool == &spool));
  BOOST_TEST(aside.held.empty());
  BOOST_TEST(aside.size() == std::string("甲乙丙").size());
  std::string buffer;
  std::string_view view;
  BOOST_TEST(aside.read(buffer, view));
  BOOST_TEST(view == "甲乙丙");
  // A folder that cannot hold the file: nothing is set aside, the bytes stay in memory.
  Spool nowhere(tmp.path / "missing");
  BOOST_TEST(!nowhere.put("abc").has_value());
  const SpooledBytes held = SpooledBytes::of("abc", &nowhere);
  BOOST_TEST(!held.spool);
  BOOST_TEST(held.read(buffer, view));
  BOOST_TEST(view == "abc");
  // Cleared at the end of bundling: what was set aside is gone, and reading it fails.
  spool.clear();
  BOOST_TEST(!aside.read(buffer, view));
}

BOOST_AUTO_TEST_CASE(streamed_deflate_equals_deflate_of_the_whole) {
  std::mt19937 random(7);
  std::string manifest;  // hex digests and paths, like a late month's manifest
  for (int i = 0; manifest.size() < (6u << 20); ++i) {
    std::string line;
    for (int k = 0; k < 64; ++k) line += "0123456789abcdef"[random() % 16];
    manifest += line + "  data/content/2022-" + std::to_string(1 + i % 12) + "/u" + std::to_string(i % 200) +
                "/news/n" + std::to_string(i) + ".md\n";
  }
  for (const std::string& text : {std::string(), std::string("x"), std::string(100000, 'a'), manifest}) {
    for (size_t piece : {size_t{1} << 20, size_t{4093}, size_t{1}}) {
      if (piece == 1 && text.size() > 200000) continue;  // byte by byte: small texts only
      StreamDeflater d;
      for (size_t at = 0; at < text.size(); at += piece) d.update(std::string_view(text).substr(at, piece));
      BOOST_TEST(d.size() == text.size());
      BOOST_TEST(d.crc() == crc32_of(text));
      const SpooledBytes streamed = d.finish();
      BOOST_TEST(!streamed.spool);
      BOOST_TEST((streamed.held == deflate_raw(text)), "size " << text.size() << ", pieces of " << piece);
      // Set aside a megabyte at a time in a spool of its own: the same bytes, in one piece.
      Spool spool(fs::temp_directory_path());
      StreamDeflater aside(&spool);
      for (size_t at = 0; at < text.size(); at += piece) aside.update(std::string_view(text).substr(at, piece));
      const SpooledBytes spooled = aside.finish();
      BOOST_TEST((spooled.spool == &spool));
      std::string buffer;
      std::string_view bytes;
      BOOST_TEST(spooled.read(buffer, bytes));
      BOOST_TEST((bytes == streamed.held));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_file_that_changes_after_it_was_sized_fails_the_bundle_cleanly) {
  TempDir tmp;
  const fs::path content = copy_fixture(tmp.path);
  BagInput in = make_input(content);
  in.published.reset(); in.sealed.reset();
  std::string error;
  BundleCache cache;
  auto payload = prepare_payload(in, cache, error);  // sizes taken here (Payload-Oxum)
  BOOST_TEST_REQUIRE(payload.has_value());
  write_bytes(content / "2022-05/review.yaml", "default: accepted\n# grew after it was sized\n");
  const fs::path target = tmp.path / "2022-05.draft.zip";
  const auto failure = write_bag(in, *payload, BagLabel{"draft", "jinan-licheng-2022-05.draft", std::nullopt}, target,
                                 true, 2, cache);
  BOOST_TEST_REQUIRE(failure.has_value());
  BOOST_TEST(failure->find("review.yaml") != std::string::npos, *failure);
  BOOST_TEST(!fs::exists(target));
  for (const auto& e : fs::directory_iterator(tmp.path)) BOOST_TEST(e.path().filename() == "content");  // no temp file left
}

BOOST_AUTO_TEST_CASE(the_digest_cache_trusts_only_settled_unchanged_files) {
  TempDir tmp;
  BundleCache files;
  DigestCache& cache = files.digests;
  const fs::path file = tmp.path / "a.pdf";
  write_bytes(file, "%PDF-1.7 one");
  // Just written: hashed, but not remembered (it may change again unseen).
  const auto fresh = files.file_digests(file);
  BOOST_TEST_REQUIRE(fresh.has_value());
  BOOST_TEST(fresh->hex(DigestKind::sha256) == hex_digest(DigestKind::sha256, "%PDF-1.7 one"));
  BOOST_TEST(!cache.find(file, *FileStamp::of(file)).has_value());

  write_bytes(file, "%PDF-1.7 two");
  age(file);
  // ctime is still "now", so still not trusted; a file of ours is.
  BOOST_TEST(FileStamp::of(file)->recent());
  const auto ours = files.file_sha256(file, true);
  BOOST_TEST(cache.find(file, *FileStamp::of(file), false)->hex(DigestKind::sha256) == *ours);
  BOOST_TEST(!cache.find(file, *FileStamp::of(file), true).has_value());  // sha256 alone is not a full set

  // A stamp that no longer matches is a miss, and saving keeps only what was used.
  FileStamp old = *FileStamp::of(file);
  old.size += 1;
  BOOST_TEST(!cache.find(file, old, false).has_value());
  const fs::path saved = tmp.path / "cache/digests.txt";
  BOOST_TEST(cache.save(saved));
  cache.clear();
  BOOST_TEST(!cache.find(file, *FileStamp::of(file), false).has_value());
  cache.load(saved);
  BOOST_TEST(cache.find(file, *FileStamp::of(file), false)->hex(DigestKind::sha256) == hex_digest(DigestKind::sha256, "%PDF-1.7 two"));
  write_bytes(file, "%PDF-1.7 333");
  BOOST_TEST(*files.file_sha256(file) == hex_digest(DigestKind::sha256, "%PDF-1.7 333"));

  // Two caches are two builds: nothing one knows leaks into the other.
  BundleCache other;
  BOOST_TEST(!other.digests.find(file, *FileStamp::of(file), false).has_value());
}

// The stamps of one build are taken once: a file that changes while the
// build runs is not re-stat'ed by what compares stamps (only what reads
// bytes checks afresh), and the next build sees the change.
BOOST_AUTO_TEST_CASE(a_build_stats_each_payload_file_once) {
  TempDir tmp;
  BundleCache files;
  const fs::path file = tmp.path / "a.md";
  write_bytes(file, "one");
  BOOST_TEST(files.file_digests(file)->size == 3u);
  write_bytes(file, "three");
  BOOST_TEST(files.digests.stamp(file)->size == 3u);
  files.forget_bundling();
  BOOST_TEST(files.digests.stamp(file)->size == 5u);
  BOOST_TEST(files.file_digests(file)->hex(DigestKind::sha256) == hex_digest(DigestKind::sha256, "three"));
}

// The stamp a build first took is kept with the file's digests, not in a
// table of its own: taken once until forgotten, a missing file remembered
// as missing, and digests of another version let go when it is taken.
BOOST_AUTO_TEST_CASE(the_digest_cache_keeps_each_files_first_stamp) {
  TempDir tmp;
  const fs::path file = tmp.path / "a.md";
  write_bytes(file, "one");
  age(file);
  DigestCache cache;
  BOOST_TEST(cache.stamp(file)->size == 3u);
  write_bytes(file, "much longer");
  BOOST_TEST(cache.stamp(file)->size == 3u);       // one stat per build
  BOOST_TEST(FileStamp::of(file)->size == 11u);    // FileStamp::of is never remembered
  BOOST_TEST(!cache.stamp(file.string() + ".missing").has_value());
  write_bytes(tmp.path / "a.md.missing", "now here");
  BOOST_TEST(!cache.stamp(file.string() + ".missing").has_value());  // remembered as missing
  // A stamped file that was never digested has no digests to give.
  BOOST_TEST(!cache.find(file, *cache.stamp(file), false).has_value());
  // The file changed during the build: digests of its bytes as they are
  // now are kept under their own stamp, and the first stamp still stands.
  const DigestSet now = digest_bytes("much longer");
  cache.store(file, *FileStamp::of(file), now, true);
  BOOST_TEST(cache.stamp(file)->size == 3u);
  BOOST_TEST(cache.find(file, *FileStamp::of(file))->hex(DigestKind::sha256) == hex_digest(DigestKind::sha256, "much longer"));

  cache.forget_stamps();
  age(file);
  const FileStamp settled = *cache.stamp(file);
  BOOST_TEST(settled.size == 11u);
  BOOST_TEST(cache.stamp(file.string() + ".missing")->size == 8u);
  cache.store(file, settled, now, true);
  BOOST_TEST(cache.find(file, settled)->hex(DigestKind::sha256) == hex_digest(DigestKind::sha256, "much longer"));
  const fs::path saved = tmp.path / "cache/digests.txt";
  BOOST_TEST(cache.save(saved));

  // The next build: the file was rewritten. Taking its stamp lets the old
  // digests go, and the saved cache no longer lists them.
  DigestCache next;
  next.load(saved);
  BOOST_TEST(next.find(file, settled).has_value());
  write_bytes(file, "rewritten!!");
  age(file);
  const FileStamp changed = *next.stamp(file);
  BOOST_TEST(!(changed == settled));
  BOOST_TEST(!next.find(file, settled).has_value());
  BOOST_TEST(!next.find(file, changed, false).has_value());
  BOOST_TEST(next.save(saved));
  DigestCache third;
  third.load(saved);
  BOOST_TEST(!third.find(file, settled).has_value());
}

// A stamp remembered for the build is only compared: a file rewritten with
// the same size after it was stat'ed goes into the bag with the digests of
// the bytes actually zipped, not those known for the stamp remembered.
BOOST_AUTO_TEST_CASE(a_bag_is_digested_from_the_bytes_it_zips) {
  TempDir tmp;
  const fs::path content = copy_fixture(tmp.path);
  const fs::path review = content / "2022-05/review.yaml";
  BundleCache cache;
  const auto before = cache.digests.stamp(review);  // the build stat'ed it…
  BOOST_TEST_REQUIRE(before.has_value());
  cache.digests.store(review, *before, *digest_file(review), true);  // …and knows its digests
  std::string text = read_bytes(review);
  text.back() = text.back() == ' ' ? '\t' : ' ';
  write_bytes(review, text);  // the same size, other bytes
  BagInput in = make_input(content);
  in.published.reset(); in.sealed.reset();
  Diagnostics diags;
  const SealResult r = seal_month(in, tmp.path / "archive", diags, {.cache = &cache});
  BOOST_TEST_REQUIRE(r.bundle.has_value(), r.io_error);
  BOOST_TEST(verify_bundle(r.bundle->path).empty());
  const std::string manifest = *read_zip_entry(r.bundle->path, "jinan-licheng-2022-05/manifest-sha256.txt");
  BOOST_TEST(manifest.find(hex_digest(DigestKind::sha256, text) + "  data/content/2022-05/review.yaml") !=
             std::string::npos, manifest);
}

// A late month's bag describes every earlier month's text file again: the
// format check of a file is remembered for the build, for that version of
// the file only, and only when the file is what its name says.
BOOST_AUTO_TEST_CASE(a_files_format_is_checked_once_per_build_and_version) {
  BOOST_REQUIRE(creditgen::load::FormatIdentifier().ready());  // libmagic's database
  TempDir tmp;
  const fs::path good = tmp.path / "content/2022-04/a/news/n.md";
  const fs::path bad = tmp.path / "content/2022-04/a/news/m.md";
  write_bytes(good, "# 标题\n正文\n");
  const std::string not_text = std::string("# x") + '\0' + "\x01\x02 not text";
  write_bytes(bad, not_text);
  age(good);
  age(bad);
  BagInput in;
  in.month = *creditgen::YearMonth::parse("2022-05");
  in.payload = {PayloadEntry::from_file("content/2022-04/a/news/m.md", bad.string()),
                PayloadEntry::from_file("content/2022-04/a/news/n.md", good.string())};
  BundleCache cache;
  std::string error;
  auto payload = prepare_payload(in, cache, error);
  BOOST_TEST_REQUIRE(payload.has_value(), error);
  for (auto& d : payload->entries) {
    d.digests = *digest_file(d.entry->file);
    cache.digests.store(d.entry->file, *cache.digests.stamp(d.entry->file), d.digests, true);
  }
  const auto good_stamp = *FileStamp::of(good);
  BOOST_TEST(!cache.digests.format_confirmed(good.string(), good_stamp));

  const PayloadDescriber describer(in, *payload, 2, cache);
  const auto first = describer.rows(0, 2);
  BOOST_TEST_REQUIRE(first.size() == 2u);
  BOOST_TEST(first[0].finding == "与扩展名不符");
  BOOST_TEST(first[1].finding.empty());
  BOOST_TEST(first[1].mime == creditgen::known_file_type("n.md")->mime);
  BOOST_TEST(cache.digests.format_confirmed(good.string(), good_stamp));
  BOOST_TEST(!cache.digests.format_confirmed(bad.string(), *FileStamp::of(bad)));  // checked again each time

  // The second bag's rows are the same, the confirmed file described from
  // the cache: it is not read again. (Rewritten mid-build, it would still be
  // described as the build first found it, as its digests are: the build's
  // stamps are taken once.)
  std::string a, b;
  for (const auto& r : first) append_metadata_csv(a, r);
  write_bytes(good, not_text);
  for (const auto& r : describer.rows(0, 2)) append_metadata_csv(b, r);
  BOOST_TEST(a == b);

  // Another version of the file, or another build, knows nothing of it.
  FileStamp other = good_stamp;
  other.mtime_ns += 1;
  BOOST_TEST(!cache.digests.format_confirmed(good.string(), other));
  cache.digests.store(good.string(), other, *digest_file(good.string()), true);
  BOOST_TEST(!cache.digests.format_confirmed(good.string(), other));
  BundleCache next;
  BOOST_TEST(!next.digests.format_confirmed(good.string(), good_stamp));
}

// Earlier months' deflated text is found again for the version of the file
// it was made from, through the file's digest-cache entry, and for no other;
// it is forgotten with the spool.
BOOST_AUTO_TEST_CASE(deflated_text_is_found_for_its_version_only) {
  TempDir tmp;
  const fs::path file = tmp.path / "content/2022-04/a/news/n.md";
  write_bytes(file, "# 标题\n正文\n");
  BundleCache cache(tmp.path);
  // Versions as stat() would give them, changed long ago (a file changed
  // moments ago is never kept, FileStamp::recent).
  FileStamp stamp = *FileStamp::of(file), other = stamp;
  stamp.mtime_ns = stamp.ctime_ns = 1'600'000'000'000'000'000;
  other.mtime_ns = other.ctime_ns = stamp.mtime_ns + 1;
  const DigestSet digests = *digest_file(file.string());
  const std::string deflated = deflate_raw("# 标题\n正文\n");
  // No digest-cache entry for the file yet: nowhere to keep it.
  BOOST_TEST(!cache.deflated.keep(file.string(), stamp, deflated, 7));
  cache.digests.store(file.string(), stamp, digests, true);
  BOOST_TEST(cache.deflated.keep(file.string(), stamp, deflated, 7));
  const auto found = cache.deflated.find(file.string(), stamp);
  BOOST_TEST_REQUIRE(found.has_value());
  BOOST_TEST(found->crc == 7u);
  std::string back;
  BOOST_TEST(cache.deflated.read(*found, back));
  BOOST_TEST((back == deflated));
  // Kept once: a second keeper finds the first.
  BOOST_TEST(cache.deflated.keep(file.string(), stamp, "other", 8));
  BOOST_TEST(cache.deflated.find(file.string(), stamp)->crc == 7u);
  // Another version of the file knows nothing of it, nor does this one once it is replaced.
  BOOST_TEST(!cache.deflated.find(file.string(), other).has_value());
  cache.digests.store(file.string(), other, digests, true);
  BOOST_TEST(!cache.deflated.find(file.string(), stamp).has_value());
  BOOST_TEST(!cache.deflated.find(file.string(), other).has_value());
  BOOST_TEST(cache.deflated.keep(file.string(), other, deflated, 9));
  BOOST_TEST(cache.deflated.find(file.string(), other)->crc == 9u);
  // Nor a changed file: what was kept is not believed once it is recent.
  FileStamp now = other;
  now.mtime_ns = now.ctime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::system_clock::now().time_since_epoch()).count();
  BOOST_TEST(!cache.deflated.keep(file.string(), now, deflated, 10));
  cache.forget_bundling();
  BOOST_TEST(!cache.deflated.find(file.string(), other).has_value());
}

// What loading found a file to be is believed for the version it names
// (PayloadEntry::format_confirmed, a FileStamp digest), never for another.
BOOST_AUTO_TEST_CASE(loadings_format_verdict_holds_for_its_version_only) {
  BOOST_REQUIRE(creditgen::load::FormatIdentifier().ready());
  TempDir tmp;
  const fs::path file = tmp.path / "content/2022-05/a/files/p.jpg";
  const std::string not_jpeg = "这是一段文字，不是照片。\n";
  write_bytes(file, not_jpeg);
  const auto stamp = FileStamp::of(file.string());
  BOOST_REQUIRE(stamp);
  FileStamp other = *stamp;
  other.mtime_ns += 1;
  auto row_of = [&](uint64_t confirmed) {
    BagInput in;
    in.month = *creditgen::YearMonth::parse("2022-05");
    in.payload = {PayloadEntry::from_file("content/2022-05/a/files/p.jpg", file.string(), confirmed)};
    BundleCache cache;
    std::string error;
    auto payload = prepare_payload(in, cache, error);
    BOOST_TEST_REQUIRE(payload.has_value(), error);
    payload->entries[0].digests = *digest_file(file.string());
    const PayloadDescriber describer(in, *payload, 1, cache);
    const auto rows = describer.rows(0, 1);
    BOOST_REQUIRE(rows.size() == 1u);
    return rows[0];
  };
  // The bytes are text: identified afresh, the row says so.
  BOOST_TEST(row_of(0).finding == "与扩展名不符");
  BOOST_TEST(row_of(other.digest()).finding == "与扩展名不符");
  // Named as found by loading (these bytes were never checked: the row shows
  // the verdict was used instead of identifying them again).
  const auto believed = row_of(stamp->digest());
  BOOST_TEST(believed.finding.empty());
  BOOST_TEST(believed.mime == creditgen::known_file_type("p.jpg")->mime);
}

BOOST_AUTO_TEST_SUITE_END()
