#include <boost/test/unit_test.hpp>

#include <thread>

#include "base/file_stamp.h"
#include "bundle/digest.h"
#include "bundle/bundle_cache.h"
#include "bundle/seal.h"
#include "bundle/zip_writer.h"
#include "bundle_fixture.h"

using namespace bundle_test;
using namespace creditgen::bundle;

namespace {

const std::string R = "jinan-licheng-2022-05/";

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string info_of(const fs::path& zip) { return *read_zip_entry(zip, R + "bag-info.txt"); }

struct Month {
  TempDir tmp;
  fs::path content = copy_fixture(tmp.path);
  fs::path archive = tmp.path / "archive";
  BagInput input = make_input(content);
  Diagnostics diags;
  // What a build store would keep between builds (digests, summaries) and
  // what one build holds (deflated text). Each seal is a build of its own,
  // so the files are stat'ed afresh: tests change them in between.
  BundleCache cache;

  SealResult seal() {
    cache.digests.forget_stamps();
    return seal_month(input, archive, diags, {.cache = &cache});
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(seal)

BOOST_AUTO_TEST_CASE(a_draft_then_its_sealed_version_which_is_never_overwritten) {
  Month m;
  m.input.published.reset(); m.input.sealed.reset();
  SealResult r = m.seal();
  BOOST_TEST((r.action == SealAction::wrote_draft));
  BOOST_TEST(files_in(m.archive) == std::vector<std::string>{"2022-05.draft.zip"}, boost::test_tools::per_element());
  BOOST_TEST(r.bundle->revision == "draft");
  BOOST_TEST(r.bundle->download_name == "jinan-licheng-2022-05.draft.zip");

  m.input = make_input(m.content);  // sealed, revision 1
  r = m.seal();
  BOOST_TEST((r.action == SealAction::wrote_sealed));
  BOOST_TEST(files_in(m.archive) == std::vector<std::string>{"2022-05.zip"}, boost::test_tools::per_element());
  const fs::path sealed = m.archive / "2022-05.zip";
  BOOST_TEST(((fs::status(sealed).permissions() & fs::perms::all) ==
              (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read)));
  BOOST_TEST(r.bundle->sha256 == *sha256_file(sealed));
  BOOST_TEST(info_of(sealed).ends_with("Bundle-Revision: 1\nPublished-By: 区信用办\n"), info_of(sealed));
  const std::string first = read_bytes(sealed);
  const auto mtime = fs::last_write_time(sealed);

  // Asked again for the same version (whatever the content): refused, the
  // sealed file untouched.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  for (auto& p : m.input.payload)
    if (p.name == "scores.csv") p.bytes = "unit,score\nlingang,88.5\n";
  r = m.seal();
  BOOST_TEST((r.action == SealAction::failed));
  BOOST_TEST(r.io_error.find("已存在：已封存的材料包不会被覆盖") != std::string::npos, r.io_error);
  BOOST_TEST((fs::last_write_time(sealed) == mtime));
  BOOST_TEST((read_bytes(sealed) == first));
  BOOST_TEST(m.diags.empty());
}

BOOST_AUTO_TEST_CASE(a_correction_is_the_revision_it_is_asked_to_be) {
  Month m;
  BOOST_TEST((m.seal().action == SealAction::wrote_sealed));
  const fs::path sealed = m.archive / "2022-05.zip";
  const std::string first = read_bytes(sealed);
  const std::string first_sha = *sha256_file(sealed);

  write_bytes(m.content / "2022-05/lingang/news/2022-05-30-new.md", "---\ntitle: 补报\n---\n正文\n");
  m.input = make_input(m.content);
  m.input.published = creditgen::Date::parse("2022-07-02");
  m.input.sealed = BagInput::SealedVersion{2, BundleRef{"2022-05.zip", first_sha}, "张三", "补录漏报的信用动态",
                                           creditgen::Date::parse("2022-06-05")};
  SealResult r = m.seal();
  BOOST_TEST((r.action == SealAction::wrote_revision));
  BOOST_TEST(files_in(m.archive) == (std::vector<std::string>{"2022-05.r2.zip", "2022-05.zip"}),
             boost::test_tools::per_element());
  BOOST_TEST((read_bytes(sealed) == first));  // what auditors received is untouched
  const std::string info = info_of(m.archive / "2022-05.r2.zip");
  BOOST_TEST(info.find("External-Identifier: jinan-licheng-2022-05.r2\n") != std::string::npos);
  BOOST_TEST(info.find("Bagging-Date: 2022-07-02\n") != std::string::npos, info);
  BOOST_TEST(info.ends_with("Bundle-Revision: 2\nSupersedes: 2022-05.zip sha256:" + first_sha +
                            "\nPublished-By: 张三\nCorrection-Reason: 补录漏报的信用动态\n"
                            "Original-Publication-Date: 2022-06-05\n"),
             info);
  BOOST_TEST(r.bundle->revision == "2");
  BOOST_TEST(r.bundle->download_name == "jinan-licheng-2022-05.r2.zip");
  BOOST_TEST(verify_bundle(m.archive / "2022-05.r2.zip").empty());
  BOOST_TEST(m.diags.empty());

  const auto listed = list_bundles(m.archive, m.cache);
  BOOST_TEST_REQUIRE(listed.size() == 2u);
  BOOST_TEST(listed[0].file_name == "2022-05.zip");
  BOOST_TEST(listed[0].revision == "1");
  BOOST_TEST(listed[0].sha256 == first_sha);
  BOOST_TEST(listed[0].size == first.size());
  BOOST_TEST(listed[0].payload_files == 10u);
  BOOST_TEST(listed[0].bagging_date == "2022-06-05");
  BOOST_TEST(listed[0].download_name == "jinan-licheng-2022-05.zip");
  BOOST_TEST(listed[1].file_name == "2022-05.r2.zip");
  BOOST_TEST(listed[1].payload_files == 11u);
  BOOST_TEST(listed[1].bagging_date == "2022-07-02");
}

// A lost sealed bundle may come back only as the very bytes its
// publication record names.
BOOST_AUTO_TEST_CASE(a_recreated_bundle_is_placed_only_with_the_recorded_digest) {
  Month m;
  BOOST_TEST_REQUIRE((m.seal().action == SealAction::wrote_sealed));
  const std::string recorded = *sha256_file(m.archive / "2022-05.zip");
  const std::string first = read_bytes(m.archive / "2022-05.zip");

  const fs::path again = m.tmp.path / "again";
  BagInput in = make_input(m.content);
  in.expected_sha256 = recorded;
  SealResult r = seal_month(in, again, m.diags);
  BOOST_TEST((r.action == SealAction::wrote_sealed), r.io_error);
  BOOST_TEST((read_bytes(again / "2022-05.zip") == first));

  // The content changed since: the rebuilt bytes differ, nothing is placed.
  write_bytes(m.content / "2022-05/lingang/news/2022-05-30-new.md", "---\ntitle: 补报\n---\n正文\n");
  const fs::path changed = m.tmp.path / "changed";
  in = make_input(m.content);
  in.expected_sha256 = recorded;
  r = seal_month(in, changed, m.diags);
  BOOST_TEST((r.action == SealAction::failed));
  BOOST_TEST(r.io_error.find("与发布记录不符（发布记录中的 SHA-256 为 " + recorded) != std::string::npos, r.io_error);
  BOOST_TEST(files_in(changed).empty());
}

// What was published of a month is its own files and its scores; the
// comparison is remembered by stamps and by the caller's sources digest.
BOOST_AUTO_TEST_CASE(a_published_month_is_compared_by_its_own_files_and_scores) {
  Month m;
  m.cache.digests.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // settle the fixture (FileStamp::recent)
  BOOST_TEST_REQUIRE((m.seal().action == SealAction::wrote_sealed));
  const fs::path sealed = m.archive / "2022-05.zip";
  auto compare = [&](const std::string& sources = "") {
    m.cache.digests.forget_stamps();
    return compare_with_sealed(m.input, sealed, sources, m.cache);
  };
  BOOST_TEST(compare().same);
  BOOST_TEST(compare().changes.empty());

  // Poison the digest cache for one content file: a comparison that looked
  // digests up would now see a change. Recognised by stamps, it does not,
  // also after a save and load of the build cache.
  const fs::path review = m.content / "2022-05/review.yaml";
  DigestSet wrong;  // all zero bytes
  wrong.has_sha256 = wrong.has_sha512 = wrong.has_sm3 = true;
  wrong.size = fs::file_size(review);
  m.cache.digests.store(review, *creditgen::FileStamp::of(review), wrong);
  BOOST_TEST(compare().same);
  const fs::path saved = m.tmp.path / "cache/bundles.txt";
  BOOST_TEST(m.cache.summaries.save(saved));
  m.cache.summaries.load(m.tmp.path / "cache/missing.txt");  // forgets everything
  m.cache.summaries.load(saved);
  BOOST_TEST(compare().same);
  m.cache.digests.clear();

  // The sources digest, once remembered, stands for the payload.
  BOOST_TEST(compare("s1").same);
  for (auto& p : m.input.payload)
    if (p.name == "scores.csv") p.bytes = "unit,score\nlingang,88.5\n";
  BOOST_TEST(compare("s1").same);  // the caller says nothing changed
  const auto scores = compare("s2");
  BOOST_TEST(!scores.same);
  BOOST_TEST(scores.changes == "修改 data/scores.csv");

  // A site-wide file is what the month was scored with, not what it published.
  m.input = make_input(m.content);
  write_bytes(m.content / "site.yaml", read_bytes(m.content / "site.yaml") + "# 地址更正\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  m.input = make_input(m.content);
  BOOST_TEST(compare().same);

  // One of its own files edited and one added: named.
  std::string text = read_bytes(review);
  text.back() = text.back() == ' ' ? '\t' : ' ';
  write_bytes(review, text);
  write_bytes(m.content / "2022-05/lingang/news/2022-05-30-new.md", "---\ntitle: 补报\n---\n正文\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  m.input = make_input(m.content);
  const auto edited = compare();
  BOOST_TEST(!edited.same);
  BOOST_TEST(edited.changes ==
             "新增 data/content/2022-05/lingang/news/2022-05-30-new.md；修改 data/content/2022-05/review.yaml");
  m.cache.digests.clear();
}

// A changed draft takes the deflated bytes of its unchanged text files from
// the previous draft when this program wrote it, and is byte for byte the
// draft a build without any previous one writes.
BOOST_AUTO_TEST_CASE(a_changed_draft_copies_what_did_not_change_from_the_previous_one) {
  Month m;
  auto draft_input = [&] {
    BagInput in = make_input(m.content);
    in.published.reset(); in.sealed.reset();
    return in;
  };
  auto clean_draft = [&](const std::string& folder) {
    m.cache.deflated.clear();
    const fs::path dir = m.tmp.path / folder;
    const SealResult clean = seal_month(draft_input(), dir, m.diags);
    BOOST_TEST((clean.action == SealAction::wrote_draft));
    BOOST_TEST(clean.reused_entries == 0u);
    return read_bytes(dir / "2022-05.draft.zip");
  };
  const fs::path draft = m.archive / "2022-05.draft.zip";
  const fs::path news = m.content / "2022-05/lingang/news/2022-05-20-meeting.md";
  m.cache.digests.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // settle the fixture (FileStamp::recent)
  m.input = draft_input();
  BOOST_TEST_REQUIRE((m.seal().action == SealAction::wrote_draft));

  // A new build (nothing deflated yet) after one text file changed.
  m.cache.deflated.clear();
  write_bytes(news, read_bytes(news) + "\n补充一段说明。\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  m.input = draft_input();
  SealResult r = m.seal();
  BOOST_TEST((r.action == SealAction::wrote_draft));
  // review.yaml, policies.yaml, site.yaml, units.yaml and the rulebook; not
  // the edited news item, nor the photo (stored, not deflated).
  BOOST_TEST(r.reused_entries == 5u);
  BOOST_TEST((read_bytes(draft) == clean_draft("clean1")));
  BOOST_TEST(verify_bundle(draft).empty());

  // What wrote the draft is kept with the summaries in the build cache.
  const fs::path saved = m.tmp.path / "cache/bundles.txt";
  BOOST_TEST(m.cache.summaries.save(saved));
  m.cache.summaries.load(m.tmp.path / "cache/missing.txt");
  m.cache.summaries.load(saved);
  m.cache.deflated.clear();
  write_bytes(news, read_bytes(news) + "\n再补充一段。\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  m.input = draft_input();
  r = m.seal();
  BOOST_TEST(r.reused_entries == 5u);
  BOOST_TEST((read_bytes(draft) == clean_draft("clean2")));

  // A draft touched since it was written (not known to be ours) is not copied from.
  m.cache.deflated.clear();
  fs::last_write_time(draft, fs::file_time_type::clock::now() - std::chrono::hours(1));
  write_bytes(news, read_bytes(news) + "\n第三段。\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  m.input = draft_input();
  r = m.seal();
  BOOST_TEST((r.action == SealAction::wrote_draft));
  BOOST_TEST(r.reused_entries == 0u);
  BOOST_TEST((read_bytes(draft) == clean_draft("clean3")));
  m.cache.deflated.clear();
  m.cache.digests.clear();
  BOOST_TEST(m.diags.empty());
}

// The caller's digest of a draft's inputs stands for the draft once
// seal_month has left it matching them, also after the site linked it.
BOOST_AUTO_TEST_CASE(an_unchanged_draft_is_recognised_by_its_sources_digest) {
  Month m;
  m.input.published.reset(); m.input.sealed.reset();
  const SealResult r = m.seal();
  BOOST_TEST_REQUIRE((r.action == SealAction::wrote_draft));
  const fs::path draft = r.bundle->path;
  BOOST_TEST(!draft_unchanged(m.archive, m.input.month, "d1", m.cache).has_value());  // not remembered yet
  m.cache.summaries.set_matched(draft, MatchedBy::sources, "d1");
  auto quick = draft_unchanged(m.archive, m.input.month, "d1", m.cache);
  BOOST_TEST_REQUIRE(quick.has_value());
  BOOST_TEST((quick->action == SealAction::unchanged));
  BOOST_TEST(quick->bundle->file_name == "2022-05.draft.zip");
  BOOST_TEST(quick->bundle->revision == "draft");
  BOOST_TEST(!draft_unchanged(m.archive, m.input.month, "d2", m.cache).has_value());
  BOOST_TEST(!draft_unchanged(m.archive, m.input.month, "", m.cache).has_value());

  // Hard-linked (as into site/archive/): a new ctime, the same file.
  // Recognised (its tags read once, what it matched kept), and the build
  // cache then has the new stamp, so the next build need not read them.
  const fs::path saved = m.tmp.path / "cache/bundles.txt";
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  fs::create_hard_link(draft, m.tmp.path / "linked.zip");
  const std::string linked_stamp = creditgen::stamp_text(*creditgen::FileStamp::of(draft));
  BOOST_TEST(m.cache.summaries.save(saved));
  BOOST_TEST(read_bytes(saved).find(linked_stamp) == std::string::npos);
  BOOST_TEST(draft_unchanged(m.archive, m.input.month, "d1", m.cache).has_value());
  BOOST_TEST(m.cache.summaries.save(saved));
  BOOST_TEST(read_bytes(saved).find(linked_stamp) != std::string::npos);
  fs::create_hard_link(draft, m.tmp.path / "linked-again.zip");
  BOOST_TEST(draft_unchanged(m.archive, m.input.month, "d1", m.cache).has_value());
  BOOST_TEST(m.cache.summaries.save(saved));
  m.cache.summaries.load(m.tmp.path / "cache/missing.txt");
  BOOST_TEST(!draft_unchanged(m.archive, m.input.month, "d1", m.cache).has_value());
  m.cache.summaries.load(saved);
  BOOST_TEST(draft_unchanged(m.archive, m.input.month, "d1", m.cache).has_value());

  // Touched or replaced: no longer the draft that matched.
  fs::last_write_time(draft, fs::file_time_type::clock::now() - std::chrono::hours(1));
  BOOST_TEST(!draft_unchanged(m.archive, m.input.month, "d1", m.cache).has_value());
  m.seal();  // unchanged bytes: left alone, but not remembered for any sources
  BOOST_TEST(!draft_unchanged(m.archive, m.input.month, "d1", m.cache).has_value());
  BOOST_TEST(m.diags.empty());
}

// A damaged summaries file is ignored, not trusted.
BOOST_AUTO_TEST_CASE(a_damaged_bundle_summaries_file_is_ignored) {
  Month m;
  BOOST_TEST((m.seal().action == SealAction::wrote_sealed));
  const fs::path saved = m.tmp.path / "cache/bundles.txt";
  BOOST_TEST(m.cache.summaries.save(saved));
  std::string text = read_bytes(saved);
  BOOST_TEST_REQUIRE(text.starts_with("creditgen-bundles 3\n"));
  write_bytes(saved, text.substr(0, text.size() / 2));  // cut in the middle of a record
  m.cache.summaries.load(saved);
  const auto facts = read_bundle_facts(m.archive / "2022-05.zip", m.cache);  // read from the zip again
  BOOST_TEST_REQUIRE(facts.has_value());
  BOOST_TEST(facts->revision == "1");
  BOOST_TEST(facts->payload_files == 10u);
}

BOOST_AUTO_TEST_CASE(a_dry_run_writes_nothing) {
  Month m;
  SealResult r = seal_month(m.input, m.archive, m.diags, {.dry_run = true});
  BOOST_TEST((r.action == SealAction::wrote_sealed));
  BOOST_TEST(r.bundle->file_name == "2022-05.zip");
  BOOST_TEST(r.bundle->payload_files == 10u);
  BOOST_TEST(!fs::exists(m.archive));
  m.input.published.reset(); m.input.sealed.reset();
  r = seal_month(m.input, m.archive, m.diags, {.dry_run = true});
  BOOST_TEST((r.action == SealAction::wrote_draft));
  BOOST_TEST(r.bundle->file_name == "2022-05.draft.zip");
  BOOST_TEST(!fs::exists(m.archive));
  BOOST_TEST(m.diags.empty());
}

BOOST_AUTO_TEST_CASE(a_draft_is_simply_rewritten) {
  Month m;
  m.input.published.reset(); m.input.sealed.reset();
  m.seal();
  const std::string before = read_bytes(m.archive / "2022-05.draft.zip");
  write_bytes(m.content / "2022-05/review.yaml", "default: accepted\n");
  m.input = make_input(m.content);
  m.input.published.reset(); m.input.sealed.reset();
  BOOST_TEST((m.seal().action == SealAction::wrote_draft));
  BOOST_TEST(files_in(m.archive) == std::vector<std::string>{"2022-05.draft.zip"}, boost::test_tools::per_element());
  BOOST_TEST((read_bytes(m.archive / "2022-05.draft.zip") != before));
  BOOST_TEST(*read_zip_entry(m.archive / "2022-05.draft.zip", R + "data/content/2022-05/review.yaml") ==
             "default: accepted\n");
  BOOST_TEST(m.diags.empty());
}

BOOST_AUTO_TEST_CASE(an_unchanged_draft_is_not_rewritten) {
  Month m;
  m.input.published.reset(); m.input.sealed.reset();
  BOOST_TEST((m.seal().action == SealAction::wrote_draft));
  const fs::path draft = m.archive / "2022-05.draft.zip";
  const auto inode_before = creditgen::FileStamp::of(draft);
  BOOST_TEST_REQUIRE(inode_before.has_value());
  const SealResult again = m.seal();
  BOOST_TEST((again.action == SealAction::unchanged));
  BOOST_TEST((creditgen::FileStamp::of(draft) == inode_before));  // same inode, same times: not written
  BOOST_TEST_REQUIRE(again.bundle.has_value());
  BOOST_TEST(again.bundle->revision == "draft");
  // A payload change of the same size is still seen (digests, not sizes).
  const std::string yaml = read_bytes(m.content / "2022-05/review.yaml");
  std::string flipped = yaml;
  flipped.back() = flipped.back() == '\n' ? ' ' : '\n';
  write_bytes(m.content / "2022-05/review.yaml", flipped);
  m.input = make_input(m.content);
  m.input.published.reset(); m.input.sealed.reset();
  BOOST_TEST((m.seal().action == SealAction::wrote_draft));
  BOOST_TEST(*read_zip_entry(draft, R + "data/content/2022-05/review.yaml") == flipped);
}

BOOST_AUTO_TEST_CASE(bad_filenames_stop_the_bundle_and_keep_the_old_one) {
  Month m;
  m.input.published.reset(); m.input.sealed.reset();
  m.seal();
  const std::string before = read_bytes(m.archive / "2022-05.draft.zip");
  write_bytes(m.content / "2022-05/lingang/files/100%.jpg", "x");
  write_bytes(m.content / "2022-05/lingang/files/Scan.pdf", "x");
  write_bytes(m.content / "2022-05/lingang/files/SCAN.pdf", "y");
  write_bytes(m.content / "2022-05/lingang/files/aux.txt", "y");
  m.input = make_input(m.content);
  m.input.published.reset(); m.input.sealed.reset();
  const SealResult r = m.seal();
  BOOST_TEST((r.action == SealAction::failed));
  BOOST_TEST(r.io_error == "");
  BOOST_TEST((read_bytes(m.archive / "2022-05.draft.zip") == before));
  BOOST_TEST(files_in(m.archive) == std::vector<std::string>{"2022-05.draft.zip"}, boost::test_tools::per_element());
  const auto diags = m.diags.sorted();
  BOOST_TEST_REQUIRE(diags.size() == 3u);
  for (const auto& d : diags) {
    BOOST_TEST(d.code == "bad-filename");
    BOOST_TEST((d.severity == creditgen::Severity::error));
    BOOST_TEST(d.where.line == 1);
  }
  BOOST_TEST(diags[0].where.file == "content/2022-05/lingang/files/100%.jpg");
  BOOST_TEST(diags[0].message ==
             "文件名无法安全放入佐证材料包：文件名含“%”（解压工具可能把它当作转义）；请改名后重新生成，本月佐证材料包未生成");
  // Which of Scan/SCAN comes first depends on directory order; the later one is named.
  BOOST_TEST((diags[1].where.file == "content/2022-05/lingang/files/SCAN.pdf" ||
              diags[1].where.file == "content/2022-05/lingang/files/Scan.pdf"));
  BOOST_TEST(diags[1].message.find("只有大小写不同，在 Windows、macOS 上解压会互相覆盖") != std::string::npos);
  BOOST_TEST(diags[2].where.file == "content/2022-05/lingang/files/aux.txt");
}

BOOST_AUTO_TEST_CASE(a_failed_zip_close_leaves_the_previous_bundle) {
  TempDir tmp;
  const fs::path target = tmp.path / "2022-05.draft.zip";
  write_bytes(target, "previous bundle");
  const fs::path source = tmp.path / "evidence.pdf";
  write_bytes(source, "0123456789");
  std::string error;
  {
    auto w = ZipWriter::create(target, *creditgen::DateTime::parse("2022-05-31T15:59:59"), error);
    BOOST_TEST_REQUIRE(w.has_value());
    BOOST_TEST(w->add_file("a/evidence.pdf", source, 10, hex_digest(DigestKind::sha256, "0123456789"), error));
    fs::remove(source);  // vanishes before zip_close reads it
    const auto err = w->commit();
    BOOST_TEST_REQUIRE(err.has_value());
    BOOST_TEST(err->starts_with("写入压缩包 " + target.string() + " 失败："), *err);
  }
  BOOST_TEST(read_bytes(target) == "previous bundle");
  BOOST_TEST(files_in(tmp.path) == std::vector<std::string>{"2022-05.draft.zip"}, boost::test_tools::per_element());

  // A file edited between digesting and zipping (same size) also fails the commit.
  write_bytes(source, "0123456789");
  {
    auto w = ZipWriter::create(target, *creditgen::DateTime::parse("2022-05-31T15:59:59"), error);
    BOOST_TEST(w->add_file("a/evidence.pdf", source, 10, hex_digest(DigestKind::sha256, "0123456788"), error));
    BOOST_TEST(w->commit().has_value());
  }
  BOOST_TEST(read_bytes(target) == "previous bundle");

  // A sealed target is never replaced: commit(false) refuses an existing file.
  write_bytes(source, "0123456789");
  {
    auto w = ZipWriter::create(target, *creditgen::DateTime::parse("2022-05-31T15:59:59"), error);
    BOOST_TEST(w->add_file("a/evidence.pdf", source, 10, std::nullopt, error));
    const auto err = w->commit(false);
    BOOST_TEST_REQUIRE(err.has_value());
    BOOST_TEST(err->starts_with("无法把压缩包放到 " + target.string()), *err);
  }
  BOOST_TEST(read_bytes(target) == "previous bundle");

  // Without commit the writer discards everything.
  {
    auto w = ZipWriter::create(target, *creditgen::DateTime::parse("2022-05-31T15:59:59"), error);
    BOOST_TEST(w->add_bytes("a/x.txt", "x", error));
  }
  BOOST_TEST(read_bytes(target) == "previous bundle");
  BOOST_TEST(files_in(tmp.path) == (std::vector<std::string>{"2022-05.draft.zip", "evidence.pdf"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_unwritable_archive_is_an_io_error) {
  Month m;
  write_bytes(m.archive, "not a folder");
  const SealResult r = m.seal();
  BOOST_TEST((r.action == SealAction::failed));
  BOOST_TEST(r.io_error.starts_with("无法创建佐证材料包文件夹 "), r.io_error);
  BOOST_TEST(read_bytes(m.archive) == "not a folder");
  if (geteuid() != 0) {  // permissions do not stop root
    Month n;
    n.input.published.reset(); n.input.sealed.reset();
    n.seal();
    const std::string before = read_bytes(n.archive / "2022-05.draft.zip");
    write_bytes(n.content / "2022-05/review.yaml", "default: accepted\n");  // so the draft must be rewritten
    n.input = make_input(n.content);
    n.input.published.reset(); n.input.sealed.reset();
    fs::permissions(n.archive, fs::perms::owner_read | fs::perms::owner_exec);
    const SealResult r2 = n.seal();
    fs::permissions(n.archive, fs::perms::owner_all);
    BOOST_TEST((r2.action == SealAction::failed));
    BOOST_TEST(!r2.io_error.empty());
    BOOST_TEST(read_bytes(n.archive / "2022-05.draft.zip") == before);
  }
}

BOOST_AUTO_TEST_CASE(a_bundle_needs_a_slug) {
  Month m;
  m.input.slug = "";
  const SealResult r = m.seal();
  BOOST_TEST((r.action == SealAction::failed));
  BOOST_TEST(r.io_error == "site.yaml 的 slug“”无效：生成佐证材料包需要由 a-z、0-9、- 组成的 slug");
  BOOST_TEST(!fs::exists(m.archive));
}

BOOST_AUTO_TEST_CASE(a_sealed_bundle_is_never_overwritten) {
  Month m;
  fs::create_directories(m.archive);
  // Someone else's file already sits at 2022-05.r2.zip's place: a revision must fail, not overwrite.
  m.seal();
  write_bytes(m.content / "2022-05/review.yaml", "default: accepted\n");
  m.input = make_input(m.content);
  write_bytes(m.archive / "2022-05.r2.zip", "not ours");
  // newest_sealed reads r2 (unreadable) → io error; nothing overwritten.
  const SealResult r = m.seal();
  BOOST_TEST((r.action == SealAction::failed));
  BOOST_TEST(read_bytes(m.archive / "2022-05.r2.zip") == "not ours");
}

BOOST_AUTO_TEST_SUITE_END()
