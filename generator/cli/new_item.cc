// `creditgen new news|campaign`: a valid skeleton item in the right folder.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "base/spelling.h"
#include "cli/cli.h"
#include "cli/pipeline.h"
#include "cli/wall_clock.h"
#include "cli/skeletons.h"
#include "load/placeholders.h"
#include "load/yaml_fields.h"

namespace creditgen::cli {
namespace {

namespace fs = std::filesystem;

bool write_new_file(const fs::path& path, const std::string& text) {
  // O_EXCL semantics: never overwrite, even if the file appeared meanwhile.
  std::FILE* f = std::fopen(path.c_str(), "wx");
  if (!f) {
    std::cerr << "creditgen new: 无法创建 " << path.string() << "（文件已存在或无写权限） [io]\n";
    return false;
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) std::cerr << "creditgen new: 写入 " << path.string() << " 失败 [io]\n";
  return ok;
}

std::optional<std::string> read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Appends `addition` to the file at `path` (creating it with `header` when it
// does not exist), but only if the result still parses with one more entry
// under `key` (key empty: still parses as a mapping). Otherwise prints the
// addition for the clerk to paste and fails: a file is never left broken.
bool append_entry(const fs::path& path, const std::string& header, const std::string& addition,
                  std::string_view key, int& first_line) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    first_line = 1 + static_cast<int>(std::count(header.begin(), header.end(), '\n'));
    return write_new_file(path, header + addition);
  }
  auto old_text = read_whole(path);
  if (!old_text) {
    std::cerr << "creditgen new: 无法读取 " << path.string() << " [io]\n";
    return false;
  }
  std::string text = *old_text;
  if (!text.empty() && text.back() != '\n') text += '\n';
  first_line = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  text += addition;
  const auto before = load::count_entries(*old_text, key);
  const auto after = load::count_entries(text, key);
  const bool fits = before && after && *after == *before + 1;
  if (!fits) {
    std::cerr << "creditgen new: 无法在 " << path.string() << " 末尾自动添加（文件有语法错误，"
              << (key.empty() ? std::string("不是“名称: 值”的映射，或已有同名的行")
                              : "或最后一个字段不是 " + std::string(key) + ": 下的条目列表")
              << "）。请把以下内容手工复制到文件中合适的位置：\n\n"
              << addition << "\n [new-append]\n";
    return false;
  }
  std::ofstream out(path, std::ios::binary | std::ios::app);
  if (old_text->size() && old_text->back() != '\n') out << '\n';
  out << addition;
  out.close();
  if (!out) {
    std::cerr << "creditgen new: 写入 " << path.string() << " 失败 [io]\n";
    return false;
  }
  return true;
}

int run_new(const Args& args) {
  const Command& cmd = new_command();
  if (args.positional.size() != 1) return usage_error(cmd, "请指定要创建的材料类型：" + skeleton_kind_names());
  const SkeletonKind* kind = find_skeleton_kind(args.positional[0]);
  if (!kind) {
    std::vector<std::string> names;
    for (const auto& k : skeleton_kinds()) names.emplace_back(k.name);
    std::string msg = "材料类型只能是 " + skeleton_kind_names() + "，而不是“" + args.positional[0] + "”";
    if (auto guess = closest_match(args.positional[0], names)) msg += "。您是不是要输入“" + *guess + "”？";
    return usage_error(cmd, msg);
  }
  if (!args.values.count("unit")) return usage_error(cmd, "缺少 --unit 单位标识");
  const std::string content_dir = args.get("content", "content");

  Diagnostics diags;
  auto reviewed = load_and_review(content_dir, diags);
  if (!reviewed) {
    print_diagnostics(diags);
    return kExitFatal;
  }
  const auto& content = reviewed->content;
  const std::string unit_id = args.get("unit", "");
  const model::Unit* unit = content.unit(unit_id);
  if (!unit) {
    std::vector<std::string> ids;
    for (auto& u : content.units) ids.push_back(u.id);
    std::string msg = "未知单位“" + unit_id + "”";
    if (auto guess = closest_match(unit_id, ids)) msg += "，您是不是要输入“" + *guess + "”？";
    std::cerr << "creditgen new: " << msg << " [unknown-unit]\n";
    return kExitContentErrors;
  }

  DateTime now = now_at_offset(content.site.utc_offset_minutes);
  YearMonth month = now.date.year_month();
  if (args.values.count("month")) {
    auto m = YearMonth::parse(args.get("month", ""));
    if (!m) return usage_error(cmd, "月份“" + args.get("month", "") + "”无效，应为 YYYY-MM");
    month = *m;
  }
  // What was published changes only by an explicit correction.
  if (const model::Publication* p = content.publication(month)) {
    std::cerr << "creditgen new: " << month.str() << " 已于 " << p->newest().date.str()
              << " 发布，不能再新增材料。如确需更正已发布的月报：修改材料后用 creditgen build --preview-correction "
              << month.str() << " 预览，再运行 creditgen publish --month " << month.str()
              << " --correct --reason \"更正原因\" [published-month]\n";
    return kExitContentErrors;
  }
  // An item for another month is dated on that month's first day so that it
  // passes the date-outside-month check; the office edits the date anyway.
  if (month != now.date.year_month()) now = DateTime{Date{month.year, month.month, 1}, 9, 0, 0};

  SkeletonContext ctx{unit->id, unit->name, month, now, args.get("title", ""), "", content.rulebook_for(month)};
  const bool in_unit = kind->place == SkeletonPlace::unit_markdown || kind->place == SkeletonPlace::unit_list ||
                       kind->place == SkeletonPlace::unit_map;
  fs::path dir = fs::path(content_dir) / month.str();
  if (in_unit) dir /= unit_id;
  if (kind->place == SkeletonPlace::unit_markdown) dir /= std::string(kind->file);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "creditgen new: 无法创建文件夹 " << dir.string() << "：" << ec.message() << " [io]\n";
    return kExitFatal;
  }

