#include "load/month.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <set>

#include "base/bundle_name.h"
#include "base/parallel.h"
#include "base/spelling.h"
#include "base/text.h"
#include "load/file_format.h"
#include "load/site_files.h"
#include "load/source_file.h"
#include "load/unit_folder.h"

namespace creditgen::load {

namespace fs = std::filesystem;

std::string unit_suggestion(std::string_view word, const std::vector<model::Unit>& units) {
  std::vector<std::string> ids;
  for (auto& u : units) ids.push_back(u.id);
  auto best = closest_match(word, ids);
  return best ? "，是否应为“" + *best + "”？" : "";
}

std::string normalize_review_key(std::string_view key) {
  std::string k = trim(key);
  size_t hash = k.find('#');
  if (hash == std::string::npos) return k;
  return trim(std::string_view(k).substr(0, hash)) + "#" + normalize_key(std::string_view(k).substr(hash + 1));
}

namespace {

void walk(const SourceTree& tree, const fs::path& dir, const std::string& rel_dir, const std::string& shown_root_dir,
          const std::set<std::string>& quiet, std::vector<model::ContentFile>& out, Diagnostics& diags) {
  // Unit folders report their own unsafe entries (load_unit_folder).
  auto report = [&](const std::string& rel, const char* msg) {
    if (!quiet.count(rel.substr(0, rel.find('/'))) || rel.find('/') == std::string::npos)
      diags.error({shown_path(shown_root_dir, rel), 1, 1}, "unsafe-path", msg);
  };
  std::vector<std::pair<std::string, EntryType>> entries;
  std::error_code ec;
  for (auto& e : list_folder(tree, dir, shown_path(shown_root_dir, rel_dir), diags, ec))
    entries.emplace_back(std::move(e.name), e.type);
  for (auto& [name, type] : entries) {
    fs::path p = dir / name;
    std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
    switch (type) {
      case EntryType::directory:
        walk(tree, p, rel, shown_root_dir, quiet, out, diags);
        break;
      case EntryType::regular: {
        out.push_back({rel, tree.size(p).value_or(0), true});
        break;
      }
      case EntryType::symlink:
        report(rel, "符号链接不会被读取、发布或装入证据包，请换成真实文件");
        out.push_back({rel, 0, false});
        break;
      case EntryType::special:
        report(rel, "设备、管道或套接字等特殊文件不会被读取、发布或装入证据包，请删除");
        out.push_back({rel, 0, false});
        break;
      case EntryType::missing:
        break;
    }
  }
}

}  // namespace

std::vector<model::ContentFile> list_month_files(const fs::path& dir, const std::string& shown_dir,
                                                 const std::set<std::string>& quiet, Diagnostics& diags,
                                                 const SourceTree& tree) {
  std::vector<model::ContentFile> out;
  walk(tree, dir, "", shown_dir, quiet, out, diags);
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.path < b.path; });
  // What the bundle stage would refuse is said here, so `check` finds it too.
  std::vector<std::string> paths;
  for (const auto& f : out)
    if (f.safe) paths.push_back(f.path);
  for (const auto& [first, second] : case_clashes(paths))
    diags.error({shown_path(shown_dir, second), 1, 1}, "bad-filename",
                "文件名“" + second + "”与“" + first +
                    "”只有大小写不同，在 Windows、macOS 上解压会互相覆盖，无法装入证据包；请改名并修改引用它的字段");
  return out;
}

