// `creditgen new news|campaign`: a valid skeleton item in the right folder.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "base/spelling.h"
#include "cli/cli.h"
#include "cli/pipeline.h"
#include "cli/wall_clock.h"
#include "load/placeholders.h"

namespace creditgen::cli {
namespace {

namespace fs = std::filesystem;

// A double-quoted YAML scalar, so any title (colons, quotes, #) stays text.
std::string yaml_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}


std::string news_skeleton(const std::string& title, const DateTime& now) {
  return "---\n"
         "title: " + yaml_quoted(title) + "    # 必填：信息标题\n"
         "date: " + now.date.str() + "    # 必填：事件发生日期 YYYY-MM-DD（须在本月内）\n"
         "submitted: " + now.date.str() + " " + (now.str().substr(11, 5)) +
         "    # 必填：报送时间 YYYY-MM-DD HH:MM（须在事件当天结束后规定小时数内）\n"
         "author:    # 可选：撰稿人\n"
         "tags: []    # 可选：标签，如 [信用承诺, 培训]\n"
         "attachments: []    # 可选：附件，路径相对于本单位文件夹，如 [files/现场照片.jpg]\n"
         "---\n" +
         std::string(load::kNewsBodyPlaceholder) + "\n";
}

std::string campaign_skeleton(const std::string& title, const std::string& slug, const DateTime& now) {
  return "---\n"
         "title: " + yaml_quoted(title) + "    # 必填：活动名称\n"
         "start: " + now.date.str() + "    # 必填：活动开始日期 YYYY-MM-DD\n"
         "end: " + now.date.str() + "    # 必填：活动结束日期（不早于开始日期，须在本月内）\n"
         "submitted: " + now.date.str() + " " + (now.str().substr(11, 5)) + "    # 必填：报送时间 YYYY-MM-DD HH:MM\n"
         "location: " + std::string(load::kLocationPlaceholder) + "    # 必填：活动地点\n"
         "theme: 其他    # 必填：进社区 进企业 进校园 进医院 进村居 进机关 进商圈 其他\n"
         "occasion:    # 可选：活动契机，如 3·15消费者权益日\n"
         "participants: 0    # 可选：参加人数（非负整数）\n"
         "photos: [files/" + slug + "-1.jpg]    # 必填：至少一张现场照片，请把照片放到该路径\n"
         "# plan: files/" + slug + "-方案.pdf    # 建议：活动方案\n"
         "---\n" +
         std::string(load::kCampaignBodyPlaceholder) + "\n";
}

int run_new(const Args& args) {
  const Command& cmd = new_command();
  if (args.positional.size() != 1) return usage_error(cmd, "请指定要创建的类型：news 或 campaign");
  const std::string kind = args.positional[0];
  if (kind != "news" && kind != "campaign") return usage_error(cmd, "类型只能是 news 或 campaign，而不是“" + kind + "”");
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
  if (!content.unit(unit_id)) {
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
  if (month != now.date.year_month()) now.date = Date{month.year, month.month, 1};

  const std::string folder = kind == "news" ? "news" : "campaigns";
  fs::path dir = fs::path(content_dir) / month.str() / unit_id / folder;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "creditgen new: 无法创建文件夹 " << dir.string() << "：" << ec.message() << " [io]\n";
    return kExitFatal;
  }
  const std::string base = now.date.str() + "-" + kind;
  std::string slug = base;
  for (int n = 2; fs::exists(dir / (slug + ".md")) || fs::is_symlink(dir / (slug + ".md")); ++n)
    slug = base + "-" + std::to_string(n);
  const std::string title =
      args.get("title", kind == "news" ? load::kNewsTitlePlaceholder : load::kCampaignTitlePlaceholder);
  const std::string text = kind == "news" ? news_skeleton(title, now) : campaign_skeleton(title, slug, now);

  fs::path path = dir / (slug + ".md");
  // O_EXCL semantics: never overwrite, even if the file appeared meanwhile.
  std::FILE* f = std::fopen(path.c_str(), "wx");
  if (!f) {
    std::cerr << "creditgen new: 无法创建 " << path.string() << "（文件已存在或无写权限） [io]\n";
    return kExitFatal;
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::cerr << "creditgen new: 写入 " << path.string() << " 失败 [io]\n";
    return kExitFatal;
  }
  std::cout << path.string() << "\n";
  std::cerr << "已创建" << (kind == "news" ? "信用动态" : "诚信宣传活动") << "：" << path.string()
            << "。请补全带“必填”注释的字段后运行 creditgen check。\n";
  return kExitOk;
}

}  // namespace

const Command& new_command() {
  static const Command cmd{"new",
                           "creditgen new news|campaign --unit ID [--month YYYY-MM] [--title 标题] [--content DIR]",
                           "在对应单位、月份文件夹中创建一篇新的信用动态或诚信宣传活动草稿",
                           {{"unit", "ID", "单位标识（units.yaml 中的 id，必填）"},
                            {"month", "YYYY-MM", "月份，默认本月"},
                            {"title", "TITLE", "标题"},
                            {"content", "DIR", "内容目录，默认 content"}},
                           &run_new};
  return cmd;
}

}  // namespace creditgen::cli
