// The result of checking a bundle as an archive office does (四性检测 after
// DA/T 70: 真实性, 完整性, 可用性, 安全性): one line per check with a stable
// id, pass / fail / not applicable, and the files concerned. `verify`
// prints it as text or JSON; its exit status is 0 only when nothing fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace creditgen::bundle {

enum class CheckStatus { pass, fail, not_applicable };

struct ArchiveCheck {
  std::string id;     ///< "integrity.payload-oxum": the group, a dot, the check
  std::string title;  ///< what is checked, in Chinese
  CheckStatus status = CheckStatus::pass;
  std::string note;                   ///< what was found (pass or not applicable)
  std::vector<std::string> problems;  ///< each problem, in Chinese (fail)
  std::vector<std::string> files;     ///< files concerned (paths below the bag folder)
};

/// The four groups in report order, by the id prefix before the dot.
inline constexpr std::string_view kCheckGroups[] = {"authenticity", "integrity", "usability", "security"};
/// 真实性, 完整性, 可用性, 安全性.
std::string_view check_group_zh(std::string_view group);

class ArchiveReport {
 public:
  /// Adds a check (passing until told otherwise) and returns it.
  ArchiveCheck& add(std::string id, std::string title);
  /// The check with `id`; it must have been added.
  ArchiveCheck& at(std::string_view id);
  /// Records a problem: the check fails, `file` (if any) is concerned.
  void fail(std::string_view id, std::string problem, std::string file = {});
  /// Marks a check not applicable, saying why.
  void not_applicable(std::string_view id, std::string why);

  const std::vector<ArchiveCheck>& checks() const { return checks_; }
  bool passed() const;
  /// Every problem, in the order they were found; with `except_group`, not
  /// those of that group ("usability": what makes a bag unsound, not a
  /// format finding).
  std::vector<std::string> problems(std::string_view except_group = {}) const;

  /// The report for a person: grouped, one line per check, problems below a
  /// failing one (at most `max_listed` each, then how many more).
  std::string text(std::string_view bundle, size_t max_listed = 20) const;
  /// The same for machines: {"bundle", "passed", "checks": [{id, group, title, status, note, problems, files}]}.
  std::string json(std::string_view bundle) const;

 private:
  std::vector<ArchiveCheck> checks_;
  std::vector<std::pair<std::string, std::string>> found_;  ///< (check id, problem) as found
};

}  // namespace creditgen::bundle
