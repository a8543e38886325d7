#include "load/load.h"

#include <algorithm>
#include <regex>
#include <set>

#include "base/parallel.h"
#include "load/month.h"
#include "load/month_cache.h"
#include "load/publications.h"
#include "load/rulebook.h"
#include "load/site_files.h"
#include "load/source_file.h"

namespace creditgen::load {

namespace fs = std::filesystem;

namespace {

std::optional<model::Content> load_from(const SourceTree& tree, const fs::path& root, const std::string& shown_root,
                                        Diagnostics& diags, const fs::path& month_cache, ExplainLog* explain) {
  const bool on_disk = &tree == &disk_tree();  // only the disk has stamps to key the month cache by
  model::Content content;
  content.root = root;
  content.shown_root = shown_root;

  // The folder named on the command line may itself be a link (a deployment
  // choice); only what is below it is never followed.
  std::error_code dir_ec;
  if (on_disk ? !std::filesystem::is_directory(root, dir_ec) : tree.type(root) != EntryType::directory) {
    diags.error({shown_root, 1, 1}, "missing-field", kNoContentFolder);
    return std::nullopt;
  }

  // The three fatal parts are all loaded before giving up, so one run shows
  // every problem that stops it.
  auto site = load_site(root, shown_root, diags, tree);
  auto units = load_units(root, shown_root, diags, tree);
  auto rulebooks = load_rulebooks(root, shown_root, diags, units ? &*units : nullptr, tree);
  auto publications = load_publications(root, shown_root, diags, tree);
  if (!site || !units || !rulebooks || !publications) return std::nullopt;
  content.publications = std::move(*publications);
  content.site = std::move(*site);
  content.units = std::move(*units);
  content.index_units();
  content.rulebooks = std::move(*rulebooks);
  content.calendar = load_calendar(root, shown_root, diags, tree);

  std::vector<std::string> names;
  std::error_code ec;
  for (auto& e : list_folder(tree, root, shown_root, diags, ec)) names.push_back(std::move(e.name));
  std::sort(names.begin(), names.end());

  static const std::regex month_like(R"(^\d{4}-\d+$)");
  std::vector<YearMonth> months;
  for (auto& name : names) {
    std::string shown = shown_path(shown_root, name);
    EntryType t = tree.type(root / name);
    if (t == EntryType::symlink || t == EntryType::special) {
      diags.error({shown, 1, 1}, "unsafe-path",
                  t == EntryType::symlink ? "符号链接不会被读取、发布或装入证据包，请换成真实的文件或文件夹"
                                          : "设备、管道或套接字等特殊文件不会被读取、发布或装入证据包，请删除");
      continue;
    }
    if (t == EntryType::regular) {
      if (name == "site.yaml" || name == "units.yaml" || name == "calendar.yaml") {
        content.site_files.push_back(name);
      } else if (name[0] != '.') {
        diags.warning({shown, 1, 1}, "unknown-field",
                      "内容文件夹顶层的文件“" + name + "”不是 site.yaml、units.yaml 或 calendar.yaml，已忽略");
      }
      continue;
    }
    if (t != EntryType::directory || name == "rules" || name == kPublicationsFolder) continue;
    // Hidden folders (.git of a versioned content folder) are not content.
    if (name[0] == '.') continue;
    if (auto ym = YearMonth::parse(name); ym && ym->str() == name) {
      months.push_back(*ym);
    } else if (std::regex_match(name, month_like)) {
      diags.error({shown, 1, 1}, "bad-month",
                  "文件夹名“" + name + "”不是真实的月份，应为 YYYY-MM（月份 01–12，两位数字），如 2022-05；该文件夹不会被读取");
    } else {
      diags.warning({shown, 1, 1}, "unknown-field",
                    "内容文件夹顶层的文件夹“" + name + "”不是月份文件夹（YYYY-MM）或 rules/，已忽略");
    }
  }
  std::sort(content.site_files.begin(), content.site_files.end());
  // A calendar that stops before the months being scored silently counts
  // their holidays as working days.
  if (tree.type(root / "calendar.yaml") == EntryType::regular) {
    std::set<int> years;
    for (YearMonth m : months) years.insert(m.year);
    for (int year : years) {
      const auto first = content.calendar.holidays.lower_bound(Date{year, 1, 1});
      if (first == content.calendar.holidays.end() || first->year != year)
        diags.warning({shown_path(shown_root, "calendar.yaml"), 1, 1}, "calendar",
                      "calendar.yaml 中没有 " + std::to_string(year) + " 年的节假日，而内容中有 " + std::to_string(year) +
                          " 年的月份：这些月份按工作日计的用时不会扣除法定节假日。请补充当年的放假安排");
    }
  }
  // Months are independent of each other: read them on every core, each
  // with its own diagnostics, appended in month order so the result does not
  // depend on the threads' timing.
  std::vector<std::optional<model::Month>> loaded(months.size());
  std::vector<Diagnostics> month_diags(months.size());
  // Within a month its unit folders are shared out too: with fewer months
  // than cores, or a last month left alone (three months on two cores),
  // one core would otherwise read a whole month while the others wait.
  const unsigned side_by_side = std::max(1u, std::min<unsigned>(cores(), static_cast<unsigned>(months.size())));
  const unsigned unit_jobs = cores() <= 1 ? 1 : std::max(2u, cores() / side_by_side);
  parallel_for(months.size(), cores(), [&](size_t i) {
    // The key is taken before loading: a file changed meanwhile makes the
    // next build's key differ from the one the month is known by, never the
    // reverse.
    FolderListing listing;
    Inputs inputs =
        on_disk ? month_inputs(root, shown_root, months[i], content, &listing) : Inputs().unknown("content-folder");
    const fs::path saved = month_cache.empty() || !on_disk ? fs::path() : month_cache / (months[i].str() + ".bin");
    Staleness staleness{true, "未使用缓存"};
    if (auto cached = saved.empty() ? std::nullopt : read_cached_month(saved, inputs, staleness, &listing)) {
      for (auto& d : cached->diagnostics) month_diags[i].add(std::move(d));
      loaded[i] = std::move(cached->month);
    } else {
      if (explain) explain->redone("读取 " + months[i].str(), staleness.why);
      loaded[i] = load_month(root, shown_root, months[i], content, month_diags[i], tree, unit_jobs);
      if (!saved.empty()) write_cached_month(saved, inputs, *loaded[i], month_diags[i].all(), listing);
    }
    loaded[i]->inputs = std::move(inputs);
  });
  for (size_t i = 0; i < loaded.size(); ++i) {
    diags.append(month_diags[i]);
    content.months.push_back(std::move(*loaded[i]));
  }
  // What makes a month published is its record, never the month folder (so
  // the month cache, keyed by the folder, cannot hold it).
  bool records_ok = true;
  for (const auto& [month, publication] : content.publications) {
    auto it = std::find_if(content.months.begin(), content.months.end(),
                           [&](const model::Month& m) { return m.month == month; });
    if (it == content.months.end()) {
      diags.error({publication.file, 1, 1}, "bad-publication",
                  "发布记录所指的月份文件夹 " + month.str() + " 不存在：已发布月份的材料不能删除");
      records_ok = false;
      continue;
    }
    it->published = publication.first().date;
  }
  if (!records_ok) return std::nullopt;
  return content;
}

}  // namespace

std::optional<model::Content> load_content(const fs::path& root, const std::string& shown_root, Diagnostics& diags,
                                           const fs::path& month_cache, ExplainLog* explain) {
  return load_from(disk_tree(), root, shown_root, diags, month_cache, explain);
}

std::optional<model::Content> load_content(const SourceTree& tree, const fs::path& root, const std::string& shown_root,
                                           Diagnostics& diags) {
  return load_from(tree, root, shown_root, diags, {}, nullptr);
}

}  // namespace creditgen::load
