// End-to-end: publishing is a recorded, deliberate act. On a copy of the demo
// district (its content and its sealed bundles): what `publish` writes, what
// it refuses, and that a build never changes what was published — a typo in
// a published month's review.yaml, routine edits of the calendar, the unit
// list and the site settings, a lost or damaged sealed bundle.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <map>

#include "cli/run_binary.h"

namespace fs = std::filesystem;
using namespace creditgen::test;

namespace {

const fs::path kSource = CREDITGEN_SOURCE_DIR;

void append(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::app) << text; }

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = slurp(file);
  const auto at = text.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, file.string() + ": " + from);
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// The demo district with its publication records and sealed bundles.
struct Demo {
  fs::path base, content, site, archive;
  explicit Demo(const std::string& name) : base(temp_dir(name)) {
    content = base / "content";
    site = base / "site";
    archive = base / "archive";
    fs::copy(kSource / "content", content, fs::copy_options::recursive);
    fs::copy(kSource / "archive", archive, fs::copy_options::recursive);
    for (const auto& e : fs::directory_iterator(archive))  // a developer's drafts are not the demo's
      if (e.path().filename().string().ends_with(".draft.zip")) fs::remove(e.path());
  }
  ~Demo() { fs::remove_all(base); }
  RunResult run(const std::string& args) const {
    return run_creditgen(args + " --content " + quote(content) + " --archive " + quote(archive));
  }
  RunResult build(const std::string& extra = "") const {
    return run_creditgen("build --quiet --content " + quote(content) + " --site " + quote(site) + " --archive " +
                         quote(archive) + " " + extra);
  }
  RunResult publish(const std::string& args) const {
    return run_creditgen("publish --content " + quote(content) + " --archive " + quote(archive) + " " + args);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(publish_e2e)

// The demo as shipped: its records name bundles that are there, intact.
BOOST_AUTO_TEST_CASE(the_demo_builds_on_its_records) {
  Demo d("publish-demo");
  const auto sealed = read_files(d.archive);
  auto r = d.build();
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(r.err.find("[changed-after-publish]") == std::string::npos, r.err);
  BOOST_TEST(read_files(d.archive).at("2022-05.zip") == sealed.at("2022-05.zip"));
  BOOST_TEST(fs::exists(d.archive / "2022-06.draft.zip"));
  BOOST_TEST(!fs::exists(d.archive / "2022-05.draft.zip"));
  for (const char* zip : {"2022-04.zip", "2022-05.zip", "2022-06.draft.zip"}) {
    auto v = run_creditgen("verify " + quote(d.archive / zip));
    BOOST_TEST(v.status == 0, zip << ": " << v.err);
  }
  const std::string record = slurp(d.content / "publications/2022-05.yaml");
  BOOST_TEST(record.find("sha256: " + std::string()) != std::string::npos);
  // The month page says it is published, not a draft.
  const std::string may = slurp(d.site / "2022-05/index.html");
  BOOST_TEST(may.find("草稿（未发布）") == std::string::npos);
  BOOST_TEST(slurp(d.site / "2022-06/index.html").find("草稿（未发布）") != std::string::npos);
}

// Scenario 1: a typo in a published month's review.yaml stops the build and
// changes nothing.
BOOST_AUTO_TEST_CASE(a_typo_in_a_published_review_changes_nothing) {
  Demo d("publish-typo");
  BOOST_TEST_REQUIRE(d.build().status == 0);
  const auto site = read_files(d.site), archive = read_files(d.archive);
  append(d.content / "2022-05/review.yaml", "  oops: [\n");
  auto r = d.build();
  BOOST_TEST(r.status == 1, r.err);
  BOOST_TEST(r.err.find("content/2022-05/review.yaml:") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("生成失败：已发布月份 2022-05 的 review.yaml 有错误") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("生成完成") == std::string::npos, r.err);
  BOOST_TEST((read_files(d.site) == site));
  BOOST_TEST((read_files(d.archive) == archive));
}

// Scenario 2: routine maintenance makes no revision and leaves the published
// months' pages as they were.
BOOST_AUTO_TEST_CASE(routine_edits_make_no_revision) {
  Demo d("publish-routine");
  BOOST_TEST_REQUIRE(d.build().status == 0);
  const auto archive = read_files(d.archive);
  const auto site = read_files(d.site);
  append(d.content / "calendar.yaml", "  - 2023-01-02\n");  // next year's holidays
  append(d.content / "units.yaml",
         "  - id: xinqu\n    name: 历城新区管委会\n    type: zone\n    active_from: 2022-07\n");
  replace_in(d.content / "site.yaml", "contact: 区信用办综合科", "contact: 区信用办综合科（电话 88161234）");
  auto r = d.build();
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.err.find("[changed-after-publish]") == std::string::npos, r.err);
  BOOST_TEST(r.err.find("[revision]") == std::string::npos, r.err);
  const auto after = read_files(d.archive);
  for (const char* zip : {"2022-04.zip", "2022-05.zip"}) BOOST_TEST(after.at(zip) == archive.at(zip), zip);
  BOOST_TEST(!after.count("2022-04.r2.zip"));
  BOOST_TEST(!after.count("2022-05.r2.zip"));
  const auto pages = read_files(d.site);
  for (const char* page : {"2022-05/index.html", "2022-05/units/lingang.html", "2022-04/index.html"})
    BOOST_TEST(pages.at(page) == site.at(page), page);
}

// Scenario 3 (the build's part): a published month edited gives a warning
// naming the file; no bundle is written, whatever the build (serve runs the
// same build).
BOOST_AUTO_TEST_CASE(an_edit_after_publication_is_named_and_seals_nothing) {
  Demo d("publish-edit");
  BOOST_TEST_REQUIRE(d.build().status == 0);
  const auto archive = read_files(d.archive);
  append(d.content / "2022-05/lingang/news/2022-05-13-zhaoshang-tuijie.md", "\n补充说明。\n");
  for (int i = 0; i < 2; ++i) {
    auto r = d.build();
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.err.find("content/publications/2022-05.yaml:1:1: warning: 2022-05 已于 2022-06-05 发布（2022-05.zip），"
                          "但现有材料或得分已与之不同：修改 data/content/2022-05/lingang/news/2022-05-13-zhaoshang-tuijie.md") !=
                   std::string::npos,
               r.err);
    BOOST_TEST(r.err.find("[changed-after-publish]") != std::string::npos, r.err);
    auto after = read_files(d.archive);
    after.erase("2022-06.draft.zip");
    auto before = archive;
    before.erase("2022-06.draft.zip");
    BOOST_TEST((after == before));
  }
  // --strict treats it as what it is: something to resolve before publishing the site.
  BOOST_TEST(d.build("--strict").status == 1);
}

