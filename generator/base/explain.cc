#include "base/explain.h"

#include <algorithm>

namespace creditgen {

std::vector<ExplainLog::Entry> ExplainLog::entries() const {
  std::vector<Entry> out;
  {
    std::lock_guard lock(mutex_);
    out = entries_;
  }
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.what < b.what; });
  return out;
}

std::string ExplainLog::text() const {
  const auto all = entries();
  if (all.empty()) return "重做说明：没有需要重做的内容，所有输出都与输入相符。\n";
  std::string out = "重做说明（" + std::to_string(all.size()) + " 项）：\n";
  for (const auto& e : all) out += "  重做 " + e.what + "：" + e.why + "\n";
  return out;
}

}  // namespace creditgen