model::Review read_review(const YamlFile& file, YearMonth month, Diagnostics& diags) {
  model::Review review;
  if (!file.root().IsNull() && !expect_map(file, file.root(), "review.yaml", diags)) return review;
  review.present = true;
  MapReader r(file, file.root(), diags);
  if (auto v = r.text("reviewer", false)) review.reviewer = *v;
  // Publishing used to be this line; it is now a recorded act (publish).
  if (r.has("published")) {
    const std::string value = scalar_text(r.node("published"));
    diags.warning(r.at("published"), "published-line",
                  "review.yaml 中的 published 已不起作用：月份须用 creditgen publish 发布，发布记录写在 "
                  "publications/ 中。请删除此行" +
                      (value.empty() ? std::string("") : "；如本月尚未发布，请运行 creditgen publish --month " + month.str() + " --date " + value));
  }
  if (auto v = r.choice("default", false, {"pending", "accepted"}))
    review.default_status = *v == "accepted" ? model::ReviewStatus::accepted : model::ReviewStatus::pending;
  YAML::Node decisions = r.node("decisions");
  if (decisions.IsDefined() && !decisions.IsNull() && expect_map(file, decisions, "字段“decisions”", diags)) {
    for (auto it = decisions.begin(); it != decisions.end(); ++it) {
      std::string raw = scalar_text(it->first);
      std::string key = normalize_review_key(raw);
      if (key.empty()) {
        diags.error(file.at(it->first), "bad-value", "审核决定的事项路径为空，应为如 lingang/news/a.md 的路径");
        continue;
      }
      if (review.decisions.count(key)) {
        diags.error(file.at(it->first), "duplicate", "对“" + raw + "”的审核决定重复出现，每个事项只能写一次");
        continue;
      }
      model::Decision d;
      const YAML::Node v = it->second;  // a copy: `it->` yields a temporary
      d.where = v.IsNull() ? file.at(it->first) : file.at(v);
      std::optional<std::string> status;
      static const std::vector<std::string> allowed = {"accepted", "rejected", "pending"};
      if (v.IsScalar()) {
        status = trim(v.Scalar());
        if (std::find(allowed.begin(), allowed.end(), *status) == allowed.end()) {
          diags.error(d.where, "bad-value",
                      "审核决定“" + *status + "”无效，应为 accepted、rejected、pending 之一或 {status, reason}");
          continue;
        }
      } else if (v.IsMap()) {
        MapReader dr(file, v, diags);
        status = dr.choice("status", true, allowed);
        if (auto reason = dr.text("reason", false)) d.reason = *reason;
        if (status && *status == "rejected" && d.reason.empty())
          dr.missing("reason（退回原因），退回的事项必须说明原因");
        dr.finish();
        if (dr.failed()) continue;
      } else {
        diags.error(d.where, "bad-value", "审核决定应为 accepted、rejected、pending 或 {status, reason}，实际为" +
                                              node_kind_zh(v));
        continue;
      }
      if (*status == "rejected" && d.reason.empty()) {
        diags.error(d.where, "missing-field", "退回（rejected）的事项必须说明原因，请写成 {status: rejected, reason: …}");
        continue;
      }
      d.status = *status == "accepted"   ? model::ReviewStatus::accepted
                 : *status == "rejected" ? model::ReviewStatus::rejected
                                         : model::ReviewStatus::pending;
      review.decisions.emplace(key, std::move(d));
    }
  }
  r.finish();
  return review;
}

std::vector<model::Penalty> read_penalties(const YamlFile& file, const std::vector<model::Unit>& units,
                                           Diagnostics& diags) {
  std::vector<model::Penalty> out;
  if (file.root().IsNull() || !expect_map(file, file.root(), "penalties.yaml", diags)) return out;
  MapReader top(file, file.root(), diags);
  YAML::Node list = top.node("penalties");
  if (list.IsDefined() && !list.IsNull()) {
    if (!list.IsSequence()) {
      top.bad_value("penalties", "字段“penalties”应为列表，实际为" + node_kind_zh(list));
    } else {
      for (const auto& entry : list) {
        if (!expect_map(file, entry, "扣分条目", diags)) continue;
        MapReader r(file, entry, diags);
        model::Penalty p;
        p.where = file.at(entry);
        if (auto u = r.text("unit", true)) {
          bool known = std::any_of(units.begin(), units.end(), [&](auto& x) { return x.id == *u; });
          if (!known) {
            diags.error(r.at("unit"), "unknown-unit",
                        "单位 id“" + *u + "”不在 units.yaml 中" + unit_suggestion(*u, units));
            r.mark_failed();
          }
          p.unit = *u;
        }
        if (auto v = r.text("reason", true)) p.reason = *v;
        if (auto v = r.number("points", false, 0)) p.points = *v;
        if (auto v = r.integer("months", false, 1, 1200)) p.months = static_cast<int>(*v);
        r.finish();
        if (!r.failed()) out.push_back(std::move(p));
      }
    }
  }
  top.finish();
  return out;
}