// With the office's key named in site.yaml, published bags are signed (drafts
// are not); auditors verify the signature against the office's certificate.
BOOST_AUTO_TEST_CASE(published_bags_are_signed_with_the_offices_key) {
  Demo d("publish-signed");
  fs::remove_all(d.archive);
  fs::remove_all(d.content / "publications");
  const fs::path keys = d.base / "keys";
  fs::create_directories(keys);
  BOOST_TEST_REQUIRE(run_shell("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + quote(keys / "office.key") +
                               " -out " + quote(keys / "office.crt") + " -subj /CN=office -days 3650 2>/dev/null")
                         .status == 0);
  BOOST_TEST_REQUIRE(run_shell("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + quote(keys / "other.key") +
                               " -out " + quote(keys / "other.crt") + " -subj /CN=other -days 3650 2>/dev/null")
                         .status == 0);
  std::ofstream(d.content / "site.yaml", std::ios::app)
      << "signing: {key: " << (keys / "office.key").string() << ", certificate: " << (keys / "office.crt").string()
      << "}\n";
  auto p = d.publish("--month 2022-04 --date 2022-05-09");
  BOOST_TEST_REQUIRE(p.status == 0, p.err);
  auto v = run_creditgen("verify --cert " + quote(keys / "office.crt") + " " + quote(d.archive / "2022-04.zip"));
  BOOST_TEST(v.status == 0, v.out);
  BOOST_TEST(v.out.find("  [通过] authenticity.signature  机关电子签名有效：签名人 /CN=office，证书由 --cert 指定的证书验证\n") !=
                 std::string::npos,
             v.out);
  v = run_creditgen("verify --cert " + quote(keys / "other.crt") + " " + quote(d.archive / "2022-04.zip"));
  BOOST_TEST(v.status == 1, v.out);
  BOOST_TEST(v.out.find("  [不通过] authenticity.signature") != std::string::npos, v.out);
  // A draft is not signed.
  BOOST_TEST_REQUIRE(d.build().status == 0);
  BOOST_TEST(run_shell("unzip -l " + quote(d.archive / "2022-05.draft.zip") + " | grep -c signature.p7s").out == "0\n");
  BOOST_TEST(run_shell("unzip -l " + quote(d.archive / "2022-04.zip") + " | grep -c signature.p7s").out == "1\n");
  // A key that cannot be read: nothing is sealed.
  fs::remove(keys / "office.key");
  auto failed = d.publish("--month 2022-05 --date 2022-06-05 --force");
  BOOST_TEST(failed.status != 0, failed.err);
  BOOST_TEST(failed.err.find("office.key") != std::string::npos, failed.err);
  BOOST_TEST(!fs::exists(d.archive / "2022-05.zip"));
  BOOST_TEST(!fs::exists(d.content / "publications/2022-05.yaml"));
}

