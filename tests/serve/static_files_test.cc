#include "serve/static_files.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using creditgen::serve::mime_type;
using creditgen::serve::resolve_request_path;

namespace {

struct SiteFixture {
  fs::path base = fs::temp_directory_path() / ("creditgen-static-" + std::to_string(::getpid()));
  fs::path site = base / "site";
  SiteFixture() {
    fs::remove_all(base);
    fs::create_directories(site / "2022-05" / "evidence");
    std::ofstream(site / "index.html") << "<html><body>首页</body></html>";
    std::ofstream(site / "2022-05" / "index.html") << "月报";
    std::ofstream(site / "2022-05" / "evidence" / "培训现场.jpg") << "jpg";
    std::ofstream(base / "secret.txt") << "outside";
    fs::create_directory_symlink("/etc", site / "etc-link");
    fs::create_symlink(base / "secret.txt", site / "secret-link.txt");
  }
  ~SiteFixture() { fs::remove_all(base); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(static_files, SiteFixture)

BOOST_AUTO_TEST_CASE(folders_map_to_index_html) {
  auto root = resolve_request_path(site, "/");
  BOOST_REQUIRE(root);
  BOOST_TEST(root->filename() == "index.html");
  auto month = resolve_request_path(site, "/2022-05/?x=1");
  BOOST_REQUIRE(month);
  BOOST_TEST(month->parent_path().filename() == "2022-05");
}

BOOST_AUTO_TEST_CASE(percent_encoded_chinese_names_resolve) {
  // 培训现场.jpg, UTF-8 percent-encoded as a browser sends it.
  auto f = resolve_request_path(site, "/2022-05/evidence/%E5%9F%B9%E8%AE%AD%E7%8E%B0%E5%9C%BA.jpg");
  BOOST_REQUIRE(f);
  BOOST_TEST(f->filename().string() == "培训现场.jpg");
}

BOOST_AUTO_TEST_CASE(traversal_attempts_never_leave_the_site) {
  for (auto attempt : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%2F../secret.txt",
                       "/2022-05/..%2f..%2fsecret.txt", "/etc-link/passwd", "/etc-link/", "/secret-link.txt",
                       "//etc/passwd", "/%00", "/..\\secret.txt", "relative/path", "/no-such-file.html"}) {
    BOOST_TEST(!resolve_request_path(site, attempt), attempt);
  }
}

BOOST_AUTO_TEST_CASE(mime_types_cover_the_site_and_evidence) {
  BOOST_TEST(mime_type("a.html") == "text/html; charset=utf-8");
  BOOST_TEST(mime_type("a.css") == "text/css; charset=utf-8");
  BOOST_TEST(mime_type("a.js") == "text/javascript; charset=utf-8");
  BOOST_TEST(mime_type("a.svg") == "image/svg+xml");
  BOOST_TEST(mime_type("a.PNG") == "image/png");
  BOOST_TEST(mime_type("a.jpg") == "image/jpeg");
  BOOST_TEST(mime_type("a.pdf") == "application/pdf");
  BOOST_TEST(mime_type("a.zip") == "application/zip");
  BOOST_TEST(mime_type("a.csv") == "text/csv; charset=utf-8");
  BOOST_TEST(mime_type("a.json") == "application/json; charset=utf-8");
  BOOST_TEST(mime_type("a.docx") == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  BOOST_TEST(mime_type("a.xlsx") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  BOOST_TEST(mime_type("a.ofd") == "application/ofd");
  BOOST_TEST(mime_type("a.unknown") == "application/octet-stream");
}

BOOST_AUTO_TEST_CASE(reload_script_is_injected_before_body_end) {
  auto html = creditgen::serve::inject_reload_script("<html><body>x</body></html>");
  BOOST_TEST(html == "<html><body>x<script src=\"/__creditgen/reload.js\"></script></body></html>");
}

BOOST_AUTO_TEST_SUITE_END()
