#include "cli/wall_clock.h"

#include <chrono>

namespace creditgen::cli {

DateTime now_at_offset(int utc_offset_minutes) {
  // CREDITGEN_NOW (a "YYYY-MM-DD HH:MM" wall clock) pins the clock for tests.
  if (const char* pinned = std::getenv("CREDITGEN_NOW"))
    if (auto t = DateTime::parse(pinned)) return *t;
  auto now = std::chrono::system_clock::now();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return DateTime::from_wall_seconds(seconds + int64_t{utc_offset_minutes} * 60);
}

}  // namespace creditgen::cli
