// The four-property check (四性检测) of a bundle, check by check: each passes
// on a fresh bundle and fails, naming the file, when what it guards is broken.
#include <boost/test/unit_test.hpp>

#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "bundle/bundle.h"
#include "bundle/digest.h"
#include "bundle/seal.h"
#include "bundle/timestamp.h"
#include "bundle_fixture.h"

using namespace bundle_test;
using namespace creditgen::bundle;

namespace {

const std::string R = "jinan-licheng-2022-05/";
const std::string kPhoto = "data/content/2022-05/lingang/files/培训现场.jpg";

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A sealed bundle of the fixture, after `prepare` changed the content folder.
template <class F>
fs::path sealed(const TempDir& tmp, F prepare) {
  const fs::path content = copy_fixture(tmp.path);
  prepare(content / "2022-05/lingang");
  Diagnostics diags;
  auto r = seal_month(make_input(content), tmp.path / "archive", diags);
  BOOST_TEST_REQUIRE(r.bundle.has_value());
  return r.bundle->path;
}
fs::path sealed(const TempDir& tmp) {
  return sealed(tmp, [](const fs::path&) {});
}

void write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

const ArchiveCheck& check(const ArchiveReport& r, const std::string& id) {
  for (const auto& c : r.checks())
    if (c.id == id) return c;
  BOOST_FAIL("no check " + id);
  throw 0;
}

// Only `id` fails, and it names `file`.
void only_fails(const ArchiveReport& r, const std::string& id, const std::string& file) {
  for (const auto& c : r.checks())
    BOOST_TEST((c.status == CheckStatus::fail) == (c.id == id), c.id << "\n" << r.text("x"));
  const auto& files = check(r, id).files;
  if (!file.empty()) BOOST_TEST((std::find(files.begin(), files.end(), file) != files.end()), r.text("x"));
}

void replace_entry(const fs::path& zip, const std::string& name, const std::string& bytes) {
  int code = 0;
  zip_t* z = zip_open(zip.c_str(), 0, &code);
  BOOST_TEST_REQUIRE(z != nullptr);
  void* copy = malloc(bytes.size());
  std::copy(bytes.begin(), bytes.end(), static_cast<char*>(copy));
  zip_source_t* src = zip_source_buffer(z, copy, bytes.size(), 1);
  BOOST_TEST_REQUIRE(zip_file_replace(z, static_cast<zip_uint64_t>(zip_name_locate(z, name.c_str(), 0)), src, 0) == 0);
  BOOST_TEST_REQUIRE(zip_close(z) == 0);
}

const std::string kEncryptedPdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R/Encrypt 5 0 R>>\n%%EOF\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(archive_checks)

BOOST_AUTO_TEST_CASE(a_fresh_bundle_passes_every_check_it_can_make) {
  TempDir tmp;
  const ArchiveReport r = check_bundle(sealed(tmp));
  std::set<std::string> ids;
  for (const auto& c : r.checks()) ids.insert(c.id);
  BOOST_TEST(ids == (std::set<std::string>{"authenticity.manifest-sha256", "authenticity.manifest-sha512",
                                           "authenticity.manifest-sm3", "authenticity.tag-manifests",
                                           "authenticity.signature", "authenticity.timestamp", "integrity.zip",
                                           "integrity.bag-structure", "integrity.manifest-coverage",
                                           "integrity.payload-oxum", "integrity.metadata", "usability.formats",
                                           "usability.pdf", "usability.no-archives", "security.zip-structure",
                                           "security.entry-names", "security.no-executables"}));
  BOOST_TEST(r.passed(), r.text("x"));
  for (const char* na : {"authenticity.signature", "authenticity.timestamp", "usability.pdf"})
    BOOST_TEST((check(r, na).status == CheckStatus::not_applicable), na);
  BOOST_TEST(r.text("b.zip").ends_with("结论：通过（14 项通过，0 项不通过，3 项不适用）\n"), r.text("b.zip"));
}

BOOST_AUTO_TEST_CASE(a_tampered_file_fails_authenticity) {
  TempDir tmp;
  const fs::path zip = sealed(tmp);
  std::string photo = *read_zip_entry(zip, R + kPhoto);
  photo[photo.size() / 2] ^= 1;
  replace_entry(zip, R + kPhoto, photo);
  const ArchiveReport r = check_bundle(zip);
  BOOST_TEST(!r.passed());
  for (const char* id : {"authenticity.manifest-sha256", "authenticity.manifest-sha512", "authenticity.manifest-sm3"}) {
    BOOST_TEST((check(r, id).status == CheckStatus::fail), id);
    BOOST_TEST(check(r, id).files == std::vector<std::string>{kPhoto});
  }
  BOOST_TEST((check(r, "integrity.payload-oxum").status == CheckStatus::pass));  // same size
}

BOOST_AUTO_TEST_CASE(a_tampered_tag_file_fails_the_tag_manifests) {
  TempDir tmp;
  const fs::path zip = sealed(tmp);
  std::string info = *read_zip_entry(zip, R + "bag-info.txt");
  info.replace(info.find("Contact-Name: "), 14, "Contact-Name: 某某");
  replace_entry(zip, R + "bag-info.txt", info);
  only_fails(check_bundle(zip), "authenticity.tag-manifests", "bag-info.txt");
}

BOOST_AUTO_TEST_CASE(metadata_names_every_file_and_a_changed_record_is_found) {
  TempDir tmp;
  const fs::path zip = sealed(tmp);
  const std::string csv = *read_zip_entry(zip, R + "tags/metadata.csv");
  BOOST_TEST(csv.starts_with("路径,字节数,SHA-256,SM3,格式,MIME类型,检测发现,材料类别,题名,单位,日期,文号,审核状态\n"), csv);
  const std::string photo = *read_zip_entry(zip, R + kPhoto);
  BOOST_TEST(csv.find("\n" + kPhoto + "," + std::to_string(photo.size()) + "," + hex_digest(DigestKind::sha256, photo) + ",") !=
                 std::string::npos,
             csv);
  BOOST_TEST(csv.find(",JPEG 图片,image/jpeg,,") != std::string::npos, csv);
  const std::string reg = *read_zip_entry(zip, R + "tags/archive-register.txt");
  BOOST_TEST(reg.find("立档单位：历城区社会信用体系建设工作领导小组办公室\n") != std::string::npos, reg);
  BOOST_TEST(reg.find("保管期限：永久\n") != std::string::npos, reg);
  BOOST_TEST(reg.find("版本：第 1 版，发布日期 2022-06-05\n") != std::string::npos, reg);

  // A record dropped from the metadata: the metadata check names the file
  // (and the tag manifests see the tag file changed).
  std::string edited = csv;
  const size_t at = edited.find("\n" + kPhoto + ",");
  edited.erase(at + 1, edited.find('\n', at + 1) - at);
  replace_entry(zip, R + "tags/metadata.csv", edited);
  const ArchiveReport r = check_bundle(zip);
  BOOST_TEST(check(r, "integrity.metadata").problems ==
             std::vector<std::string>{"文件“" + kPhoto + "”在 tags/metadata.csv 中没有记录"});
  BOOST_TEST((check(r, "authenticity.tag-manifests").status == CheckStatus::fail));
}

BOOST_AUTO_TEST_CASE(a_renamed_png_fails_usability_but_the_bag_is_sound) {
  TempDir tmp;
  const std::string png = file_bytes(fs::path(CREDITGEN_FIXTURES) / "cli/minimal/2022-05/lingang/files/培训现场.png");
  const fs::path zip = sealed(tmp, [&](const fs::path& unit) { write(unit / "files/培训现场.jpg", png); });
  const ArchiveReport r = check_bundle(zip);
  only_fails(r, "usability.formats", kPhoto);
  BOOST_TEST(check(r, "usability.formats").problems ==
             std::vector<std::string>{"文件“" + kPhoto + "”的内容是PNG 图片（image/png），与扩展名 .jpg 所示的JPEG 图片不符："
                                      "请按实际格式改正扩展名，或重新导出为JPEG 图片"});
  BOOST_TEST(verify_bundle(zip).empty());  // the build's soundness check is not about formats
}

BOOST_AUTO_TEST_CASE(an_encrypted_pdf_a_nested_zip_and_a_program) {
  TempDir tmp;
  const std::string elf = std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(9, '\0') + std::string("\x02\0\x3e\0", 4);
  const fs::path zip = sealed(tmp, [&](const fs::path& unit) {
    write(unit / "files/办法.pdf", kEncryptedPdf);
    write(unit / "files/材料.zip", std::string("PK\x05\x06", 4) + std::string(18, '\0'));
    write(unit / "files/工具.doc", elf);
  });
  const ArchiveReport r = check_bundle(zip);
  const std::string files = "data/content/2022-05/lingang/files/";
  BOOST_TEST(check(r, "usability.pdf").files == std::vector<std::string>{files + "办法.pdf"});
  BOOST_TEST(check(r, "usability.no-archives").files == std::vector<std::string>{files + "材料.zip"});
  BOOST_TEST(check(r, "security.no-executables").files == std::vector<std::string>{files + "工具.doc"});
  BOOST_TEST((check(r, "usability.formats").status == CheckStatus::pass));
  const std::string json = r.json("b.zip");
  BOOST_TEST(json.starts_with("{\"bundle\":\"b.zip\",\"passed\":false,\"checks\":["), json);
  BOOST_TEST(json.find("{\"id\":\"usability.pdf\",\"group\":\"可用性\",\"title\":\"PDF 文件结构完整、未加密\",\"status\":\"fail\"") !=
                 std::string::npos,
             json);
}

// A throwaway key and self-signed certificate made with the openssl tool.
SigningKey throwaway_key(const fs::path& dir, const std::string& name, const std::string& algorithm) {
  const std::string key = (dir / (name + ".key")).string(), cert = (dir / (name + ".crt")).string();
  const std::string cmd = "openssl req -x509 -newkey " + algorithm + " -nodes -keyout '" + key + "' -out '" + cert +
                          "' -subj '/CN=" + name + "' -days 3650 2>/dev/null";
  BOOST_TEST_REQUIRE(std::system(cmd.c_str()) == 0);
  return {file_bytes(key), file_bytes(cert)};
}

BOOST_AUTO_TEST_CASE(a_signed_bag_verifies_and_a_wrong_signature_or_certificate_fails) {
  TempDir tmp;
  const SigningKey office = throwaway_key(tmp.path, "office", "rsa:2048");
  const SigningKey other = throwaway_key(tmp.path, "other", "ec -pkeyopt ec_paramgen_curve:prime256v1");
  const fs::path content = copy_fixture(tmp.path);
  auto signed_bag = [&](const SigningKey& key, const fs::path& archive) {
    BagInput in = make_input(content);
    in.signing = key;
    Diagnostics diags;
    auto r = seal_month(std::move(in), archive, diags);
    BOOST_TEST_REQUIRE(r.bundle.has_value(), r.io_error);
    return r.bundle->path;
  };
  const fs::path zip = signed_bag(office, tmp.path / "a");
  // RSA without signed attributes: the same bag, the same bytes.
  BOOST_TEST(file_bytes(signed_bag(office, tmp.path / "b")) == file_bytes(zip));

  ArchiveReport r = check_bundle(zip);
  BOOST_TEST(r.passed(), r.text("x"));
  BOOST_TEST(check(r, "authenticity.signature").note.starts_with("签名人 /CN=office；未用 --cert 指定可信证书"),
             check(r, "authenticity.signature").note);
  r = check_bundle(zip, &office.certificate_pem);
  BOOST_TEST((check(r, "authenticity.signature").status == CheckStatus::pass), r.text("x"));
  // Another office's certificate does not vouch for it.
  r = check_bundle(zip, &other.certificate_pem);
  only_fails(r, "authenticity.signature", "tags/signature.p7s");
  // A signature made by another key over the same tag manifest fails too (tags/ is not in the tag manifests).
  const std::string manifest = *read_zip_entry(zip, R + "tagmanifest-sha256.txt");
  std::string error;
  replace_entry(zip, R + "tags/signature.p7s", *sign_detached(manifest + "\n", other, error));
  only_fails(check_bundle(zip), "authenticity.signature", "tags/signature.p7s");
  // An unsigned bag with --cert given fails; without, it is not applicable.
  TempDir tmp2;
  const fs::path plain = sealed(tmp2);
  BOOST_TEST((check(check_bundle(plain), "authenticity.signature").status == CheckStatus::not_applicable));
  only_fails(check_bundle(plain, &office.certificate_pem), "authenticity.signature", "");
}

// A local test TSA made with `openssl ts`, as the office's would answer.
struct TestTsa {
  fs::path dir;
  std::string certificate_pem;
  explicit TestTsa(const fs::path& d) : dir(d) {
    fs::create_directories(dir);
    write(dir / "tsa.cnf",
          "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\nserial = " + (dir / "serial").string() +
              "\ncrypto_device = builtin\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\n"
              "digests = sha256\naccuracy = secs:1\ntsa_name = yes\ness_cert_id_alg = sha256\n");
    write(dir / "serial", "01\n");
    const std::string cmd = "cd '" + dir.string() +
                            "' && openssl req -x509 -newkey rsa:2048 -nodes -keyout tsa.key -out tsa.crt "
                            "-subj /CN=test-tsa -days 3650 -addext extendedKeyUsage=critical,timeStamping 2>/dev/null";
    BOOST_TEST_REQUIRE(std::system(cmd.c_str()) == 0);
    certificate_pem = file_bytes(dir / "tsa.crt");
  }
  // The reply to `query` (DER TimeStampReq).
  std::string reply(const std::string& query) const {
    write(dir / "q.tsq", query);
    const std::string cmd = "cd '" + dir.string() +
                            "' && openssl ts -reply -config tsa.cnf -queryfile q.tsq -inkey tsa.key -signer tsa.crt "
                            "-out r.tsr 2>/dev/null";
    BOOST_TEST_REQUIRE(std::system(cmd.c_str()) == 0);
    return file_bytes(dir / "r.tsr");
  }
};

BOOST_AUTO_TEST_CASE(a_timestamped_bag_verifies_and_a_timestamp_over_other_bytes_fails) {
  TempDir tmp;
  const TestTsa tsa(tmp.path / "tsa");
  const SigningKey other = throwaway_key(tmp.path, "other", "rsa:2048");
  const fs::path content = copy_fixture(tmp.path);
  auto stamped_bag = [&](const std::string& reply, const fs::path& archive) {
    BagInput in = make_input(content);
    in.timestamp_reply = reply;
    Diagnostics diags;
    return seal_month(std::move(in), archive, diags);
  };
  // The request is over the tag manifest of the bag as it will be sealed,
  // the very bytes `openssl ts -query -sha256 -cert -no_nonce` makes of it.
  TempDir tmp2;
  const fs::path plain = sealed(tmp2);  // the same fixture, unstamped
  const std::string manifest = *read_zip_entry(plain, R + "tagmanifest-sha256.txt");
  const std::string query = timestamp_query(manifest);
  write(tmp.path / "manifest.txt", manifest);
  BOOST_TEST_REQUIRE(std::system(("openssl ts -query -data '" + (tmp.path / "manifest.txt").string() +
                                  "' -sha256 -cert -no_nonce -out '" + (tmp.path / "openssl.tsq").string() +
                                  "' 2>/dev/null")
                                     .c_str()) == 0);
  BOOST_TEST((query == file_bytes(tmp.path / "openssl.tsq")));
  const std::string reply = tsa.reply(query);

  auto good = stamped_bag(reply, tmp.path / "a");
  BOOST_TEST_REQUIRE(good.bundle.has_value(), good.io_error);
  const fs::path zip = good.bundle->path;
  BOOST_TEST((*read_zip_entry(zip, R + "tags/timestamp.tsr") == reply));
  ArchiveReport r = check_bundle(zip);
  BOOST_TEST(r.passed(), r.text("x"));
  BOOST_TEST(check(r, "authenticity.timestamp").note.find("时间戳服务 /CN=test-tsa；未用 --tsa-cert") != std::string::npos,
             check(r, "authenticity.timestamp").note);
  r = check_bundle(zip, nullptr, &tsa.certificate_pem);
  BOOST_TEST((check(r, "authenticity.timestamp").status == CheckStatus::pass), r.text("x"));
  BOOST_TEST(check(r, "authenticity.timestamp").note.ends_with("由 --tsa-cert 指定的证书验证"));
  // An independent reader agrees: openssl ts -verify over the extracted tag manifest.
  write(tmp.path / "reply.tsr", reply);
  BOOST_TEST(std::system(("openssl ts -verify -data '" + (tmp.path / "manifest.txt").string() + "' -in '" +
                          (tmp.path / "reply.tsr").string() + "' -CAfile '" + (tsa.dir / "tsa.crt").string() +
                          "' >/dev/null 2>&1")
                             .c_str()) == 0);
  // Another TSA's certificate does not vouch for it.
  only_fails(check_bundle(zip, nullptr, &other.certificate_pem), "authenticity.timestamp", "tags/timestamp.tsr");

  // A reply over other bytes is refused when sealing: nothing is written.
  const std::string elsewhere = tsa.reply(timestamp_query(manifest + "另一个包"));
  auto refused = stamped_bag(elsewhere, tmp.path / "b");
  BOOST_TEST(!refused.bundle.has_value());
  BOOST_TEST(refused.io_error.find("时间戳回执不能用于本证据包") != std::string::npos, refused.io_error);
  BOOST_TEST(!fs::exists(tmp.path / "b" / zip.filename()));
  // Put into a sealed bag afterwards, it fails the check (tags/ is not in the tag manifests).
  replace_entry(zip, R + "tags/timestamp.tsr", elsewhere);
  only_fails(check_bundle(zip), "authenticity.timestamp", "tags/timestamp.tsr");
  replace_entry(zip, R + "tags/timestamp.tsr", "not a reply");
  only_fails(check_bundle(zip), "authenticity.timestamp", "tags/timestamp.tsr");
  // A bag without a timestamp: not applicable, unless a TSA certificate is given.
  BOOST_TEST((check(check_bundle(plain), "authenticity.timestamp").status == CheckStatus::not_applicable));
  only_fails(check_bundle(plain, nullptr, &tsa.certificate_pem), "authenticity.timestamp", "");
}

BOOST_AUTO_TEST_SUITE_END()
