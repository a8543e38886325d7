#include "cli/site_sources.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <optional>
#include <vector>

#include "base/file_stamp.h"
#include "base/parallel.h"

namespace creditgen::cli {

namespace fs = std::filesystem;

namespace {

// Each part goes in with its length, so different sequences never collide.
void feed(Poco::SHA2Engine& sha, const std::string& part) {
  const std::string length = std::to_string(part.size()) + ":";
  sha.update(length);
  sha.update(part);
}

// "" when the file cannot be trusted as a cache key: missing, not a regular
// file, or changed in the last two seconds.
std::optional<std::string> trusted_stamp(const fs::path& file) {
  const auto stamp = FileStamp::of(file);
  if (!stamp || stamp->recent()) return std::nullopt;
  return stamp_text(*stamp);
}

}  // namespace

std::map<YearMonth, std::string> source_fingerprints(const model::Content& content, unsigned jobs) {
  std::map<YearMonth, std::string> out;
  // A new build of creditgen may render the same inputs differently.
  const auto program = trusted_stamp("/proc/self/exe");
  if (!program) return out;
  Poco::SHA2Engine site(Poco::SHA2Engine::SHA_256);
  feed(site, "creditgen site sources 1");
  feed(site, *program);
  feed(site, content.root.string());
  for (const std::string& rel : content.site_files) {
    const auto stamp = trusted_stamp(content.root / rel);
    if (!stamp) return out;
    feed(site, rel);
    feed(site, *stamp);
  }
  for (const auto& rulebook : content.rulebooks) {
    feed(site, rulebook.file);
    feed(site, rulebook.sha256);
  }
  const std::string site_part = Poco::DigestEngine::digestToHex(site.digest());

  std::vector<std::string> digests(content.months.size());
  parallel_for(content.months.size(), jobs, [&](size_t i) {
    const model::Month& month = content.months[i];
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    feed(sha, site_part);
    feed(sha, month.month.str());
    const fs::path folder = content.root / month.month.str();
    for (const model::ContentFile& f : month.files) {
      feed(sha, f.path);
      if (!f.safe) {  // a symlink or special file: never read, only named
        feed(sha, "unsafe");
        continue;
      }
      const auto stamp = trusted_stamp(folder / f.path);
      if (!stamp) return;  // left ""
      feed(sha, *stamp);
    }
    digests[i] = Poco::DigestEngine::digestToHex(sha.digest());
  });
  for (size_t i = 0; i < content.months.size(); ++i) out[content.months[i].month] = digests[i];
  return out;
}

std::string sealing_sources(const std::map<YearMonth, std::string>& sources, YearMonth month,
                            const std::set<YearMonth>& months_read, const std::string& scores_json,
                            const std::string& scores_csv) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  feed(sha, "creditgen sealing sources 1");
  std::set<YearMonth> months = months_read;
  months.insert(month);
  for (YearMonth m : months) {
    auto it = sources.find(m);
    if (it == sources.end() || it->second.empty()) return "";
    feed(sha, m.str());
    feed(sha, it->second);
  }
  feed(sha, scores_json);
  feed(sha, scores_csv);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

}  // namespace creditgen::cli
