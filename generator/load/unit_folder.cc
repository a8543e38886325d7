#include "load/unit_folder.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <vector>

#include "base/text.h"
#include "load/attachments.h"
#include "load/list_files.h"
#include "load/markdown_items.h"
#include "load/records_csv.h"
#include "load/source_file.h"
#include "load/text_scan.h"

namespace creditgen::load {

namespace {

struct Entry {
  std::string name;
  EntryType type;
};

/// A folder's entries sorted by name bytes, typed without following links.
std::vector<Entry> list_dir(const SourceTree& tree, const std::filesystem::path& dir) {
  std::vector<Entry> out;
  std::error_code ec;
  for (auto& e : tree.list(dir, ec)) out.push_back({std::move(e.name), e.type});
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return out;
}

bool has_ext(const std::string& name, std::string_view ext) {
  return name.size() > ext.size() && ascii_lower(name.substr(name.size() - ext.size())) == ext;
}

/// Walks one unit folder, sorting what it finds; reports what does not belong.
class Walker {
 public:
  Walker(const UnitFolderContext& ctx, Diagnostics& diags) : ctx_(ctx), diags_(diags) {}

  std::vector<std::string> news, campaigns, csvs, list_files;
  std::vector<std::string> pool;  ///< files under files/ and records/ that something should reference

  void run() {
    for (auto& e : list_dir(*ctx_.tree, ctx_.dir)) {
      if (!safe(e, e.name)) continue;
      bool dir = e.type == EntryType::directory, file = e.type == EntryType::regular;
      if (dir && (e.name == "news" || e.name == "campaigns")) {
        items(e.name, e.name == "news" ? news : campaigns);
      } else if (dir && e.name == "files") {
        collect("files");
      } else if (dir && e.name == "records") {
        records();
      } else if (file && std::find(kListFiles.begin(), kListFiles.end(), e.name) != kListFiles.end()) {
        list_files.push_back(e.name);
      } else if (file && e.name == "metrics.yaml") {
        // Read by the month loader, which knows the rulebook's metrics.
      } else {
        unknown(e.name, dir,
                "单位文件夹中只应有 news/、campaigns/、files/、records/ 文件夹和 policies.yaml、scenarios.yaml、"
                "supervision.yaml、ledger.yaml、incidents.yaml、objections.yaml、metrics.yaml");
      }
    }
  }

 private:
  const UnitFolderContext& ctx_;
  Diagnostics& diags_;

  std::string shown(const std::string& rel) const { return shown_path(ctx_.shown_dir, rel); }

  /// A link or special file anywhere is refused and never followed.
  bool safe(const Entry& e, const std::string& rel) {
    if (e.type == EntryType::symlink) {
      diags_.error({shown(rel), 1, 1}, "unsafe-path", "“" + rel + "”是符号链接，出于安全考虑不会读取，也不会发布或打包；请放入真实文件");
      return false;
    }
    if (e.type == EntryType::special) {
      diags_.error({shown(rel), 1, 1}, "unsafe-path", "“" + rel + "”是设备、管道或套接字等特殊文件，不会读取，也不会发布或打包");
      return false;
    }
    return e.type != EntryType::missing;
  }

  void unknown(const std::string& rel, bool dir, const std::string& expected) {
    diags_.warning({shown(rel), 1, 1}, "unknown-field",
                   std::string(dir ? "未知的文件夹" : "未知的文件") + "“" + rel + "”，已忽略，不会发布：" + expected);
    if (dir) sweep(rel);
  }

  /// Reports unsafe entries inside a folder that is otherwise ignored.
  void sweep(const std::string& rel) {
    for (auto& e : list_dir(*ctx_.tree, ctx_.dir / rel)) {
      std::string child = rel + "/" + e.name;
      if (safe(e, child) && e.type == EntryType::directory) sweep(child);
    }
  }

  void items(const std::string& folder, std::vector<std::string>& out) {
    for (auto& e : list_dir(*ctx_.tree, ctx_.dir / folder)) {
      std::string rel = folder + "/" + e.name;
      if (!safe(e, rel)) continue;
      if (e.type == EntryType::regular && has_ext(e.name, ".md")) out.push_back(rel);
      else unknown(rel, e.type == EntryType::directory, folder + "/ 中只应有 .md 文件，附件请放在 files/ 中");
    }
  }

  void collect(const std::string& rel) {
    for (auto& e : list_dir(*ctx_.tree, ctx_.dir / rel)) {
      std::string child = rel + "/" + e.name;
      if (!safe(e, child)) continue;
      if (e.type == EntryType::directory) collect(child);
      else pool.push_back(child);
    }
  }

  void records() {
    for (auto& e : list_dir(*ctx_.tree, ctx_.dir / "records")) {
      std::string rel = "records/" + e.name;
      if (!safe(e, rel)) continue;
      if (e.type == EntryType::directory) collect(rel);
      else if (has_ext(e.name, ".csv")) csvs.push_back(rel);
      else pool.push_back(rel);
    }
  }
};

}  // namespace

model::UnitMonth load_unit_folder(const UnitFolderContext& ctx, Diagnostics& diags) {
  model::UnitMonth um;
  um.unit = ctx.unit;
  if (ctx.tree->type(ctx.dir) != EntryType::directory) return um;

  Walker walk(ctx, diags);
  walk.run();
  AttachmentChecker attachments(ctx);
  TextScanner scanner(ctx.site);

  // Records first: ledger entries compare their `count` with the row counts.
  std::vector<RecordsFile> records;
  for (auto& rel : walk.csvs) {
    attachments.mark_referenced(rel);
    records.push_back(read_records_csv(*ctx.tree, ctx.dir / rel, rel, shown_path(ctx.shown_dir, rel), diags));
  }
  um.uscc = check_uscc(records, diags);

  for (auto& rel : walk.news) um.news.push_back(load_news_item(ctx, {ctx.dir / rel, rel}, attachments, scanner, diags));
  for (auto& rel : walk.campaigns)
    um.campaigns.push_back(load_campaign_item(ctx, {ctx.dir / rel, rel}, attachments, scanner, diags));
  for (auto name : kListFiles)
    if (std::find(walk.list_files.begin(), walk.list_files.end(), name) != walk.list_files.end())
      load_list_file(ctx, name, records, attachments, scanner, um, diags);

  for (auto& rel : walk.pool)
    if (!attachments.referenced().count(rel))
      diags.warning({shown_path(ctx.shown_dir, rel), 1, 1}, "orphan-file",
                    "文件“" + rel + "”没有被任何信用动态、宣传活动或清单条目引用：请在相应条目中引用它，或删除");
  return um;
}

}  // namespace creditgen::load
