#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "base/replace_file.h"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t entries_in(const fs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(replace_file)

BOOST_AUTO_TEST_CASE(writes_whole_or_leaves_the_old_file) {
  std::string tmpl = (fs::temp_directory_path() / "creditgen-replace-XXXXXX").string();
  const fs::path dir = ::mkdtemp(tmpl.data());
  const fs::path file = dir / "cache/sub/state.txt";

  BOOST_TEST(creditgen::replace_file(file, [](std::ostream& out) { out << "第一版\n"; }));  // folders made
  BOOST_TEST(slurp(file) == "第一版\n");
  BOOST_TEST(creditgen::replace_file(file, [](std::ostream& out) { out << "第二版\n"; }));
  BOOST_TEST(slurp(file) == "第二版\n");

  // A write that fails half way leaves the file as it was and no temporary file behind.
  BOOST_TEST(!creditgen::replace_file(file, [](std::ostream& out) {
    out << "半";
    out.setstate(std::ios::badbit);
  }));
  BOOST_TEST(slurp(file) == "第二版\n");
  BOOST_TEST(entries_in(file.parent_path()) == 1u);

  std::error_code ec;
  fs::remove_all(dir, ec);
}

BOOST_AUTO_TEST_SUITE_END()
