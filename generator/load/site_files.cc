#include "load/site_files.h"

#include <map>

#include "base/text.h"
#include "load/source_file.h"

namespace creditgen::load {

namespace fs = std::filesystem;

namespace {
constexpr size_t kMaxUnitNameCodePoints = 60;
}  // namespace

bool is_slug(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::optional<YamlFile> read_yaml_file(const fs::path& file, const std::string& shown, Diagnostics& diags,
                                       const SourceTree& tree) {
  EntryType t = tree.type(file);
  if (t == EntryType::symlink || t == EntryType::special) {
    diags.error({shown, 1, 1}, "unsafe-path",
                t == EntryType::symlink ? "该文件是符号链接，出于安全考虑不会读取，请放入真实文件"
                                        : "该文件是设备、管道或套接字等特殊文件，出于安全考虑不会读取");
    return std::nullopt;
  }
  if (t != EntryType::regular) {
    diags.error({shown, 1, 1}, "bad-value", "应为文件，实际为文件夹或无法访问");
    return std::nullopt;
  }
  auto text = read_text_file(tree, file, shown, diags);
  if (!text) return std::nullopt;
  return YamlFile::parse(std::move(*text), shown, 0, diags);
}

namespace {

// A required top-level file: reports it when absent.
std::optional<YamlFile> read_required(const fs::path& root, const std::string& shown_root, const std::string& name,
                                      const std::string& what_zh, Diagnostics& diags, const SourceTree& tree) {
  std::string shown = shown_path(shown_root, name);
  if (tree.type(root / name) == EntryType::missing) {
    diags.error({shown, 1, 1}, "missing-field", "缺少必需文件 " + name + "（" + what_zh + "），请在内容文件夹顶层创建");
    return std::nullopt;
  }
  return read_yaml_file(root / name, shown, diags, tree);
}

// An empty file parses as null: treat it as an empty mapping so the missing
// fields are named one by one.
bool root_is_map(const YamlFile& f, std::string_view what_zh, Diagnostics& diags) {
  if (f.root().IsNull()) return true;
  return expect_map(f, f.root(), what_zh, diags);
}

std::optional<YearMonth> year_month_field(MapReader& r, std::string_view key) {
  auto s = r.text(key, false);
  if (!s) return std::nullopt;
  auto ym = YearMonth::parse(*s);
  if (!ym) r.bad_value(key, "字段“" + std::string(key) + "”的值“" + *s + "”无效，应为真实的年月 YYYY-MM");
  return ym;
}

// `warnings`: a list whose entries each name one condition and its consequence.
void read_warning_rules(const YamlFile& file, MapReader& r, model::Site& site, Diagnostics& local) {
  YAML::Node list = r.node("warnings");
  if (!list.IsSequence()) {
    r.bad_value("warnings", "字段“warnings”应为预警规则列表（没有预警时写 warnings: []），实际为" + node_kind_zh(list));
    return;
  }
  site.warning_rules.clear();
  for (const auto& entry : list) {
    if (!expect_map(file, entry, "预警规则", local)) continue;
    MapReader wr(file, entry, local);
    std::vector<model::WarningCondition> named;
    for (auto c : model::kWarningConditions)
      if (wr.has(model::warning_condition_id(c))) named.push_back(c);
    model::WarningRule rule;
    if (named.size() != 1) {
      std::string keys;
      for (auto c : model::kWarningConditions) keys += (keys.empty() ? "" : "、") + std::string(model::warning_condition_id(c));
      local.error(wr.where(), "bad-value",
                  "每条预警规则应恰好写一个条件（" + keys + "之一）和 consequence，此处写了 " +
                      std::to_string(named.size()) + " 个条件");
      wr.mark_failed();
    } else {
      rule.condition = named[0];
      const char* key = model::warning_condition_id(rule.condition);
      if (rule.condition == model::WarningCondition::below) {
        if (auto v = wr.number(key, true, 0)) rule.threshold = *v;
      } else if (auto v = wr.integer(key, true, 1, 1000)) {
        rule.threshold = static_cast<double>(*v);
      }
    }
    if (auto v = wr.text("consequence", true)) rule.consequence = *v;
    wr.finish();
    if (!wr.failed()) site.warning_rules.push_back(rule);
  }
}

}  // namespace

std::optional<model::Site> load_site(const fs::path& root, const std::string& shown_root, Diagnostics& diags,
                                     const SourceTree& tree) {
  Diagnostics local;
  auto file = read_required(root, shown_root, "site.yaml", "站点设置", local, tree);
  model::Site site;
  if (file && root_is_map(*file, "site.yaml", local)) {
    MapReader r(*file, file->root(), local);
    if (auto v = r.text("title", true)) site.title = *v;
    if (auto v = r.text("district", true)) site.district = *v;
    if (auto v = r.text("slug", true)) {
      if (is_slug(*v))
        site.slug = *v;
      else
        r.bad_value("slug", "字段“slug”的值“" + *v + "”无效，只能由小写字母、数字和连字符（a-z 0-9 -）组成");
    }
    if (auto v = r.text("office", false)) site.office = *v;
    if (auto v = r.text("address", false)) site.address = *v;
    if (auto v = r.text("contact", false)) site.contact = *v;
    if (auto v = r.text("bundles_url", false)) {
      const bool absolute = v->rfind("https://", 0) == 0 || v->rfind("http://", 0) == 0 || v->rfind("/", 0) == 0;
      const bool clean = !v->empty() && v->find_first_of(" \t\"'<>\\?#") == std::string::npos;
      if (!clean || (v->find("://") != std::string::npos && !absolute))
        r.bad_value("bundles_url", "字段“bundles_url”的值“" + *v +
                                       "”无效，应为证据包所在文件夹的网址，如 https://内网地址/信用证据包/ 或 ../证据包/");
      else
        site.bundles_url = v->back() == '/' ? *v : *v + "/";
    }
    if (auto v = r.text("utc_offset", false)) {
      if (auto m = parse_utc_offset(*v)) {
        site.utc_offset_minutes = *m;
        site.utc_offset = *v;
      } else {
        r.bad_value("utc_offset", "字段“utc_offset”的值“" + *v + "”无效，应为 +08:00 这样的时区偏移");
      }
    }
    if (r.has("deadlines")) {
      YAML::Node d = r.node("deadlines");
      if (expect_map(*file, d, "字段“deadlines”", local)) {
        MapReader dr(*file, d, local);
        if (auto v = dr.integer("monthly_day", false, 1, 31)) site.deadlines.monthly_day = static_cast<int>(*v);
        if (auto v = dr.integer("news_hours", false, 0, 100000)) site.deadlines.news_hours = static_cast<int>(*v);
        if (auto v = dr.integer("campaign_hours", false, 0, 100000))
          site.deadlines.campaign_hours = static_cast<int>(*v);
        dr.finish();
      }
    } else {
      r.node("deadlines");
    }
    if (auto v = r.choice("late_items", false, {"count", "exclude"}))
      site.late_items = *v == "exclude" ? model::LateItems::exclude : model::LateItems::count;
    if (auto v = r.integer("max_attachment_mb", false, 1, 1 << 20)) site.max_attachment_mb = static_cast<int>(*v);
    if (auto v = r.choice("retention", false, {"永久", "30年", "10年"})) site.retention = *v;
    if (r.has("signing")) {
      YAML::Node s = r.node("signing");
      if (expect_map(*file, s, "字段“signing”", local)) {
        MapReader sr(*file, s, local);
        if (auto v = sr.text("key", true)) site.signing_key = *v;
        if (auto v = sr.text("certificate", true)) site.signing_certificate = *v;
        sr.finish();
        if (sr.failed()) site.signing_key.clear(), site.signing_certificate.clear();
      }
    }
    if (r.has("warnings")) read_warning_rules(*file, r, site, local);
    if (r.has("bulletin")) {
      YAML::Node b = r.node("bulletin");
      if (expect_map(*file, b, "字段“bulletin”", local)) {
        MapReader br(*file, b, local);
        if (auto v = br.text("issuer", false)) site.bulletin.issuer = *v;
        if (auto v = br.text("number", false)) site.bulletin.number = *v;
        if (auto v = br.text("recipients", false)) site.bulletin.recipients = *v;
        br.finish();
      }
    }
    if (auto v = r.text_list("sensitive_words", false)) {
      for (auto& w : *v)
        if (!w.empty()) site.sensitive_words.push_back(w);
    }
    r.finish();
  }
  bool broken = !file || local.has_errors();
  diags.append(local);
  if (broken) return std::nullopt;
  return site;
}

std::optional<std::vector<model::Unit>> load_units(const fs::path& root, const std::string& shown_root,
                                                   Diagnostics& diags, const SourceTree& tree) {
  Diagnostics local;
  auto file = read_required(root, shown_root, "units.yaml", "被监测单位名单", local, tree);
  std::vector<model::Unit> units;
  if (file && root_is_map(*file, "units.yaml", local)) {
    MapReader top(*file, file->root(), local);
    YAML::Node list = top.node("units");
    if (!top.has("units")) {
      top.missing("units（单位列表）");
    } else if (!list.IsSequence()) {
      top.bad_value("units", "字段“units”应为列表，实际为" + node_kind_zh(list));
    } else {
      std::map<std::string, std::string> names;  // normalised name → id
      for (const auto& entry : list) {
        if (!expect_map(*file, entry, "单位条目", local)) continue;
        MapReader r(*file, entry, local);
        model::Unit u;
        u.where = file->at(entry);
        if (auto v = r.text("id", true)) {
          if (!is_slug(*v)) {
            r.bad_value("id", "单位 id“" + *v + "”无效，只能由小写字母、数字和连字符（a-z 0-9 -）组成");
          } else {
            bool seen = false;
            for (auto& o : units) seen = seen || o.id == *v;
            if (seen)
              local.error(r.at("id"), "duplicate", "单位 id“" + *v + "”重复，每个单位的 id 必须唯一");
            u.id = *v;
          }
        }
        if (auto v = r.text("name", true); v && code_point_count(*v) > kMaxUnitNameCodePoints) {
          // A name is on every page, in every ranking and CSV: one absurdly
          // long name would cost every page its length.
          r.bad_value("name", "单位名称有 " + std::to_string(code_point_count(*v)) + " 个字，超过 " +
                                  std::to_string(kMaxUnitNameCodePoints) + " 个字的上限，请用单位的正式简称");
        } else if (v) {
          u.name = *v;
          auto [it, fresh] = names.emplace(normalize_key(*v), u.id);
          if (!fresh) local.error(r.at("name"), "duplicate", "单位名称“" + *v + "”重复，每个单位的名称必须唯一");
        }
        if (auto v = r.choice("type", true, model::unit_type_ids()))
          u.type = *model::parse_unit_type(*v);
        if (auto v = r.text_list("tags", false)) u.tags = *v;
        u.active_from = year_month_field(r, "active_from");
        u.active_until = year_month_field(r, "active_until");
        if (u.active_from && u.active_until && *u.active_until < *u.active_from)
          r.bad_value("active_until", "active_until（" + u.active_until->str() + "）早于 active_from（" +
                                          u.active_from->str() + "），应不早于开始月份");
        r.finish();
        units.push_back(std::move(u));
      }
    }
    top.finish();
  }
  bool broken = !file || local.has_errors();
  diags.append(local);
  if (broken) return std::nullopt;
  return units;
}

model::Calendar load_calendar(const fs::path& root, const std::string& shown_root, Diagnostics& diags,
                              const SourceTree& tree) {
  model::Calendar cal;
  std::string shown = shown_path(shown_root, "calendar.yaml");
  if (tree.type(root / "calendar.yaml") == EntryType::missing) {
    diags.warning({shown, 1, 1}, "calendar",
                  "没有 calendar.yaml：工作日只按周六、周日休息计算，法定节假日和调休上班日都不会考虑（影响异议处理用时等按工作日"
                  "计的指标）。请按国务院办公厅公布的当年放假安排填写 holidays 和 workdays");
    return cal;
  }
  auto file = read_yaml_file(root / "calendar.yaml", shown, diags, tree);
  if (!file || !root_is_map(*file, "calendar.yaml", diags)) return cal;
  MapReader r(*file, file->root(), diags);
  auto read_dates = [&](std::string_view key, std::set<Date>& out) {
    YAML::Node n = r.node(key);
    if (!n.IsDefined() || n.IsNull()) return;
    if (!n.IsSequence()) {
      r.bad_value(key, "字段“" + std::string(key) + "”应为日期列表，如 [2022-06-03]，实际为" + node_kind_zh(n));
      return;
    }
    for (const auto& item : n) {
      auto d = item.IsScalar() ? Date::parse(trim(item.Scalar())) : std::nullopt;
      if (d) {
        out.insert(*d);
        if (key == "workdays" && cal.holidays.count(*d))
          diags.warning(file->at(item), "calendar",
                        "日期 " + d->str() + " 同时列在 holidays 和 workdays 中：请核对放假安排，删去其中一处（现按上班日计算）");
        const bool weekend = d->weekday() == 0 || d->weekday() == 6;
        if (key == "workdays" && !weekend && !cal.holidays.count(*d))
          diags.warning(file->at(item), "calendar",
                        "调休上班日 " + d->str() + " 本来就是工作日（周一至周五）：workdays 只需列出需要上班的周六、周日，"
                        "请核对是否录错");
      } else {
        diags.error(file->at(item), "bad-value",
                    "字段“" + std::string(key) + "”中的日期" + node_kind_zh(item) + "无效，应为 YYYY-MM-DD");
      }
    }
  };
  read_dates("holidays", cal.holidays);
  read_dates("workdays", cal.workdays);
  r.finish();
  return cal;
}

}  // namespace creditgen::load