// A trusted timestamp in two steps, as the office's TSA is on its own
// network: publish --timestamp-query writes the request and publishes
// nothing; the TSA (here a local one made with `openssl ts`) answers; publish
// --timestamp-response seals the same bag with the reply, which is kept
// beside the record so a lost bundle comes back byte for byte.
BOOST_AUTO_TEST_CASE(a_month_is_published_with_a_trusted_timestamp) {
  Demo d("publish-timestamp");
  fs::remove_all(d.archive);
  fs::remove_all(d.content / "publications");
  const fs::path tsa = d.base / "tsa";
  fs::create_directories(tsa);
  std::ofstream(tsa / "tsa.cnf") << "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\nserial = " << (tsa / "serial").string()
                                 << "\ncrypto_device = builtin\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\n"
                                    "digests = sha256\ntsa_name = yes\ness_cert_id_alg = sha256\n";
  std::ofstream(tsa / "serial") << "01\n";
  BOOST_TEST_REQUIRE(run_shell("cd " + quote(tsa) +
                               " && openssl req -x509 -newkey rsa:2048 -nodes -keyout tsa.key -out tsa.crt "
                               "-subj /CN=test-tsa -days 3650 -addext extendedKeyUsage=critical,timeStamping 2>/dev/null")
                         .status == 0);
  auto answer = [&](const fs::path& query, const fs::path& reply) {
    BOOST_TEST_REQUIRE(run_shell("cd " + quote(tsa) + " && openssl ts -reply -config tsa.cnf -queryfile " +
                                 quote(query) + " -inkey tsa.key -signer tsa.crt -out " + quote(reply) + " 2>/dev/null")
                           .status == 0);
  };

  auto q = d.publish("--month 2022-04 --date 2022-05-09 --timestamp-query " + quote(d.base / "2022-04.tsq"));
  BOOST_TEST_REQUIRE(q.status == 0, q.err);
  BOOST_TEST(q.err.find("creditgen publish --month 2022-04 --date 2022-05-09 --timestamp-response 回执.tsr") !=
                 std::string::npos,
             q.err);
  BOOST_TEST(!fs::exists(d.archive / "2022-04.zip"));  // nothing published yet
  BOOST_TEST(!fs::exists(d.content / "publications"));
  answer(d.base / "2022-04.tsq", d.base / "2022-04.tsr");

  // Another date makes another bag: the reply does not fit it, nothing is published.
  auto wrong = d.publish("--month 2022-04 --date 2022-05-10 --timestamp-response " + quote(d.base / "2022-04.tsr"));
  BOOST_TEST(wrong.status != 0);
  BOOST_TEST(wrong.err.find("时间戳回执不能用于本证据包") != std::string::npos, wrong.err);
  BOOST_TEST(!fs::exists(d.archive / "2022-04.zip"));
  BOOST_TEST(!fs::exists(d.content / "publications/2022-04.yaml"));

  auto p = d.publish("--month 2022-04 --date 2022-05-09 --timestamp-response " + quote(d.base / "2022-04.tsr"));
  BOOST_TEST_REQUIRE(p.status == 0, p.err);
  BOOST_TEST(slurp(d.content / "publications/2022-04.yaml").find("    timestamp: 2022-04.tsr\n") != std::string::npos);
  BOOST_TEST(slurp(d.content / "publications/2022-04.tsr") == slurp(d.base / "2022-04.tsr"));
  auto v = run_creditgen("verify --tsa-cert " + quote(tsa / "tsa.crt") + " " + quote(d.archive / "2022-04.zip"));
  BOOST_TEST(v.status == 0, v.out);
  BOOST_TEST(v.out.find("  [通过] authenticity.timestamp  可信时间戳有效：时间 ") != std::string::npos, v.out);
  BOOST_TEST(v.out.find("时间戳服务 /CN=test-tsa，由 --tsa-cert 指定的证书验证\n") != std::string::npos, v.out);

  // A lost bundle is made again, timestamp and all, as the very recorded bytes.
  const std::string sealed = slurp(d.archive / "2022-04.zip");
  fs::remove(d.archive / "2022-04.zip");
  auto b = d.build();
  BOOST_TEST_REQUIRE(b.status == 0, b.err);
  BOOST_TEST((slurp(d.archive / "2022-04.zip") == sealed));
  // The reply is part of the record: without it nothing is guessed.
  fs::remove(d.content / "publications/2022-04.tsr");
  b = d.build();
  BOOST_TEST(b.status != 0);
  BOOST_TEST(b.err.find("发布记录所指的时间戳回执 2022-04.tsr 不在发布记录文件夹中") != std::string::npos, b.err);
}

