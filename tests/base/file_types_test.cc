// base/file_types.h: which content files later months' bags carry as text.
#include <boost/test/unit_test.hpp>

#include "base/file_types.h"

using namespace creditgen;

BOOST_AUTO_TEST_SUITE(file_types)

BOOST_AUTO_TEST_CASE(content_text_is_what_the_scores_read) {
  for (const char* path : {"hongjialou/news/2022-06-16-a.md", "review.yaml", "units/records/合同履约.CSV", "x/Y.MD"})
    BOOST_TEST(is_content_text(path), path);
  // Evidence attachments, text ones included, are bagged with their own month only.
  for (const char* path : {"files/photo.jpg", "files/说明.txt", "files/a.pdf", "README", "a.md/b", "x.yml"})
    BOOST_TEST(!is_content_text(path), path);
}

BOOST_AUTO_TEST_SUITE_END()
