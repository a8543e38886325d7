#include "cli/published_months.h"

#include <map>

#include "bundle/digest.h"

namespace creditgen::cli {

namespace fs = std::filesystem;

RecordedBundles check_recorded_bundles(const model::Content& content, const fs::path& archive_dir,
                                       bundle::BundleCache& cache, Diagnostics& diags) {
  RecordedBundles out;
  for (const auto& [month, publication] : content.publications) {
    const Location at{publication.file, 1, 1};
    for (const model::PublishedVersion& v : publication.versions) {
      const fs::path zip = archive_dir / v.bundle;
      std::error_code ec;
      const auto status = fs::symlink_status(zip, ec);
      if (status.type() == fs::file_type::not_found) {
        if (&v == &publication.newest()) {
          out.to_recreate.insert(month);
        } else {
          diags.error(at, "sealed-bundle",
                      "已封存的佐证材料包 " + v.bundle + " 缺失。它已被更正版取代，无法按现有材料重新生成，"
                      "请从备份恢复到 " + archive_dir.string() + "（SHA-256 应为 " + v.sha256 + "）");
          out.ok = false;
        }
        continue;
      }
      if (status.type() != fs::file_type::regular) {
        diags.error(at, "sealed-bundle", "已封存的佐证材料包 " + zip.string() + " 不是普通文件");
        out.ok = false;
        continue;
      }
      const auto sha = cache.file_sha256(zip);
      if (!sha) {
        diags.error(at, "sealed-bundle", "无法读取已封存的佐证材料包 " + zip.string());
        out.ok = false;
      } else if (*sha != v.sha256) {
        diags.error(at, "sealed-bundle",
                    "已封存的佐证材料包 " + zip.string() + " 已损坏或被改动：发布记录中的 SHA-256 为 " + v.sha256 +
                        "，现有文件为 " + *sha + "。请从备份恢复原文件；不会据此发布任何内容");
        out.ok = false;
      }
    }
  }
  return out;
}

std::string published_review_errors(const model::Content& content, const Diagnostics& diags) {
  std::map<std::string, YearMonth> reviews;  // review.yaml of each published month
  for (const model::Month& m : content.months)
    if (content.publication(m.month)) reviews.emplace(m.dir + "/review.yaml", m.month);
  std::set<YearMonth> broken;
  for (const Diagnostic& d : diags.all())
    if (d.severity == Severity::error)
      if (auto it = reviews.find(d.where.file); it != reviews.end()) broken.insert(it->second);
  std::string out;
  for (YearMonth m : broken) out += (out.empty() ? "" : "、") + m.str();
  return out;
}

std::string changed_after_publish_message(const model::Publication& publication, const std::string& changes) {
  const std::string m = publication.month.str();
  return m + " 已于 " + publication.newest().date.str() + " 发布（" + publication.newest().bundle +
         "），但现有材料或得分已与之不同：" + changes + "。已发布的月报和证据包保持不变；如确需更正，请运行 "
         "creditgen publish --month " + m + " --correct --reason \"更正原因\"，否则请把这些文件恢复原样";
}

}  // namespace creditgen::cli
