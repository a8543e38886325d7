#include "bundle/bundle_summaries.h"

#include <fstream>
#include <sstream>

#include "base/replace_file.h"

namespace creditgen::bundle {

namespace fs = std::filesystem;

namespace {

std::string key_of(const fs::path& zip) {
  std::error_code ec;
  const fs::path abs = fs::absolute(zip, ec);
  return ec ? zip.string() : abs.string();
}

constexpr std::string_view kHeader = "creditgen-bundles 3";

}  // namespace

std::string& BundleSummaries::Entry::matched(MatchedBy kind) {
  switch (kind) {
    case MatchedBy::sealing_inputs: return sealing_inputs;
    case MatchedBy::sources: return sources;
    case MatchedBy::deflater: break;
  }
  return deflater;
}

BundleSummaries::Entry* BundleSummaries::current(const fs::path& zip) {
  const auto stamp = FileStamp::of(zip);
  if (!stamp) return nullptr;
  auto it = entries_.find(key_of(zip));
  return it != entries_.end() && it->second.stamp == *stamp ? &it->second : nullptr;
}

void BundleSummaries::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  dirty_ = false;
}

std::optional<TagSummary> BundleSummaries::find(const fs::path& zip, const FileStamp& stamp) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key_of(zip));
  if (it == entries_.end() || !(it->second.stamp == stamp)) return std::nullopt;
  it->second.used = true;
  return it->second.summary;
}

void BundleSummaries::put(const fs::path& zip, const FileStamp& stamp, TagSummary summary) {
  std::lock_guard lock(mutex_);
  Entry& e = entries_[key_of(zip)];
  const bool same_zip = e.stamp.size == stamp.size && e.stamp.mtime_ns == stamp.mtime_ns &&
                        e.stamp.inode == stamp.inode && e.summary.manifest_hash == summary.manifest_hash &&
                        e.summary.bag_info == summary.bag_info;
  if (!same_zip) e.sealing_inputs.clear(), e.sources.clear(), e.deflater.clear();
  e.stamp = stamp;
  e.summary = std::move(summary);
  e.used = true;
  dirty_ = true;
}

std::string BundleSummaries::matched(const fs::path& zip, MatchedBy kind) {
  std::lock_guard lock(mutex_);
  Entry* e = current(zip);
  if (!e) return {};
  e->used = true;
  return e->matched(kind);
}

void BundleSummaries::set_matched(const fs::path& zip, MatchedBy kind, const std::string& value) {
  if (value.empty()) return;
  std::lock_guard lock(mutex_);
  Entry* e = current(zip);
  if (!e || e->matched(kind) == value) return;
  e->matched(kind) = value;
  e->used = true;
  dirty_ = true;
}

// One record per bundle: "<size> <mtime_ns> <ctime_ns> <inode> <manifest
// sha256> <sealing sha256> <sealing inputs or -> <sources or -> <deflater or
// -> <bag-info length> <absolute path>\n", then the bag-info bytes and "\n".
void BundleSummaries::load(const fs::path& file) {
  std::lock_guard lock(mutex_);
  entries_.clear();
  dirty_ = false;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != kHeader) return;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Entry e;
    size_t info_length = 0;
    if (!(fields >> e.stamp >> e.summary.manifest_hash >> e.summary.sealing_hash >> e.sealing_inputs >> e.sources >>
          e.deflater >> info_length))
      return;
    for (std::string* field : {&e.sealing_inputs, &e.sources, &e.deflater})
      if (*field == "-") field->clear();
    fields.get();
    std::string path;
    std::getline(fields, path);
    if (path.empty() || info_length > (1u << 20)) return;
    e.summary.bag_info.resize(info_length);
    if (!in.read(e.summary.bag_info.data(), static_cast<std::streamsize>(info_length)) || in.get() != '\n') return;
    entries_[path] = std::move(e);
  }
}

bool BundleSummaries::save(const fs::path& file) {
  std::lock_guard lock(mutex_);
  std::error_code ec;
  if (!dirty_ && fs::exists(file, ec)) return true;  // a no-op build writes nothing
  const bool saved = replace_file(file, [this](std::ostream& out) {
    out << kHeader << '\n';
    auto or_dash = [](const std::string& s) { return s.empty() ? std::string_view("-") : std::string_view(s); };
    for (const auto& [path, e] : entries_) {
      if (!e.used || path.find('\n') != std::string::npos) continue;
      out << e.stamp << ' ' << e.summary.manifest_hash << ' ' << e.summary.sealing_hash << ' '
          << or_dash(e.sealing_inputs) << ' ' << or_dash(e.sources) << ' ' << or_dash(e.deflater) << ' '
          << e.summary.bag_info.size() << ' ' << path << '\n'
          << e.summary.bag_info << '\n';
    }
  });
  if (saved) dirty_ = false;
  return saved;
}

}  // namespace creditgen::bundle