// Scenario 4: a lost archive is re-created byte for byte from the records;
// once the month's content changed it is refused, and nothing else is written.
BOOST_AUTO_TEST_CASE(a_lost_archive_comes_back_only_as_the_recorded_bytes) {
  Demo d("publish-lost");
  // Published afresh here, so the test does not depend on the templates the
  // demo's bundles were made with.
  fs::remove_all(d.archive);
  fs::remove_all(d.content / "publications");
  BOOST_TEST_REQUIRE(d.publish("--month 2022-04 --date 2022-05-09").status == 0);
  auto p = d.publish("--month 2022-05 --date 2022-06-05 --by 区信用办 --force");
  BOOST_TEST_REQUIRE(p.status == 0, p.err);
  const auto sealed = read_files(d.archive);
  fs::remove_all(d.archive);
  auto r = d.build();
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  auto again = read_files(d.archive);
  BOOST_TEST(again.at("2022-04.zip") == sealed.at("2022-04.zip"));
  BOOST_TEST(again.at("2022-05.zip") == sealed.at("2022-05.zip"));

  // Content changed, bundle lost: refused, naming the file and the hash; no
  // other bundle under that name, the site untouched.
  const auto site = read_files(d.site);
  fs::remove(d.archive / "2022-05.zip");
  append(d.content / "2022-05/lingang/news/2022-05-13-zhaoshang-tuijie.md", "\n补充说明。\n");
  r = d.build();
  BOOST_TEST(r.status == 3, r.err);
  const std::string record = slurp(d.content / "publications/2022-05.yaml");
  const std::string sha = record.substr(record.find("sha256: ") + 8, 64);
  BOOST_TEST(r.err.find("已封存的佐证材料包 2022-05.zip 缺失，按现有材料无法重新生成同样的文件") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("SHA-256 " + sha) != std::string::npos, r.err);
  BOOST_TEST(r.err.find("[sealed-bundle]") != std::string::npos, r.err);
  BOOST_TEST(!fs::exists(d.archive / "2022-05.zip"));
  BOOST_TEST((read_files(d.site) == site));
}

// A damaged sealed bundle (one byte flipped) is never certified again.
BOOST_AUTO_TEST_CASE(a_damaged_sealed_bundle_stops_the_build) {
  Demo d("publish-damaged");
  BOOST_TEST_REQUIRE(d.build().status == 0);
  const auto site = read_files(d.site);
  std::string zip = slurp(d.archive / "2022-04.zip");
  zip[zip.size() / 2] ^= 0x20;
  // A new file in its place (the site holds a hard link to the old one).
  std::ofstream(d.archive / "2022-04.zip.tmp", std::ios::binary) << zip;
  fs::rename(d.archive / "2022-04.zip.tmp", d.archive / "2022-04.zip");
  const auto archive = read_files(d.archive);
  auto r = d.build();
  BOOST_TEST(r.status == 3, r.err);
  BOOST_TEST(r.err.find("已封存的佐证材料包 " + (d.archive / "2022-04.zip").string() + " 已损坏或被改动") !=
                 std::string::npos,
             r.err);
  BOOST_TEST((read_files(d.site) == site));
  BOOST_TEST((read_files(d.archive) == archive));
}

