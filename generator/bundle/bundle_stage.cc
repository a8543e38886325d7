#include "bundle/bundle_stage.h"

#include <future>

#include "base/bundle_name.h"
#include "base/freed_memory.h"

namespace creditgen::bundle {

namespace fs = std::filesystem;

BundleOutcome BundleStage::run(bool dry_run, Diagnostics& sink) {
  const fs::path& archive_dir = in_.archive_dir;
  const unsigned jobs = in_.jobs;
  BundleCache& cache = in_.cache;
  // Why a bundle known by `inputs` is made again (or, published, compared again).
  auto explain = [&](const std::string& what, const fs::path& zip, const Inputs& inputs) {
    if (!in_.explain || dry_run) return;
    std::error_code ec;
    const std::string matched = matched_sources(zip, cache);
    if (!matched.empty() && matched == inputs.serialize()) return;
    in_.explain->redone(what, !fs::exists(zip, ec)
                                  ? "证据包不存在"
                                  : why_stale(matched.empty() ? std::nullopt : Inputs::parse(matched), inputs).why);
  };
  auto guard_drafts = [&] {
    if (!draft_guard_) draft_guard_.emplace(archive_dir);
  };
  auto likely_written = [&](const MonthToBundle& m) {
    if (m.published) return m.published->missing;
    return !draft_unchanged(archive_dir, m.month, m.draft_inputs(m.lean_input()).serialize(), cache);
  };

  BundleOutcome outcome;
  const std::vector<MonthToBundle>& months = in_.months;
  std::optional<std::pair<YearMonth, std::future<std::vector<PayloadEntry>>>> prefetched;
  try {
    for (size_t i = 0; i < months.size(); ++i) {
      const MonthToBundle& month = months[i];
      if (in_.progress) in_.progress("生成 " + month.month.str() + " 证据包……");
      std::optional<std::future<std::vector<PayloadEntry>>> mine;
      if (prefetched && prefetched->first == month.month) mine = std::move(prefetched->second);
      prefetched.reset();
      if (i + 1 < months.size() && jobs > 1 && likely_written(months[i + 1]))
        prefetched.emplace(months[i + 1].month, std::async(std::launch::async, in_.render_report, months[i + 1].month));
      auto report_pages = [&mine, render = in_.render_report, ym = month.month] {
        return mine ? mine->get() : render(ym);
      };
      if (const auto& published = month.published) {
        // Published: the build never seals or revises anything. It only
        // re-creates a lost bundle as the recorded bytes, and says so
        // when the content no longer gives what was published.
        if (!published->missing) {
          explain("核对已发布的 " + month.month.str(), archive_dir / published->bundle, month.bag_inputs);
          const auto comparison = compare_with_sealed(month.lean_input(), archive_dir / published->bundle,
                                                      month.bag_inputs.serialize(), cache, jobs);
          if (!comparison.io_error.empty()) outcome.io_error += comparison.io_error + "\n";
          else if (!comparison.same) {
            sink.warning({published->record, 1, 1}, "changed-after-publish",
                         published->changed_message(comparison.changes));
            outcome.changed_after_publish.insert(month.month);
          }
          if (std::error_code ec; !dry_run && fs::exists(archive_dir / draft_bundle_file_name(month.month), ec)) {
            guard_drafts();
            remove_draft(archive_dir, month.month);
          }
          continue;
        }
        if (dry_run) continue;  // a rehearsal: re-creating writes only the recorded bytes
        auto input = month.lean_input();
        input.expected_sha256 = published->sha256;
        input.deferred_payload = report_pages;
        if (in_.explain) in_.explain->redone("证据包 " + published->bundle, "已封存的证据包缺失，按发布记录重新生成同样的文件");
        guard_drafts();
        auto result = seal_month(std::move(input), archive_dir, sink, {.jobs = jobs, .cache = &cache});
        give_back_freed_memory();
        if (!result.io_error.empty())
          sink.error({published->record, 1, 1}, "sealed-bundle",
                     "已封存的佐证材料包 " + published->bundle + " 缺失，按现有材料无法重新生成同样的文件：" +
                         result.io_error + "。请从备份恢复 " + published->bundle + "（SHA-256 " + published->sha256 + "）");
        else if (result.action != SealAction::failed) {
          ++outcome.written;
          if (month.bag_inputs.known() && result.bundle)
            cache.summaries.set_matched(result.bundle->path, MatchedBy::sources, month.bag_inputs.serialize());
        }
        if (!result.io_error.empty() || result.action == SealAction::failed) outcome.seal_failed = true;
        continue;
      }
      // A draft whose declared inputs are those it was last found to match:
      // unchanged, without listing its payload or rendering its report.
      auto input = month.lean_input();
      const Inputs draft = month.draft_inputs(input);
      const std::string sources = draft.serialize();
      if (draft_unchanged(archive_dir, month.month, sources, cache)) continue;
      explain("证据包 " + month.month.str(), archive_dir / draft_bundle_file_name(month.month), draft);
      input.deferred_payload = report_pages;
      const size_t errors_before = sink.count(Severity::error);
      if (!dry_run) guard_drafts();
      auto result =
          seal_month(std::move(input), archive_dir, sink, {.dry_run = dry_run, .jobs = jobs, .cache = &cache});
      give_back_freed_memory();  // a bag's manifests and entry lists, before the next, larger one
      if (!dry_run && result.bundle && result.action != SealAction::failed)
        cache.summaries.set_matched(result.bundle->path, MatchedBy::sources, sources);
      if (!result.io_error.empty()) outcome.io_error += result.io_error + "\n";
      if (result.action == SealAction::failed && sink.count(Severity::error) > errors_before)
        outcome.name_errors = true;
      if (!dry_run && result.action != SealAction::unchanged && result.action != SealAction::failed)
        ++outcome.written;
    }
  } catch (const std::exception& e) {
    outcome.io_error += e.what();
  }
  if (prefetched) prefetched->second.wait();  // it refers to locals of this function
  return outcome;
}

}  // namespace creditgen::bundle
