#include "score/window_tallies.h"

#include "base/text.h"

namespace creditgen::score {

using model::ItemKind;
using model::Window;

namespace {

template <class Item>
bool counts(const review::ReviewedMonth& rm, const Item& item) {
  // Check validity too: an invalid later duplicate shares its key with the
  // valid first entry.
  return item.valid && rm.counts(item.key);
}

}  // namespace

void ItemTally::add(const review::ReviewedMonth& rm, const model::UnitMonth& um) {
  for (auto& i : um.news) news_ += counts(rm, i);
  for (auto& i : um.campaigns) campaigns_ += counts(rm, i);
  for (auto& i : um.policies)
    if (counts(rm, i)) list_policy(i.doc_no, i.status == model::PolicyStatus::in_force);
  for (auto& i : um.scenarios)
    if (counts(rm, i) && normalize_key(i.name) != kXinyidaiScenario) scenarios_.insert(i.name);
  for (auto& i : um.supervision)
    if (counts(rm, i)) domains_.insert(i.domain);
  for (auto& i : um.ledger)
    if (counts(rm, i)) {
      ++ledger_;
      ledger_sum_ += static_cast<double>(i.count);
    }
  for (auto& i : um.incidents) incidents_ += counts(rm, i);
  for (auto& i : um.objections) objections_ += counts(rm, i);
}

void ItemTally::list_policy(const std::string& doc_no, bool in_force) {
  auto [it, added] = policies_.try_emplace(doc_no, in_force);
  if (!added) {
    policies_in_force_ -= it->second;
    it->second = in_force;
  }
  policies_in_force_ += in_force;
}

void ItemTally::add(const ItemTally& later) {
  news_ += later.news_;
  campaigns_ += later.campaigns_;
  ledger_ += later.ledger_;
  incidents_ += later.incidents_;
  objections_ += later.objections_;
  ledger_sum_ += later.ledger_sum_;
  for (const auto& [doc_no, in_force] : later.policies_) list_policy(doc_no, in_force);
  scenarios_.insert(later.scenarios_.begin(), later.scenarios_.end());
  domains_.insert(later.domains_.begin(), later.domains_.end());
}

double ItemTally::count(ItemKind kind) const {
  switch (kind) {
    case ItemKind::news: return news_;
    case ItemKind::campaign: return campaigns_;
    case ItemKind::policy: return policies_in_force_;
    case ItemKind::scenario: return static_cast<double>(scenarios_.size());
    case ItemKind::supervision: return static_cast<double>(domains_.size());
    case ItemKind::ledger: return ledger_;
    case ItemKind::incident: return incidents_;
    case ItemKind::objection: return objections_;
  }
  return 0;
}

const ItemTally WindowTallies::kEmpty;

void WindowTallies::add(const model::Month& month, const review::ReviewedMonth* reviewed) {
  month_.clear();
  if (month.month.year != year_of_tallies_) {
    year_.clear();
    year_of_tallies_ = month.month.year;
  }
  if (!reviewed) return;
  // The month's items are judged once; the longer windows add the month's tally.
  for (const auto& [unit, folder] : month.units) {
    ItemTally& this_month = month_[unit];
    this_month.add(*reviewed, folder);
    year_[unit].add(this_month);
    cumulative_[unit].add(this_month);
  }
}

const ItemTally& WindowTallies::of(Window window, const std::string& unit) const {
  const auto& tallies = window == Window::month ? month_ : window == Window::ytd ? year_ : cumulative_;
  auto it = tallies.find(unit);
  return it == tallies.end() ? kEmpty : it->second;
}

WindowTallies WindowTallies::through(const model::Content& content,
                                     const std::vector<review::ReviewedMonth>& reviewed, YearMonth month) {
  WindowTallies out;
  for (size_t i = 0; i < content.months.size() && !(month < content.months[i].month); ++i)
    out.add(content.months[i], reviewed_of(reviewed, i, content.months[i].month));
  return out;
}

const review::ReviewedMonth* reviewed_of(const std::vector<review::ReviewedMonth>& reviewed, size_t index,
                                         YearMonth month) {
  if (index < reviewed.size() && reviewed[index].month == month) return &reviewed[index];
  for (const auto& r : reviewed)
    if (r.month == month) return &r;
  return nullptr;
}

}  // namespace creditgen::score
