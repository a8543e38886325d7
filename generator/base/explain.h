// What a build redid and why (`creditgen build --explain`): each stage that
// keeps outputs between builds tells the log when it makes one again, with
// the reason why_stale (base/inputs.h) gave. A value the cli creates and
// passes down; stages given none say nothing.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace creditgen {

class ExplainLog {
 public:
  struct Entry {
    std::string what;  ///< "读取 2022-03", "页面 2022-03", "证据包 2022-03"…
    std::string why;
  };
  /// May be called from several threads.
  void redone(std::string what, std::string why) {
    std::lock_guard lock(mutex_);
    entries_.push_back({std::move(what), std::move(why)});
  }
  /// Sorted by what, so the log does not depend on the threads' timing.
  std::vector<Entry> entries() const;
  /// The lines --explain prints, or the one line saying nothing was redone.
  std::string text() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace creditgen
