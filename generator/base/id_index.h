// Lookups by id in a vector kept in its own order (units.yaml order, rank
// order) in O(1) instead of a scan: a page, a score or an obligation per
// unit must not cost O(units) each, or a month costs O(units²).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace creditgen {

/// Built for one vector by its owner after filling it. A lookup checks what
/// it finds, and scans when the index was never built or the vector has
/// since changed size, so a stale index costs time, never a wrong answer.
class IdIndex {
 public:
  template <class T, class IdOf>
  void build(const std::vector<T>& items, IdOf id_of) {
    positions_.clear();
    positions_.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) positions_.emplace(id_of(items[i]), i);
    built_for_ = items.size();
  }

  template <class T, class IdOf>
  const T* find(const std::vector<T>& items, std::string_view id, IdOf id_of) const {
    if (built_for_ == items.size()) {
      auto it = positions_.find(std::string(id));
      if (it == positions_.end()) return nullptr;
      if (it->second < items.size() && id_of(items[it->second]) == id) return &items[it->second];
    }
    for (const T& item : items)
      if (id_of(item) == id) return &item;
    return nullptr;
  }

 private:
  std::unordered_map<std::string, size_t> positions_;
  size_t built_for_ = static_cast<size_t>(-1);
};

}  // namespace creditgen
