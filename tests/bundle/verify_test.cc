#include <boost/test/unit_test.hpp>

#include <optional>

#include <zip.h>

#include <algorithm>

#include "bundle/seal.h"
#include "bundle_fixture.h"

using namespace bundle_test;
using namespace creditgen::bundle;

namespace {

const std::string R = "jinan-licheng-2022-05/";

struct Built {
  TempDir tmp;
  fs::path zip;
  Built() {
    Diagnostics diags;
    zip = seal_month(make_input(copy_fixture(tmp.path)), tmp.path / "archive", diags).bundle->path;
  }
};

// Rewrites one archive in place through libzip: `edit` gets the open handle.
template <class F>
void edit_zip(const fs::path& zip, F edit) {
  int code = 0;
  zip_t* z = zip_open(zip.c_str(), 0, &code);
  BOOST_TEST_REQUIRE(z != nullptr);
  edit(z);
  BOOST_TEST_REQUIRE(zip_close(z) == 0);
}

void replace_entry(zip_t* z, const std::string& name, const std::string& bytes) {
  // zip_source_buffer with freep=1 takes ownership of a malloc'ed copy.
  void* copy = malloc(bytes.size());
  std::copy(bytes.begin(), bytes.end(), static_cast<char*>(copy));
  zip_source_t* src = zip_source_buffer(z, copy, bytes.size(), 1);
  const zip_int64_t i = zip_name_locate(z, name.c_str(), 0);
  if (i >= 0) BOOST_TEST_REQUIRE(zip_file_replace(z, static_cast<zip_uint64_t>(i), src, 0) == 0);
  else BOOST_TEST_REQUIRE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) >= 0);
}

std::vector<std::pair<std::string, std::string>> entries_of(const fs::path& zip) {
  std::vector<std::pair<std::string, std::string>> out;
  int code = 0;
  zip_t* z = zip_open(zip.c_str(), ZIP_RDONLY, &code);
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    const std::string name = zip_get_name(z, static_cast<zip_uint64_t>(i), 0);
    out.emplace_back(name, *read_zip_entry(zip, name));
  }
  zip_discard(z);
  return out;
}

bool has(const std::vector<std::string>& problems, const std::string& text) {
  return std::find(problems.begin(), problems.end(), text) != problems.end();
}

std::string dump(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& p : v) s += p + "\n";
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verify)

BOOST_AUTO_TEST_CASE(a_fresh_bundle_verifies) {
  Built b;
  BOOST_TEST(dump(verify_bundle(b.zip)) == "");
}

BOOST_AUTO_TEST_CASE(one_changed_payload_byte) {
  Built b;
  std::string yaml = *read_zip_entry(b.zip, R + "data/content/2022-05/review.yaml");
  yaml[0] = 'R';
  edit_zip(b.zip, [&](zip_t* z) { replace_entry(z, R + "data/content/2022-05/review.yaml", yaml); });
  const std::string f = "文件“data/content/2022-05/review.yaml”与 ";
  BOOST_TEST(dump(verify_bundle(b.zip)) == f + "manifest-sha256.txt 中的校验值不一致（文件已被改动）\n" + f +
                                               "manifest-sha512.txt 中的校验值不一致（文件已被改动）\n" + f +
                                               "tags/sm3sums.txt 中的校验值不一致（文件已被改动）\n"
                                               "文件“data/content/2022-05/review.yaml”的元数据中的 SHA-256 与文件不符\n");
}

BOOST_AUTO_TEST_CASE(a_missing_file) {
  Built b;
  edit_zip(b.zip, [&](zip_t* z) { zip_delete(z, static_cast<zip_uint64_t>(zip_name_locate(z, (R + "data/scores.csv").c_str(), 0))); });
  const auto problems = verify_bundle(b.zip);
  BOOST_TEST(has(problems, "manifest-sha256.txt 列出的文件“data/scores.csv”在压缩包中不存在"), dump(problems));
  BOOST_TEST(has(problems, "tags/sm3sums.txt 列出的文件“data/scores.csv”在压缩包中不存在"));
  BOOST_TEST(has(problems, "tags/metadata.csv 记录的文件“data/scores.csv”不在包内"), dump(problems));
  BOOST_TEST(problems.size() == 5u);  // three manifests, Payload-Oxum and the metadata
}

