// `creditgen init [DIR] --district 名称`: a blank district a clerk can start
// from — site settings, one example unit of every type, a calendar to fill
// in, the default 100-point rulebook and an empty first month. It passes
// `check` (with the warnings that say what to fill in) and builds.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <string>

#include "cli/cli.h"
#include "cli/embedded_files.h"
#include "cli/wall_clock.h"
#include "model/site.h"

namespace creditgen::cli {
namespace {

namespace fs = std::filesystem;

// The default rulebook: the demo district's, compiled in (content/rules/).
constexpr std::string_view kDefaultRulebook = "content/rules/2022-01.yaml";

std::string site_yaml(const std::string& district, const std::string& slug) {
  return "# " + district + "信用状况监测月报 — 站点设置（由 creditgen init 生成，请按实际修改）\n"
         "title: " + district + "信用状况监测月报\n"
         "district: " + district + "\n"
         "slug: " + slug + "    # 证据包文件名用的英文标识：小写字母、数字、连字符\n"
         "office: " + district + "社会信用体系建设工作领导小组办公室\n"
         "utc_offset: \"+08:00\"\n"
         "deadlines:\n"
         "  monthly_day: 30        # 每月几日前报送当月台账、场景等材料\n"
         "  news_hours: 48         # 信用动态在事件当天结束后几小时内报送\n"
         "  campaign_hours: 48     # 诚信宣传活动结束后几小时内报送\n"
         "late_items: count        # 逾期报送的条目仍计分（count）或不计分（exclude）\n"
         "max_attachment_mb: 50\n"
         "sensitive_words: []\n";
}

// One example unit of every type, so each type's indicators have a peer.
std::string units_yaml() {
  std::string out =
      "# 监测单位名单（由 creditgen init 生成：每种类型一个示例，请改为本区县的实际单位）\n"
      "# id：英文小写标识，也是每月报送文件夹的名称；type：单位类型；tags: [sgs] 表示承担“双公示”任务\n"
      "units:\n";
  struct Example {
    model::UnitType type;
    const char* id;
    const char* name;
    const char* tags;
  };
  const Example examples[] = {{model::UnitType::zone, "kaifaqu", "示例开发区", "[]"},
                              {model::UnitType::subdistrict, "jiedao", "示例街道办事处", "[]"},
                              {model::UnitType::town, "xiangzhen", "示例镇人民政府", "[]"},
                              {model::UnitType::department, "bumen", "区示例局", "[sgs]"},
                              {model::UnitType::dual, "shuangguan", "区示例双管单位", "[sgs]"},
                              {model::UnitType::platform, "pingtai", "区示例平台公司", "[]"}};
  for (const Example& e : examples)
    out += std::string("  - id: ") + e.id + "\n    name: " + e.name + "\n    type: " + model::unit_type_id(e.type) +
           "    # " + model::unit_type_label(e.type) + "\n    tags: " + e.tags + "\n";
  return out;
}

std::string calendar_yaml(int year) {
  const std::string y = std::to_string(year);
  return "# " + y + " 年法定节假日与调休（待填写）：请按国务院办公厅关于 " + y + " 年部分节假日安排的通知填写。\n"
         "# holidays 列落在周一至周五的放假日；workdays 列调休上班的周六、周日。\n"
         "# 未填写前，creditgen check 会提示 [calendar]，按工作日计的用时不扣除节假日。\n"
         "holidays: []\n"
         "workdays: []\n";
}

int run_init(const Args& args) {
  const Command& cmd = init_command();
  if (args.positional.size() > 1) return usage_error(cmd, "只能指定一个文件夹");
  const std::string dir = args.positional.empty() ? "content" : args.positional[0];
  const std::string district = args.get("district", "");
  if (district.empty()) return usage_error(cmd, "缺少 --district 区县名称，如 --district 历城区");
  const std::string slug = args.get("slug", "district");
  if (!std::regex_match(slug, std::regex("[a-z0-9]+(-[a-z0-9]+)*")))
    return usage_error(cmd, "slug“" + slug + "”无效：只能由小写字母、数字和连字符组成，如 jinan-licheng");
  YearMonth month = now_at_offset(8 * 60).date.year_month();
  if (args.values.count("month")) {
    auto m = YearMonth::parse(args.get("month", ""));
    if (!m) return usage_error(cmd, "月份“" + args.get("month", "") + "”无效，应为 YYYY-MM");
    month = *m;
  }

  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    std::cerr << "creditgen init: " << dir << " 已存在且不是空文件夹，不会覆盖其中的内容；请指定新的文件夹 [io]\n";
    return kExitFatal;
  }
  std::string rulebook;
  for (const auto& f : embedded_files())
    if (f.path == kDefaultRulebook) rulebook = std::string(f.bytes);
  // The default table with this district's first month as its start.
  rulebook = std::regex_replace(rulebook, std::regex("\neffective: [0-9]{4}-[0-9]{2}\n"),
                                "\neffective: " + month.str() + "\n");

  const fs::path root(dir);
  const std::pair<fs::path, std::string> files[] = {
      {root / "site.yaml", site_yaml(district, slug)},
      {root / "units.yaml", units_yaml()},
      {root / "calendar.yaml", calendar_yaml(month.year)},
      {root / "rules" / (month.str() + ".yaml"), rulebook},
      {root / month.str() / "review.yaml",
       "# " + month.str() + " 审核决定（由区信用办填写），写法见 docs/workflow.md\ndefault: pending\ndecisions: {}\n"}};
  for (const auto& [path, text] : files) {
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (ec || !out) {
      std::cerr << "creditgen init: 无法写入 " << path.string() << " [io]\n";
      return kExitFatal;
    }
  }
  std::cout << "已在 " << dir << " 中建立" << district << "的内容文件夹。下一步：\n"
            << "  1. 修改 " << dir << "/site.yaml 和 " << dir << "/units.yaml（本区县的实际单位）；\n"
            << "  2. 按当年放假安排填写 " << dir << "/calendar.yaml；\n"
            << "  3. 运行 creditgen check --content " << dir << " 检查，creditgen build --content " << dir
            << " 生成网站。\n"
            << "详见 docs/quickstart.md。\n";
  return kExitOk;
}

}  // namespace

const Command& init_command() {
  static const Command cmd{"init",
                           "creditgen init [DIR] --district 名称 [--slug SLUG] [--month YYYY-MM]",
                           "建立一个新的空白区县内容文件夹（站点设置、每种类型一个示例单位、日历、默认指标规则、第一个月）",
                           {{"district", "名称", "区县名称，如 历城区（必填）"},
                            {"slug", "SLUG", "英文标识，用于证据包文件名，默认 district"},
                            {"month", "YYYY-MM", "第一个月份，默认本月"}},
                           &run_init};
  return cmd;
}

}  // namespace creditgen::cli
