// Attachments whose bytes are not what their names say: identified by
// libmagic, reported as warnings with the exact text a clerk reads.
#include <boost/test/unit_test.hpp>
#include <fstream>

#include <algorithm>
#include <chrono>
#include <thread>

#include "base/file_stamp.h"
#include "base/file_types.h"
#include "items_test_util.h"
#include "load/attachments.h"
#include "load/file_format.h"

using namespace creditgen;
using namespace creditgen::test;

namespace {

std::string demo_file(const std::string& rel) {
  std::ifstream in(fs::path(CREDITGEN_SOURCE_DIR) / rel, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
std::string png() { return demo_file("tests/fixtures/cli/minimal/2022-05/lingang/files/培训现场.png"); }
std::string jpeg() { return demo_file("tests/fixtures/load/items-full/2022-05/shenpiju/files/315-1.jpg"); }
const std::string kPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
const std::string kEncryptedPdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R/Encrypt 5 0 R>>\n%%EOF\n";
const std::string kEmptyZip = std::string("PK\x05\x06", 4) + std::string(18, '\0');
const std::string kElf = std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(9, '\0') + std::string("\x02\0\x3e\0", 4);

std::optional<load::FormatProblem> problem(const std::string& name, const std::string& bytes) {
  static const load::FormatIdentifier identifier;
  const FileType* type = attachment_type(name);
  BOOST_REQUIRE(type);
  return load::format_problem(*type, bytes, bytes, identifier, name);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(file_format)

BOOST_AUTO_TEST_CASE(genuine_files_pass) {
  BOOST_REQUIRE(load::FormatIdentifier().ready());
  BOOST_TEST(!problem("files/a.png", png()));
  BOOST_TEST(!problem("files/a.JPG", jpeg()));
  BOOST_TEST(!problem("files/a.jpeg", jpeg()));
  BOOST_TEST(!problem("files/a.pdf", kPdf));
  BOOST_TEST(!problem("files/a.txt", "5月6日培训记录\n"));
  BOOST_TEST(!problem("files/a.csv", "主体名称,统一社会信用代码\n甲,91370112MA3D57JJ75\n"));
  BOOST_TEST(!problem("files/a.ofd", kEmptyZip));  // OFD is a zip of XML parts
}

BOOST_AUTO_TEST_CASE(content_not_matching_the_name_is_said_word_for_word) {
  auto p = problem("files/现场.jpg", png());
  BOOST_REQUIRE(p);
  BOOST_TEST(p->code == "format-mismatch");
  BOOST_TEST(p->message ==
             "附件“files/现场.jpg”的内容是PNG 图片（image/png），与扩展名 .jpg 所示的JPEG 图片不符："
             "请按实际格式改正扩展名，或重新导出为JPEG 图片");
  p = problem("files/照片.jpg", "这是一段文字，不是照片。\n");
  BOOST_REQUIRE(p);
  BOOST_TEST(p->message ==
             "附件“files/照片.jpg”的内容是纯文本（text/plain），与扩展名 .jpg 所示的JPEG 图片不符："
             "请按实际格式改正扩展名，或重新导出为JPEG 图片");
  p = problem("files/方案.pdf", kElf);
  BOOST_REQUIRE(p);
  BOOST_TEST(p->message.find("的内容是可执行程序（application/x-") != std::string::npos, p->message);
  BOOST_TEST(p->message.ends_with("证据中不能有程序文件，请删除它"), p->message);
  // Text is taken as text without libmagic, but binary bytes under a text name are identified.
  p = problem("files/记录.txt", png());
  BOOST_REQUIRE(p);
  BOOST_TEST(p->message.starts_with("附件“files/记录.txt”的内容是PNG 图片（image/png），与扩展名 .txt 所示的纯文本不符"), p->message);
  p = problem("files/a.docx", "");
  BOOST_REQUIRE(p);
  BOOST_TEST(p->message == "附件“files/a.docx”是空文件（0 字节），请换成实际的Word 文档");
}

BOOST_AUTO_TEST_CASE(encrypted_pdfs_and_archives) {
  auto p = problem("files/办法.pdf", kEncryptedPdf);
  BOOST_REQUIRE(p);
  BOOST_TEST(p->code == "encrypted-pdf");
  BOOST_TEST(p->message == "附件“files/办法.pdf”是加密的 PDF（设有密码或权限限制），长期保存时可能无法打开或打印：请提供未加密的 PDF");
  p = problem("files/材料.zip", kEmptyZip);
  BOOST_REQUIRE(p);
  BOOST_TEST(p->code == "archive-attachment");
  BOOST_TEST(p->message == "附件“files/材料.zip”是ZIP 压缩包：档案要求证据中不含压缩包，请解压后把其中的文件分别作为附件报送");
  p = problem("files/台账.xls", kEmptyZip);  // a zip renamed to look like a document
  BOOST_REQUIRE(p);
  BOOST_TEST(p->code == "archive-attachment");
  BOOST_TEST(p->message == "附件“files/台账.xls”的内容是ZIP 压缩包（application/zip），不是扩展名所示的Excel 97-2003 工作簿："
                           "请解压后把其中的文件分别作为附件报送");
}

// In a unit folder: a warning at the reference, the item stays valid (a rule
// added later must not change a published month's scores), and only the
// start and end of a large file are read.
BOOST_AUTO_TEST_CASE(checked_where_referenced_as_warnings) {
  TempUnit u;
  u.write("files/现场.jpg", png());
  std::string big_pdf = kPdf + std::string(200 * 1024, ' ') + "trailer<</Encrypt 9 0 R>>\n%%EOF\n";
  u.write("files/大文件.pdf", big_pdf);
  const load::FormatIdentifier identifier;
  auto ctx = u.ctx();
  ctx.formats = &identifier;
  load::AttachmentChecker checker(ctx);
  const Location at{"content/2022-05/lingang/news/a.md", 5, 14};
  Diagnostics d;
  auto a = checker.check("files/现场.jpg", at, load::AttachmentKind::image, d);
  BOOST_TEST(a.ok);
  auto w = only(d, "format-mismatch");
  BOOST_TEST((w.severity == Severity::warning));
  BOOST_TEST((w.where == at));
  Diagnostics d2;
  BOOST_TEST(checker.check("files/大文件.pdf", at, load::AttachmentKind::any, d2).ok);
  BOOST_TEST((only(d2, "encrypted-pdf").severity == Severity::warning));
}

// An attachment found to be what its name says is marked in the month's
// file list with the version it was found in, so the bag does not identify
// it again; a file with a finding, one nothing references, and one changed
// moments ago (trusted by no cache, FileStamp::recent) are not.
BOOST_AUTO_TEST_CASE(a_genuine_attachment_is_marked_with_its_version) {
  BOOST_REQUIRE(load::FormatIdentifier().ready());
  TempUnit u;
  u.write("files/现场.png", png());
  u.write("files/改名.jpg", png());
  u.write("files/未引用.png", png());
  std::vector<model::ContentFile> files = {{"lingang/files/改名.jpg", 1, true, 0},
                                           {"lingang/files/未引用.png", 1, true, 0},
                                           {"lingang/files/现场.png", 1, true, 0}};
  BOOST_REQUIRE(std::is_sorted(files.begin(), files.end(),
                               [](const auto& a, const auto& b) { return a.path < b.path; }));
  const load::FormatIdentifier identifier;
  auto ctx = u.ctx();
  ctx.formats = &identifier;
  ctx.month_files = &files;
  load::AttachmentChecker checker(ctx);
  const Location at{"content/2022-05/lingang/news/a.md", 5, 14};
  const fs::path genuine = u.dir / "files/现场.png";

  // Just written: checked, not marked.
  Diagnostics d;
  BOOST_REQUIRE(FileStamp::of(genuine.string())->recent());
  BOOST_TEST(checker.check("files/现场.png", at, load::AttachmentKind::image, d).ok);
  BOOST_TEST(files[2].format_confirmed == 0u);

  // Settled: marked with this version.
  while (FileStamp::of(genuine.string())->recent()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  BOOST_TEST(checker.check("files/现场.png", at, load::AttachmentKind::image, d).ok);
  BOOST_TEST(checker.check("files/改名.jpg", at, load::AttachmentKind::image, d).ok);
  BOOST_TEST(with_code(d, "format-mismatch").size() == 1u);
  const auto stamp = FileStamp::of(genuine.string());
  BOOST_REQUIRE(stamp);
  BOOST_TEST(files[2].format_confirmed == stamp->digest());
  BOOST_TEST(files[2].format_confirmed != 0u);
  BOOST_TEST(files[0].format_confirmed == 0u);  // a PNG named .jpg
  BOOST_TEST(files[1].format_confirmed == 0u);  // never looked at
}

BOOST_AUTO_TEST_SUITE_END()