  fs::path path;
  int line = 1;
  if (kind->place == SkeletonPlace::unit_markdown) {
    const std::string base = now.date.str() + "-" + std::string(kind->name);
    ctx.slug = base;
    for (int n = 2; fs::exists(dir / (ctx.slug + ".md")) || fs::is_symlink(dir / (ctx.slug + ".md")); ++n)
      ctx.slug = base + "-" + std::to_string(n);
    path = dir / (ctx.slug + ".md");
    if (!write_new_file(path, skeleton_text(*kind, ctx))) return kExitFatal;
  } else if (kind->place == SkeletonPlace::unit_map) {
    path = dir / std::string(kind->file);
    if (fs::exists(path, ec) || fs::is_symlink(path, ec)) {
      std::cerr << "creditgen new: " << path.string() << " 已存在，请直接编辑它 [io]\n";
      return kExitContentErrors;
    }
    if (!write_new_file(path, skeleton_text(*kind, ctx))) return kExitFatal;
  } else {
    path = dir / std::string(kind->file);
    if (kind->place == SkeletonPlace::month_map) {
      // One line per unit: a second one would be a [duplicate] the clerk did not write.
      const std::string old_text = read_whole(path).value_or("");
      if (old_text.starts_with(unit_id + ":") || old_text.find("\n" + unit_id + ":") != std::string::npos) {
        std::cerr << "creditgen new: " << path.string() << " 中已有单位 " << unit_id << " 的行，请直接编辑它 [new-append]\n";
        return kExitContentErrors;
      }
    }
    const std::string header = kind->list_key.empty() ? std::string() : list_file_header(*kind, ctx);
    if (!append_entry(path, header, skeleton_text(*kind, ctx), kind->list_key, line)) return kExitContentErrors;
  }
  std::cout << path.string() << "\n";
  std::cerr << "已" << (kind->place == SkeletonPlace::unit_markdown || kind->place == SkeletonPlace::unit_map
                            ? "创建" + std::string(kind->name_zh) + "：" + path.string()
                            : "在 " + path.string() + " 第 " + std::to_string(line) + " 行添加一条" +
                                  std::string(kind->name_zh))
            << (kind->place == SkeletonPlace::unit_map || kind->place == SkeletonPlace::month_map
                    ? "。请按注释填写数据后运行 creditgen check。\n"
                    : "。请把所有“请填写…”改为实际内容，补全带“必填”注释的字段后运行 creditgen check。\n");
  return kExitOk;
}

}  // namespace

const Command& new_command() {
  static const Command cmd{"new",
                           "creditgen new 类型 --unit ID [--month YYYY-MM] [--title 标题] [--content DIR]",
                           "为单位新建一份材料草稿。类型：news 信用动态、campaign 诚信宣传活动（新文件）；"
                           "policy 制度文件、scenario 应用场景、supervision 监管领域、ledger 归集台账、incident 严重失信事件、"
                           "objection 异议处理（在清单文件末尾添加一条）；metrics 单位自报数据；penalty 扣分、platform "
                           "平台数据（月份文件夹中的文件，--unit 为相关单位）",
                           {{"unit", "ID", "单位标识（units.yaml 中的 id，必填）"},
                            {"month", "YYYY-MM", "月份，默认本月"},
                            {"title", "TITLE", "标题"},
                            {"content", "DIR", "内容目录，默认 content"}},
                           &run_new};
  return cmd;
}

}  // namespace creditgen::cli