BOOST_AUTO_TEST_CASE(an_extra_unlisted_file) {
  Built b;
  edit_zip(b.zip, [&](zip_t* z) { replace_entry(z, R + "data/extra.txt", "x"); });
  const auto problems = verify_bundle(b.zip);
  BOOST_TEST(has(problems, "文件“data/extra.txt”未列在 manifest-sha256.txt 中"), dump(problems));
  BOOST_TEST(has(problems, "文件“data/extra.txt”未列在 manifest-sha512.txt 中"));
  BOOST_TEST(has(problems, "文件“data/extra.txt”在 tags/metadata.csv 中没有记录"), dump(problems));
  BOOST_TEST(problems.size() == 5u);
}

BOOST_AUTO_TEST_CASE(a_wrong_payload_oxum) {
  Built b;
  std::string info = *read_zip_entry(b.zip, R + "bag-info.txt");
  const size_t at = info.find("Payload-Oxum: ") + 14;
  const size_t end = info.find('\n', at);
  const std::string real = info.substr(at, end - at);
  info.replace(at, end - at, "1.10");
  edit_zip(b.zip, [&](zip_t* z) { replace_entry(z, R + "bag-info.txt", info); });
  BOOST_TEST(dump(verify_bundle(b.zip)) ==
             "bag-info.txt 的 Payload-Oxum 为 1.10，实际为 " + real + "（字节数.文件数）\n"
             "文件“bag-info.txt”与 tagmanifest-sha256.txt 中的校验值不一致（文件已被改动）\n"
             "文件“bag-info.txt”与 tagmanifest-sha512.txt 中的校验值不一致（文件已被改动）\n");
}

BOOST_AUTO_TEST_CASE(a_truncated_zip) {
  Built b;
  const std::string bytes = read_bytes(b.zip);
  write_bytes(b.zip, bytes.substr(0, bytes.size() / 2));
  const auto problems = verify_bundle(b.zip);
  BOOST_TEST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].starts_with("压缩包损坏或不完整（"), problems[0]);
}

BOOST_AUTO_TEST_CASE(not_a_bundle_at_all) {
  TempDir tmp;
  BOOST_TEST(dump(verify_bundle(tmp.path / "none.zip")) == "无法打开 " + (tmp.path / "none.zip").string() + "（文件不存在）\n");
  write_bytes(tmp.path / "text.zip", "hello");
  BOOST_TEST(dump(verify_bundle(tmp.path / "text.zip")) == "压缩包损坏或不完整（不是 zip 压缩包）\n");
  // A valid zip that is not a bag.
  write_bytes(tmp.path / "plain.zip", raw_zip({{"a/readme.txt", "hi"}}));
  BOOST_TEST(dump(verify_bundle(tmp.path / "plain.zip")) ==
             "缺少 bagit.txt（BagIt 声明）\n缺少清单 manifest-sha256.txt / manifest-sha512.txt\n缺少 bag-info.txt\n");
}

BOOST_AUTO_TEST_CASE(a_duplicate_entry) {
  Built b;
  auto entries = entries_of(b.zip);
  entries.push_back(entries[2]);  // the jpg once more
  write_bytes(b.zip, raw_zip(entries));
  const auto problems = verify_bundle(b.zip);
  BOOST_TEST(has(problems, "压缩包内有重名条目"), dump(problems));
  BOOST_TEST(has(problems, "条目“" + entries[2].first + "”重复出现"));
}

BOOST_AUTO_TEST_CASE(the_raw_writer_itself_makes_valid_bundles) {
  // Guards the two tests around it: without tampering, a re-packed bundle verifies.
  Built b;
  write_bytes(b.zip, raw_zip(entries_of(b.zip)));
  BOOST_TEST(dump(verify_bundle(b.zip)) == "");
}