// Scenario 5: a correction is explicit: r2 with its reason, date and author.
BOOST_AUTO_TEST_CASE(a_correction_is_explicit_and_recorded) {
  Demo d("publish-correct");
  BOOST_TEST_REQUIRE(d.build().status == 0);
  const std::string original = slurp(d.archive / "2022-05.zip");
  // Nothing changed: nothing to correct.
  auto r = d.publish("--month 2022-05 --correct --reason 测试 --date 2022-07-01");
  BOOST_TEST(r.status == 1, r.err);
  BOOST_TEST(r.err.find("与已发布的 2022-05.zip 相同，无需更正") != std::string::npos, r.err);

  append(d.content / "2022-05/lingang/news/2022-05-13-zhaoshang-tuijie.md", "\n补充说明。\n");
  r = d.publish("--month 2022-05 --date 2022-07-01 --by 张三");
  BOOST_TEST(r.status == 1, r.err);
  BOOST_TEST(r.err.find("已发布的月份只能更正") != std::string::npos, r.err);
  r = d.publish("--month 2022-05 --correct --date 2022-07-01 --by 张三");
  BOOST_TEST(r.status == 2, r.err);  // a correction says why
  r = d.publish("--month 2022-05 --correct --reason 补充临港开发区信用动态的说明 --date 2022-07-01 --by 张三");
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(r.err.find("更正内容：修改 data/content/2022-05/lingang/news/2022-05-13-zhaoshang-tuijie.md") !=
                 std::string::npos,
             r.err);
  BOOST_TEST(slurp(d.archive / "2022-05.zip") == original);
  const auto info = run_shell("unzip -p " + quote(d.archive / "2022-05.r2.zip") + " '*/bag-info.txt'");
  BOOST_TEST(info.out.find("Bagging-Date: 2022-07-01\n") != std::string::npos, info.out);
  BOOST_TEST(info.out.find("Bundle-Revision: 2\nSupersedes: 2022-05.zip sha256:") != std::string::npos, info.out);
  BOOST_TEST(info.out.find("Published-By: 张三\nCorrection-Reason: 补充临港开发区信用动态的说明\n"
                           "Original-Publication-Date: 2022-06-05\n") != std::string::npos,
             info.out);
  const std::string record = slurp(d.content / "publications/2022-05.yaml");
  BOOST_TEST(record.find("  - revision: 2\n    date: 2022-07-01\n    by: \"张三\"\n    reason: \"补充临港开发区信用动态的说明\"\n"
                         "    bundle: 2022-05.r2.zip\n") != std::string::npos,
             record);
  BOOST_TEST(run_creditgen("verify " + quote(d.archive / "2022-05.r2.zip")).status == 0);
  // The next build accepts the corrected month as published; June's draft names r2.
  r = d.build();
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.err.find("[changed-after-publish]") == std::string::npos, r.err);
  const auto june = run_shell("unzip -p " + quote(d.archive / "2022-06.draft.zip") + " '*/bag-info.txt'");
  BOOST_TEST(june.out.find("Prior-Bundle: 2022-05.r2.zip sha256:") != std::string::npos, june.out);
  // The corrected report says so; the archive page lists both versions with the reason.
  const std::string may = slurp(d.site / "2022-05/index.html");
  BOOST_TEST(may.find("本月报已于 2022-07-01 修订（第 2 版）</strong>：补充临港开发区信用动态的说明。原月报于 2022-06-05 发布") !=
                 std::string::npos,
             may);
  BOOST_TEST(slurp(d.site / "2022-05/items/lingang/news/2022-05-13-zhaoshang-tuijie.html").find("补充说明") !=
             std::string::npos);
  const std::string archive = slurp(d.site / "archive/index.html");
  BOOST_TEST(archive.find("<td>2022-05.zip</td><td>第 1 版</td><td>2022-06-05</td>") != std::string::npos, archive);
  BOOST_TEST(archive.find("<td>2022-05.r2.zip</td><td>第 2 版</td><td>2022-07-01</td><td>张三</td><td>补充临港开发区信用动态的说明</td>") !=
                 std::string::npos,
             archive);
  // Auditors can re-derive the revision's scores too.
  auto v = run_creditgen("verify " + quote(d.archive / "2022-05.r2.zip"));
  BOOST_TEST(v.status == 0, v.err);
  BOOST_TEST(v.out.find("重新计分") != std::string::npos, v.out);
}