FigureValue parse_figure(const YAML::Node& node, model::MetricKind kind) {
  if (!node.IsScalar() || trim(node.Scalar()).empty()) return {std::nullopt, "应为单个数值，实际为" + node_kind_zh(node)};
  std::string s = trim(node.Scalar());
  switch (kind) {
    case model::MetricKind::rate: {
      bool percent = !s.empty() && s.back() == '%';
      auto v = parse_number(percent ? std::string_view(s).substr(0, s.size() - 1) : std::string_view(s));
      if (v && percent) *v /= 100;
      if (!v || *v < 0 || *v > 1) return {std::nullopt, "比率“" + s + "”无效，应为 0 到 1 之间的数或 98.5% 这样的百分数"};
      return {*v, ""};
    }
    case model::MetricKind::count: {
      auto v = parse_integer(s);
      if (!v || *v < 0) return {std::nullopt, "数量“" + s + "”无效，应为不小于 0 的整数"};
      return {static_cast<double>(*v), ""};
    }
    case model::MetricKind::amount: {
      auto v = parse_number(s);
      if (!v || *v < 0) return {std::nullopt, "金额“" + s + "”无效，应为不小于 0 的数（万元）"};
      return {*v, ""};
    }
    case model::MetricKind::rank: {
      auto v = parse_integer(s);
      if (!v || *v < 1) return {std::nullopt, "名次“" + s + "”无效，应为不小于 1 的整数"};
      return {static_cast<double>(*v), ""};
    }
  }
  return {std::nullopt, "无法识别的类型"};
}

namespace {

struct SeenFigure {
  std::optional<model::Figure> figure;  ///< empty when discarded as [bad-metric]
  Location where;
};
using FigureTable = std::map<std::string, std::map<std::string, SeenFigure>>;

// Reads one flat name → value mapping of figures for `unit`.
void read_figure_map(const YamlFile& file, const YAML::Node& map, const std::string& unit,
                     const model::Rulebook& rb, bool platform, FigureTable& out, Diagnostics& diags) {
  MapReader dup(file, map, diags);  // reports repeated names as [duplicate]
  auto& dest = out[unit];
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string name = scalar_text(it->first);
    if (!seen.insert(name).second) continue;
    dup.node(name);
    Location where = it->second.IsNull() ? file.at(it->first) : file.at(it->second);
    SeenFigure sf{std::nullopt, where};
    auto decl = rb.metrics.find(name);
    if (decl == rb.metrics.end()) {
      diags.error(where, "bad-metric", "指标数据“" + name + "”未在适用的规则文件 " + rb.file + " 中声明，已舍弃");
    } else {
      auto fv = parse_figure(it->second, decl->second.kind);
      if (fv.value)
        sf.figure = model::Figure{*fv.value, where, platform};
      else
        diags.error(where, "bad-metric", "指标数据“" + name + "”的" + fv.problem + "，已舍弃");
    }
    dest.emplace(name, std::move(sf));
  }
}

}  // namespace