BOOST_AUTO_TEST_CASE(unsafe_names) {
  Built b;
  auto entries = entries_of(b.zip);
  entries.emplace_back("../x", "evil");
  entries.emplace_back("/etc/x", "evil");
  entries.emplace_back(R + "data\\x", "evil");
  entries.emplace_back(R + "data/aux.txt", "evil");
  write_bytes(b.zip, raw_zip(entries));
  const auto problems = verify_bundle(b.zip);
  BOOST_TEST(has(problems, "条目“../x”含“..”，会写到解压文件夹之外"), dump(problems));
  BOOST_TEST(has(problems, "条目“/etc/x”是绝对路径"));
  BOOST_TEST(has(problems, "条目“" + R + "data\\x”含反斜杠“\\”"));
  BOOST_TEST(has(problems, "条目“" + R + "data/aux.txt”的名称不安全：“aux.txt”是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–9、LPT1–9）"));
}

BOOST_AUTO_TEST_CASE(a_crc_error) {
  Built b;
  std::string bytes = raw_zip(entries_of(b.zip));
  // Flip a byte in the middle of the (stored) jpg's data.
  const std::string jpg = entries_of(b.zip)[2].second;
  const size_t at = bytes.find(jpg);
  BOOST_TEST_REQUIRE(at != std::string::npos);
  bytes[at + 100] ^= 1;
  write_bytes(b.zip, bytes);
  const auto problems = verify_bundle(b.zip);
  BOOST_TEST(has(problems, "条目“" + entries_of(b.zip)[2].first + "”CRC 校验失败，数据已损坏"), dump(problems));
}

BOOST_AUTO_TEST_CASE(unzip_accepts_the_bundle) {
  if (std::system("command -v unzip >/dev/null 2>&1") != 0) return;  // tool not installed
  Built b;
  const std::string cmd = "unzip -tq '" + b.zip.string() + "' >/dev/null 2>&1";
  BOOST_TEST(std::system(cmd.c_str()) == 0);
  const fs::path out = b.tmp.path / "x";
  const std::string extract = "cd '" + b.tmp.path.string() + "' && mkdir x && cd x && unzip -q '" + b.zip.string() +
                              "' && cd jinan-licheng-2022-05 && sha256sum --quiet -c manifest-sha256.txt && "
                              "sha256sum --quiet -c tagmanifest-sha256.txt";
  if (std::system("command -v sha256sum >/dev/null 2>&1") == 0) BOOST_TEST(std::system(extract.c_str()) == 0);
  BOOST_TEST(fs::exists(out / "jinan-licheng-2022-05/data/content/2022-05/lingang/files/培训现场.jpg"));
}


// Crafted zips that libzip would read at length, or accept: each is refused
// from its central directory and local headers alone, with a message.
namespace {

// An entry with the defaults, changed by `tweak`.
template <class F = void (*)(Crafted&)>
Crafted entry(std::string name, std::string data, F tweak = [](Crafted&) {}) {
  Crafted e;
  e.name = std::move(name);
  e.data = std::move(data);
  tweak(e);
  return e;
}

std::vector<std::string> verify_crafted(const std::vector<Crafted>& entries) {
  TempDir tmp;
  write_bytes(tmp.path / "crafted.zip", crafted_zip(entries));
  return verify_bundle(tmp.path / "crafted.zip");
}

}  // namespace