// Scenario 5 (auditors): every bundle re-derives its own scores from what it
// holds; a bundle whose scores were altered, with its manifests rewritten to
// match, still fails.
BOOST_AUTO_TEST_CASE(every_bundle_re_derives_its_own_scores) {
  Demo d("publish-verify");
  BOOST_TEST_REQUIRE(d.build().status == 0);
  for (const char* zip : {"2022-04.zip", "2022-05.zip", "2022-06.draft.zip"}) {
    auto v = run_creditgen("verify " + quote(d.archive / zip));
    BOOST_TEST(v.status == 0, zip << ": " << v.err);
    BOOST_TEST(v.out.find("按包内材料重新计分，") != std::string::npos, v.out);
    BOOST_TEST(v.out.find("个单位的得分、排名和各项评分细则与 data/scores.json 一致") != std::string::npos, v.out);
    BOOST_TEST(v.out.find("结论：通过（") != std::string::npos, v.out);
    // Every check listed, for machines too: each with a group and a status, none failing.
    auto j = run_creditgen("verify --format json " + quote(d.archive / zip));
    BOOST_TEST(j.status == 0, j.err);
    auto root = Poco::JSON::Parser().parse(j.out).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(root->getValue<bool>("passed"));
    auto checks = root->getArray("checks");
    BOOST_TEST(checks->size() == 18u);
    std::set<std::string> groups;
    for (size_t i = 0; i < checks->size(); ++i) {
      auto c = checks->getObject(static_cast<unsigned>(i));
      groups.insert(c->getValue<std::string>("group"));
      BOOST_TEST(c->getValue<std::string>("status") != "fail", c->getValue<std::string>("id"));
    }
    BOOST_TEST(groups == (std::set<std::string>{"真实性", "完整性", "可用性", "安全性"}));
  }
  // Earlier months' attachments are listed, not held: the bag says so.
  auto listed = run_shell("unzip -p " + quote(d.archive / "2022-05.zip") + " '*/tags/earlier-files.txt'");
  BOOST_TEST(listed.out.find("  data/content/2022-04/hongjialou/files/") != std::string::npos, listed.out);
  auto how = run_shell("unzip -p " + quote(d.archive / "2022-05.zip") + " '*/tags/verify-zh.txt'");
  BOOST_TEST(how.out.find("只用本包中的内容重新计分") != std::string::npos, how.out);

  const fs::path forged = d.base / "forged.zip";
  auto t = run_shell("python3 " + quote(kSource / "tests/tools/tamper_scores.py") + " " +
                     quote(d.archive / "2022-05.zip") + " " + quote(forged));
  BOOST_TEST_REQUIRE(t.status == 0, t.out);
  auto v = run_creditgen("verify " + quote(forged));
  BOOST_TEST(v.status == 1, v.err);
  BOOST_TEST(v.err.find("得分与包内材料不符：单位 ") != std::string::npos, v.err);
  BOOST_TEST(v.err.find(" 评分细则 ") != std::string::npos, v.err);
  BOOST_TEST(v.err.find("包内为 ") != std::string::npos, v.err);
  // The forger kept the bag valid: nothing but the scores is wrong.
  BOOST_TEST(v.err.find("清单") == std::string::npos, v.err);
}

// A published month whose content changed is shown as it was published;
// the months after it read the content as it is now.
BOOST_AUTO_TEST_CASE(a_published_month_is_shown_as_published) {
  Demo d("publish-frozen");
  BOOST_TEST_REQUIRE(d.build().status == 0);
  const auto site = read_files(d.site);
  append(d.content / "2022-05/lingang/news/2022-05-13-zhaoshang-tuijie.md", "\n发布后才加上的一段话。\n");
  replace_in(d.content / "2022-05/review.yaml", "  shenpiju/news/2022-05-06-xinyong-peixun.md: accepted",
             "  shenpiju/news/2022-05-06-xinyong-peixun.md: {status: rejected, reason: 发布后改判}");
  auto r = d.build();
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(r.err.find("[changed-after-publish]") != std::string::npos, r.err);
  const auto after = read_files(d.site);
  size_t may_pages = 0;
  for (const auto& [path, bytes] : site)
    if (path.rfind("2022-05/", 0) == 0) {
      ++may_pages;
      BOOST_TEST((after.count(path) && after.at(path) == bytes), path);
    }
  BOOST_TEST(may_pages > 50u);
  BOOST_TEST(after.at("2022-06/index.html") != site.at("2022-06/index.html"));  // June reads May as it is now
}

