// The only place the clock is read. Builds never read it (every date in an
// output comes from the content); `new` stamps an item with the moment it is
// created, and `publish` dates a publication today unless told otherwise and
// refuses a date in the future.
#pragma once

#include "base/date.h"

namespace creditgen::cli {

/// Now, as a wall clock at `utc_offset_minutes` east of UTC.
DateTime now_at_offset(int utc_offset_minutes);

}  // namespace creditgen::cli
