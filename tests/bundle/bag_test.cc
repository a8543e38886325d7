#include <boost/test/unit_test.hpp>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <sys/stat.h>
#include <time.h>

#include <map>
#include <memory>
#include <optional>

#include "bundle/bag.h"
#include "bundle/bundle_cache.h"
#include "bundle/digest.h"
#include "bundle/seal.h"
#include "bundle_fixture.h"

using namespace bundle_test;
using namespace creditgen::bundle;

namespace {

fs::path build(const BagInput& in, const fs::path& archive) {
  Diagnostics diags;
  const SealResult r = seal_month(in, archive, diags);
  BOOST_TEST_REQUIRE(r.io_error == "");
  BOOST_TEST_REQUIRE(diags.empty());
  BOOST_TEST_REQUIRE(r.bundle.has_value());
  return r.bundle->path;
}

std::string poco_sha(const std::string& bytes, Poco::SHA2Engine::ALGORITHM alg) {
  Poco::SHA2Engine e(alg);
  e.update(bytes);
  return Poco::DigestEngine::digestToHex(e.digest());
}

// Runs `f` with TZ set to `tz`, then restores the previous value.
template <class F>
void with_tz(const char* tz, F f) {
  const char* old = getenv("TZ");
  const std::string saved = old ? old : "";
  setenv("TZ", tz, 1);
  tzset();
  f();
  if (old) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
  tzset();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bag)

BOOST_AUTO_TEST_CASE(digests_match_standard_vectors) {
  // GB/T 32905-2016 appendix A.1
  BOOST_TEST(hex_digest(DigestKind::sm3, "abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  BOOST_TEST(hex_digest(DigestKind::sha256, "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(hex_digest(DigestKind::sha512, "").substr(0, 16) == "cf83e1357eefb8bd");
  const DigestSet s = digest_bytes("abc");
  BOOST_TEST(s.size == 3u);
  BOOST_TEST(s.hex(DigestKind::sm3) == hex_digest(DigestKind::sm3, "abc"));
  BOOST_TEST(s.hex(DigestKind::sha512) == hex_digest(DigestKind::sha512, "abc"));
  BOOST_TEST(s.complete());

  // Held as bytes, spelled out as hex: a round trip, and refusals.
  DigestSet t;
  BOOST_TEST(!t.has(DigestKind::sha256));
  BOOST_TEST(t.hex(DigestKind::sha256).empty());
  BOOST_TEST(t.set_hex(DigestKind::sha256, s.hex(DigestKind::sha256)));
  BOOST_TEST(t.sha256 == s.sha256);
  BOOST_TEST(!t.complete());
  BOOST_TEST(!t.set_hex(DigestKind::sm3, s.hex(DigestKind::sha256).substr(1)));       // too short
  BOOST_TEST(!t.set_hex(DigestKind::sm3, "X" + s.hex(DigestKind::sm3).substr(1)));  // not hex
  BOOST_TEST(!t.set_hex(DigestKind::sha512, s.hex(DigestKind::sha256)));             // a sha256 for sha512
  BOOST_TEST(!t.has(DigestKind::sm3));
  std::string line = "x";
  s.append_hex(DigestKind::sha256, line);
  BOOST_TEST(line == "x" + hex_digest(DigestKind::sha256, "abc"));
}

BOOST_AUTO_TEST_CASE(zip_layout_is_exactly_the_bag) {
  TempDir tmp;
  const BagInput in = make_input(copy_fixture(tmp.path));
  const fs::path zip = build(in, tmp.path / "archive");
  BOOST_TEST(zip.filename() == "2022-05.zip");
  const ParsedZip parsed = parse_zip(read_bytes(zip));
  std::vector<std::string> names;
  for (const auto& e : parsed.entries) names.push_back(e.name);
  const std::string r = "jinan-licheng-2022-05/";
  const std::vector<std::string> expected = {
      r + "bag-info.txt",
      r + "bagit.txt",
      r + "data/content/2022-05/lingang/files/培训现场.jpg",
      r + "data/content/2022-05/lingang/news/2022-05-20-meeting.md",
      r + "data/content/2022-05/review.yaml",
      r + "data/content/2022-05/shenpiju/policies.yaml",
      r + "data/content/rules/2022-01.yaml",
      r + "data/content/site.yaml",
      r + "data/content/units.yaml",
      r + "data/report/index.html",
      r + "data/scores.csv",
      r + "data/scores.json",
      r + "manifest-sha256.txt",
      r + "manifest-sha512.txt",
      r + "tagmanifest-sha256.txt",
      r + "tagmanifest-sha512.txt",
      r + "tags/archive-register.txt",
      r + "tags/metadata.csv",
      r + "tags/sm3sums.txt",
      r + "tags/verify-zh.txt",
  };
  BOOST_TEST(names == expected, boost::test_tools::per_element());
  BOOST_TEST(parsed.archive_comment_len == 0u);
  for (const auto& e : parsed.entries) {
    BOOST_TEST_CONTEXT(e.name) {
      const bool ascii = std::all_of(e.name.begin(), e.name.end(), [](char c) { return (c & 0x80) == 0; });
      BOOST_TEST(((e.flags & 0x800) != 0) == !ascii);        // bit 11 exactly on non-ASCII names
      BOOST_TEST(((e.local_flags & 0x800) != 0) == !ascii);
      BOOST_TEST((e.version_made_by >> 8) == 3u);            // Unix
      BOOST_TEST(e.external_attrs == (0100644u << 16));
      // 2022-05-21 09:30 at +08:00 is 01:30 UTC.
      BOOST_TEST(e.dos_time == ((1u << 11) | (30u << 5)));
      BOOST_TEST(e.dos_date == ((42u << 9) | (5u << 5) | 21u));
      BOOST_TEST(e.local_time == e.dos_time);
      BOOST_TEST(e.local_date == e.dos_date);
      BOOST_TEST(e.extra_len == 0u);
      BOOST_TEST(e.local_extra_len == 0u);
      BOOST_TEST(e.comment_len == 0u);
      BOOST_TEST(e.method == (e.name.ends_with(".jpg") ? 0u : 8u));
    }
  }
}

BOOST_AUTO_TEST_CASE(tag_files_have_the_exact_bytes) {
  TempDir tmp;
  const fs::path content = copy_fixture(tmp.path);
  const BagInput in = make_input(content);
  const fs::path zip = build(in, tmp.path / "archive");
  const std::string r = "jinan-licheng-2022-05/";
  BOOST_TEST(*read_zip_entry(zip, r + "bagit.txt") == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");

  unsigned long long bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(content))
    if (e.is_regular_file()) bytes += e.file_size();
  bytes += std::string("<!doctype html><title>2022年5月</title>\n").size() +
           std::string("{\"month\":\"2022-05\",\"units\":[]}\n").size() + std::string("unit,score\nlingang,87.5\n").size();
  const std::string expected =
      "Source-Organization: 历城区社会信用体系建设工作领导小组办公室\n"
      "Contact-Name: 区信用办综合科\n"
      "External-Identifier: jinan-licheng-2022-05\n"
      "External-Description: 历城区2022年5月信用监测月报佐证材料\n"
      "Bagging-Date: 2022-06-05\n"
      "Bag-Group-Identifier: jinan-licheng-credit-monitoring\n"
      "Bag-Software-Agent: creditgen bundle-format/1\n"
      "Payload-Oxum: " + std::to_string(bytes) + ".10\n"
      "Credit-Month: 2022-05\n"
      "District: 历城区\n"
      "Rulebook: rules/2022-01.yaml sha256:00000000000000000000000000000000000000000000000000000000000000aa\n"
      "Bundle-Epoch: 2022-05-21T01:30:00Z\n"
      "Bundle-Revision: 1\n"
      "Published-By: 区信用办\n";
  BOOST_TEST(*read_zip_entry(zip, r + "bag-info.txt") == expected);

  const std::string verify = *read_zip_entry(zip, r + "tags/verify-zh.txt");
  BOOST_TEST(verify.find("certutil -hashfile") != std::string::npos);
  BOOST_TEST(verify.find("Get-FileHash") != std::string::npos);
  BOOST_TEST(verify.find("shasum -a 256 -c manifest-sha256.txt") != std::string::npos);
  BOOST_TEST(verify.find("sha256sum -c manifest-sha256.txt") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(manifests_match_independent_digests) {
  TempDir tmp;
  const fs::path content = copy_fixture(tmp.path);
  const BagInput in = make_input(content);
  const fs::path zip = build(in, tmp.path / "archive");
  const std::string r = "jinan-licheng-2022-05/";
  std::map<std::string, std::string> bytes;  // data/<name> → bytes, from the inputs
  for (const auto& p : in.payload) bytes["data/" + p.name] = p.bytes ? *p.bytes : read_bytes(p.file);
  std::string m256, m512, sm3;
  for (const auto& [name, b] : bytes) {  // std::map: byte order
    m256 += poco_sha(b, Poco::SHA2Engine::SHA_256) + "  " + name + "\n";
    m512 += poco_sha(b, Poco::SHA2Engine::SHA_512) + "  " + name + "\n";
    sm3 += hex_digest(DigestKind::sm3, b) + "  " + name + "\n";
    // and the zipped bytes are the input bytes
    BOOST_TEST(*read_zip_entry(zip, r + name) == b);
  }
  BOOST_TEST(*read_zip_entry(zip, r + "manifest-sha256.txt") == m256);
  BOOST_TEST(*read_zip_entry(zip, r + "manifest-sha512.txt") == m512);
  BOOST_TEST(*read_zip_entry(zip, r + "tags/sm3sums.txt") == sm3);

  std::string t256;
  for (const char* tag : {"bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt",
                          "tags/archive-register.txt", "tags/metadata.csv", "tags/sm3sums.txt", "tags/verify-zh.txt"})
    t256 += poco_sha(*read_zip_entry(zip, r + tag), Poco::SHA2Engine::SHA_256) + "  " + tag + "\n";
  BOOST_TEST(*read_zip_entry(zip, r + "tagmanifest-sha256.txt") == t256);
  BOOST_TEST(verify_bundle(zip).empty());
}

BOOST_AUTO_TEST_CASE(bytes_do_not_depend_on_time_zone_mtimes_or_permissions) {
  TempDir tmp;
  const fs::path content = copy_fixture(tmp.path);
  std::string first, second;
  with_tz("UTC", [&] { first = read_bytes(build(make_input(content), tmp.path / "a")); });
  for (const auto& e : fs::recursive_directory_iterator(content)) {
    if (!e.is_regular_file()) continue;
    fs::last_write_time(e.path(), fs::file_time_type::clock::now() - std::chrono::hours(24 * 400));
    fs::permissions(e.path(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::owner_exec);
  }
  with_tz("Asia/Shanghai", [&] { second = read_bytes(build(make_input(content), tmp.path / "b")); });
  BOOST_TEST(first.size() > 1000u);
  BOOST_TEST((first == second));
  // and a draft is dated from Bundle-Epoch too, not the clock
  BagInput draft = make_input(content);
  draft.published.reset(); draft.sealed.reset();
  std::string d1, d2;
  with_tz("America/New_York", [&] { d1 = read_bytes(build(draft, tmp.path / "c")); });
  with_tz("Asia/Shanghai", [&] { d2 = read_bytes(build(draft, tmp.path / "d")); });
  BOOST_TEST((d1 == d2));
}

BOOST_AUTO_TEST_CASE(packed_bytes_make_the_same_bag_as_plain_bytes) {
  TempDir tmp;
  const fs::path content = copy_fixture(tmp.path);
  const BagInput plain = make_input(content);
  BagInput packed = make_input(content);
  size_t packed_entries = 0;
  for (PayloadEntry& e : packed.payload) {
    if (!e.bytes) continue;
    e = PayloadEntry::packed_from_bytes(e.name, *e.bytes);
    if (e.packed) {
      ++packed_entries;
      BOOST_TEST(!e.bytes.has_value());
      BOOST_TEST(e.packed->digests.complete());
    }
  }
  // An already-compressed type is never deflated: it stays plain bytes.
  const PayloadEntry photo = PayloadEntry::packed_from_bytes("report/a.JPG", "not deflated");
  BOOST_TEST(!photo.packed);
  BOOST_TEST(*photo.bytes == "not deflated");
  BOOST_TEST(*photo.memory_size() == 12u);
  BOOST_TEST(packed_entries == 3u);  // report/index.html, scores.json, scores.csv
  // Packed and set aside in a spool (a report at 10,000 units): read back when written.
  // The entries keep their spool open, and only they: once the bag is
  // written and they are let go, so is the spool (its disk space freed).
  auto spool = std::make_shared<Spool>(tmp.path);
  const std::weak_ptr<Spool> spool_alive = spool;
  std::optional<BagInput> spooled = make_input(content);
  size_t spooled_entries = 0;
  for (PayloadEntry& e : spooled->payload) {
    if (!e.bytes) continue;
    e = PayloadEntry::packed_from_bytes(e.name, *e.bytes, spool);
    if (e.packed && e.packed->deflated.spool == spool.get() && e.packed->deflated.held.empty() &&
        e.packed->spool.get() == spool.get())
      ++spooled_entries;
  }
  BOOST_TEST(spooled_entries == 3u);
  spool.reset();
  BOOST_TEST(!spool_alive.expired());
  const std::string a = read_bytes(build(plain, tmp.path / "a"));
  const std::string b = read_bytes(build(packed, tmp.path / "b"));
  const std::string c = read_bytes(build(*spooled, tmp.path / "c"));
  BOOST_TEST(a.size() > 1000u);
  BOOST_TEST((a == b));
  BOOST_TEST((a == c));
  spooled.reset();
  BOOST_TEST(spool_alive.expired());
  // Bytes that stay in memory keep no spool.
  const PayloadEntry held = PayloadEntry::packed_from_bytes("report/b.html", "<p>乙</p>");
  BOOST_TEST(!held.packed->spool);
}

BOOST_AUTO_TEST_CASE(draft_labels) {
  TempDir tmp;
  BagInput in = make_input(copy_fixture(tmp.path));
  in.published.reset(); in.sealed.reset();
  // 2022-05-31 23:59:59 at -05:00 is 2022-06-01 04:59:59 UTC: 2022-06-01 in UTC+8 too.
  in.epoch = *DateTime::parse("2022-05-31T23:59:59");
  in.utc_offset_minutes = -300;
  in.address = "济南市历城区\n山大路 1 号";
  in.contact.clear();
  in.organization.clear();
  in.prior_bundles = {{"2022-04.zip", "ab"}, {"2022-03.r2.zip", "cd"}};
  const fs::path zip = build(in, tmp.path / "archive");
  BOOST_TEST(zip.filename() == "2022-05.draft.zip");
  const std::string info = *read_zip_entry(zip, "jinan-licheng-2022-05/bag-info.txt");
  BOOST_TEST(info.starts_with("Source-Organization: 历城区\nOrganization-Address: 济南市历城区 山大路 1 号\n"
                              "External-Identifier: jinan-licheng-2022-05.draft\n"), info);
  BOOST_TEST(info.find("Bagging-Date: 2022-06-01\n") != std::string::npos);
  BOOST_TEST(info.ends_with("Bundle-Epoch: 2022-06-01T04:59:59Z\nBundle-Revision: draft\n"
                            "Prior-Bundle: 2022-04.zip sha256:ab\nPrior-Bundle: 2022-03.r2.zip sha256:cd\n"));
  const ParsedZip parsed = parse_zip(read_bytes(zip));
  BOOST_TEST(parsed.entries.front().dos_time == ((4u << 11) | (59u << 5) | 29u));  // 04:59:58
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bag_zip64)

BOOST_AUTO_TEST_CASE(more_than_65535_entries_use_zip64_and_still_verify) {
  TempDir tmp;
  BagInput in = make_input(copy_fixture(tmp.path));
  for (int i = 0; i < 66000; ++i) in.payload.push_back(PayloadEntry::from_bytes("report/p/" + std::to_string(i) + ".txt", "x"));
  const fs::path zip = build(in, tmp.path / "archive");
  const std::string bytes = read_bytes(zip);
  // The ZIP64 end of central directory record and its locator are present.
  BOOST_TEST(bytes.find(std::string("PK\x06\x06", 4)) != std::string::npos);
  BOOST_TEST(bytes.find(std::string("PK\x06\x07", 4)) != std::string::npos);
  BOOST_TEST(verify_bundle(zip).empty());
  BundleCache nothing_known;
  const auto facts = read_bundle_facts(zip, nothing_known);
  BOOST_TEST(facts->payload_files == 66010u);
  // The metadata table is written a slice of rows at a time (9 slices
  // here): every file once, in the manifest's order, and the register's
  // total counts them all.
  const std::string root = "jinan-licheng-2022-05/";
  const std::string csv = *read_zip_entry(zip, root + "tags/metadata.csv");
  const std::string manifest = *read_zip_entry(zip, root + "manifest-sha256.txt");
  std::vector<std::string> listed, described;
  for (size_t at = 0, end; (end = manifest.find('\n', at)) != std::string::npos; at = end + 1)
    listed.push_back(manifest.substr(at + 66, end - at - 66));
  for (size_t at = csv.find('\n') + 1, end; (end = csv.find('\n', at)) != std::string::npos; at = end + 1)
    described.push_back(csv.substr(at, csv.find(',', at) - at));
  BOOST_TEST(described.size() == 66010u);
  BOOST_TEST((described == listed));
  const std::string reg = *read_zip_entry(zip, root + "tags/archive-register.txt");
  BOOST_TEST(reg.find("  合计：66010 个文件，") != std::string::npos, reg.substr(0, 600));
}

BOOST_AUTO_TEST_SUITE_END()