BOOST_AUTO_TEST_CASE(crafted_zips_are_refused_from_their_directory) {
  const std::string big(4096, 'x');
  // Two central entries pointing at one local entry (the 2,000-entry bomb in small).
  auto r = verify_crafted({entry("b/a.txt", big), entry("b/b.txt", big, [](Crafted& e) { e.offset = 0; })});
  BOOST_TEST(dump(r) == "条目“b/b.txt”的数据与其他条目重叠（同一段数据被多个条目引用）\n");
  r = verify_crafted({entry("b/a.txt", "hi", [](Crafted& e) { e.external = 0120777u << 16; })});
  BOOST_TEST(dump(r) == "条目“b/a.txt”不是普通文件（符号链接），证据包只应含普通文件\n");
  r = verify_crafted({entry("b/dev", "", [](Crafted& e) { e.external = 0020644u << 16; })});
  BOOST_TEST(dump(r) == "条目“b/dev”不是普通文件（设备或特殊文件），证据包只应含普通文件\n");
  r = verify_crafted({entry("b/run.sh", "hi", [](Crafted& e) { e.external = 0104755u << 16; })});
  BOOST_TEST(dump(r) == "条目“b/run.sh”带有 setuid/setgid 权限位\n");
  r = verify_crafted({entry("b/照片.jpg", "hi", [](Crafted& e) { e.flags = 0; })});
  BOOST_TEST(dump(r) == "条目“b/照片.jpg”的名称含非 ASCII 字符却没有 UTF-8 标志（通用标志位 11），解压工具会按其他编码显示\n");
  r = verify_crafted({entry("b/a.txt", "hi", [](Crafted& e) { e.local_name = "b/other.txt"; })});
  BOOST_TEST(dump(r) == "条目“b/a.txt”的本地文件头与中央目录的名称不一致\n");
  r = verify_crafted({entry("b/a.txt", "hi", [](Crafted& e) { e.flags = 0x801; })});
  BOOST_TEST(dump(r) == "条目“b/a.txt”已加密，证据包不得加密\n");
  r = verify_crafted({entry("b/data/a.txt", big, [](Crafted& e) {
    e.method = 8;
    e.declared_size = 0xF0000000u;
  })});
  BOOST_TEST(dump(r) == "条目“b/data/a.txt”声明的解压后大小是压缩后的 1000 倍以上（压缩炸弹）\n");
  // A manifest declared larger than any bag needs.
  r = verify_crafted({entry("b/manifest-sha256.txt", big, [](Crafted& e) {
    e.method = 8;
    e.declared_size = 0x30000000u;
  })});
  BOOST_TEST(dump(r).find("标签文件“b/manifest-sha256.txt”大小 805306368 字节，超过上限 536870912") != std::string::npos, dump(r));
  // An entry whose data run past the central directory.
  r = verify_crafted({entry("b/a.txt", "hi", [](Crafted& e) { e.offset = 4; })});
  BOOST_TEST(dump(r).find("条目“b/a.txt”的") != std::string::npos, dump(r));
  // A count of entries the directory cannot hold.
  std::string lie = crafted_zip({entry("b/a.txt", "hi")});
  lie[lie.size() - 12] = '\xff';  // entries on this disk …
  lie[lie.size() - 11] = '\x7f';
  lie[lie.size() - 14] = '\xff';  // … and in all
  lie[lie.size() - 13] = '\x7f';
  TempDir tmp;
  write_bytes(tmp.path / "lie.zip", lie);
  BOOST_TEST(dump(verify_bundle(tmp.path / "lie.zip")) == "压缩包损坏或不完整（中央目录声明的条目数与其大小不符）\n");
}

// A manifest far longer than the bag (the 5-million-line manifest in small)
// is refused while it is read, not held and parsed whole.
BOOST_AUTO_TEST_CASE(a_manifest_longer_than_the_bag_is_refused_as_it_is_read) {
  std::string manifest;
  for (int i = 0; i < 5000; ++i) manifest += std::string(64, 'a') + "  data/f" + std::to_string(i) + ".txt\n";
  const auto r = verify_crafted({entry("b/bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"),
                                 entry("b/data/a.txt", "hi"), entry("b/manifest-sha256.txt", manifest)});
  BOOST_TEST(dump(r).find("清单“b/manifest-sha256.txt”的行数超过包内的文件数 1，已停止读取") != std::string::npos, dump(r));
}

BOOST_AUTO_TEST_SUITE_END()
