// Ownership of C library handles: std::unique_ptr with a deleter that calls
// the library's own free function.
#pragma once

#include <memory>

namespace creditgen {

template <auto Fn>
struct CallFree {
  template <class T>
  void operator()(T* p) const noexcept {
    if (p) Fn(p);
  }
};

template <class T, auto Fn>
using CHandle = std::unique_ptr<T, CallFree<Fn>>;

}  // namespace creditgen
