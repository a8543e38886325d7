#include "cli/site_sources.h"

#include <optional>
#include <vector>

#include "base/file_stamp.h"
#include "base/fingerprint.h"
#include "base/parallel.h"

namespace creditgen::cli {

namespace fs = std::filesystem;

namespace {

// The stamp as text; nullopt when the file cannot be trusted as a cache
// key: missing, not a regular file, or changed in the last two seconds.
// Remembered for the build (StampMemo): the bundle stage asks about the same
// files again.
std::optional<std::string> trusted_stamp(const fs::path& file) {
  const auto stamp = FileStamp::of_remembered(file);
  if (!stamp || stamp->recent()) return std::nullopt;
  return stamp_text(*stamp);
}

}  // namespace

std::map<YearMonth, std::string> source_fingerprints(const model::Content& content, unsigned jobs) {
  std::map<YearMonth, std::string> out;
  // A new build of creditgen may render the same inputs differently.
  const auto program_stamp = running_program_stamp();
  if (!program_stamp || program_stamp->recent()) return out;
  const std::string program = stamp_text(*program_stamp);
  Fingerprint site;
  site << "creditgen site sources 1" << program << content.root.string();
  for (const std::string& rel : content.site_files) {
    const auto stamp = trusted_stamp(content.root / rel);
    if (!stamp) return out;
    site << rel << *stamp;
  }
  for (const auto& rulebook : content.rulebooks) {
    site << rulebook.file << rulebook.sha256;
  }
  const std::string site_part = site.hex();

  std::vector<std::string> digests(content.months.size());
  parallel_for(content.months.size(), jobs, [&](size_t i) {
    const model::Month& month = content.months[i];
    Fingerprint sha;
    sha << site_part << month.month.str();
    const fs::path folder = content.root / month.month.str();
    for (const model::ContentFile& f : month.files) {
      sha << f.path;
      if (!f.safe) {  // a symlink or special file: never read, only named
        sha << "unsafe";
        continue;
      }
      const auto stamp = trusted_stamp(folder / f.path);
      if (!stamp) return;  // left ""
      sha << *stamp;
    }
    digests[i] = sha.hex();
  });
  for (size_t i = 0; i < content.months.size(); ++i) out[content.months[i].month] = digests[i];
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
