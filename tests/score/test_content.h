// Builds model::Content values in memory for review/ and score/ tests, so
// they do not depend on the loader.
#pragma once

#include <string>
#include <vector>

#include "model/content.h"

namespace creditgen::testing {

inline YearMonth ym(const char* s) { return *YearMonth::parse(s); }
inline Date day(const char* s) { return *Date::parse(s); }
inline DateTime at(const char* s) { return *DateTime::parse(s); }

inline model::Unit make_unit(std::string id, model::UnitType type = model::UnitType::department,
                             std::vector<std::string> tags = {}) {
  model::Unit u;
  u.name = id + "单位";
  u.id = std::move(id);
  u.type = type;
  u.tags = std::move(tags);
  return u;
}

inline model::Measure count_measure(model::ItemKind kind, model::Window w = model::Window::month) {
  model::Measure m;
  m.kind = model::MeasureKind::count;
  m.count_of = kind;
  m.window = w;
  return m;
}

inline model::Measure simple_measure(model::MeasureKind kind, std::string metric = {}) {
  model::Measure m;
  m.kind = kind;
  m.metric = std::move(metric);
  return m;
}

inline model::Method method(model::MethodKind kind) {
  model::Method m;
  m.kind = kind;
  return m;
}

/// A rulebook with one group "I" and one indicator per row: indicator id
/// "N" for row "N.1".
struct RowSpec {
  std::string indicator;
  double points;
  model::Measure measure;
  model::Method method;
  model::Applicability applies{};
  std::string name{};
  bool missing_zero = false;
};

inline model::Rulebook make_rulebook(const char* effective, std::vector<RowSpec> rows, std::string name = "测试规则") {
  model::Rulebook rb;
  rb.name = std::move(name);
  rb.effective = ym(effective);
  rb.file = std::string("rules/") + effective + ".yaml";
  model::Group g;
  g.id = "I";
  g.name = "第一组";
  for (auto& spec : rows) {
    model::Indicator ind;
    ind.id = spec.indicator;
    ind.name = "指标" + spec.indicator;
    ind.applies_to = spec.applies;
    model::Row r;
    r.id = spec.indicator + ".1";
    r.name = spec.name;
    r.points = spec.points;
    r.measure = spec.measure;
    r.method = spec.method;
    r.missing_zero = spec.missing_zero;
    ind.rows.push_back(r);
    g.indicators.push_back(ind);
  }
  rb.groups.push_back(g);
  return rb;
}

inline model::Month& add_month(model::Content& c, const char* m) {
  model::Month mo;
  mo.month = ym(m);
  mo.dir = std::string("content/") + m;
  mo.review.present = true;
  c.months.push_back(mo);
  return c.months.back();
}

inline model::UnitMonth& folder(model::Month& m, const std::string& unit) {
  auto& um = m.units[unit];
  um.unit = unit;
  return um;
}

template <class Item>
Item item_base(const std::string& unit, YearMonth m, std::string key) {
  Item it;
  it.unit = unit;
  it.month = m;
  it.key = std::move(key);
  it.where = Location{"content/" + m.str() + "/" + it.key, 1, 1};
  return it;
}

inline model::NewsItem& add_news(model::Month& m, const std::string& unit, const std::string& slug) {
  auto it = item_base<model::NewsItem>(unit, m.month, unit + "/news/" + slug + ".md");
  it.slug = slug;
  it.title = slug;
  auto& um = folder(m, unit);
  um.news.push_back(it);
  return um.news.back();
}

inline model::CampaignItem& add_campaign(model::Month& m, const std::string& unit, const std::string& slug) {
  auto it = item_base<model::CampaignItem>(unit, m.month, unit + "/campaigns/" + slug + ".md");
  it.slug = slug;
  auto& um = folder(m, unit);
  um.campaigns.push_back(it);
  return um.campaigns.back();
}

inline model::Policy& add_policy(model::Month& m, const std::string& unit, const std::string& doc_no,
                                 model::PolicyStatus status = model::PolicyStatus::in_force) {
  auto it = item_base<model::Policy>(unit, m.month, unit + "/policies.yaml#" + doc_no);
  it.doc_no = doc_no;
  it.status = status;
  auto& um = folder(m, unit);
  um.policies.push_back(it);
  return um.policies.back();
}

inline model::Scenario& add_scenario(model::Month& m, const std::string& unit, const std::string& name) {
  auto it = item_base<model::Scenario>(unit, m.month, unit + "/scenarios.yaml#" + name);
  it.name = name;
  auto& um = folder(m, unit);
  um.scenarios.push_back(it);
  return um.scenarios.back();
}

inline model::Supervision& add_supervision(model::Month& m, const std::string& unit, const std::string& domain) {
  auto it = item_base<model::Supervision>(unit, m.month, unit + "/supervision.yaml#" + domain);
  it.domain = domain;
  auto& um = folder(m, unit);
  um.supervision.push_back(it);
  return um.supervision.back();
}

inline model::LedgerEntry& add_ledger(model::Month& m, const std::string& unit, const std::string& category,
                                      long long count) {
  auto it = item_base<model::LedgerEntry>(unit, m.month, unit + "/ledger.yaml#" + category);
  it.category = category;
  it.count = count;
  auto& um = folder(m, unit);
  um.ledger.push_back(it);
  return um.ledger.back();
}

inline model::Incident& add_incident(model::Month& m, const std::string& unit, const std::string& id,
                                     model::Handling h) {
  auto it = item_base<model::Incident>(unit, m.month, unit + "/incidents.yaml#" + id);
  it.id = id;
  it.handling = h;
  auto& um = folder(m, unit);
  um.incidents.push_back(it);
  return um.incidents.back();
}

inline model::Objection& add_objection(model::Month& m, const std::string& unit, const std::string& id,
                                       const char* received, const char* completed, bool valid_objection = true) {
  auto it = item_base<model::Objection>(unit, m.month, unit + "/objections.yaml#" + id);
  it.id = id;
  it.received = at(received);
  it.completed = at(completed);
  it.valid_objection = valid_objection;
  auto& um = folder(m, unit);
  um.objections.push_back(it);
  return um.objections.back();
}

inline void set_figure(model::Month& m, const std::string& unit, const std::string& name, double v) {
  model::Figure f;
  f.value = v;
  m.figures[unit][name] = f;
}

inline void decide(model::Month& m, const std::string& key, model::ReviewStatus s, std::string reason = {},
                   int line = 1) {
  model::Decision d;
  d.status = s;
  d.reason = std::move(reason);
  d.where = Location{"content/" + m.month.str() + "/review.yaml", line, 3};
  m.review.decisions[key] = d;
}

/// A content tree with the given units, everything accepted by default.
inline model::Content make_content(std::vector<model::Unit> units) {
  model::Content c;
  c.root = "content";
  c.shown_root = "content";
  c.site.title = "测试";
  c.site.slug = "test";
  c.units = std::move(units);
  // add_month hands out references into months: never reallocate in a test.
  c.months.reserve(48);
  return c;
}

inline model::Month& add_accepted_month(model::Content& c, const char* m) {
  auto& mo = add_month(c, m);
  mo.review.default_status = model::ReviewStatus::accepted;
  return mo;
}

}  // namespace creditgen::testing