// A correction can be looked at before it becomes permanent: the month as
// the content gives it now, marked as a preview, and not one bundle written.
BOOST_AUTO_TEST_CASE(a_correction_is_previewed_without_writing_any_bundle) {
  Demo d("publish-preview");
  BOOST_TEST_REQUIRE(d.build().status == 0);
  const auto archive = read_files(d.archive);
  const auto site = read_files(d.site);
  append(d.content / "2022-05/lingang/news/2022-05-13-zhaoshang-tuijie.md", "\n更正后补充的一段话。\n");
  append(d.content / "2022-06/review.yaml", "\n");  // the draft's inputs change too: still nothing written
  const fs::path preview = d.base / "preview";
  auto r = run_creditgen("build --quiet --preview-correction 2022-05 --content " + quote(d.content) + " --archive " +
                         quote(d.archive) + " --site " + quote(preview));
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(r.err.find("更正预览：2022-05 按现有材料显示在 " + preview.string() + "/ 中（与已发布的 2022-05.zip 相比：修改 "
                        "data/content/2022-05/lingang/news/2022-05-13-zhaoshang-tuijie.md") != std::string::npos,
             r.err);
  BOOST_TEST(r.err.find("证据包 0 个") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("；得分和排名不变") != std::string::npos, r.err);  // a body edit moves no score
  // A changed decision: the published scores beside the corrected ones.
  replace_in(d.content / "2022-05/review.yaml", "  shenpiju/news/2022-05-06-xinyong-peixun.md: accepted",
             "  shenpiju/news/2022-05-06-xinyong-peixun.md: {status: rejected, reason: 更正}");
  r = run_creditgen("build --quiet --preview-correction 2022-05 --content " + quote(d.content) + " --archive " +
                    quote(d.archive) + " --site " + quote(preview));
  BOOST_TEST(r.err.find("；得分（已发布 → 更正后）：区行政审批服务局 ") != std::string::npos, r.err);
  BOOST_TEST(slurp(preview / "2022-05/index.html").find("得分（已发布 → 更正后）：区行政审批服务局 ") != std::string::npos);
  BOOST_TEST((read_files(d.archive) == archive));
  BOOST_TEST((read_files(d.site) == site));
  const std::string may = slurp(preview / "2022-05/index.html");
  BOOST_TEST(may.find("更正预览（尚未发布）") != std::string::npos);
  BOOST_TEST(slurp(preview / "2022-05/items/lingang/news/2022-05-13-zhaoshang-tuijie.html").find("更正后补充的一段话") !=
             std::string::npos);
  // The published site, built normally, still shows May as published.
  BOOST_TEST_REQUIRE(d.build().status == 0);
  BOOST_TEST(slurp(d.site / "2022-05/items/lingang/news/2022-05-13-zhaoshang-tuijie.html").find("更正后补充的一段话") ==
             std::string::npos);
  // Only a published month can be previewed as corrected.
  r = run_creditgen("build --quiet --preview-correction 2022-06 --content " + quote(d.content) + " --archive " +
                    quote(d.archive) + " --site " + quote(preview));
  BOOST_TEST(r.status == 1, r.err);
  BOOST_TEST(r.err.find("--preview-correction 只能用于已发布的月份") != std::string::npos, r.err);
}

// Scenario 7: the site carries no unmasked ID or mobile number, in pages or
// files, and no bundle (checked by a scanner written without our code).
BOOST_AUTO_TEST_CASE(the_site_carries_no_unmasked_personal_data) {
  Demo d("publish-pii");
  BOOST_TEST_REQUIRE(d.build().status == 0);
  auto scan = run_shell("python3 " + quote(kSource / "tests/tools/pii_scan.py") + " " + quote(d.site));
  BOOST_TEST(scan.status == 0, scan.out);
  // The scanner does find what the bundles rightly keep.
  auto bundles = run_shell("python3 " + quote(kSource / "tests/tools/pii_scan.py") + " " + quote(d.archive));
  BOOST_TEST(bundles.status == 1, bundles.out);
  for (const auto& e : fs::recursive_directory_iterator(d.site))
    BOOST_TEST(e.path().extension() != ".zip", e.path());
}

