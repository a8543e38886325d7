#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/remove_tree.h"

namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(remove_tree)

BOOST_AUTO_TEST_CASE(removes_everything_below_and_never_follows_links) {
  const fs::path base = fs::temp_directory_path() / ("creditgen-remove-tree-" + std::to_string(::getpid()));
  fs::remove_all(base);
  const fs::path tree = base / "tree", outside = base / "outside";
  fs::create_directories(outside / "keep");
  std::ofstream(outside / "keep/precious.txt") << "keep me";
  for (int m = 0; m < 3; ++m)
    for (int u = 0; u < 20; ++u) {
      const fs::path dir = tree / ("2022-0" + std::to_string(m + 1)) / ("u" + std::to_string(u)) / "news";
      fs::create_directories(dir);
      std::ofstream(dir / "index.html") << "page";
    }
  std::ofstream(tree / "index.html") << "home";
  fs::create_directory_symlink(outside / "keep", tree / "2022-01" / "link-to-outside");
  fs::create_symlink(outside / "keep/precious.txt", tree / "file-link");
  creditgen::remove_tree(tree, 2);
  BOOST_TEST(!fs::exists(fs::symlink_status(tree)));
  BOOST_TEST(fs::exists(outside / "keep/precious.txt"));
  creditgen::remove_tree(tree, 2);  // gone already: nothing to do
  fs::remove_all(base);
}

BOOST_AUTO_TEST_SUITE_END()
