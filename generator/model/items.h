// What units submit: one plain struct per item kind. Items that failed
// validation are kept (valid = false) so the problems page can list them and a
// review decision on them is not "dangling"; they never count.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"

namespace creditgen::model {

enum class ItemKind { news, campaign, policy, scenario, supervision, ledger, incident, objection };

const char* item_kind_id(ItemKind k);     ///< "news", "campaign", "policy", …
const char* item_kind_label(ItemKind k);  ///< 信用动态, 诚信宣传活动, 制度文件, …
std::optional<ItemKind> parse_item_kind(std::string_view id);

/// Fields every item has.
struct ItemBase {
  std::string unit;  ///< unit id (the folder name)
  YearMonth month;
  std::string key;   ///< review key: "shenpiju/news/a.md" or "shenpiju/policies.yaml#<key>"
  Location where;    ///< the item's file, at the entry's first line for list entries
  bool valid = true; ///< false when any error was reported on it

  bool operator==(const ItemBase&) const = default;
};

/// A file referenced by an item, relative to the unit folder ("files/a.jpg").
struct Attachment {
  std::string path;
  Location where;
  bool ok = false;  ///< exists, safe, allowed type and size

  bool operator==(const Attachment&) const = default;
};

struct NewsItem : ItemBase {
  std::string slug;  ///< file name without ".md"
  std::string title;
  Date date;
  DateTime submitted;
  std::string author;
  std::vector<std::string> tags;
  std::vector<Attachment> attachments;
  std::string body;      ///< Markdown, UTF-8, LF line ends
  int body_line = 1;     ///< line of the body's first line in the file
  bool late = false;
  double late_hours = 0; ///< hours past the deadline when late

  bool operator==(const NewsItem&) const = default;
};

struct CampaignItem : ItemBase {
  std::string slug;
  std::string title;
  Date start;
  Date end;
  DateTime submitted;
  std::string location;
  std::string theme;  ///< 进社区 进企业 进校园 进医院 进村居 进机关 进商圈 其他
  std::string occasion;
  std::optional<long long> participants;
  std::vector<Attachment> photos;
  std::optional<Attachment> plan;
  std::string body;
  int body_line = 1;
  bool late = false;
  double late_hours = 0;

  bool operator==(const CampaignItem&) const = default;
};

enum class PolicyStatus { in_force, repealed };

struct Policy : ItemBase {
  std::string doc_no;  ///< normalised key (NFKC, trimmed); the title when there is no 文号
  std::string title;
  std::optional<Date> issued;
  std::string issuer;
  PolicyStatus status = PolicyStatus::in_force;
  std::optional<Attachment> file;
  std::string url;

  bool operator==(const Policy&) const = default;
};

struct Scenario : ItemBase {
  std::string name;  ///< normalised key
  std::string plan;
  std::string incentives;
  std::optional<Attachment> file;

  bool operator==(const Scenario&) const = default;
};

struct Supervision : ItemBase {
  std::string domain;  ///< normalised key
  int industry = 0;    ///< 国民经济行业分类 1–20
  std::string regulator;
  std::string document;
  std::string link;
  std::string summary;
  std::vector<std::string> cases;
  std::optional<Attachment> file;

  bool operator==(const Supervision&) const = default;
};

struct LedgerEntry : ItemBase {
  std::string category;  ///< normalised key
  long long count = 0;
  std::optional<Attachment> file;
  std::string records;   ///< "records/x.csv" or empty

  bool operator==(const LedgerEntry&) const = default;
};

enum class Handling { proactive, late, after_report, ordered };
const char* handling_id(Handling h);
const char* handling_label(Handling h);  ///< 主动处理 处理不及时 被举报后才处置 被上级责令查处

struct Incident : ItemBase {
  std::string id;
  Date date;
  std::string title;
  std::string domain;  ///< 政务诚信 商务诚信 社会诚信 司法公信
  Handling handling = Handling::proactive;
  std::string disclosure;

  bool operator==(const Incident&) const = default;
};

struct Objection : ItemBase {
  std::string id;
  DateTime received;
  DateTime completed;
  bool valid_objection = true;  ///< 有效异议

  bool operator==(const Objection&) const = default;
};

/// One problem found in a unit's record CSVs (错码 or 重码).
struct UsccProblem {
  enum class Kind { bad_code, duplicate } kind = Kind::bad_code;
  std::string code;
  std::string name;
  Location where;
  std::string detail;  ///< Chinese explanation shown in the report

  bool operator==(const UsccProblem&) const = default;
};

struct UsccFindings {
  int bad_codes = 0;        ///< 错码
  int duplicate_codes = 0;  ///< 重码
  std::vector<UsccProblem> problems;

  bool operator==(const UsccFindings&) const = default;
};

/// A figure from metrics.yaml or platform.yaml.
struct Figure {
  double value = 0;
  Location where;
  bool from_platform = false;

  bool operator==(const Figure&) const = default;
};

}  // namespace creditgen::model
