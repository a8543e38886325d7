// A mutation fuzzer over the demo district and its bundles: every loader
// (site.yaml, units.yaml, calendar, rulebook, publication records,
// review.yaml, penalties, platform figures, every list file, Markdown items,
// records CSVs) and `verify` with the bag reader, fed damaged input. Run
// under AddressSanitizer and UBSan (build-asan/) a crash or an undefined
// operation stops it; it also checks that every diagnostic has a place and a
// code, and that the JSON it would print is valid UTF-8.
//
//   creditgen_fuzz --demo content --bundle archive/2022-05.zip [--corpus tests/fuzz/corpus]
//                  [--iterations N] [--seed S]
//
// Each iteration mutates one file of a trimmed copy of the demo (bit flips,
// inserted or removed bytes, repeated ranges, cut ends, YAML and Markdown
// tokens, encodings, or a hostile seed from the corpus) and loads, reviews
// and scores the tree; every fifth iteration damages a copy of the bundle
// and verifies it. The input of the current iteration is kept in
// <work>/last-input so a crash can be reproduced; `--seed` repeats a run.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/text.h"
#include "bundle/bundle.h"
#include "cli/rederive.h"
#include "load/load.h"
#include "review/review.h"
#include "score/score.h"

namespace fs = std::filesystem;
using namespace creditgen;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes; }

const std::vector<std::string> kTokens = {
    ":", "：", "\n- ", "\n  ", "{", "}", "[", "]", "\"", "'", "&a ", "*a", "<<: *a", "---\n", "\t", "#", "!!binary ",
    "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF", "\xC3", "\xE4\xB8", "../", "/etc/passwd", "%2e%2e/", "files/", "9999-99-99",
    "2022-02-30", "1e309", "-0", "NaN", "-1", "18446744073709551616", "null", "~", "true", "0x10", "[x](files/a.jpg)",
    "![](files/不存在.png)", "<script>", "javascript:", "13812345678", "370102199003071238", "\r", "\r\n", "\x00",
    "status: rejected", "published: 2022-06-05", "revision: 2", "sha256: ", ",", "\"\"", "=cmd|' /C calc'!A0"};

std::string mutate(std::string s, std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return n == 0 ? size_t{0} : static_cast<size_t>(rng() % n); };
  const int rounds = 1 + static_cast<int>(pick(4));
  for (int r = 0; r < rounds; ++r) {
    switch (pick(8)) {
      case 0:  // flip a byte
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1 << pick(8));
        break;
      case 1:  // insert random bytes
        s.insert(pick(s.size() + 1), std::string(1 + pick(8), static_cast<char>(rng())));
        break;
      case 2:  // remove a range
        if (!s.empty()) {
          size_t at = pick(s.size());
          s.erase(at, 1 + pick(std::min<size_t>(64, s.size() - at)));
        }
        break;
      case 3:  // repeat a range
        if (!s.empty()) {
          size_t at = pick(s.size());
          std::string part = s.substr(at, 1 + pick(256));
          s.insert(pick(s.size() + 1), part);
        }
        break;
      case 4:  // cut the end
        s.resize(pick(s.size() + 1));
        break;
      default: {  // a token where a line starts or anywhere
        const std::string& t = kTokens[pick(kTokens.size())];
        size_t at = pick(s.size() + 1);
        if (pick(2) == 0) {
          size_t nl = s.rfind('\n', at == 0 ? 0 : at - 1);
          at = nl == std::string::npos ? 0 : nl + 1;
        }
        s.insert(at, t);
      }
    }
  }
  return s;
}

// What every diagnostic must have, whatever the input.
bool check_diagnostics(const Diagnostics& diags, std::string& why) {
  for (const Diagnostic& d : diags.sorted()) {
    if (d.where.file.empty() || d.where.line < 1 || d.where.column < 1 || d.code.empty() || d.message.empty()) {
      why = "diagnostic without a place or code: " + format_diagnostic(d);
      return false;
    }
  }
  const std::string json = diagnostics_json(diags.sorted());
  if (!is_valid_utf8(json)) {
    why = "diagnostics JSON is not valid UTF-8";
    return false;
  }
  return true;
}

// A copy of the demo trimmed to one month and units that between them hold
// every kind of file.
void make_tree(const fs::path& demo, const fs::path& tree) {
  fs::create_directories(tree / "2022-05");
  for (const char* top : {"site.yaml", "units.yaml", "calendar.yaml"}) fs::copy_file(demo / top, tree / top);
  fs::copy(demo / "rules", tree / "rules", fs::copy_options::recursive);
  for (const char* part : {"review.yaml", "penalties.yaml", "platform.yaml", "chengtou", "gongan", "hongjialou", "shenpiju",
                           "shuiwuju", "weijian"})
    if (fs::exists(demo / "2022-05" / part))
      fs::copy(demo / "2022-05" / part, tree / "2022-05" / part, fs::copy_options::recursive);
  // A publication record, so its reader is fuzzed too.
  fs::create_directories(tree / "publications");
  spit(tree / "publications/2022-05.yaml",
       "month: 2022-05\nversions:\n  - revision: 1\n    date: 2022-06-05\n    by: \"区信用办\"\n    bundle: 2022-05.zip\n"
       "    sha256: " + std::string(64, 'a') + "\n");
}

}  // namespace

