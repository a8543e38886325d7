#include "load/publications.h"

#include <algorithm>

#include "base/bundle_name.h"
#include "load/site_files.h"
#include "load/source_file.h"
#include "load/yaml_fields.h"

namespace creditgen::load {

namespace fs = std::filesystem;

namespace {

bool is_sha256_hex(const std::string& s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A YAML double-quoted scalar: free text (names, reasons) read back exactly.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      static const char* digits = "0123456789abcdef";
      out += "\\x";
      out += digits[c >> 4];
      out += digits[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::optional<model::Publication> read_record(const YamlFile& file, YearMonth month, const fs::path& dir,
                                              const SourceTree& tree, Diagnostics& diags) {
  const size_t errors_before = diags.count(Severity::error);
  model::Publication pub;
  pub.month = month;
  pub.file = file.path();
  if (!expect_map(file, file.root(), "发布记录", diags)) return std::nullopt;
  MapReader r(file, file.root(), diags);
  if (auto m = r.text("month", true); m && *m != month.str())
    r.bad_value("month", "发布记录的月份“" + *m + "”与文件名 " + month.str() + ".yaml 不符");
  YAML::Node versions = r.node("versions");
  if (!versions.IsDefined() || !versions.IsSequence() || versions.size() == 0) {
    diags.error(r.at("versions"), "bad-publication", "发布记录缺少 versions 列表（至少一个已封存的版本）");
    r.mark_failed();
  } else {
    for (const auto& v : versions) {
      if (!expect_map(file, v, "versions 的每一项", diags)) continue;
      MapReader vr(file, v, diags);
      model::PublishedVersion pv;
      const auto revision = vr.integer("revision", true, 1, 999999);
      const auto date = vr.date("date", true);
      const auto by = vr.text("by", true);
      const auto reason = vr.text("reason", false);
      const auto bundle = vr.text("bundle", true);
      const auto sha = vr.text("sha256", true);
      const auto timestamp = vr.text("timestamp", false);
      vr.finish();
      if (!revision || !date || !by || !bundle || !sha) continue;
      pv.revision = static_cast<int>(*revision);
      pv.date = *date;
      pv.by = *by;
      pv.reason = reason.value_or("");
      pv.bundle = *bundle;
      pv.sha256 = *sha;
      pv.timestamp = timestamp.value_or("");
      const Location where = file.at(v);
      if (pv.revision != static_cast<int>(pub.versions.size()) + 1)
        diags.error(where, "bad-publication",
                    "版本号应依次为 1、2、3……，此处应为 " + std::to_string(pub.versions.size() + 1));
      else if (pv.bundle != sealed_bundle_file_name(month, pv.revision))
        diags.error(where, "bad-publication",
                    "证据包文件名应为“" + sealed_bundle_file_name(month, pv.revision) + "”，实际为“" + pv.bundle + "”");
      else if (!is_sha256_hex(pv.sha256))
        diags.error(where, "bad-publication", "sha256 应为 64 位小写十六进制数");
      else if (!pv.timestamp.empty() && pv.timestamp != timestamp_reply_name(pv.bundle))
        diags.error(where, "bad-publication",
                    "时间戳回执文件名应为“" + timestamp_reply_name(pv.bundle) + "”，实际为“" + pv.timestamp + "”");
      else if (!pv.timestamp.empty() && tree.type(dir / pv.timestamp) != EntryType::regular)
        diags.error(where, "bad-publication",
                    "发布记录所指的时间戳回执 " + pv.timestamp + " 不在发布记录文件夹中（它与证据包一起封存，不能删除）");
      else if (pv.revision > 1 && pv.reason.empty())
        diags.error(where, "bad-publication", "更正版本（revision ≥ 2）须写明更正原因 reason");
      else if (pv.date <= Date{month.year, month.month, month.days_in_month()})
        diags.error(where, "bad-publication", "发布日期 " + pv.date.str() + " 早于该月结束");
      else if (!pub.versions.empty() && pv.date < pub.versions.back().date)
        diags.error(where, "bad-publication", "更正日期 " + pv.date.str() + " 早于上一版本的日期");
      pub.versions.push_back(std::move(pv));
    }
  }
  r.finish();
  if (diags.count(Severity::error) > errors_before || pub.versions.empty()) return std::nullopt;
  return pub;
}

}  // namespace

std::string timestamp_reply_name(const std::string& bundle) {
  return (bundle.ends_with(".zip") ? bundle.substr(0, bundle.size() - 4) : bundle) + ".tsr";
}

std::string publication_record_path(YearMonth month) {
  return std::string(kPublicationsFolder) + "/" + month.str() + ".yaml";
}

std::optional<std::map<YearMonth, model::Publication>> load_publications(const fs::path& root,
                                                                         const std::string& shown_root,
                                                                         Diagnostics& diags, const SourceTree& tree) {
  std::map<YearMonth, model::Publication> out;
  const fs::path dir = root / kPublicationsFolder;
  const EntryType t = tree.type(dir);
  if (t == EntryType::missing) return out;
  const std::string shown_dir = shown_path(shown_root, kPublicationsFolder);
  if (t != EntryType::directory) {
    diags.error({shown_dir, 1, 1}, "bad-publication", "publications 应为存放发布记录的文件夹");
    return std::nullopt;
  }
  std::vector<std::string> names;
  std::error_code ec;
  for (auto& e : list_folder(tree, dir, shown_dir, diags, ec)) names.push_back(std::move(e.name));
  if (ec) {
    diags.error({shown_dir, 1, 1}, "io", "无法读取发布记录文件夹：" + ec.message());
    return std::nullopt;
  }
  std::sort(names.begin(), names.end());
  bool ok = true;
  std::vector<std::string> replies;  // timestamp replies: each must be named by its record
  for (const auto& name : names) {
    if (name.empty() || name[0] == '.') continue;
    if (name.ends_with(".tsr")) {
      replies.push_back(name);
      continue;
    }
    const std::string shown = shown_dir + "/" + name;
    std::optional<YearMonth> month;
    if (name.size() == 12 && name.ends_with(".yaml")) month = YearMonth::parse(name.substr(0, 7));
    if (!month) {
      diags.error({shown, 1, 1}, "bad-publication",
                  "发布记录文件名应为 YYYY-MM.yaml（由 creditgen publish 写入），请勿在此文件夹放其他文件");
      ok = false;
      continue;
    }
    auto file = read_yaml_file(dir / name, shown, diags, tree);
    if (!file) {
      ok = false;
      continue;
    }
    auto pub = read_record(*file, *month, dir, tree, diags);
    if (!pub) {
      ok = false;
      continue;
    }
    out.emplace(*month, std::move(*pub));
  }
  for (const std::string& name : replies) {
    bool named = false;
    for (const auto& [month, pub] : out)
      for (const auto& v : pub.versions) named = named || v.timestamp == name;
    if (!named && ok) {
      diags.error({shown_dir + "/" + name, 1, 1}, "bad-publication",
                  "时间戳回执“" + name + "”没有任何发布记录提到它（由 creditgen publish --timestamp-response 写入），请勿在此文件夹放其他文件");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::string publication_record_yaml(const model::Publication& publication) {
  std::string out;
  out += "# 发布记录：由 creditgen publish 写入，请勿手工修改。\n";
  out += "# 已发布的月份以此为准；更正请用 creditgen publish --month " + publication.month.str() +
         " --correct --reason \"…\"。\n";
  out += "month: " + publication.month.str() + "\n";
  out += "versions:\n";
  for (const auto& v : publication.versions) {
    out += "  - revision: " + std::to_string(v.revision) + "\n";
    out += "    date: " + v.date.str() + "\n";
    out += "    by: " + quoted(v.by) + "\n";
    if (!v.reason.empty()) out += "    reason: " + quoted(v.reason) + "\n";
    out += "    bundle: " + v.bundle + "\n";
    out += "    sha256: " + v.sha256 + "\n";
    if (!v.timestamp.empty()) out += "    timestamp: " + v.timestamp + "\n";
  }
  return out;
}

}  // namespace creditgen::load
