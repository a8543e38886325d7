#include "cli/rederive.h"

#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

#include "load/load.h"

namespace creditgen::cli {

namespace fs = std::filesystem;

namespace {

// "Label: value" of bag-info.txt (the first of each label).
std::string bag_info_value(const std::string& bag_info, const std::string& label) {
  std::istringstream in(bag_info);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(label + ": ", 0) == 0) return line.substr(label.size() + 2);
  return {};
}

std::string shown(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return "无";
  return v.toString();
}

}  // namespace

std::unique_ptr<BagMonth> load_bag_month(const fs::path& zip, std::string& error) {
  auto bag = std::make_unique<BagMonth>();
  bag->tree = bundle::BagTree::open(zip, error);
  if (!bag->tree) return nullptr;
  const auto info = bag->tree->read_entry("bag-info.txt");
  if (!info) {
    error = "证据包中没有 bag-info.txt";
    return nullptr;
  }
  const auto month = YearMonth::parse(bag_info_value(*info, "Credit-Month"));
  if (!month) {
    error = "bag-info.txt 中没有有效的 Credit-Month";
    return nullptr;
  }
  bag->month = *month;
  const std::string shown_root = zip.filename().string() + ":data/content";
  auto content = load::load_content(*bag->tree, bundle::BagTree::content_root(), shown_root, bag->diagnostics);
  if (!content) {
    error = "包内的站点设置、单位名单或指标规则无法读取";
    return nullptr;
  }
  bag->content = std::move(*content);
  model::Month* m = nullptr;
  for (auto& candidate : bag->content.months)
    if (candidate.month == *month) m = &candidate;
  if (!m) {
    error = "包内没有 " + month->str() + " 的材料";
    return nullptr;
  }
  // A sealed bag was judged (obligations) at its first publication.
  if (bag_info_value(*info, "Bundle-Revision") != "draft") {
    std::string first = bag_info_value(*info, "Original-Publication-Date");
    if (first.empty()) first = bag_info_value(*info, "Bagging-Date");
    m->published = Date::parse(first);
  }
  bag->reviewed = review::apply_reviews(bag->content, bag->diagnostics);
  bag->scores = score::score_all(bag->content, bag->reviewed);
  for (const auto& s : bag->scores)
    if (s.month == *month) bag->month_scores = &s;
  if (!bag->month_scores) {
    error = "包内的材料无法为 " + month->str() + " 计分（没有适用的指标规则）";
    return nullptr;
  }
  return bag;
}

bool write_month_files(const BagMonth& bag, const fs::path& dest, std::string& error) {
  const model::Month* m = bag.content.month(bag.month);
  if (!m) {
    error = "包内没有 " + bag.month.str() + " 的材料";
    return false;
  }
  const fs::path folder = bundle::BagTree::content_root() / bag.month.str();
  for (const model::ContentFile& f : m->files) {
    if (!f.safe) continue;
    const auto bytes = bag.tree->read(folder / f.path);
    const fs::path target = dest / f.path;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!bytes || !out.write(bytes->data(), static_cast<std::streamsize>(bytes->size())) || !out.flush()) {
      error = "无法从证据包取出 " + f.path + " 到 " + target.string();
      return false;
    }
  }
  return true;
}