int main(int argc, char** argv) {
  fs::path demo, bundle_path, corpus;
  long iterations = 200;
  unsigned long long seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--demo") demo = value;
    else if (key == "--bundle") bundle_path = value;
    else if (key == "--corpus") corpus = value;
    else if (key == "--iterations") iterations = std::stol(value);
    else if (key == "--seed") seed = std::stoull(value);
  }
  if (demo.empty()) {
    std::cerr << "usage: creditgen_fuzz --demo DIR [--bundle ZIP] [--corpus DIR] [--iterations N] [--seed S]\n";
    return 2;
  }
  const fs::path work = fs::temp_directory_path() / ("creditgen-fuzz-" + std::to_string(::getpid()));
  fs::remove_all(work);
  const fs::path tree = work / "content";
  make_tree(demo, tree);
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(tree))
    if (e.is_regular_file()) {
      const std::string ext = e.path().extension().string();
      if (ext == ".yaml" || ext == ".md" || ext == ".csv") files.push_back(e.path());
    }
  std::sort(files.begin(), files.end());
  // Hostile seeds: corpus/<name> replaces the tree's file of the same name.
  std::vector<std::pair<std::string, std::string>> seeds;
  if (!corpus.empty() && fs::is_directory(corpus))
    for (const auto& e : fs::directory_iterator(corpus)) seeds.emplace_back(e.path().filename().string(), slurp(e.path()));
  std::sort(seeds.begin(), seeds.end());
  const std::string bundle = bundle_path.empty() ? std::string() : slurp(bundle_path);

  std::mt19937_64 rng(seed);
  long loaded = 0, refused = 0, bundles = 0;
  for (long it = 0; it < iterations; ++it) {
    if (!bundle.empty() && it % 5 == 4) {
      // A damaged bundle: verify and, when it passes, the bag reader.
      std::string bytes = bundle;
      const int cuts = 1 + static_cast<int>(rng() % 3);
      for (int c = 0; c < cuts; ++c) {
        if (bytes.empty()) break;
        const size_t at = rng() % bytes.size();
        switch (rng() % 3) {
          case 0: bytes[at] ^= static_cast<char>(1 << (rng() % 8)); break;
          case 1: bytes.resize(at); break;
          default: bytes.insert(at, bytes.substr(rng() % bytes.size(), 1 + rng() % 64));
        }
      }
      const fs::path zip = work / "bundle.zip";
      spit(zip, bytes);
      spit(work / "last-input", bytes);
      (void)bundle::verify_bundle(zip);
      // The bag reader too, though a build only opens bundles whose SHA-256 it checked.
      std::string error;
      if (auto bag = cli::load_bag_month(zip, error)) (void)cli::score_differences(*bag);
      ++bundles;
      continue;
    }
    const fs::path& target = files[rng() % files.size()];
    const std::string original = slurp(target);
    std::string input = original;
    const std::string name = target.filename().string();
    bool seeded = false;
    for (const auto& [seed_name, bytes] : seeds)
      if (seed_name.rfind(name, 0) == 0 && rng() % 3 == 0) {
        input = bytes;
        seeded = true;
        break;
      }
    if (!seeded || rng() % 2 == 0) input = mutate(std::move(input), rng);
    spit(target, input);
    spit(work / "last-input", fs::relative(target, tree).string() + "\n" + input);
    Diagnostics diags;
    auto content = load::load_content(tree, "content", diags);
    if (content) {
      ++loaded;
      const auto reviewed = review::apply_reviews(*content, diags);
      for (const auto& s : score::score_all(*content, reviewed)) {
        (void)score::scores_json(s, *content);
        (void)score::scores_csv(s, *content);
      }
    } else {
      ++refused;
    }
    std::string why;
    if (!check_diagnostics(diags, why)) {
      std::cerr << "iteration " << it << " (seed " << seed << "), " << fs::relative(target, tree).string() << ": " << why
                << "\ninput kept in " << (work / "last-input").string() << "\n";
      return 1;
    }
    spit(target, original);
  }
  fs::remove_all(work);
  std::cout << iterations << " passed, 0 failed: " << loaded << " trees loaded, " << refused << " refused, " << bundles
            << " bundles verified (seed " << seed << ")\n";
  return 0;
}
