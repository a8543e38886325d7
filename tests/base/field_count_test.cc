// field_count: what the month cache relies on to notice a new model field.
#include <boost/test/unit_test.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/field_count.h"
#include "model/content.h"

using namespace creditgen;

namespace {
struct Where {
  std::string file;
  int line = 0;
};
struct Base {
  std::string unit;
  Where where;
};
struct Item : Base {
  std::optional<double> points;
  std::vector<std::string> tags;
  std::map<std::string, int> counts;
  bool late = false;
};
// Two flags and an int: a third flag would fit into the padding, so the
// size stays 8 — the field count does not.
struct Padded {
  bool a = false;
  bool b = false;
  int c = 0;
};
struct PaddedPlus {
  bool a = false;
  bool b = false;
  bool added = false;
  int c = 0;
};
}  // namespace

BOOST_AUTO_TEST_SUITE(field_count_suite)

BOOST_AUTO_TEST_CASE(counts_fields_not_bytes) {
  static_assert(field_count<Where>() == 2);
  static_assert(field_count<Base>() == 2);
  static_assert(field_count<Item>() == 5);  // the base, then four
  static_assert(sizeof(Padded) == sizeof(PaddedPlus));
  static_assert(field_count<Padded>() == 3 && field_count<PaddedPlus>() == 4);
  // The model types the month cache lists (month_cache.cc checks each).
  BOOST_TEST(field_count<model::Month>() == 10u);
  BOOST_TEST(field_count<model::ContentFile>() == 4u);
}

BOOST_AUTO_TEST_SUITE_END()
