// Hands the memory freed so far back to the system: glibc keeps it in its
// arenas otherwise, and a late stage's freed buffers would sit under the
// next stage's (the peak would be the sum of the stages, not the largest).
#pragma once

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace creditgen {

inline void give_back_freed_memory() {
#ifdef __GLIBC__
  ::malloc_trim(0);
#endif
}

}  // namespace creditgen
