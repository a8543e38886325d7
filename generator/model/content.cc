#include "model/content.h"

#include <algorithm>

namespace creditgen::model {

const UnitMonth* Month::unit(const std::string& id) const {
  auto it = units.find(id);
  return it == units.end() ? nullptr : &it->second;
}

const Figure* Month::figure(const std::string& unit, const std::string& name) const {
  auto u = figures.find(unit);
  if (u == figures.end()) return nullptr;
  auto f = u->second.find(name);
  return f == u->second.end() ? nullptr : &f->second;
}

DateTime Month::bundle_epoch() const {
  std::optional<DateTime> latest;
  auto consider = [&](const DateTime& t) {
    if (!latest || *latest < t) latest = t;
  };
  for (auto& [id, um] : units) {
    for (auto& n : um.news)
      if (n.valid) consider(n.submitted);
    for (auto& c : um.campaigns)
      if (c.valid) consider(c.submitted);
    for (auto& o : um.objections)
      if (o.valid) consider(o.completed);
  }
  if (latest) return *latest;
  return DateTime{Date{month.year, month.month, month.days_in_month()}, 23, 59, 59};
}

const Unit* Content::unit(const std::string& id) const {
  return unit_index.find(units, id, [](const Unit& u) -> const std::string& { return u.id; });
}

const Rulebook* Content::rulebook_for(YearMonth m) const {
  const Rulebook* found = nullptr;
  for (auto& r : rulebooks)
    if (r.effective <= m) found = &r;
  return found;
}

const Month* Content::month(YearMonth m) const {
  for (auto& mo : months)
    if (mo.month == m) return &mo;
  return nullptr;
}

const Publication* Content::publication(YearMonth m) const {
  auto it = publications.find(m);
  return it == publications.end() ? nullptr : &it->second;
}

}  // namespace creditgen::model
