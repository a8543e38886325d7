#include "bundle/archive_checks.h"

#include <algorithm>
#include <stdexcept>

#include "base/json.h"

namespace creditgen::bundle {

std::string_view check_group_zh(std::string_view group) {
  if (group == "authenticity") return "真实性";
  if (group == "integrity") return "完整性";
  if (group == "usability") return "可用性";
  if (group == "security") return "安全性";
  return group;
}

namespace {

std::string_view group_of(std::string_view id) { return id.substr(0, id.find('.')); }

// How each result is written: for people (text) and for machines (JSON).
struct StatusNames {
  std::string_view zh, en;
};
StatusNames status_names(CheckStatus s) {
  switch (s) {
    case CheckStatus::pass: return {"通过", "pass"};
    case CheckStatus::fail: return {"不通过", "fail"};
    case CheckStatus::not_applicable: return {"不适用", "not-applicable"};
  }
  return {};
}

}  // namespace

ArchiveCheck& ArchiveReport::add(std::string id, std::string title) {
  ArchiveCheck& c = checks_.emplace_back();
  c.id = std::move(id);
  c.title = std::move(title);
  return c;
}

ArchiveCheck& ArchiveReport::at(std::string_view id) {
  for (auto& c : checks_)
    if (c.id == id) return c;
  throw std::logic_error("unknown archive check " + std::string(id));
}

void ArchiveReport::fail(std::string_view id, std::string problem, std::string file) {
  ArchiveCheck& c = at(id);
  c.status = CheckStatus::fail;
  c.problems.push_back(problem);
  found_.emplace_back(c.id, std::move(problem));
  if (!file.empty() && std::find(c.files.begin(), c.files.end(), file) == c.files.end()) c.files.push_back(std::move(file));
}

void ArchiveReport::not_applicable(std::string_view id, std::string why) {
  ArchiveCheck& c = at(id);
  if (c.status == CheckStatus::fail) return;
  c.status = CheckStatus::not_applicable;
  c.note = std::move(why);
}

bool ArchiveReport::passed() const {
  return std::none_of(checks_.begin(), checks_.end(), [](const ArchiveCheck& c) { return c.status == CheckStatus::fail; });
}

std::vector<std::string> ArchiveReport::problems(std::string_view except_group) const {
  std::vector<std::string> out;
  for (const auto& [id, problem] : found_)
    if (except_group.empty() || group_of(id) != except_group) out.push_back(problem);
  return out;
}

std::string ArchiveReport::text(std::string_view bundle, size_t max_listed) const {
  std::string out = "四性检测：" + std::string(bundle) + "\n";
  size_t counts[3] = {0, 0, 0};
  for (std::string_view group : kCheckGroups) {
    out += check_group_zh(group);
    out += "\n";
    for (const auto& c : checks_) {
      if (group_of(c.id) != group) continue;
      ++counts[static_cast<int>(c.status)];
      out += "  [" + std::string(status_names(c.status).zh) + "] " + c.id + "  " + c.title;
      if (!c.note.empty() && c.status != CheckStatus::fail) out += "：" + c.note;
      out += "\n";
      for (size_t i = 0; i < c.problems.size() && i < max_listed; ++i) out += "      - " + c.problems[i] + "\n";
      if (c.problems.size() > max_listed)
        out += "      - 另有 " + std::to_string(c.problems.size() - max_listed) + " 个问题（--format json 列出全部）\n";
    }
  }
  out += std::string("结论：") + (passed() ? "通过" : "不通过") + "（" + std::to_string(counts[0]) + " 项通过，" +
         std::to_string(counts[1]) + " 项不通过，" + std::to_string(counts[2]) + " 项不适用）\n";
  return out;
}

std::string ArchiveReport::json(std::string_view bundle) const {
  auto list = [](const std::vector<std::string>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + json_quoted(items[i]);
    return out + "]";
  };
  std::string out = "{\"bundle\":" + json_quoted(bundle) + ",\"passed\":" + (passed() ? "true" : "false") + ",\"checks\":[";
  bool first = true;
  for (std::string_view group : kCheckGroups)
    for (const auto& c : checks_) {
      if (group_of(c.id) != group) continue;
      out += first ? "\n  {" : ",\n  {";
      first = false;
      out += "\"id\":" + json_quoted(c.id) + ",\"group\":" + json_quoted(check_group_zh(group)) +
             ",\"title\":" + json_quoted(c.title) + ",\"status\":" + json_quoted(status_names(c.status).en) +
             ",\"note\":" + json_quoted(c.note) + ",\"problems\":" + list(c.problems) + ",\"files\":" + list(c.files) + "}";
    }
  return out + "\n]}\n";
}

}  // namespace creditgen::bundle
