#include <sys/stat.h>
#include <boost/test/unit_test.hpp>

#include "items_test_util.h"
#include "load/attachments.h"

using namespace creditgen;
using namespace creditgen::test;
using load::AttachmentKind;

namespace {
const Location kAt{"content/2022-05/lingang/news/a.md", 7, 15};

struct Checked {
  model::Attachment a;
  Diagnostics d;
};

Checked check(const TempUnit& u, const std::string& path, AttachmentKind kind = AttachmentKind::any) {
  Checked c;
  auto ctx = u.ctx();
  load::AttachmentChecker checker(ctx);
  c.a = checker.check(path, kAt, kind, c.d);
  return c;
}

void expect_only(const Checked& c, const std::string& code) {
  auto e = only(c.d, code);
  BOOST_TEST((e.severity == Severity::error));
  BOOST_TEST((e.where == kAt));
  BOOST_TEST(!c.a.ok);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(attachments)

BOOST_AUTO_TEST_CASE(types_compare_case_insensitively) {
  BOOST_TEST(load::allowed_attachment_type("JPG", AttachmentKind::image));
  BOOST_TEST(load::allowed_attachment_type("Webp", AttachmentKind::image));
  BOOST_TEST(!load::allowed_attachment_type("pdf", AttachmentKind::image));
  for (const char* t : {"pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "csv", "txt", "zip", "PDF"})
    BOOST_TEST(load::allowed_attachment_type(t, AttachmentKind::any), t);
  for (const char* t : {"exe", "svg", "html", "", "tar"})
    BOOST_TEST(!load::allowed_attachment_type(t, AttachmentKind::any), t);
}

BOOST_AUTO_TEST_CASE(clean_relative_paths) {
  BOOST_TEST(load::clean_relative_path("./files//a.jpg") == "files/a.jpg");
  BOOST_TEST(load::clean_relative_path("files/../a.jpg").empty());
  BOOST_TEST(load::clean_relative_path("/files/a.jpg").empty());
}

BOOST_AUTO_TEST_CASE(existing_file_is_ok) {
  TempUnit u;
  u.write("files/sub/现场.JPG", "x");
  auto c = check(u, " ./files/sub/现场.JPG ", AttachmentKind::image);
  BOOST_TEST(c.d.empty(), dump(c.d));
  BOOST_TEST(c.a.ok);
  BOOST_TEST(c.a.path == "files/sub/现场.JPG");
  BOOST_TEST((c.a.where == kAt));
}

BOOST_AUTO_TEST_CASE(absolute_paths_are_unsafe) {
  TempUnit u;
  expect_only(check(u, "/etc/passwd"), "unsafe-path");
  expect_only(check(u, "C:\\Users\\a.jpg"), "unsafe-path");
}

BOOST_AUTO_TEST_CASE(dot_dot_is_unsafe) {
  TempUnit u;
  u.write("files/a.jpg", "x");
  auto c = check(u, "files/../files/a.jpg");
  expect_only(c, "unsafe-path");
  BOOST_TEST(contains(only(c.d, "unsafe-path").message, ".."));
  expect_only(check(u, "../shenpiju/files/a.jpg"), "unsafe-path");
  expect_only(check(u, "files\\..\\..\\x.jpg"), "unsafe-path");
}

BOOST_AUTO_TEST_CASE(symlink_anywhere_on_the_path_is_unsafe) {
  TempUnit u;
  u.write("files/real/a.jpg", "x");
  fs::create_directory_symlink("/tmp", u.dir / "files/link");
  fs::create_symlink("real/a.jpg", u.dir / "files/inside.jpg");  // even pointing inside the unit
  auto c = check(u, "files/link/a.jpg");
  expect_only(c, "unsafe-path");
  BOOST_TEST(contains(only(c.d, "unsafe-path").message, "files/link"));
  expect_only(check(u, "files/inside.jpg"), "unsafe-path");
}

BOOST_AUTO_TEST_CASE(folder_and_fifo_are_unsafe) {
  TempUnit u;
  u.write("files/dir/a.jpg", "x");
  BOOST_REQUIRE(::mkfifo((u.dir / "files/pipe.jpg").c_str(), 0644) == 0);
  expect_only(check(u, "files/dir"), "unsafe-path");
  expect_only(check(u, "files/pipe.jpg"), "unsafe-path");
}

BOOST_AUTO_TEST_CASE(missing_file_with_case_hint) {
  TempUnit u;
  u.write("files/A.JPG", "x");
  auto c = check(u, "files/a.jpg");
  expect_only(c, "missing-attachment");
  BOOST_TEST(contains(only(c.d, "missing-attachment").message, "是否应为“files/A.JPG”"));
  expect_only(check(u, "files/nothing/a.jpg"), "missing-attachment");
  expect_only(check(u, "files/A.JPG/b.jpg"), "missing-attachment");  // through a file
}

BOOST_AUTO_TEST_CASE(missing_file_with_normalisation_hint) {
  TempUnit u;
  u.write("files/cafe\xCC\x81.jpg", "x");  // NFD, as macOS writes it
  auto c = check(u, "files/caf\xC3\xA9.jpg");  // NFC, as typed
  expect_only(c, "missing-attachment");
  BOOST_TEST(contains(only(c.d, "missing-attachment").message, "是否应为“files/cafe\xCC\x81.jpg”"));
}

BOOST_AUTO_TEST_CASE(bad_type) {
  TempUnit u;
  u.write("files/a.exe", "x");
  u.write("files/README", "x");
  u.write("files/b.pdf", "x");
  auto c = check(u, "files/a.exe");
  expect_only(c, "bad-attachment");
  BOOST_TEST(contains(only(c.d, "bad-attachment").message, ".exe"));
  expect_only(check(u, "files/README"), "bad-attachment");
  auto photo = check(u, "files/b.pdf", AttachmentKind::image);
  expect_only(photo, "bad-attachment");
  BOOST_TEST(contains(only(photo.d, "bad-attachment").message, "现场照片应为图片"));
}

BOOST_AUTO_TEST_CASE(size_limit_in_mib) {
  TempUnit u;
  u.site.max_attachment_mb = 1;
  u.write("files/ok.pdf", "");
  u.write("files/big.pdf", "");
  fs::resize_file(u.dir / "files/ok.pdf", 1024 * 1024);
  fs::resize_file(u.dir / "files/big.pdf", 1024 * 1024 + 1);
  BOOST_TEST(check(u, "files/ok.pdf").a.ok);
  auto c = check(u, "files/big.pdf");
  expect_only(c, "bad-attachment");
  BOOST_TEST(contains(only(c.d, "bad-attachment").message, "1 MiB"));
}

BOOST_AUTO_TEST_CASE(names_that_cannot_travel_in_a_bundle) {
  TempUnit u;
  u.write("files/a:b.jpg", "x");
  u.write("files/CON.jpg", "x");
  auto c = check(u, "files/a:b.jpg");
  expect_only(c, "bad-filename");
  BOOST_TEST(contains(only(c.d, "bad-filename").message, "files/a:b.jpg"));
  expect_only(check(u, "files/CON.jpg"), "bad-filename");
}

BOOST_AUTO_TEST_CASE(unsafe_attachment_invalidates_its_item) {
  TempUnit u;
  u.write("news/a.md",
          "---\ntitle: 培训\ndate: 2022-05-06\nsubmitted: 2022-05-07 10:30\nattachments: [../x.jpg]\n---\n正文\n");
  Diagnostics d;
  auto um = u.load(d);
  auto e = only(d, "unsafe-path");
  BOOST_TEST(e.where.file == u.shown("news/a.md"));
  BOOST_TEST(e.where.line == 5);
  BOOST_TEST(e.where.column == 15);
  BOOST_TEST(!um.news.at(0).valid);
  BOOST_TEST(!um.news.at(0).attachments.at(0).ok);
}

BOOST_AUTO_TEST_SUITE_END()
