#define BOOST_TEST_MODULE creditgen
#include <boost/test/unit_test.hpp>