// Personal data where people put it: in an attachment's file name, a review
// reason, with separators or full-width digits. None of it reaches the site.
BOOST_AUTO_TEST_CASE(personal_data_in_names_reasons_and_odd_spellings_is_masked) {
  Demo d("publish-pii-places");
  const fs::path unit = d.content / "2022-06/hongjialou";
  fs::create_directories(unit / "files");
  fs::copy_file(d.content / "2022-06/caijin/files/信易担优惠办法.pdf", unit / "files/联系人13805318888.pdf");
  std::ofstream(unit / "news/2022-06-16-daima-qingli.md", std::ios::app)
      << "\n[联系人名单](files/联系人13805318888.pdf)，咨询电话 138 0531 8888、１３９０５３１７７７７，"
         "经办人身份证370102199003071234。\n";
  replace_in(d.content / "2022-06/review.yaml", "hongjialou/news/2022-06-16-daima-qingli.md: accepted",
             "hongjialou/news/2022-06-16-daima-qingli.md: {status: rejected, reason: 请联系13912345678核实}");
  auto r = d.build();
  BOOST_TEST_REQUIRE(fs::exists(d.site / "2022-06/index.html"), r.err);
  auto scan = run_shell("python3 " + quote(kSource / "tests/tools/pii_scan.py") + " " + quote(d.site));
  BOOST_TEST(scan.status == 0, scan.out);
  // The separated and full-width spellings, which the scanner does not know, are masked too.
  const std::string item = slurp(d.site / "2022-06/items/hongjialou/news/2022-06-16-daima-qingli.html");
  BOOST_TEST(item.find("138 **** 8888") != std::string::npos);
  BOOST_TEST(item.find("１３９****７７７７") != std::string::npos);
  BOOST_TEST(item.find("0531 8888") == std::string::npos);
  BOOST_TEST(item.find("370102********1234") != std::string::npos);
  BOOST_TEST(fs::exists(d.site / "2022-06/evidence/hongjialou/files/联系人138****8888.pdf"));
  BOOST_TEST(slurp(d.site / "2022-06/index.html").find("请联系139****5678核实") != std::string::npos);
  // The bundle keeps the original, as it must.
  auto list = run_shell("unzip -Z1 " + quote(d.archive / "2022-06.draft.zip"));
  BOOST_TEST(list.out.find("联系人13805318888.pdf") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(publish_refuses_what_it_must_not_do) {
  Demo d("publish-refusals");
  struct Case {
    std::string args;
    int status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"--month 2022-06 --date 2022-06-30", 1, "发布日期 2022-06-30 早于 2022-06 结束（2022-06-30），月报只能在月份结束后发布。"},
      {"--month 2022-06 --date 2099-07-05", 1, "发布日期 2099-07-05 晚于今天"},
      {"--month 2022-06 --date 2022-07-05", 1, "2022-06 还有 "},
      {"--month 2022-04 --date 2022-05-09", 1, "2022-04 已于 2022-05-09 发布（2022-04.zip）。已发布的月份只能更正"},
      {"--month 2022-07 --date 2022-08-05", 1, "内容文件夹中没有 2022-07 月份文件夹，无法发布。"},
      {"--month 2022-06 --correct --reason x --date 2022-07-05", 1, "2022-06 尚未发布，无需更正"},
      {"--month 2022-13", 2, "请用 --month YYYY-MM 指定要发布的月份"},
      {"--month 2022-06 --reason x", 2, "--reason 只用于 --correct"},
  };
  const auto archive = read_files(d.archive);
  const auto records = read_files(d.content / "publications");
  for (const auto& c : cases) {
    auto r = d.publish(c.args);
    BOOST_TEST(r.status == c.status, c.args << ": " << r.err);
    BOOST_TEST(r.err.find(c.says) != std::string::npos, c.args << ": " << r.err);
  }
  BOOST_TEST((read_files(d.archive) == archive));
  BOOST_TEST((read_files(d.content / "publications") == records));
  // A bundle no record names (a publish cut short) is neither overwritten nor adopted.
  {
    std::ofstream(d.archive / "2022-06.zip") << "left by an interrupted publish";
    auto left = d.publish("--month 2022-06 --date 2022-07-05 --force");
    BOOST_TEST(left.status == 3, left.err);
    BOOST_TEST(left.err.find("2022-06.zip 已存在，但没有任何发布记录提到它") != std::string::npos, left.err);
    BOOST_TEST(slurp(d.archive / "2022-06.zip") == "left by an interrupted publish");
    fs::remove(d.archive / "2022-06.zip");
  }
  // Months are published in order.
  fs::remove(d.content / "publications/2022-05.yaml");
  auto r = d.publish("--month 2022-06 --date 2022-07-05 --force");
  BOOST_TEST(r.status == 1, r.err);
  BOOST_TEST(r.err.find("请先发布 2022-05") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(new_never_writes_into_a_published_month) {
  Demo d("publish-new");
  auto r = run_creditgen("new news --unit lingang --month 2022-05 --content " + quote(d.content));
  BOOST_TEST(r.status == 1, r.err);
  BOOST_TEST(r.err.find("2022-05 已于 2022-06-05 发布，不能再新增材料") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("[published-month]") != std::string::npos, r.err);
  BOOST_TEST(!fs::exists(d.content / "2022-05/lingang/news/2022-05-01-news.md"));
}

BOOST_AUTO_TEST_SUITE_END()
