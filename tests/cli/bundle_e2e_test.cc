// End-to-end: the demo district's bundles are deterministic across time
// zones, input times and permissions, and pass checks written without our
// code (Python zipfile + hashlib, unzip, 7-Zip, ziptool, sha256sum -c).
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>

#include "cli/run_binary.h"

namespace fs = std::filesystem;
using namespace creditgen::test;

namespace {

const fs::path kDemo = fs::path(CREDITGEN_SOURCE_DIR) / "content";

struct TwoBuilds {
  fs::path a = temp_dir("bundle-a"), b = temp_dir("bundle-b");
  TwoBuilds() {
    fs::copy(kDemo, a / "content", fs::copy_options::recursive);
    fs::copy(kDemo, b / "content", fs::copy_options::recursive);
    // Different modification times and permissions on the second copy.
    BOOST_REQUIRE(run_shell("find " + quote(b / "content") + " -type f -exec touch -d '2030-01-02 03:04:05' {} + && "
                            "find " + quote(b / "content") + " -type f -name '*.png' -exec chmod 600 {} + && "
                            "find " + quote(b / "content") + " -type f -name '*.md' -exec chmod 755 {} +")
                      .status == 0);
    // Each copy publishes its months itself (the records are made afresh,
    // with this build's templates), then builds.
    for (const auto& [dir, tz] : {std::pair{a, "UTC"}, std::pair{b, "Asia/Shanghai"}}) {
      fs::remove_all(dir / "content/publications");
      const std::string run = "cd " + quote(dir) + " && TZ=" + tz + " '" + CREDITGEN_BINARY + "' ";
      auto r = run_shell(run + "publish --month 2022-04 --date 2022-05-09 && " + run +
                         "publish --month 2022-05 --date 2022-06-05 --force && " + run + "build --quiet");
      BOOST_REQUIRE_MESSAGE(r.status == 0, r.out);
    }
  }
  ~TwoBuilds() {
    fs::remove_all(a);
    fs::remove_all(b);
  }
  std::vector<fs::path> bundles() const {
    std::vector<fs::path> out;
    for (auto& e : fs::directory_iterator(a / "archive")) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(bundle_e2e)

BOOST_AUTO_TEST_CASE(bundles_are_deterministic_and_independently_valid) {
  TwoBuilds t;
  auto bundles = t.bundles();
  std::set<std::string> names;
  for (auto& p : bundles) names.insert(p.filename().string());
  BOOST_TEST((names == std::set<std::string>{"2022-04.zip", "2022-05.zip", "2022-06.draft.zip"}));

  for (const auto& zip : bundles) {
    const std::string name = zip.filename().string();
    BOOST_TEST(slurp(zip) == slurp(t.b / "archive" / name), "bytes differ across TZ/mtime/permissions: " << name);

    auto verify = run_creditgen("verify " + quote(zip));
    BOOST_TEST(verify.status == 0, name << ": " << verify.err);

    auto independent = run_shell("python3 '" + std::string(CREDITGEN_SOURCE_DIR) +
                                 "/tests/tools/independent_bag_check.py' " + quote(zip));
    BOOST_TEST(independent.status == 0, name << ": " << independent.out);

    if (have_tool("unzip")) {
      auto r = run_shell("unzip -tq " + quote(zip));
      BOOST_TEST(r.status == 0, name << ": " << r.out);
      // No duplicate names in the central directory.
      auto listing = run_shell("unzip -Z1 " + quote(zip) + " | sort | uniq -d | wc -l");
      BOOST_TEST(listing.out == "0\n", name);
      // Unzipped, the bag checks with the coreutils.
      fs::path out = temp_dir("bundle-unzip");
      BOOST_REQUIRE(run_shell("cd " + quote(out) + " && unzip -q " + quote(zip)).status == 0);
      fs::path bag = fs::directory_iterator(out)->path();
      auto sums = run_shell("cd " + quote(bag) + " && sha256sum --quiet -c manifest-sha256.txt && "
                            "sha512sum --quiet -c manifest-sha512.txt && sha256sum --quiet -c tagmanifest-sha256.txt");
      BOOST_TEST(sums.status == 0, name << ": " << sums.out);
      fs::remove_all(out);
    }
    for (auto seven : {"7zz", "7z"}) {
      if (!have_tool(seven)) continue;
      auto r = run_shell(std::string(seven) + " t " + quote(zip));
      BOOST_TEST(r.status == 0, name << ": " << r.out);
      break;
    }
    if (have_tool("ziptool")) {
      auto count = run_shell("ziptool " + quote(zip) + " get_num_entries 0");
      auto unique = run_shell("unzip -Z1 " + quote(zip) + " | sort -u | wc -l");
      BOOST_TEST(count.out.find("entries") != std::string::npos, count.out);
      BOOST_TEST(count.out.rfind(unique.out.substr(0, unique.out.size() - 1) + " entries", 0) == 0u,
                 count.out << " vs " << unique.out);
    }
    if (have_tool("strip-nondeterminism")) {
      fs::path copy = fs::temp_directory_path() / ("creditgen-snd-" + name);
      fs::copy_file(zip, copy, fs::copy_options::overwrite_existing);
      // Our entry times are Bundle-Epoch's UTC wall clock: with that epoch as
      // its clamp, strip-nondeterminism must find nothing to normalise.
      auto r = run_shell("epoch=$(unzip -p " + quote(copy) + " '*/bag-info.txt' | sed -n 's/^Bundle-Epoch: //p') && "
                         "TZ=UTC strip-nondeterminism -t zip --timestamp $(date -d \"$epoch\" +%s) --clamp-timestamp " +
                         quote(copy));
      BOOST_TEST(r.status == 0, r.out);
      BOOST_TEST(slurp(copy) == slurp(zip), "strip-nondeterminism changed " << name);
      fs::remove(copy);
    }
  }
  // The site lists each bundle with its SHA-256 but does not serve it (the
  // bundles hold unmasked personal data).
  std::string archive = slurp(t.a / "site/archive/index.html");
  for (const auto& zip : bundles) {
    BOOST_TEST(!fs::exists(t.a / "site/archive" / zip.filename()));
    BOOST_TEST(archive.find(zip.filename().string()) != std::string::npos);
    auto sha = run_shell("sha256sum " + quote(zip) + " | cut -c1-64");
    BOOST_TEST(archive.find(sha.out.substr(0, 64)) != std::string::npos, zip);
  }
}

BOOST_AUTO_TEST_SUITE_END()
