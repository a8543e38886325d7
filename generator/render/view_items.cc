// Unit, indicator and item views.
#include <algorithm>

#include "base/number.h"
#include "base/pii.h"
#include "render/view_common.h"
#include "render/view_model.h"

namespace creditgen::render {

using namespace detail;

namespace {


std::string base_name(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void set_status(mu::data& x, const review::ItemState* st, bool valid) {
  if (!valid || (st && !st->valid)) {
    put(x, "status", std::string("无效（见问题清单）"));
    put(x, "status_class", std::string("invalid"));
    return;
  }
  const model::ReviewStatus s = st ? st->status : model::ReviewStatus::pending;
  put(x, "status", std::string(model::review_status_label(s)));
  put(x, "status_class", std::string(model::review_status_id(s)));
  if (st && !st->reason.empty()) put(x, "reason", mask_pii(st->reason));
}

// Links to an attachment if it is published; its name otherwise.
mu::data attachment(const MonthView& mv, const std::string& unit, const std::string& path, const Paths& paths,
                    const std::string& page) {
  mu::data a;
  put(a, "name", mask_pii(base_name(path)));
  auto it = mv.evidence.find(unit);
  if (it != mv.evidence.end() && it->second.count(path))
    put(a, "href", href(page, paths.evidence(mv.month->month, unit, path)));
  return a;
}

mu::data photo(const MonthView& mv, const std::string& unit, const std::string& key, const std::string& path,
               const Paths& paths, const std::string& page) {
  mu::data p = attachment(mv, unit, path, paths, page);
  std::string alt;
  auto body = mv.bodies.find(key);
  if (body != mv.bodies.end()) {
    auto a = body->second.image_alts.find(path);
    if (a != body->second.image_alts.end()) alt = a->second;
  }
  if (alt.empty()) {
    alt = base_name(path);
    alt = alt.substr(0, alt.rfind('.'));  // "315-1.jpg" → "315-1"
  }
  put(p, "alt", mask_pii(alt));
  return p;
}

mu::data item_common(const SiteInput& in, const MonthView& mv, const model::ItemBase& item, const std::string& title,
                     model::ItemKind kind, const std::string& page, const Paths& paths) {
  const YearMonth m = mv.month->month;
  const std::string kind_label = model::item_kind_label(kind);
  mu::data d = layout(in, paths, page, mask_pii(title),
                      {{month_label(m) + "月报", paths.month_index(m)},
                       {unit_name(in, item.unit), paths.unit_month(m, item.unit)},
                       {kind_label, ""}},
                      &mv);
  put(d, "title", mask_pii(title));
  put(d, "kind_label", kind_label);
  put(d, "unit_name", unit_name(in, item.unit));
  put(d, "unit_href", href(page, paths.unit_month(m, item.unit)));
  set_status(d, mv.reviewed ? mv.reviewed->find(item.key) : nullptr, item.valid);
  auto body = mv.bodies.find(item.key);
  if (body != mv.bodies.end()) put(d, "body_html", body->second.html);
  return d;
}

}  // namespace

std::map<std::string, ItemInfo> collect_items(const model::Month& month, const review::ReviewedMonth* reviewed,
                                              const Paths& paths) {
  (void)reviewed;
  std::map<std::string, ItemInfo> out;
  auto add = [&](const model::ItemBase& b, model::ItemKind kind, std::string title, std::string page, bool late,
                 double late_hours) {
    out[b.key] = ItemInfo{b.key, b.unit, kind, std::move(title), b.valid ? std::move(page) : std::string(),
                          b.valid, late, late_hours};
  };
  const YearMonth m = month.month;
  for (const auto& [id, um] : month.units) {
    for (const auto& n : um.news)
      add(n, model::ItemKind::news, n.title, paths.item(m, id, model::ItemKind::news, n.slug), n.late, n.late_hours);
    for (const auto& c : um.campaigns)
      add(c, model::ItemKind::campaign, c.title, paths.item(m, id, model::ItemKind::campaign, c.slug), c.late,
          c.late_hours);
    for (const auto& p : um.policies)
      add(p, model::ItemKind::policy, p.doc_no == p.title || p.title.empty() ? p.doc_no : p.doc_no + " " + p.title, "",
          false, 0);
    for (const auto& s : um.scenarios) add(s, model::ItemKind::scenario, s.name, "", false, 0);
    for (const auto& s : um.supervision) add(s, model::ItemKind::supervision, s.domain, "", false, 0);
    for (const auto& l : um.ledger)
      add(l, model::ItemKind::ledger, l.category + " " + std::to_string(l.count) + " 条", "", false, 0);
    for (const auto& i : um.incidents) add(i, model::ItemKind::incident, i.title, "", false, 0);
    for (const auto& o : um.objections) add(o, model::ItemKind::objection, "异议 " + o.id, "", false, 0);
  }
  return out;
}

mu::data unit_month_view(const SiteInput& in, const MonthView& mv, const model::Unit& unit, const Paths& paths) {
  const YearMonth m = mv.month->month;
  const std::string page = paths.unit_month(m, unit.id);
  mu::data d = layout(in, paths, page, unit.name + " · " + month_label(m),
                      {{month_label(m) + "月报", paths.month_index(m)}, {unit.name, ""}}, &mv);
  put(d, "unit_name", unit.name);
  put(d, "type_label", std::string(model::unit_type_label(unit.type)));
  put(d, "month_label", month_label(m));
  if (!paths.bundle) put(d, "history_href", href(page, Paths::unit_history(unit.id)));

  const score::UnitScore* us = mv.scores ? mv.scores->unit(unit.id) : nullptr;
  if (us) {
    put(d, "has_score", true);
    put(d, "score", score_text(us->score));
    put(d, "rank", std::to_string(us->rank));
    put(d, "ranked", std::to_string(mv.scores->units.size()));
    put(d, "earned", points_text(us->earned));
    put(d, "applicable", points_text(us->applicable));
    put(d, "penalty", points_text(us->penalty));
    if (!us->submitted) put(d, "not_submitted", true);
    set_unit_analysis(d, mv, unit.id, paths, page);
    std::vector<mu::data> pens;
    for (const auto& p : us->penalties) {
      mu::data x;
      put(x, "points", points_text(p.points));
      put(x, "reason", mask_pii(p.reason));
      put(x, "decided", month_label(p.decided));
      put(x, "months", std::to_string(p.months));
      pens.push_back(std::move(x));
    }
    put(d, "has_penalties", !pens.empty());
    put(d, "penalties", list(std::move(pens)));

    std::vector<mu::data> rows;
    for (const auto& ref : mv.scores->rulebook->rows()) {
      const score::RowScore* rs = us->row(ref.row->id);
      if (!rs) continue;
      mu::data r;
      put(r, "id", ref.row->id);
      put(r, "name", model::Rulebook::row_name(ref));
      put(r, "rule", ref.row->rule);
      put(r, "href", href(page, paths.indicator(m, ref.row->id)));
      const model::Measure& measure = ref.row->measure;
      put(r, "value", score::value_text(*rs, measure));
      const auto peer_min = rs->explain.peer_min(), peer_max = rs->explain.peer_max();
      put(r, "peer_min", peer_min ? score::show_value(*peer_min, measure) : "—");
      put(r, "peer_max", peer_max ? score::show_value(*peer_max, measure) : "—");
      put(r, "points", points_text(rs->points));
      put(r, "max_points", points_text(ref.row->points));
      put(r, "method", rs->explain.method_words());
      put(r, "arithmetic", rs->arithmetic());
      if (rs->flag != score::Flag::none) put(r, "flag", std::string(score::flag_label(rs->flag)));
      rows.push_back(std::move(r));
    }
    put(d, "rows", list(std::move(rows)));

    std::vector<mu::data> obs;
    for (const auto& ob : us->obligations) {
      mu::data x;
      put(x, "text", ob.text);
      put(x, "status", std::string(score::obligation_status_label(ob.status)));
      put(x, "status_class", std::string(score::obligation_status_id(ob.status)));
      put(x, "value", points_text(ob.value));
      put(x, "min", points_text(ob.min));
      obs.push_back(std::move(x));
    }
    put(d, "has_obligations", !obs.empty());
    put(d, "obligations", list(std::move(obs)));
  }

  std::vector<mu::data> items;
  const auto own = mv.item_keys_by_unit.find(unit.id);
  const std::vector<std::string> own_keys = own == mv.item_keys_by_unit.end() ? std::vector<std::string>{} : own->second;
  for (const std::string& key : own_keys) {
    const ItemInfo& info = mv.items.at(key);
    mu::data x;
    put(x, "kind_label", std::string(model::item_kind_label(info.kind)));
    put(x, "title", mask_pii(info.title));
    if (!info.page.empty()) put(x, "href", href(page, info.page));
    if (info.late) put(x, "late", "逾期 " + format_rounded(info.late_hours, 1) + " 小时");
    set_status(x, mv.reviewed ? mv.reviewed->find(key) : nullptr, info.valid);
    items.push_back(std::move(x));
  }
  put(d, "has_items", !items.empty());
  put(d, "items", list(std::move(items)));

  std::vector<mu::data> files;
  if (auto it = mv.evidence.find(unit.id); it != mv.evidence.end())
    for (const auto& path : it->second) {
      mu::data f;
      put(f, "name", mask_pii(path));
      put(f, "href", href(page, paths.evidence(m, unit.id, path)));
      files.push_back(std::move(f));
    }
  put(d, "has_evidence", !files.empty());
  put(d, "evidence", list(std::move(files)));

  std::vector<mu::data> uscc;
  if (const model::UnitMonth* um = mv.month->unit(unit.id))
    for (const auto& p : um->uscc.problems) {
      mu::data x;
      put(x, "kind", std::string(p.kind == model::UsccProblem::Kind::bad_code ? "错码" : "重码"));
      put(x, "code", p.code);
      put(x, "name", mask_pii(p.name));
      put(x, "detail", mask_pii(p.detail));
      uscc.push_back(std::move(x));
    }
  put(d, "has_uscc", !uscc.empty());
  put(d, "uscc", list(std::move(uscc)));
  return d;
}

mu::data indicator_view(const SiteInput& in, const MonthView& mv, const model::Rulebook::RowRef& ref,
                        const Paths& paths) {
  const YearMonth m = mv.month->month;
  const std::string page = paths.indicator(m, ref.row->id);
  const std::string name = model::Rulebook::row_name(ref);
  mu::data d = layout(in, paths, page, ref.row->id + " " + name + " · " + month_label(m),
                      {{month_label(m) + "月报", paths.month_index(m)}, {"评分细则 " + ref.row->id, ""}}, &mv);
  put(d, "id", ref.row->id);
  put(d, "name", name);
  put(d, "group_name", ref.group->name);
  put(d, "indicator_name", ref.indicator->name);
  put(d, "rule", ref.row->rule);
  put(d, "points", points_text(ref.row->points));
  put(d, "source", ref.row->source);
  put(d, "month_label", month_label(m));

  // Points, then value, compared as rounded once per unit (not once per
  // comparison of the sort).
  struct Peer {
    const score::UnitScore* unit;
    const score::RowScore* row;
    double points;  // comparable(points)
    double value;   // comparable(value), lowest when there is none
  };
  std::vector<Peer> peers;
  for (const auto& u : mv.scores->units)
    if (const score::RowScore* rs = u.row(ref.row->id))
      peers.push_back({&u, rs, comparable(rs->points), comparable(rs->value.value_or(-1e300))});
  std::stable_sort(peers.begin(), peers.end(), [](const Peer& a, const Peer& b) {
    if (a.points != b.points) return a.row->points > b.row->points;
    if (a.value != b.value) return a.row->value.value_or(-1e300) > b.row->value.value_or(-1e300);
    return a.unit->unit < b.unit->unit;
  });
  std::vector<mu::data> rows;
  for (size_t i = 0; i < peers.size(); ++i) {
    const auto& p = peers[i];
    mu::data r;
    put(r, "pos", std::to_string(i + 1));
    put(r, "unit_name", unit_name(in, p.unit->unit));
    put(r, "unit_href", href(page, paths.unit_month(m, p.unit->unit)));
    put(r, "value", score::value_text(*p.row, ref.row->measure));
    put(r, "points", points_text(p.row->points));
    put(r, "arithmetic", p.row->arithmetic());
    if (p.row->flag != score::Flag::none) put(r, "flag", std::string(score::flag_label(p.row->flag)));
    if (d.get("method") == nullptr && !p.row->explain.method_words().empty())
      put(d, "method", p.row->explain.method_words());
    rows.push_back(std::move(r));
  }
  put(d, "method_id", std::string(model::method_id(ref.row->method.kind)));
  put(d, "peers", list(std::move(rows)));
  return d;
}

mu::data news_view(const SiteInput& in, const MonthView& mv, const model::NewsItem& n, const Paths& paths) {
  const std::string page = paths.item(mv.month->month, n.unit, model::ItemKind::news, n.slug);
  mu::data d = item_common(in, mv, n, n.title, model::ItemKind::news, page, paths);
  std::vector<mu::data> meta;
  auto add = [&](const std::string& label, const std::string& value) {
    if (value.empty()) return;
    mu::data x;
    put(x, "label", label);
    put(x, "value", mask_pii(value));
    meta.push_back(std::move(x));
  };
  add("日期", n.date.str());
  add("报送时间", n.submitted.str());
  add("作者", n.author);
  std::string tags;
  for (const auto& t : n.tags) tags += (tags.empty() ? "" : "、") + t;
  add("标签", tags);
  if (n.late) add("逾期", "超过时限 " + format_rounded(n.late_hours, 1) + " 小时");
  put(d, "meta", list(std::move(meta)));
  std::vector<mu::data> photos, files;
  for (const auto& a : n.attachments) {
    const std::string ext = a.path.substr(a.path.rfind('.') + 1);
    std::string lower;
    for (char c : ext) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    const bool image = lower == "jpg" || lower == "jpeg" || lower == "png" || lower == "gif" || lower == "webp";
    if (image) photos.push_back(photo(mv, n.unit, n.key, a.path, paths, page));
    else files.push_back(attachment(mv, n.unit, a.path, paths, page));
  }
  put(d, "has_photos", !photos.empty());
  put(d, "photos", list(std::move(photos)));
  put(d, "has_files", !files.empty());
  put(d, "files", list(std::move(files)));
  return d;
}

mu::data campaign_view(const SiteInput& in, const MonthView& mv, const model::CampaignItem& c, const Paths& paths) {
  const std::string page = paths.item(mv.month->month, c.unit, model::ItemKind::campaign, c.slug);
  mu::data d = item_common(in, mv, c, c.title, model::ItemKind::campaign, page, paths);
  std::vector<mu::data> meta;
  auto add = [&](const std::string& label, const std::string& value) {
    if (value.empty()) return;
    mu::data x;
    put(x, "label", label);
    put(x, "value", mask_pii(value));
    meta.push_back(std::move(x));
  };
  add("活动时间", c.start == c.end ? c.start.str() : c.start.str() + " 至 " + c.end.str());
  add("报送时间", c.submitted.str());
  add("地点", c.location);
  add("主题", c.theme);
  add("节点", c.occasion);
  if (c.participants) add("参与人数", std::to_string(*c.participants));
  if (c.late) add("逾期", "超过时限 " + format_rounded(c.late_hours, 1) + " 小时");
  put(d, "meta", list(std::move(meta)));
  std::vector<mu::data> photos, files;
  for (const auto& p : c.photos) photos.push_back(photo(mv, c.unit, c.key, p.path, paths, page));
  if (c.plan) {
    mu::data f = attachment(mv, c.unit, c.plan->path, paths, page);
    put(f, "label", std::string("活动方案"));
    files.push_back(std::move(f));
  }
  put(d, "has_photos", !photos.empty());
  put(d, "photos", list(std::move(photos)));
  put(d, "has_files", !files.empty());
  put(d, "files", list(std::move(files)));
  return d;
}

}  // namespace creditgen::render
