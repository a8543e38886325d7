#include "cli/site_sources.h"

#include "base/fingerprint.h"

namespace creditgen::cli {

std::map<YearMonth, std::string> month_input_digests_of(const model::Content& content) {
  std::map<YearMonth, std::string> out;
  for (const model::Month& month : content.months) out[month.month] = month.inputs.digest();
  return out;
}

Inputs bag_inputs(const std::map<YearMonth, std::string>& month_digests, YearMonth month,
                  const std::set<YearMonth>& months_read, const std::string& scores_json,
                  const std::string& scores_csv) {
  Inputs inputs;
  std::set<YearMonth> months = months_read;
  months.insert(month);
  for (YearMonth m : months) {
    const std::string name = "month:" + m.str();
    auto it = month_digests.find(m);
    if (it == month_digests.end() || it->second.empty()) inputs.unknown(name);
    else inputs.add(name, it->second);
  }
  Fingerprint scores;
  scores << scores_json << scores_csv;
  return inputs.add("bag-scores", scores.hex());
}

Inputs draft_inputs(const Inputs& bag, const Inputs& report, const std::vector<bundle::BundleRef>& prior_bundles) {
  Inputs inputs;
  inputs.add_all(bag).add_all(report);
  Fingerprint prior;
  for (const auto& ref : prior_bundles) prior << ref.file_name << ref.sha256;
  return inputs.add("prior-bundles", prior.hex());
}

}  // namespace creditgen::cli
