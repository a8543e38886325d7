// Hands the memory freed so far back to the system: an allocator keeps it
// otherwise, and a late stage's freed buffers would sit under the next
// stage's (the peak would be the sum of the stages, not the largest).
#pragma once

#include <cstddef>

#ifdef __GLIBC__
#include <malloc.h>
#endif

// jemalloc's control call, when the program is linked with jemalloc (the
// creditgen binary, not its tests or a sanitized build): weak, so its
// absence leaves a null pointer instead of a link error.
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen) __attribute__((weak));

namespace creditgen {

inline void give_back_freed_memory() {
  if (mallctl) {
    // Every arena's unused dirty pages (MALLCTL_ARENAS_ALL is 4096).
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
    return;
  }
#ifdef __GLIBC__
  ::malloc_trim(0);
#endif
}

}  // namespace creditgen
