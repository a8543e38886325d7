// The number of fields of an aggregate, at compile time: how many values
// that convert to anything brace-initialise it (a base class counts as one).
// The month cache uses it to fail the build when a model type gains a field
// it does not save — a size check misses a field that fits into padding.
#pragma once

#include <cstddef>

namespace creditgen {

struct AnyField {
  template <class T>
  operator T() const;
};

template <class T, class... Given>
consteval std::size_t field_count() {
  if constexpr (requires { T{Given{}..., AnyField{}}; }) return field_count<T, Given..., AnyField>();
  else return sizeof...(Given);
}

}  // namespace creditgen
