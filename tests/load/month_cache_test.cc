// load/month_cache: loaded months saved and read back, the key that decides
// whether a saved month still stands for the folder, and load_content using it.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "load/core_tree.h"
#include "load/load.h"
#include "load/month.h"
#include "load/month_cache.h"

using namespace creditgen;
using creditgen::testing::dump;
using creditgen::testing::TempTree;
namespace fs = std::filesystem;

namespace {

// FileStamp::recent: files written less than two seconds ago are never keyed.
void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(2100)); }

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Loads every month of `root` with its own diagnostics, without the cache.
struct Loaded {
  model::Content content;
  std::vector<std::vector<Diagnostic>> diagnostics;  // per month
};
Loaded load_each_month(const fs::path& root) {
  Diagnostics all;
  auto content = load::load_content(root, "content", all);
  BOOST_TEST_REQUIRE(content.has_value(), dump(all));
  Loaded out{*content, {}};
  for (const auto& m : content->months) {
    Diagnostics d;
    load::load_month(root, "content", m.month, *content, d);
    out.diagnostics.push_back(d.all());
  }
  return out;
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(month_cache)

// Every field of every item kind survives the round trip: the demo district
// and the core test district between them hold each kind of item, penalties,
// figures, review decisions and diagnostics.
BOOST_AUTO_TEST_CASE(a_month_reads_back_equal_to_what_was_saved) {
  size_t kinds[8] = {}, penalties = 0, figures = 0, decisions = 0, diagnostics = 0, files = 0;
  for (const fs::path& root : {fs::path(CREDITGEN_SOURCE_DIR) / "content",
                              fs::path(CREDITGEN_FIXTURES) / "load/core-district"}) {
    const Loaded loaded = load_each_month(root);
    for (size_t i = 0; i < loaded.content.months.size(); ++i) {
      const model::Month& month = loaded.content.months[i];
      const auto& diags = loaded.diagnostics[i];
      const std::string bytes = load::serialize_month(month, diags);
      const auto back = load::deserialize_month(bytes);
      BOOST_TEST_REQUIRE(back.has_value());
      model::Month expected = month;
      expected.inputs = {};  // the inputs a month is saved under are not saved with it
      BOOST_TEST((back->month == expected), month.dir);
      BOOST_TEST((back->diagnostics == diags), month.dir);
      BOOST_TEST(load::serialize_month(back->month, back->diagnostics) == bytes);
      // A damaged or cut file is refused, never half read.
      BOOST_TEST(!load::deserialize_month(std::string_view(bytes).substr(0, bytes.size() - 1)).has_value());
      BOOST_TEST(!load::deserialize_month(std::string_view(bytes).substr(0, bytes.size() / 2)).has_value());
      BOOST_TEST(!load::deserialize_month(bytes + "x").has_value());
      for (const auto& [id, u] : month.units) {
        kinds[0] += u.news.size(), kinds[1] += u.campaigns.size(), kinds[2] += u.policies.size();
        kinds[3] += u.scenarios.size(), kinds[4] += u.supervision.size(), kinds[5] += u.ledger.size();
        kinds[6] += u.incidents.size(), kinds[7] += u.objections.size();
      }
      penalties += month.penalties.size();
      figures += month.figures.size();
      decisions += month.review.decisions.size();
      diagnostics += diags.size();
      files += month.files.size();
    }
  }
  for (size_t k = 0; k < 8; ++k) BOOST_TEST(kinds[k] > 0u, "item kind " << k);
  BOOST_TEST(penalties > 0u);
  BOOST_TEST(figures > 0u);
  BOOST_TEST(decisions > 0u);
  BOOST_TEST(diagnostics > 0u);
  BOOST_TEST(files > 0u);
}

// The inputs change with anything loading reads, and only then, and say which.
BOOST_AUTO_TEST_CASE(the_inputs_follow_everything_a_month_is_loaded_from) {
  TempTree t;
  copy_tree(fs::path(CREDITGEN_FIXTURES) / "load/core-district", t.root());
  Diagnostics d;
  auto content = load::load_content(t.root(), "content", d);
  BOOST_TEST_REQUIRE(content.has_value(), dump(d));
  const YearMonth may{2022, 5}, june{2022, 6};
  auto inputs = [&](YearMonth m, const std::string& shown = "content") {
    return load::month_inputs(t.root(), shown, m, *content);
  };
  BOOST_TEST(!inputs(may).known());  // just written: not trusted yet
  BOOST_TEST(why_stale(inputs(may), inputs(may)).why.find("刚被修改") != std::string::npos);
  settle();
  const Inputs first = inputs(may);
  BOOST_TEST_REQUIRE(first.known());
  BOOST_TEST(!why_stale(first, inputs(may)).stale);
  BOOST_TEST(why_stale(first, inputs(june)).stale);
  BOOST_TEST(why_stale(first, inputs(may, "other")).why == "已修改：内容文件夹的位置");  // shown in diagnostics
  BOOST_TEST(why_stale(std::nullopt, first).why.find("上次没有记录") != std::string::npos);

  // Another month changed: this one's inputs stay.
  t.write("2022-06/review.yaml", "default: accepted\n");
  settle();
  BOOST_TEST(!why_stale(first, inputs(may)).stale);

  // A file of the month edited; an empty folder added, then removed.
  std::vector<Inputs> all = {first};
  std::vector<std::string> why = {""};
  auto next = [&] {
    settle();
    all.push_back(inputs(may));
    why.push_back(why_stale(all[all.size() - 2], all.back()).why);
  };
  t.write("2022-05/review.yaml", read_bytes(t.path("2022-05/review.yaml")) + "\n");
  next();
  BOOST_TEST(why.back() == "已修改：2022-05/ 中的文件");
  t.mkdir("2022-05/stray");
  next();
  fs::remove(t.path("2022-05/stray"));
  next();
  // units.yaml touched; a rulebook's digest different.
  fs::last_write_time(t.path("units.yaml"), fs::file_time_type::clock::now() - std::chrono::hours(1));
  next();
  BOOST_TEST(why.back() == "已修改：units.yaml");
  content->rulebooks.front().sha256 = std::string(64, '0');
  next();
  BOOST_TEST(why.back() == "已修改：指标规则 " + content->rulebooks.front().file);
  for (size_t i = 0; i < all.size(); ++i) {
    BOOST_TEST(all[i].known(), i);
    for (size_t j = 0; j < i; ++j) BOOST_TEST(why_stale(all[j], all[i]).stale, j << " vs " << i);
  }
}

// load_content with a cache folder: the first load saves each month, the
// next reads it back (with its diagnostics), and a changed month is loaded
// afresh.
BOOST_AUTO_TEST_CASE(load_content_reads_unchanged_months_from_the_cache) {
  TempTree t;
  const fs::path root = t.path("content"), cache = t.path("cache/months");
  copy_tree(fs::path(CREDITGEN_FIXTURES) / "load/core-district", root);
  settle();
  Diagnostics fresh_diags;
  const auto fresh = load::load_content(root, "content", fresh_diags);
  BOOST_TEST_REQUIRE(fresh.has_value());

  Diagnostics first_diags;
  const auto first = load::load_content(root, "content", first_diags, cache);
  BOOST_TEST_REQUIRE(first.has_value());
  BOOST_TEST((first->months == fresh->months));
  BOOST_TEST((first_diags.sorted() == fresh_diags.sorted()));
  const fs::path saved = cache / "2022-05.bin";
  BOOST_TEST_REQUIRE(fs::exists(saved));

  // Read back: the same months and diagnostics. To see that the saved month
  // is what is used, put another month's bytes under this month's key.
  Diagnostics again_diags;
  const auto again = load::load_content(root, "content", again_diags, cache);
  BOOST_TEST_REQUIRE(again.has_value());
  BOOST_TEST((again->months == fresh->months));
  BOOST_TEST((again_diags.sorted() == fresh_diags.sorted()), dump(again_diags));
  const Inputs key = load::month_inputs(root, "content", {2022, 5}, *fresh);
  BOOST_TEST(key.known());
  BOOST_TEST((again->month({2022, 5})->inputs == key));  // what later stages' inputs name
  Staleness why;
  BOOST_TEST_REQUIRE(load::read_cached_month(saved, key, why).has_value());
  BOOST_TEST(!why.stale);
  Inputs other = key;
  other.add("file:extra.yaml", "x");
  BOOST_TEST(!load::read_cached_month(saved, other, why).has_value());
  BOOST_TEST(why.why == "新增：extra.yaml");
  model::Month planted = *fresh->month({2022, 6});
  planted.month = {2022, 5};
  planted.dir = "planted";
  BOOST_TEST_REQUIRE(load::write_cached_month(saved, key, planted, {}));
  Diagnostics planted_diags;
  const auto with_planted = load::load_content(root, "content", planted_diags, cache);
  BOOST_TEST_REQUIRE(with_planted.has_value());
  BOOST_TEST_REQUIRE(with_planted->month({2022, 5}) != nullptr);
  BOOST_TEST(with_planted->month({2022, 5})->dir == "planted");

  // The month changed (settled): loaded afresh and saved again.
  std::ofstream(root / "2022-05/review.yaml", std::ios::app) << "\n";
  settle();
  Diagnostics changed_diags;
  const auto changed = load::load_content(root, "content", changed_diags, cache);
  BOOST_TEST_REQUIRE(changed.has_value());
  BOOST_TEST(changed->month({2022, 5})->dir == "content/2022-05");
  BOOST_TEST((changed->months == load::load_content(root, "content", planted_diags)->months));
  // A damaged file is not trusted: one byte of the payload changed, or cut short.
  std::string bytes = read_bytes(saved);
  bytes[bytes.size() - 10] ^= 1;
  std::ofstream(saved, std::ios::binary | std::ios::trunc) << bytes;
  BOOST_TEST(!load::read_cached_month(saved, changed->month({2022, 5})->inputs, why).has_value());
  BOOST_TEST(why.why == "保存的内容已损坏");
  std::ofstream(saved, std::ios::binary | std::ios::trunc) << "creditgen-month 3\n";
  Diagnostics damaged_diags;
  const auto damaged = load::load_content(root, "content", damaged_diags, cache);
  BOOST_TEST_REQUIRE(damaged.has_value());
  BOOST_TEST((damaged->months == changed->months));
}


// --explain names the files of a month that changed: added, removed,
// modified (folders' own stamps are not named), three at most.
BOOST_AUTO_TEST_CASE(changed_files_are_named) {
  const load::FolderListing then = {{"2022-05", "d 1"}, {"2022-05/a.md", "f 1"}, {"2022-05/b.md", "f 1"},
                                    {"2022-05/c.md", "f 1"}};
  load::FolderListing now = {{"2022-05", "d 2"}, {"2022-05/a.md", "f 2"}, {"2022-05/c.md", "f 1"},
                             {"2022-05/d.md", "f 1"}};
  BOOST_TEST(load::describe_listing_changes(then, now) ==
             "2022-05/a.md 已修改、2022-05/b.md 已删除、2022-05/d.md 新增");
  now.push_back({"2022-05/e.md", "f 1"});
  BOOST_TEST(load::describe_listing_changes(then, now) ==
             "2022-05/a.md 已修改、2022-05/b.md 已删除、2022-05/d.md 新增 等 4 项");
  BOOST_TEST(load::describe_listing_changes(then, then) == "");
}

BOOST_AUTO_TEST_SUITE_END()
