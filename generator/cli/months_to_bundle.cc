#include "cli/months_to_bundle.h"

#include "cli/bundle_input.h"
#include "cli/published_months.h"
#include "cli/site_sources.h"

namespace creditgen::cli {

std::vector<bundle::MonthToBundle> months_to_bundle(const render::SiteInput& report,
                                                    const std::set<YearMonth>& to_recreate) {
  const model::Content& content = report.content;
  std::vector<bundle::MonthToBundle> out;
  for (const score::MonthScores& scores : report.scores) {
    const model::Month* month = content.month(scores.month);
    if (!month) continue;
    const std::set<YearMonth> months_read =
        scores.rulebook ? score::months_read(content, *scores.rulebook, month->month) : std::set<YearMonth>{};
    bundle::MonthToBundle m;
    m.month = month->month;
    m.bag_inputs = bag_inputs(report.month_input_digests, month->month, months_read,
                              score::scores_json(scores, content), score::scores_csv(scores, content));
    const model::Publication* publication = content.publication(month->month);
    const model::PublishedVersion* newest = publication ? &publication->newest() : nullptr;
    m.lean_input = [&report, month, &scores, newest] {
      return make_bag_input(report.content, *month, scores, report.reviewed, newest);
    };
    m.draft_inputs = [&report, bag = m.bag_inputs, ym = month->month](const bundle::BagInput& input) {
      return draft_inputs(bag, render::month_page_inputs(report, ym), input.prior_bundles);
    };
    if (publication)
      m.published = bundle::MonthToBundle::Published{
          newest->bundle, newest->sha256, publication->file, to_recreate.count(month->month) > 0,
          [publication](const std::string& changes) { return changed_after_publish_message(*publication, changes); }};
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace creditgen::cli
