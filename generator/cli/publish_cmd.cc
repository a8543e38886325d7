// `creditgen publish`: the deliberate act that makes a month published. It
// checks the month, seals its bundle in archive/ and writes the publication
// record (content/publications/<YYYY-MM>.yaml) that travels with the content.
// With --correct it is also the only way to make a revision.
#include <stdlib.h>

#include <fstream>
#include <iostream>

#include "base/bundle_name.h"
#include "base/parallel.h"
#include "base/replace_file.h"
#include "bundle/bundle.h"
#include "bundle/seal.h"
#include "bundle/signature.h"
#include "bundle/timestamp.h"
#include "cli/build.h"
#include "cli/bundle_input.h"
#include "cli/cli.h"
#include "cli/pipeline.h"
#include "cli/published_months.h"
#include "cli/wall_clock.h"
#include "load/publications.h"
#include "render/site.h"
#include "score/score.h"

namespace creditgen::cli {
namespace {

namespace fs = std::filesystem;

int refuse(const std::string& message, int status = kExitContentErrors) {
  std::cerr << "creditgen publish: " << message << "\n";
  return status;
}

// Problems within the month that publishing must not hide: errors in the
// month's files or the site-wide files, and items still pending.
struct MonthProblems {
  size_t errors = 0;
  size_t pending = 0;
};

MonthProblems month_problems(const model::Content& content, const model::Month& month,
                             const review::ReviewedMonth& reviewed, const Diagnostics& diags) {
  MonthProblems out;
  const std::string folder = month.dir + "/";
  const std::string top = content.shown_root + "/";
  for (const Diagnostic& d : diags.all()) {
    if (d.severity != Severity::error) continue;
    const std::string& file = d.where.file;
    const bool site_wide = file.rfind(top, 0) == 0 && file.find('/', top.size()) == std::string::npos;
    if (file.rfind(folder, 0) == 0 || site_wide) ++out.errors;
  }
  for (const auto& [key, state] : reviewed.items)
    if (state.valid && state.status == model::ReviewStatus::pending) ++out.pending;
  return out;
}

// The first of the two steps of a timestamped publication: the bag is made
// exactly as publishing would make it, but in a scratch folder, and only the
// RFC 3161 request over its tagmanifest-sha256.txt is kept. The same
// command with --timestamp-response (same date, same publisher, same
// material) then makes the very same bag and seals it with the TSA's reply.
int write_timestamp_query(bundle::BagInput input, const std::string& query_path, YearMonth month, Date date,
                          const Args& args, unsigned jobs) {
  std::string pattern = (fs::temp_directory_path() / "creditgen-tsq-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return refuse("无法创建临时文件夹，未生成时间戳请求。 [io]", kExitFatal);
  const fs::path scratch = pattern;
  struct RemoveAfter {
    fs::path dir;
    ~RemoveAfter() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{scratch};
  Diagnostics seal_diags;
  auto result = bundle::seal_month(std::move(input), scratch, seal_diags, {.jobs = jobs});
  if (!seal_diags.empty()) print_diagnostics(seal_diags);
  if (!result.io_error.empty() || result.action == bundle::SealAction::failed || !result.bundle)
    return refuse("未能生成证据包：" + (result.io_error.empty() ? std::string("材料中有不能装入证据包的文件名") : result.io_error) +
                      "。未生成时间戳请求。",
                  result.io_error.empty() ? kExitContentErrors : kExitFatal);
  const auto manifest = bundle::read_tag_file(result.bundle->path, bundle::kSignedFile);
  const std::string query = manifest ? bundle::timestamp_query(*manifest) : "";
  if (query.empty() || !replace_file(query_path, [&](std::ostream& out) { out << query; }))
    return refuse("无法写入时间戳请求 " + query_path + "。 [io]", kExitFatal);
  std::string again = "creditgen publish --month " + month.str() + " --date " + date.str();
  if (args.values.count("by")) again += " --by \"" + args.get("by", "") + "\"";
  if (args.flags.count("correct")) again += " --correct --reason \"" + args.get("reason", "") + "\"";
  if (args.flags.count("force")) again += " --force";
  std::cout << query_path << "\n";
  std::cerr << "已生成 " << month.str() << " 的时间戳请求 " << query_path << "（RFC 3161，SHA-256），尚未发布。\n"
            << "请把它交给时间戳服务（TSA），取得回执（.tsr）后，在材料不变的情况下运行：\n  " << again
            << " --timestamp-response 回执.tsr\n";
  return kExitOk;
}

int run_publish(const Args& args) {
  const Command& cmd = publish_command();
  const auto month = YearMonth::parse(args.get("month", ""));
  if (!month) return usage_error(cmd, "请用 --month YYYY-MM 指定要发布的月份");
  const bool correcting = args.flags.count("correct") > 0;
  const std::string reason = args.get("reason", "");
  if (correcting && reason.empty()) return usage_error(cmd, "更正须用 --reason 写明原因");
  if (!correcting && args.values.count("reason")) return usage_error(cmd, "--reason 只用于 --correct（更正）");
  const std::string query_path = args.get("timestamp-query", "");
  const std::string reply_path = args.get("timestamp-response", "");
  if (!query_path.empty() && !reply_path.empty())
    return usage_error(cmd, "--timestamp-query 和 --timestamp-response 是两步，不能同时使用");
  std::string timestamp_reply;
  if (!reply_path.empty()) {
    std::ifstream file(reply_path, std::ios::binary);
    timestamp_reply = std::string(std::istreambuf_iterator<char>(file), {});
    if (timestamp_reply.empty()) return usage_error(cmd, "无法读取时间戳回执文件“" + reply_path + "”");
  }
  unsigned jobs = cores();
  if (args.values.count("jobs")) {
    int n = 0;
    try {
      n = std::stoi(args.get("jobs", "0"));
    } catch (...) {
    }
    if (n < 1) return usage_error(cmd, "--jobs 应为正整数");
    jobs = static_cast<unsigned>(n);
  }
  BuildOptions options;
  options.content_dir = args.get("content", "content");
  options.archive_dir = args.get("archive", "archive");
  const fs::path archive_dir = options.archive_dir;

  const auto locks = lock_run_folders(archive_dir, {}, "");
  if (!locks) return kExitFatal;
  Diagnostics diags;
  auto reviewed = load_and_review(options.content_dir, diags);
  if (!reviewed) {
    print_diagnostics(diags);
    return refuse("站点配置、单位名单、指标规则或发布记录有误，未发布。", kExitFatal);
  }
  model::Content& content = reviewed->content;
  auto month_it = std::find_if(content.months.begin(), content.months.end(),
                               [&](const model::Month& m) { return m.month == *month; });
  if (month_it == content.months.end())
    return refuse("内容文件夹中没有 " + month->str() + " 月份文件夹，无法发布。");
  model::Month& target = *month_it;
  const review::ReviewedMonth& target_review = reviewed->months[month_it - content.months.begin()];
  if (!target.scorable || !content.rulebook_for(*month))
    return refuse(month->str() + " 没有适用的指标规则，不计分，无法发布。");

  const DateTime now = now_at_offset(content.site.utc_offset_minutes);
  Date date = now.date;
  if (args.values.count("date")) {
    auto d = Date::parse(args.get("date", ""));
    if (!d) return usage_error(cmd, "日期“" + args.get("date", "") + "”无效，应为 YYYY-MM-DD");
    date = *d;
  }
  const Date last_day{month->year, month->month, month->days_in_month()};
  if (date <= last_day)
    return refuse("发布日期 " + date.str() + " 早于 " + month->str() + " 结束（" + last_day.str() + "），月报只能在月份结束后发布。");
  if (date > now.date) return refuse("发布日期 " + date.str() + " 晚于今天（" + now.date.str() + "），不能预先发布。");
  const std::string by = args.get("by", content.site.organization().empty() ? content.site.district
                                                                          : content.site.organization());

  const model::Publication* existing = content.publication(*month);
  if (existing && !correcting)
    return refuse(month->str() + " 已于 " + existing->newest().date.str() + " 发布（" + existing->newest().bundle +
                  "）。已发布的月份只能更正：creditgen publish --month " + month->str() +
                  " --correct --reason \"更正原因\"");
  if (!existing && correcting) return refuse(month->str() + " 尚未发布，无需更正；请去掉 --correct 直接发布。");
  if (existing && date < existing->newest().date)
    return refuse("更正日期 " + date.str() + " 早于上一版本的发布日期 " + existing->newest().date.str() + "。");
  // Later months' bundles name the earlier months' sealed bundles: publish in order.
  for (const model::Month& m : content.months) {
    if (!(m.month < *month) || !m.scorable || !content.rulebook_for(m.month)) continue;
    if (!content.publication(m.month))
      return refuse("请先发布 " + m.month.str() + "：月报按月份顺序发布，后一个月的证据包要引用前一个月已封存的证据包。");
  }
  // What is hashed once (the recorded bundles, the comparison's files) is not hashed again by the bag.
  bundle::BundleCache files;
  const RecordedBundles recorded = check_recorded_bundles(content, archive_dir, files, diags);
  if (!recorded.ok) {
    print_diagnostics(diags);
    return refuse("已封存的佐证材料包缺失或与发布记录不符，请先恢复（creditgen build 会说明），未发布。", kExitFatal);
  }
  // A correction is judged by what it corrects: items left pending at the
  // first publication stay what they were.
  MonthProblems problems = month_problems(content, target, target_review, diags);
  if (correcting) problems.pending = 0;
  if ((problems.errors || problems.pending) && !args.flags.count("force")) {
    print_diagnostics(diags);
    std::string what;
    if (problems.errors) what += std::to_string(problems.errors) + " 个错误";
    if (problems.pending) what += std::string(what.empty() ? "" : "、") + std::to_string(problems.pending) + " 个待审核事项";
    return refuse(month->str() + " 还有 " + what + "，未发布。请先改正并完成审核（creditgen check）；确需照此发布时加 --force。");
  }

  // The new version, in the record and in the model the month is scored
  // and bundled from (obligations are judged at the first publication).
  // (`existing` points into content.publications, which now changes.)
  const std::optional<model::PublishedVersion> previous =
      existing ? std::optional<model::PublishedVersion>(existing->newest()) : std::nullopt;
  model::Publication record = existing ? *existing : model::Publication{*month, {}, load::publication_record_path(*month)};
  model::PublishedVersion version;
  version.revision = static_cast<int>(record.versions.size()) + 1;
  version.date = date;
  version.by = by;
  version.reason = correcting ? reason : "";
  version.bundle = sealed_bundle_file_name(*month, version.revision);
  // A bundle under this name that no record names was never published (a
  // publish cut short before its record was written): never overwritten,
  // and not silently adopted either.
  {
    std::error_code ec;
    if (fs::symlink_status(archive_dir / version.bundle, ec).type() != fs::file_type::not_found)
      return refuse((archive_dir / version.bundle).string() +
                    " 已存在，但没有任何发布记录提到它（可能是一次中断的发布留下的）。请确认它不是已交付的证据包后把它移走，再重新发布。",
                    kExitFatal);
  }
  record.versions.push_back(version);
  content.publications[*month] = record;
  if (!target.published) target.published = date;

  const auto scores = score::score_all(content, reviewed->months);
  const auto month_scores = std::find_if(scores.begin(), scores.end(),
                                         [&](const score::MonthScores& s) { return s.month == *month; });
  if (month_scores == scores.end()) return refuse(month->str() + " 无法计分，未发布。");

  auto input = make_bag_input(content, target, *month_scores, reviewed->months, &record.versions.back());
  if (previous) {
    // A correction must correct something: compare with what was published.
    const auto lean = make_bag_input(content, target, *month_scores, reviewed->months);
    const auto comparison = bundle::compare_with_sealed(lean, archive_dir / previous->bundle, "", files, jobs);
    if (!comparison.io_error.empty()) return refuse(comparison.io_error, kExitFatal);
    if (comparison.same)
      return refuse(month->str() + " 的材料和得分与已发布的 " + previous->bundle + " 相同，无需更正。");
    std::cerr << "更正内容：" << comparison.changes << "\n";
  }

  Resources resources;
  try {
    resources = load_resources(options);
  } catch (const std::exception& e) {
    return refuse(std::string("无法读取模板或样式：") + e.what() + " [io]", kExitFatal);
  }
  const std::vector<Diagnostic> no_diagnostics;
  const std::vector<render::BundleLink> no_bundles;
  const auto analyses = analyze::analyze_all(content, scores);
  render::SiteInput report_input{content, reviewed->months, scores, analyses, no_diagnostics, no_bundles,
                                 resources.templates, resources.assets, "", jobs};
  input.deferred_payload = [&] { return report_payload(report_input, *month, files.spool.folder()); };

  if (!query_path.empty()) return write_timestamp_query(std::move(input), query_path, *month, date, args, jobs);
  input.timestamp_reply = timestamp_reply;

  Diagnostics seal_diags;
  files.digests.forget_stamps();  // the bag is made of the files as they are now
  auto result = bundle::seal_month(std::move(input), archive_dir, seal_diags, {.jobs = jobs, .cache = &files});
  if (!seal_diags.empty()) print_diagnostics(seal_diags);
  if (!result.io_error.empty() || result.action == bundle::SealAction::failed || !result.bundle)
    return refuse("未能写入证据包：" + (result.io_error.empty() ? std::string("材料中有不能装入证据包的文件名") : result.io_error) +
                      "。未发布。",
                  result.io_error.empty() ? kExitContentErrors : kExitFatal);

  record.versions.back().sha256 = result.bundle->sha256;
  const fs::path record_file = fs::path(options.content_dir) / load::publication_record_path(*month);
  // The TSA's reply is kept beside the record: a lost bundle is made again with it.
  if (!timestamp_reply.empty()) {
    record.versions.back().timestamp = load::timestamp_reply_name(version.bundle);
    const fs::path reply_file = record_file.parent_path() / record.versions.back().timestamp;
    if (!replace_file(reply_file, [&](std::ostream& out) { out << timestamp_reply; })) {
      std::error_code ec;
      fs::remove(result.bundle->path, ec);
      return refuse("无法写入时间戳回执 " + reply_file.string() + "，未发布。 [io]", kExitFatal);
    }
  }
  const std::string text = load::publication_record_yaml(record);
  if (!replace_file(record_file, [&](std::ostream& out) { out << text; })) {
    // No record, no publication: the bundle just written goes too.
    std::error_code ec;
    fs::remove(result.bundle->path, ec);
    if (!timestamp_reply.empty()) fs::remove(record_file.parent_path() / record.versions.back().timestamp, ec);
    return refuse("无法写入发布记录 " + record_file.string() + "，未发布。 [io]", kExitFatal);
  }
  std::cout << result.bundle->path.string() << "\n";
  std::cerr << (correcting ? "已更正 " : "已发布 ") << month->str() << "（第 " << version.revision << " 版，"
            << date.str() << "，" << by << "）：" << result.bundle->path.string() << "，SHA-256 "
            << result.bundle->sha256 << "。发布记录：" << record_file.string()
            << "。请运行 creditgen build 更新网站，并把发布记录和证据包一并保存。\n";
  return kExitOk;
}

}  // namespace

const Command& publish_command() {
  static const Command cmd{
      "publish",
      "creditgen publish --month YYYY-MM [--date YYYY-MM-DD] [--by 姓名] [--correct --reason 原因] [--force] "
      "[--timestamp-query 请求.tsq | --timestamp-response 回执.tsr] [--content DIR] [--archive DIR] [--jobs N]",
      "发布某月月报：检查该月、封存证据包，并把发布记录写入内容目录；--correct 用于更正已发布的月份",
      {{"month", "YYYY-MM", "要发布的月份（必填）"},
       {"date", "YYYY-MM-DD", "发布日期，默认今天；须在该月结束之后、不晚于今天"},
       {"by", "姓名", "发布人，默认 site.yaml 的 office"},
       {"correct", nullptr, "更正已发布的月份，生成修订版证据包（须同时给出 --reason）"},
       {"reason", "原因", "更正原因，写入证据包和发布记录"},
       {"force", nullptr, "该月仍有错误或待审核事项时也发布"},
       {"timestamp-query", "FILE", "不发布，只生成该证据包的可信时间戳请求（RFC 3161）写入 FILE，交时间戳服务签发"},
       {"timestamp-response", "FILE", "用时间戳服务对上述请求的回执发布：回执随证据包封存"},
       {"content", "DIR", "内容目录，默认 content"},
       {"archive", "DIR", "证据包目录，默认 archive"},
       {"jobs", "N", "并行线程数，默认为处理器核数"}},
      &run_publish};
  return cmd;
}

}  // namespace creditgen::cli
