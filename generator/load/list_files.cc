#include "load/list_files.h"

#include <limits>
#include <map>

#include "base/text.h"
#include "load/markdown_items.h"
#include "load/source_file.h"
#include "load/yaml_fields.h"

namespace creditgen::load {

namespace {

const std::vector<std::string> kLedgerCategories = {"社保", "纳税", "水", "电", "气", "暖", "仓储物流",
                                                    "知识产权", "信用承诺", "履约践诺", "合同履约", "其他"};
const std::vector<std::string> kIncidentDomains = {"政务诚信", "商务诚信", "社会诚信", "司法公信"};
const std::vector<std::string> kHandlings = {"proactive", "late", "after_report", "ordered"};

constexpr long long kNoMax = std::numeric_limits<long long>::max();

/// What one entry's reader needs besides its mapping.
struct EntryEnv {
  const UnitFolderContext& ctx;
  const YamlFile& yaml;
  const std::vector<RecordsFile>& records;
  AttachmentChecker& attachments;
  Diagnostics& diags;  // the entry's own sink
};

std::optional<model::Attachment> file_field(MapReader& r, EntryEnv& env) {
  auto path = r.text("file", false);
  if (!path) return std::nullopt;
  return env.attachments.check(*path, r.at("file"), AttachmentKind::any, env.diags);
}

// Each reader fills its item and returns the entry's key as written.

std::optional<std::string> read_policy(MapReader& r, EntryEnv& env, model::Policy& p) {
  auto key = r.text("doc_no", true);
  if (key) p.doc_no = normalize_key(*key);
  if (auto v = r.text("title", true)) p.title = *v;
  p.issued = r.date("issued", false);
  if (auto v = r.text("issuer", false)) p.issuer = *v;
  if (auto v = r.choice("status", true, {"in_force", "repealed"}))
    p.status = *v == "repealed" ? model::PolicyStatus::repealed : model::PolicyStatus::in_force;
  p.file = file_field(r, env);
  if (auto v = r.text("url", false)) p.url = *v;
  if (!r.has("file") && !r.has("url")) r.missing("“file”（附件路径，如 files/实施方案.pdf）或“url”（网址），至少填写一项");
  return key;
}

std::optional<std::string> read_scenario(MapReader& r, EntryEnv& env, model::Scenario& s) {
  auto key = r.text("name", true);
  if (key) s.name = normalize_key(*key);
  if (auto v = r.text("plan", false)) s.plan = *v;
  if (auto v = r.text("incentives", false)) s.incentives = *v;
  s.file = file_field(r, env);
  return key;
}

std::optional<std::string> read_supervision(MapReader& r, EntryEnv& env, model::Supervision& s) {
  auto key = r.text("domain", true);
  if (key) s.domain = normalize_key(*key);
  if (auto v = r.integer("industry", true, 1, 20)) s.industry = static_cast<int>(*v);
  if (auto v = r.text("regulator", false)) s.regulator = *v;
  if (auto v = r.text("document", false)) s.document = *v;
  if (auto v = r.text("link", false)) s.link = *v;
  if (auto v = r.text("summary", false)) s.summary = *v;
  if (auto v = r.text_list("cases", false)) s.cases = *v;
  s.file = file_field(r, env);
  if (!r.has("link") && !r.has("summary")) r.missing("“link”（监管信息链接）或“summary”（情况说明），至少填写一项");
  return key;
}

std::optional<std::string> read_ledger(MapReader& r, EntryEnv& env, model::LedgerEntry& l) {
  auto key = r.choice("category", true, kLedgerCategories);
  if (key) l.category = *key;
  auto count = r.integer("count", true, 0, kNoMax);
  if (count) l.count = *count;
  l.file = file_field(r, env);
  auto path = r.text("records", false);
  if (!path) return key;
  model::Attachment a = env.attachments.check(*path, r.at("records"), AttachmentKind::any, env.diags);
  l.records = a.path;
  if (!a.ok) return key;
  const RecordsFile* found = nullptr;
  for (auto& f : env.records)
    if (f.path == a.path) found = &f;
  if (!found) {
    r.bad_value("records", "“records”应指向本单位 records/ 文件夹中的 CSV 台账文件，如 records/信用承诺.csv");
    return key;
  }
  if (!found->ok) {
    r.bad_value("records", "台账记录文件“" + a.path + "”有误（见该文件的提示），无法核对 count");
    return key;
  }
  if (count && *count != found->data_rows)
    r.bad_value("count", "count 为 " + std::to_string(*count) + "，但“" + a.path + "”有 " +
                             std::to_string(found->data_rows) + " 行记录，两者应一致");
  return key;
}

std::optional<std::string> read_incident(MapReader& r, EntryEnv& env, model::Incident& i) {
  auto key = r.text("id", true);
  if (key) i.id = normalize_key(*key);
  if (auto d = r.date("date", true)) {
    i.date = *d;
    check_in_month(*d, env.ctx.month, r.at("date"), "事件日期 date", env.diags);
  }
  if (auto v = r.text("title", true)) i.title = *v;
  if (auto v = r.choice("domain", true, kIncidentDomains)) i.domain = *v;
  if (auto v = r.choice("handling", true, kHandlings)) {
    i.handling = *v == "late"           ? model::Handling::late
                 : *v == "after_report" ? model::Handling::after_report
                 : *v == "ordered"      ? model::Handling::ordered
                                        : model::Handling::proactive;
  }
  if (auto v = r.text("disclosure", false)) i.disclosure = *v;
  return key;
}

std::optional<std::string> read_objection(MapReader& r, EntryEnv& env, model::Objection& o) {
  auto key = r.text("id", true);
  if (key) o.id = normalize_key(*key);
  auto received = r.date_time("received", true);
  if (received) {
    o.received = *received;
    check_in_month(received->date, env.ctx.month, r.at("received"), "异议受理时间 received", env.diags);
  }
  auto completed = r.date_time("completed", true);
  if (completed) {
    o.completed = *completed;
    if (received && *completed < *received)
      r.bad_value("completed", "办结时间“" + completed->str() + "”早于受理时间“" + received->str() +
                                   "”，completed 应不早于 received");
  }
  if (auto v = r.boolean("valid", false)) o.valid_objection = *v;
  return key;
}

template <class Item, class Reader>
void load_entries(const UnitFolderContext& ctx, const std::string& file_name, const YAML::Node& seq,
                  const YamlFile& yaml, const SourceText& src, const std::vector<RecordsFile>& records,
                  AttachmentChecker& attachments, const TextScanner& scanner, const char* key_field,
                  std::vector<Item>& out, Diagnostics& diags, Reader read) {
  std::map<std::string, Location> seen;
  size_t index = 0;
  for (const auto& entry : seq) {
    ++index;
    if (!entry.IsMap()) {
      diags.error(yaml.at(entry), "bad-value",
                  "第 " + std::to_string(index) + " 个条目应为键值映射（以“" + key_field + ": …”开始），实际为" +
                      node_kind_zh(entry));
      continue;
    }
    Diagnostics local;
    Item item;
    item.unit = ctx.unit;
    item.month = ctx.month;
    item.where = yaml.at(entry);
    MapReader r(yaml, entry, local);
    EntryEnv env{ctx, yaml, records, attachments, local};
    std::optional<std::string> raw_key = read(r, env, item);
    std::string key = raw_key ? normalize_key(*raw_key) : std::string();
    item.key = ctx.unit + "/" + file_name + "#" + key;
    scan_scalars(entry, src, 0, scanner, local);
    r.finish();
    if (!key.empty()) {
      auto [it, fresh] = seen.emplace(key, r.at(key_field));
      if (!fresh)
        local.error(r.at(key_field), "duplicate",
                    "条目“" + key + "”与第 " + std::to_string(it->second.line) + " 行的条目重复：同一文件中“" +
                        key_field + "”不能相同，以第一条为准，本条无效");
    }
    item.valid = !local.has_errors();
    diags.append(local);
    out.push_back(std::move(item));
  }
}

}  // namespace

void load_list_file(const UnitFolderContext& ctx, std::string_view file_name_view,
                    const std::vector<RecordsFile>& records, AttachmentChecker& attachments,
                    const TextScanner& scanner, model::UnitMonth& um, Diagnostics& diags) {
  std::string file_name(file_name_view);
  std::string list_key = file_name.substr(0, file_name.size() - 5);  // drop ".yaml"
  std::string shown = shown_path(ctx.shown_dir, file_name);
  auto broken = [&] { um.broken_files.push_back(file_name); };
  auto text = read_source(*ctx.tree, ctx.dir / file_name, shown, diags);
  if (!text) return broken();
  SourceText src(*text, shown);
  auto yaml = YamlFile::parse(std::move(*text), shown, 0, diags);
  if (!yaml) return broken();
  const YAML::Node& root = yaml->root();
  if (!root.IsDefined() || root.IsNull()) return;  // an empty file lists nothing
  if (!root.IsMap()) {
    diags.error(yaml->whole_file(), "bad-value",
                "文件顶层应为“" + list_key + ":”，其下是条目列表（每项以“- ”开始），实际为" + node_kind_zh(root));
    return broken();
  }
  MapReader top(*yaml, root, diags);
  bool present = top.has(list_key);
  YAML::Node seq = top.node(list_key);
  top.finish();
  if (!present) {
    // `policies:` with nothing under it lists nothing; a missing key is a mistake.
    bool key_written = false;
    for (auto it = root.begin(); it != root.end(); ++it) key_written = key_written || scalar_text(it->first) == list_key;
    if (!key_written)
      diags.error(yaml->whole_file(), "missing-field",
                  "缺少“" + list_key + ":”：文件顶层应为“" + list_key + ":”，其下是条目列表");
    return;
  }
  if (!seq.IsSequence()) {
    diags.error(yaml->at(seq), "bad-value",
                "“" + list_key + "”应为条目列表（每项以“- ”开始），实际为" + node_kind_zh(seq));
    return broken();
  }
  auto run = [&](auto& out, const char* key_field, auto reader) {
    load_entries(ctx, file_name, seq, *yaml, src, records, attachments, scanner, key_field, out, diags, reader);
  };
  if (list_key == "policies") run(um.policies, "doc_no", read_policy);
  else if (list_key == "scenarios") run(um.scenarios, "name", read_scenario);
  else if (list_key == "supervision") run(um.supervision, "domain", read_supervision);
  else if (list_key == "ledger") run(um.ledger, "category", read_ledger);
  else if (list_key == "incidents") run(um.incidents, "id", read_incident);
  else if (list_key == "objections") run(um.objections, "id", read_objection);
}

}  // namespace creditgen::load
