#include <boost/test/unit_test.hpp>

#include <sstream>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "base/file_stamp.h"

namespace fs = std::filesystem;
using creditgen::FileStamp;

namespace {

struct TempFile {
  fs::path path = fs::temp_directory_path() /
                  ("creditgen-stamp-" + std::to_string(::getpid()) + "-" +
                   std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
  void write(const std::string& s) const { std::ofstream(path, std::ios::binary | std::ios::trunc) << s; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(file_stamp)

BOOST_AUTO_TEST_CASE(a_stamp_changes_with_the_file_and_says_when_it_is_fresh) {
  TempFile f;
  BOOST_TEST(!FileStamp::of(f.path).has_value());  // missing
  BOOST_TEST(!FileStamp::of(fs::temp_directory_path()).has_value());  // not a regular file
  f.write("one");
  const auto a = FileStamp::of(f.path);
  BOOST_TEST_REQUIRE(a.has_value());
  BOOST_TEST(a->size == 3u);
  BOOST_TEST(a->recent());  // just written: a cache must not trust it yet
  f.write("three");
  const auto b = FileStamp::of(f.path);
  BOOST_TEST((*b != *a));
  BOOST_TEST(b->size == 5u);
  FileStamp old = *b;
  old.mtime_ns -= 10'000'000'000;
  old.ctime_ns -= 10'000'000'000;
  BOOST_TEST(!old.recent());
}

BOOST_AUTO_TEST_CASE(a_stamp_is_written_and_read_back_as_text) {
  const creditgen::FileStamp s{1234, -5, 1700000000123456789, 42};
  BOOST_TEST(creditgen::stamp_text(s) == "1234 -5 1700000000123456789 42");
  BOOST_TEST((creditgen::parse_stamp(creditgen::stamp_text(s)) == s));
  std::ostringstream streamed;
  streamed << s;
  BOOST_TEST(streamed.str() == creditgen::stamp_text(s));
  for (const char* bad : {"", "1 2 3", "1 2 3 4 5", "1 2 3 x", "1  2 3 4", " 1 2 3 4", "1 2 3 4 ", "-1 2 3 4"})
    BOOST_TEST(!creditgen::parse_stamp(bad).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()
