#include "cli/bundle_stage.h"

#include <future>

#include "base/bundle_name.h"
#include "base/freed_memory.h"
#include "bundle/bundle.h"
#include "cli/bundle_input.h"
#include "cli/published_months.h"
#include "cli/site_sources.h"

namespace creditgen::cli {

namespace fs = std::filesystem;

BundleOutcome BundleStage::run(bool dry_run, Diagnostics& sink) {
  const render::SiteInput& report = in_.report;
  const model::Content& content = report.content;
  const fs::path& archive_dir = in_.archive_dir;
  const unsigned jobs = in_.jobs;
  bundle::BundleCache& cache = in_.cache;
  auto render_report = [&report](YearMonth ym) { return report_payload(report, ym); };
  // What a month's bundle is known by between builds (base/inputs.h): its
  // bag's inputs (bundle::compare_with_sealed) and, for a draft, with its
  // report's and Prior-Bundle lines (bundle::draft_unchanged).
  auto bag_inputs_of = [&](const score::MonthScores& s, const model::Month& m) {
    const std::set<YearMonth> months_read =
        s.rulebook ? months_read_by(content, *s.rulebook, m.month) : std::set<YearMonth>{};
    return bag_inputs(report.month_input_digests, m.month, months_read, score::scores_json(s, content),
                      score::scores_csv(s, content));
  };
  auto draft_inputs_of = [&](const Inputs& bag, const model::Month& m, const bundle::BagInput& input) {
    return draft_inputs(bag, render::month_page_inputs(report, m.month), input.prior_bundles);
  };
  // Why a bundle known by `inputs` is made again (or, published, compared again).
  auto explain = [&](const std::string& what, const fs::path& zip, const Inputs& inputs) {
    if (!in_.explain || dry_run) return;
    std::error_code ec;
    const std::string matched = bundle::matched_sources(zip, cache);
    if (!matched.empty() && matched == inputs.serialize()) return;
    in_.explain->redone(what, !fs::exists(zip, ec)
                                  ? "证据包不存在"
                                  : why_stale(matched.empty() ? std::nullopt : Inputs::parse(matched), inputs).why);
  };
  auto guard_drafts = [&] {
    if (!draft_guard_) draft_guard_.emplace(archive_dir);
  };
  auto likely_written = [&](const score::MonthScores& s, const model::Month& m) {
    if (content.publication(m.month)) return in_.to_recreate.count(m.month) > 0;
    const auto input = make_bag_input(content, m, s, report.reviewed);
    return !bundle::draft_unchanged(archive_dir, m.month, draft_inputs_of(bag_inputs_of(s, m), m, input).serialize(),
                                    cache);
  };

  BundleOutcome outcome;
  const auto& scores = report.scores;
  std::optional<std::pair<YearMonth, std::future<std::vector<bundle::PayloadEntry>>>> prefetched;
  try {
    for (size_t i = 0; i < scores.size(); ++i) {
      const auto& month_scores = scores[i];
      if (in_.progress) in_.progress("生成 " + month_scores.month.str() + " 证据包……");
      const model::Month* month = content.month(month_scores.month);
      if (!month) continue;
      std::optional<std::future<std::vector<bundle::PayloadEntry>>> mine;
      if (prefetched && prefetched->first == month_scores.month) mine = std::move(prefetched->second);
      prefetched.reset();
      if (i + 1 < scores.size() && jobs > 1)
        if (const model::Month* next = content.month(scores[i + 1].month); next && likely_written(scores[i + 1], *next))
          prefetched.emplace(next->month, std::async(std::launch::async, render_report, next->month));
      auto report_pages = [&mine, &render_report, ym = month_scores.month] {
        return mine ? mine->get() : render_report(ym);
      };
      const Inputs bag = bag_inputs_of(month_scores, *month);
      if (const model::Publication* publication = content.publication(month->month)) {
        // Published: the build never seals or revises anything. It only
        // re-creates a lost bundle as the recorded bytes, and says so
        // when the content no longer gives what was published.
        const model::PublishedVersion& newest = publication->newest();
        if (!in_.to_recreate.count(month->month)) {
          const auto lean = make_bag_input(content, *month, month_scores, report.reviewed, &newest);
          explain("核对已发布的 " + month->month.str(), archive_dir / newest.bundle, bag);
          const auto comparison = bundle::compare_with_sealed(lean, archive_dir / newest.bundle, bag.serialize(), cache, jobs);
          if (!comparison.io_error.empty()) outcome.io_error += comparison.io_error + "\n";
          else if (!comparison.same) {
            sink.warning({publication->file, 1, 1}, "changed-after-publish",
                         changed_after_publish_message(*publication, comparison.changes));
            outcome.changed_after_publish.insert(month->month);
          }
          if (std::error_code ec; !dry_run && fs::exists(archive_dir / draft_bundle_file_name(month->month), ec)) {
            guard_drafts();
            bundle::remove_draft(archive_dir, month->month);
          }
          continue;
        }
        if (dry_run) continue;  // a rehearsal: re-creating writes only the recorded bytes
        auto input = make_bag_input(content, *month, month_scores, report.reviewed, &newest);
        input.expected_sha256 = newest.sha256;
        input.deferred_payload = report_pages;
        if (in_.explain) in_.explain->redone("证据包 " + newest.bundle, "已封存的证据包缺失，按发布记录重新生成同样的文件");
        guard_drafts();
        auto result = bundle::seal_month(std::move(input), archive_dir, sink, {.jobs = jobs, .cache = &cache});
        give_back_freed_memory();
        if (!result.io_error.empty())
          sink.error({publication->file, 1, 1}, "sealed-bundle",
                     "已封存的佐证材料包 " + newest.bundle + " 缺失，按现有材料无法重新生成同样的文件：" +
                         result.io_error + "。请从备份恢复 " + newest.bundle + "（SHA-256 " + newest.sha256 + "）");
        else if (result.action != bundle::SealAction::failed) {
          ++outcome.written;
          if (bag.known() && result.bundle)
            cache.summaries.set_matched(result.bundle->path, bundle::MatchedBy::sources, bag.serialize());
        }
        if (!result.io_error.empty() || result.action == bundle::SealAction::failed) outcome.seal_failed = true;
        continue;
      }
      // A draft whose declared inputs are those it was last found to match:
      // unchanged, without listing its payload or rendering its report.
      auto input = make_bag_input(content, *month, month_scores, report.reviewed);
      const Inputs draft = draft_inputs_of(bag, *month, input);
      const std::string sources = draft.serialize();
      if (bundle::draft_unchanged(archive_dir, month->month, sources, cache)) continue;
      explain("证据包 " + month->month.str(), archive_dir / draft_bundle_file_name(month->month), draft);
      input.deferred_payload = report_pages;
      const size_t errors_before = sink.count(Severity::error);
      if (!dry_run) guard_drafts();
      auto result =
          bundle::seal_month(std::move(input), archive_dir, sink, {.dry_run = dry_run, .jobs = jobs, .cache = &cache});
      give_back_freed_memory();  // a bag's manifests and entry lists, before the next, larger one
      if (!dry_run && result.bundle && result.action != bundle::SealAction::failed)
        cache.summaries.set_matched(result.bundle->path, bundle::MatchedBy::sources, sources);
      if (!result.io_error.empty()) outcome.io_error += result.io_error + "\n";
      if (result.action == bundle::SealAction::failed && sink.count(Severity::error) > errors_before)
        outcome.name_errors = true;
      if (!dry_run && result.action != bundle::SealAction::unchanged && result.action != bundle::SealAction::failed)
        ++outcome.written;
    }
  } catch (const std::exception& e) {
    outcome.io_error += e.what();
  }
  if (prefetched) prefetched->second.wait();  // it refers to locals of this function
  return outcome;
}

}  // namespace creditgen::cli