model::Month load_month(const fs::path& root, const std::string& shown_root, YearMonth m,
                        const model::Content& content, Diagnostics& diags, const SourceTree& tree, unsigned jobs) {
  model::Month month;
  month.month = m;
  const std::string name = m.str();
  const fs::path dir = root / name;
  month.dir = shown_path(shown_root, name);
  std::set<std::string> unit_dirs;  // known unit folders report their own unsafe entries
  for (auto& u : content.units)
    if (tree.type(dir / u.id) == EntryType::directory) unit_dirs.insert(u.id);
  month.files = list_month_files(dir, month.dir, unit_dirs, diags, tree);

  const model::Rulebook* rb = content.rulebook_for(m);
  if (!rb) {
    month.scorable = false;
    std::string first = content.rulebooks.empty() ? "" : "（最早的规则文件自 " + content.rulebooks.front().effective.str() + " 起生效）";
    diags.error({month.dir, 1, 1}, "bad-month", "没有适用于 " + name + " 的规则文件" + first + "，本月不计分");
  }

  struct Entry {
    std::string name;
    EntryType type;
  };
  std::vector<Entry> entries;
  std::error_code ec;
  for (auto& e : tree.list(dir, ec)) entries.push_back({std::move(e.name), EntryType::missing});  // its size checked by list_month_files
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  for (Entry& e : entries) e.type = tree.type(dir / e.name);
  auto is_unit_folder = [&](const Entry& e) { return e.type == EntryType::directory && content.unit(e.name); };

  // The unit folders, most of a month's work, are read on `jobs` threads,
  // each with its own libmagic handle, into slots of their own; they join
  // the month below in name order, so the month and its diagnostics are
  // what one thread would give.
  struct UnitSlot {
    size_t entry = 0;
    model::UnitMonth folder;
    FigureTable figures;
    Diagnostics diags;
  };
  std::vector<UnitSlot> slots;
  for (size_t i = 0; i < entries.size(); ++i)
    if (is_unit_folder(entries[i])) slots.emplace_back().entry = i;
  std::atomic<size_t> next_slot{0};
  const unsigned workers = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(slots.size())));
  parallel_for(workers, workers, [&](size_t) {
    const FormatIdentifier formats;  // libmagic is not thread-safe: a handle per thread
    for (size_t k; (k = next_slot++) < slots.size();) {
      UnitSlot& slot = slots[k];
      const std::string& entry = entries[slot.entry].name;
      const fs::path p = dir / entry;
      const std::string shown = shown_path(month.dir, entry);
      UnitFolderContext ctx{p, shown, entry, m, &content.site, &tree, &formats, &month.files};
      slot.folder = load_unit_folder(ctx, slot.diags);
      slot.folder.unit = entry;
      fs::path metrics = p / "metrics.yaml";
      if (rb && tree.type(metrics) == EntryType::regular) {
        auto f = read_yaml_file(metrics, shown_path(shown, "metrics.yaml"), slot.diags, tree);
        if (f && !f->root().IsNull() && expect_map(*f, f->root(), "metrics.yaml", slot.diags))
          read_figure_map(*f, f->root(), entry, *rb, false, slot.figures, slot.diags);
      }
    }
  });

  FigureTable platform, own;
  auto slot = slots.begin();
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string& entry = entries[i].name;
    const EntryType t = entries[i].type;
    fs::path p = dir / entry;
    std::string shown = shown_path(month.dir, entry);
    if (t == EntryType::symlink || t == EntryType::special || t == EntryType::missing) continue;  // listed above
    if (slot != slots.end() && slot->entry == i) {
      diags.append(slot->diags);
      month.units.emplace(entry, std::move(slot->folder));
      for (auto& [unit, figures] : slot->figures) own[unit] = std::move(figures);
      ++slot;
    } else if (t == EntryType::regular && entry == "review.yaml") {
      if (auto f = read_yaml_file(p, shown, diags, tree)) month.review = read_review(*f, m, diags);
    } else if (t == EntryType::regular && entry == "penalties.yaml") {
      if (auto f = read_yaml_file(p, shown, diags, tree)) month.penalties = read_penalties(*f, content.units, diags);
    } else if (t == EntryType::regular && entry == "platform.yaml") {
      auto f = read_yaml_file(p, shown, diags, tree);
      if (!f || !rb || f->root().IsNull() || !expect_map(*f, f->root(), "platform.yaml", diags)) continue;
      MapReader dup(*f, f->root(), diags);
      std::set<std::string> seen;
      for (auto it = f->root().begin(); it != f->root().end(); ++it) {
        std::string unit = scalar_text(it->first);
        if (!seen.insert(unit).second) continue;
        dup.node(unit);
        if (!content.unit(unit)) {
          diags.error(f->at(it->first), "unknown-unit",
                      "platform.yaml 中的单位 id“" + unit + "”不在 units.yaml 中" + unit_suggestion(unit, content.units));
          continue;
        }
        if (it->second.IsNull()) continue;
        if (!expect_map(*f, it->second, "单位“" + unit + "”的指标数据", diags)) continue;
        read_figure_map(*f, it->second, unit, *rb, true, platform, diags);
      }
    } else if (t == EntryType::directory) {
      diags.error({shown, 1, 1}, "unknown-unit",
                  "文件夹“" + entry + "”不是 units.yaml 中的单位 id" + unit_suggestion(entry, content.units) +
                      "（该文件夹的内容不会被读取）");
    } else {
      diags.warning({shown, 1, 1}, "unknown-field",
                    "月份文件夹中不应有“" + entry + "”，已忽略（应为 review.yaml、platform.yaml、penalties.yaml 或单位文件夹）");
    }
  }

  // Merge: the platform's figure wins; the unit's stands in when the
  // platform's was discarded.
  for (auto& [unit, figs] : own) {
    for (auto& [metric, sf] : figs) {
      const SeenFigure* plat = nullptr;
      if (auto pu = platform.find(unit); pu != platform.end())
        if (auto pf = pu->second.find(metric); pf != pu->second.end()) plat = &pf->second;
      if (plat) {
        diags.error(sf.where, "duplicate",
                    "指标数据“" + metric + "”同时出现在 platform.yaml（第 " + std::to_string(plat->where.line) +
                        " 行）和本单位的 metrics.yaml 中，" +
                        (plat->figure ? "以 platform.yaml 为准" : "platform.yaml 的数据无效，以本文件为准"));
        if (plat->figure) continue;
      }
      if (sf.figure) month.figures[unit][metric] = *sf.figure;
    }
  }
  for (auto& [unit, figs] : platform)
    for (auto& [metric, sf] : figs)
      if (sf.figure) month.figures[unit][metric] = *sf.figure;
  return month;
}

}  // namespace creditgen::load