std::vector<std::string> score_differences(const BagMonth& bag) {
  std::vector<std::string> out;
  const std::string json = score::scores_json(*bag.month_scores, bag.content);
  const std::string csv = score::scores_csv(*bag.month_scores, bag.content);
  const auto bundled_json = bag.tree->read_entry("data/scores.json");
  const auto bundled_csv = bag.tree->read_entry("data/scores.csv");
  if (!bundled_json) out.push_back("包内没有 data/scores.json");
  if (!bundled_csv) out.push_back("包内没有 data/scores.csv");
  if (!bundled_json || !bundled_csv) return out;
  if (*bundled_json == json) {
    if (*bundled_csv != csv) out.push_back("data/scores.csv 与按包内材料重新计算的结果不同（scores.json 相同）");
    return out;
  }
  // Name each difference: per unit, its totals and every row.
  Poco::JSON::Object::Ptr given, derived;
  try {
    given = Poco::JSON::Parser().parse(*bundled_json).extract<Poco::JSON::Object::Ptr>();
    derived = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception&) {
    out.push_back("data/scores.json 无法解析，与按包内材料重新计算的结果不同");
    return out;
  }
  auto by_id = [](const Poco::JSON::Object::Ptr& root) {
    std::map<std::string, Poco::JSON::Object::Ptr> units;
    if (auto list = root->getArray("units"))
      for (size_t i = 0; i < list->size(); ++i) {
        auto u = list->getObject(static_cast<unsigned>(i));
        if (u) units[u->getValue<std::string>("id")] = u;
      }
    return units;
  };
  for (const char* key : {"month", "rulebook"})
    if (shown(given->get(key)) != shown(derived->get(key)))
      out.push_back(std::string(key) + "：包内为 " + shown(given->get(key)) + "，重新计算为 " + shown(derived->get(key)));
  // The rulebook's rows as the bag states them.
  auto rows_of = [](const Poco::JSON::Object::Ptr& root) {
    std::map<std::string, Poco::JSON::Object::Ptr> rows;
    if (auto list = root->getArray("rows"))
      for (size_t i = 0; i < list->size(); ++i)
        if (auto r = list->getObject(static_cast<unsigned>(i))) rows[r->getValue<std::string>("id")] = r;
    return rows;
  };
  const auto given_rows = rows_of(given), derived_rows = rows_of(derived);
  for (const auto& [id, d] : derived_rows) {
    auto it = given_rows.find(id);
    if (it == given_rows.end()) {
      out.push_back("评分细则 " + id + "：包内 scores.json 中没有");
      continue;
    }
    for (const char* key : {"indicator", "name", "points"})
      if (shown(it->second->get(key)) != shown(d->get(key)))
        out.push_back("评分细则 " + id + " 的 " + key + "：包内为 " + shown(it->second->get(key)) + "，规则文件为 " +
                      shown(d->get(key)));
  }
  for (const auto& [id, g] : given_rows)
    if (!derived_rows.count(id)) out.push_back("评分细则 " + id + "：包内 scores.json 中有，规则文件中没有");
  const auto given_units = by_id(given), derived_units = by_id(derived);
  for (const auto& [id, d] : derived_units) {
    auto it = given_units.find(id);
    if (it == given_units.end()) {
      out.push_back("单位 " + id + "：包内 scores.json 中没有，重新计算有");
      continue;
    }
    const auto& g = it->second;
    for (const char* key : {"rank", "score", "earned", "applicable", "penalty"})
      if (shown(g->get(key)) != shown(d->get(key)))
        out.push_back("单位 " + id + " " + key + "：包内为 " + shown(g->get(key)) + "，重新计算为 " + shown(d->get(key)));
    auto g_rows = g->getObject("rows"), d_rows = d->getObject("rows");
    if (!g_rows || !d_rows) continue;
    for (const auto& [row, value] : *d_rows) {
      (void)value;
      auto dr = d_rows->getObject(row);
      auto gr = g_rows->has(row) ? g_rows->getObject(row) : nullptr;
      if (!gr) {
        out.push_back("单位 " + id + " 评分细则 " + row + "：包内没有，重新计算有");
        continue;
      }
      for (const char* key : {"value", "points", "flag"})
        if (shown(gr->get(key)) != shown(dr->get(key)))
          out.push_back("单位 " + id + " 评分细则 " + row + " 的 " + key + "：包内为 " + shown(gr->get(key)) +
                        "，重新计算为 " + shown(dr->get(key)));
    }
    for (const auto& [row, value] : *g_rows) {
      (void)value;
      if (!d_rows->has(row)) out.push_back("单位 " + id + " 评分细则 " + row + "：包内有，重新计算没有");
    }
  }
  for (const auto& [id, g] : given_units)
    if (!derived_units.count(id)) out.push_back("单位 " + id + "：包内 scores.json 中有，重新计算没有");
  if (out.empty()) out.push_back("data/scores.json 与按包内材料重新计算的结果字节不同");
  return out;
}

}  // namespace creditgen::cli
