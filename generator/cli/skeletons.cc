#include "cli/skeletons.h"

#include "load/placeholders.h"

namespace creditgen::cli {
namespace {

// A double-quoted YAML scalar, so any title (colons, quotes, #) stays text.
std::string yaml_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string submitted_now(const DateTime& now) { return now.date.str() + " " + now.str().substr(11, 5); }

std::string news(const SkeletonContext& c) {
  const std::string title = c.title.empty() ? load::kNewsTitlePlaceholder : c.title;
  return "---\n"
         "title: " + yaml_quoted(title) + "    # 必填：信息标题\n"
         "date: " + c.now.date.str() + "    # 必填：事件发生日期 YYYY-MM-DD（须在本月内）\n"
         "submitted: " + submitted_now(c.now) +
         "    # 必填：报送时间 YYYY-MM-DD HH:MM（须在事件当天结束后规定小时数内）\n"
         "author:    # 可选：撰稿人\n"
         "tags: []    # 可选：标签，如 [信用承诺, 培训]\n"
         "attachments: []    # 可选：附件，路径相对于本单位文件夹，如 [files/现场照片.jpg]\n"
         "---\n" +
         std::string(load::kNewsBodyPlaceholder) + "\n";
}

std::string campaign(const SkeletonContext& c) {
  const std::string title = c.title.empty() ? load::kCampaignTitlePlaceholder : c.title;
  return "---\n"
         "title: " + yaml_quoted(title) + "    # 必填：活动名称\n"
         "start: " + c.now.date.str() + "    # 必填：活动开始日期 YYYY-MM-DD\n"
         "end: " + c.now.date.str() + "    # 必填：活动结束日期（不早于开始日期，须在本月内）\n"
         "submitted: " + submitted_now(c.now) + "    # 必填：报送时间 YYYY-MM-DD HH:MM\n"
         "location: " + std::string(load::kLocationPlaceholder) + "    # 必填：活动地点\n"
         "theme: 其他    # 必填：进社区 进企业 进校园 进医院 进村居 进机关 进商圈 其他\n"
         "occasion:    # 可选：活动契机，如 3·15消费者权益日\n"
         "participants: 0    # 可选：参加人数（非负整数）\n"
         "photos: [files/" + c.slug + "-1.jpg]    # 必填：至少一张现场照片，请把照片放到该路径\n"
         "# plan: files/" + c.slug + "-方案.pdf    # 建议：活动方案\n"
         "---\n" +
         std::string(load::kCampaignBodyPlaceholder) + "\n";
}

// List entries: two-space indent under the file's list key. Optional fields
// the clerk may not have are placeholders too ("没有可删去此行"), so nothing
// is left half-written by accident.
std::string policy(const SkeletonContext&) {
  return "  - doc_no: 请填写文号（没有文号的写文件标题）    # 必填：同一文号只计一次\n"
         "    title: 请填写文件标题    # 必填\n"
         "    issued: 请填写印发日期 YYYY-MM-DD，没有可删去此行    # 选填\n"
         "    issuer: 请填写印发机关，没有可删去此行    # 选填\n"
         "    status: in_force    # 必填：in_force 现行有效，repealed 已废止\n"
         "    file: 请填写文件原件路径，如 files/制度文件.pdf    # file 与 url 至少填一项\n"
         "    # url: http://…    # 文件网址\n";
}

std::string scenario(const SkeletonContext&) {
  return "  - name: 请填写应用名称，如 信易租    # 必填：信用应用名称，同一名称只计一次\n"
         "    plan: 请填写开展方案或制度文件名称，没有可删去此行    # 选填\n"
         "    incentives: 请填写优惠激励措施，没有可删去此行    # 选填\n"
         "    file: 请填写方案原件路径，如 files/方案.pdf，没有可删去此行    # 选填\n";
}

std::string supervision(const SkeletonContext&) {
  return "  - domain: 请填写监管领域，如 餐饮服务领域    # 必填：同一领域只计一次\n"
         "    industry: 请填写国民经济行业分类序号 1 到 20    # 必填：见 docs/content-format.md 第 9.6 节\n"
         "    regulator: 请填写监管部门，没有可删去此行    # 选填\n"
         "    document: 请填写分级分类监管文件名称，没有可删去此行    # 选填\n"
         "    summary: 请填写文件主要内容    # summary 与 link（文件链接）至少填一项\n"
         "    cases:    # 选填：监管案例，每条一项\n"
         "      - \"请填写案例：×年×月×日，……依法依规采取了……监管措施，产生了……效果。\"\n"
         "    file: 请填写监管文件原件路径，如 files/监管办法.pdf，没有可删去此行    # 选填\n";
}

std::string ledger(const SkeletonContext&) {
  return "  - category: 请填写类别（社保、纳税、水、电、气、暖、仓储物流、知识产权、信用承诺、履约践诺、合同履约、其他）"
         "    # 必填：同一类别只写一项\n"
         "    count: 0    # 必填：本月上传的条数\n"
         "    file: 请填写台账原件路径，如 files/台账.pdf，没有可删去此行    # 选填\n"
         "    records: 请填写明细 CSV 路径，如 records/明细.csv，没有可删去此行    # 选填：行数须等于 count\n";
}

std::string incident(const SkeletonContext& c) {
  return "  - id: 请填写事件编号    # 必填\n"
         "    date: " + c.now.date.str() + "    # 必填：曝光日期，须在本月内\n"
         "    title: 请填写事件名称    # 必填\n"
         "    domain: 请填写领域（政务诚信、商务诚信、社会诚信、司法公信）    # 必填\n"
         "    handling: 请填写处置情况（proactive 主动处理、late 处理不及时、after_report 被举报后才处置、ordered "
         "被上级责令查处）    # 必填\n"
         "    # disclosure: http://…    # 选填：曝光链接\n";
}

std::string objection(const SkeletonContext& c) {
  return "  - id: 请填写异议编号    # 必填\n"
         "    received: " + submitted_now(c.now) + "    # 必填：受理时间 YYYY-MM-DD HH:MM，须在本月内\n"
         "    completed: 请填写办结时间 YYYY-MM-DD HH:MM    # 必填：不早于受理时间\n"
         "    valid: true    # 选填：是否有效异议（true 或 false）\n";
}

std::string penalty(const SkeletonContext& c) {
  return "  - unit: " + c.unit + "    # 必填：被扣分的单位（" + c.unit_name + "）\n"
         "    reason: 请填写扣分原因    # 必填：显示在单位页和月报中\n"
         "    # points: 20    # 选填：每月扣分，默认取规则文件的 penalty\n"
         "    # months: 3    # 选填：持续月数（含本月），默认取规则文件的 penalty\n";
}

std::string_view metric_kind_zh(model::MetricKind k) {
  switch (k) {
    case model::MetricKind::rate: return "比率（0 到 1 的数或百分数）";
    case model::MetricKind::count: return "数量（不小于 0 的整数）";
    case model::MetricKind::amount: return "金额（万元，不小于 0）";
    case model::MetricKind::rank: return "名次（不小于 1 的整数）";
  }
  return "";
}

// Figures are optional and have no sensible placeholder value, so every
// declared name is written commented out: the clerk uncomments what they report.
std::string metrics(const SkeletonContext& c) {
  std::string out = "# " + c.unit_name + " " + c.month.str() +
                    " 自报数据（由 creditgen new metrics 生成）：删去要报送的数据行首的“# ”，在冒号后填写数值。\n";
  if (!c.rulebook || c.rulebook->metrics.empty()) return out + "# 本月适用的规则没有声明可填报的数据。\n";
  for (const auto& [name, decl] : c.rulebook->metrics)
    out += "# " + name + ":     # " + std::string(metric_kind_zh(decl.kind)) + "：" + decl.label + "\n";
  return out;
}

std::string platform(const SkeletonContext& c) {
  std::string names;
  if (c.rulebook)
    for (const auto& [name, decl] : c.rulebook->metrics) names += (names.empty() ? "" : "、") + name;
  return c.unit + ": {}    # " + c.unit_name + "：在 {} 中填写“数据名称: 值”，用逗号分隔。可用的数据名称：" +
         (names.empty() ? "（本月规则未声明）" : names) + "\n";
}

}  // namespace

const std::vector<SkeletonKind>& skeleton_kinds() {
  static const std::vector<SkeletonKind> kinds{
      {"news", "信用动态", SkeletonPlace::unit_markdown, "news", ""},
      {"campaign", "诚信宣传活动", SkeletonPlace::unit_markdown, "campaigns", ""},
      {"policy", "制度文件", SkeletonPlace::unit_list, "policies.yaml", "policies"},
      {"scenario", "“信易+”应用场景", SkeletonPlace::unit_list, "scenarios.yaml", "scenarios"},
      {"supervision", "分级分类监管领域", SkeletonPlace::unit_list, "supervision.yaml", "supervision"},
      {"ledger", "信用信息归集台账", SkeletonPlace::unit_list, "ledger.yaml", "ledger"},
      {"incident", "严重失信事件", SkeletonPlace::unit_list, "incidents.yaml", "incidents"},
      {"objection", "异议处理", SkeletonPlace::unit_list, "objections.yaml", "objections"},
      {"metrics", "单位自报数据", SkeletonPlace::unit_map, "metrics.yaml", ""},
      {"penalty", "弄虚作假扣分", SkeletonPlace::month_list, "penalties.yaml", "penalties"},
      {"platform", "平台提供的数据", SkeletonPlace::month_map, "platform.yaml", ""},
  };
  return kinds;
}

const SkeletonKind* find_skeleton_kind(std::string_view name) {
  for (const auto& k : skeleton_kinds())
    if (k.name == name) return &k;
  return nullptr;
}

std::string skeleton_kind_names() {
  std::string out;
  for (const auto& k : skeleton_kinds()) out += (out.empty() ? "" : "、") + std::string(k.name);
  return out;
}

std::string skeleton_text(const SkeletonKind& kind, const SkeletonContext& ctx) {
  const std::string_view n = kind.name;
  if (n == "news") return news(ctx);
  if (n == "campaign") return campaign(ctx);
  if (n == "policy") return policy(ctx);
  if (n == "scenario") return scenario(ctx);
  if (n == "supervision") return supervision(ctx);
  if (n == "ledger") return ledger(ctx);
  if (n == "incident") return incident(ctx);
  if (n == "objection") return objection(ctx);
  if (n == "metrics") return metrics(ctx);
  if (n == "penalty") return penalty(ctx);
  return platform(ctx);
}

std::string list_file_header(const SkeletonKind& kind, const SkeletonContext& ctx) {
  const bool unit_file = kind.place == SkeletonPlace::unit_list;
  return "# " + (unit_file ? ctx.unit_name + " " : std::string()) + ctx.month.str() + " " + std::string(kind.name_zh) +
         "（由 creditgen new " + std::string(kind.name) + " 生成，写法见 docs/content-format.md）\n" +
         std::string(kind.list_key) + ":\n";
}

}  // namespace creditgen::cli
