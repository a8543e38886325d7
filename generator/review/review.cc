#include "review/review.h"

#include <string_view>
#include <vector>

#include "base/spelling.h"


namespace creditgen::review {

namespace {

using model::ItemKind;
using model::ReviewStatus;

// The file part of a review key: "shenpiju/policies.yaml#x" → unit
// "shenpiju", file "policies.yaml"; "shenpiju/news/a.md" → file "news/a.md".
struct KeyParts {
  std::string unit;
  std::string file;
};

KeyParts split_key(std::string_view key) {
  KeyParts parts;
  auto slash = key.find('/');
  if (slash == std::string_view::npos) {
    parts.file = std::string(key.substr(0, key.find('#')));
    return parts;
  }
  parts.unit = std::string(key.substr(0, slash));
  auto rest = key.substr(slash + 1);
  parts.file = std::string(rest.substr(0, rest.find('#')));
  return parts;
}

// Facts, not claims (content.md): metrics, platform figures, incidents and
// objections are never reviewed. penalties.yaml and review.yaml are the
// office's own files.
bool needs_no_review(const KeyParts& p) {
  static const char* const kFactFiles[] = {"incidents.yaml", "objections.yaml", "metrics.yaml",
                                           "platform.yaml", "penalties.yaml", "review.yaml"};
  for (const char* f : kFactFiles) {
    if (p.file == f) return true;
    if (p.unit == f || (p.unit.empty() && p.file == f)) return true;
  }
  return false;
}

template <class Item>
void add_items(const std::vector<Item>& items, ItemKind kind, const model::Review& review,
               model::LateItems late_items, std::map<std::string, ItemState>& out) {
  for (const Item& item : items) {
    ItemState st;
    st.kind = kind;
    st.valid = item.valid;
    if constexpr (requires { item.late; }) st.late = item.late;
    bool reviewed = kind != ItemKind::incident && kind != ItemKind::objection;
    if (!reviewed) {
      st.status = ReviewStatus::accepted;
    } else {
      st.status = review.default_status;
      // Both sides were normalised by the loader (load/month.cc normalize_review_key).
      auto it = review.decisions.find(item.key);
      if (it != review.decisions.end()) {
        st.status = it->second.status;
        st.reason = it->second.reason;
      }
    }
    st.counts = st.status == ReviewStatus::accepted && st.valid &&
                !(st.late && late_items == model::LateItems::exclude);
    // The loader keeps the first of two entries with one key (the later is
    // invalid): never let the invalid duplicate overwrite the first's state.
    out.emplace(item.key, st);
  }
}

}  // namespace

const ItemState* ReviewedMonth::find(const std::string& key) const {
  auto it = items.find(key);
  return it == items.end() ? nullptr : &it->second;
}

bool ReviewedMonth::counts(const std::string& key) const {
  const ItemState* s = find(key);
  return s && s->counts;
}

std::vector<ReviewedMonth> apply_reviews(const model::Content& content, Diagnostics& diags) {
  std::vector<ReviewedMonth> result;
  result.reserve(content.months.size());
  for (const model::Month& month : content.months) {
    ReviewedMonth rm;
    rm.month = month.month;
    auto late = content.site.late_items;
    const model::Review& rv = month.review;
    for (const auto& [id, um] : month.units) {
      add_items(um.news, ItemKind::news, rv, late, rm.items);
      add_items(um.campaigns, ItemKind::campaign, rv, late, rm.items);
      add_items(um.policies, ItemKind::policy, rv, late, rm.items);
      add_items(um.scenarios, ItemKind::scenario, rv, late, rm.items);
      add_items(um.supervision, ItemKind::supervision, rv, late, rm.items);
      add_items(um.ledger, ItemKind::ledger, rv, late, rm.items);
      add_items(um.incidents, ItemKind::incident, rv, late, rm.items);
      add_items(um.objections, ItemKind::objection, rv, late, rm.items);
    }
    for (const auto& [key, decision] : rv.decisions) {
      KeyParts parts = split_key(key);
      if (needs_no_review(parts)) {
        diags.warning(decision.where, "unknown-field",
                      "审核决定“" + key +
                          "”针对的是无需审核的事实数据（指标数据、平台数据、严重失信事件、异议处理或扣分记录），"
                          "该决定被忽略；只有信用动态、宣传活动、制度文件、应用场景、监管领域和归集台账需要审核");
        continue;
      }
      if (rm.items.count(key)) continue;
      // An entry of a list file that failed to parse is unknown, not absent.
      const model::UnitMonth* um = month.unit(parts.unit);
      bool broken = false;
      if (um)
        for (const auto& f : um->broken_files)
          if (f == parts.file) broken = true;
      if (broken) continue;
      // The likeliest meant: among the same unit's keys (bounded by its items).
      std::vector<std::string> same_unit;
      const std::string prefix = parts.unit + "/";
      for (auto it = rm.items.lower_bound(prefix); it != rm.items.end() && it->first.starts_with(prefix); ++it)
        same_unit.push_back(it->first);
      const auto guess = key.size() <= 256 ? closest_match(key, same_unit) : std::nullopt;
      diags.error(decision.where, "dangling-review",
                  "审核决定“" + key + "”指向的条目不存在" +
                      (guess ? "；是不是“" + *guess + "”？"
                             : "；应为本月已报送条目的审核键，如 单位/news/文件名.md 或 单位/policies.yaml#文号"));
    }
    result.push_back(std::move(rm));
  }
  return result;
}

}  // namespace creditgen::review
