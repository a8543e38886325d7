#include "cli/site_sources.h"

#include "base/fingerprint.h"

namespace creditgen::cli {

std::map<YearMonth, std::string> source_fingerprints(const model::Content& content) {
  std::map<YearMonth, std::string> out;
  for (const model::Month& month : content.months) out[month.month] = month.sources;
  return out;
}

std::string sealing_sources(const std::map<YearMonth, std::string>& sources, YearMonth month,
                            const std::set<YearMonth>& months_read, const std::string& scores_json,
                            const std::string& scores_csv) {
  Fingerprint sha;
  sha << "creditgen sealing sources 1";
  std::set<YearMonth> months = months_read;
  months.insert(month);
  for (YearMonth m : months) {
    auto it = sources.find(m);
    if (it == sources.end() || it->second.empty()) return "";
    sha << m.str() << it->second;
  }
  sha << scores_json << scores_csv;
  return sha.hex();
}

std::string draft_sources(const std::string& sealing, const std::string& report,
                          const std::vector<bundle::BundleRef>& prior_bundles) {
  if (sealing.empty() || report.empty()) return "";
  Fingerprint sha;
  sha << "creditgen draft sources 1" << sealing << report;
  for (const auto& ref : prior_bundles) sha << ref.file_name << ref.sha256;
  return sha.hex();
}

}  // namespace creditgen::cli
