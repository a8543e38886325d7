// The whole loaded content tree: what load/ produces and every later stage
// reads. Plain values; no I/O.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/id_index.h"
#include "base/inputs.h"
#include "model/calendar.h"
#include "model/items.h"
#include "model/publication.h"
#include "model/review.h"
#include "model/rulebook.h"
#include "model/site.h"

namespace creditgen::model {

/// A file inside a month folder, for the evidence bundle and the site.
struct ContentFile {
  std::string path;  ///< relative to the month folder, '/'-separated: "lingang/files/a.jpg"
  unsigned long long size = 0;
  bool safe = true;  ///< false: a symlink, device, FIFO or socket — never read, never published
  /// The FileStamp::digest() of the version whose bytes loading found to be
  /// what the file's name says (an attachment without a format finding), so
  /// the bag's metadata need not identify that version again; 0: not known.
  uint64_t format_confirmed = 0;

  bool operator==(const ContentFile&) const = default;
};

/// One unit's folder in one month.
struct UnitMonth {
  std::string unit;
  std::vector<NewsItem> news;
  std::vector<CampaignItem> campaigns;
  std::vector<Policy> policies;
  std::vector<Scenario> scenarios;
  std::vector<Supervision> supervision;
  std::vector<LedgerEntry> ledger;
  std::vector<Incident> incidents;
  std::vector<Objection> objections;
  UsccFindings uscc;
  /// List files ("policies.yaml", …) that failed to parse as YAML: review
  /// decisions on their entries are not dangling, their entries unknown.
  std::vector<std::string> broken_files;

  bool operator==(const UnitMonth&) const = default;
};

struct Month {
  YearMonth month;
  std::string dir;  ///< shown path of the month folder, e.g. "content/2022-05"
  Review review;
  std::vector<Penalty> penalties;
  std::map<std::string, UnitMonth> units;  ///< by unit id; only folders that exist
  /// Figures by unit id, then metric name: platform.yaml merged with the
  /// units' metrics.yaml (the platform wins), bad figures already dropped.
  std::map<std::string, std::map<std::string, Figure>> figures;
  std::vector<ContentFile> files;  ///< every entry of the month folder, sorted by path bytes
  bool scorable = true;            ///< false when no rulebook is in force for it
  /// The first publication's date from the month's publication record; none
  /// → a draft. Obligations are judged at it. Set by load_content from
  /// content/publications/, never from the month folder.
  std::optional<Date> published;
  /// What the month was loaded from, taken before loading
  /// (load/month_cache.h month_inputs): the stamps of every entry of the
  /// folder, of the site-wide files and rulebooks, and of the program; not
  /// known when one changed moments ago or could not be read. The inputs of
  /// later stages' outputs name it ("month:YYYY-MM", by its digest).
  Inputs inputs;

  const UnitMonth* unit(const std::string& id) const;
  const Figure* figure(const std::string& unit, const std::string& name) const;
  /// The moment obligations are judged at and bundles are dated by: the
  /// latest `submitted` / `completed` among the month's valid items, else the
  /// month's last day 23:59:59 (local wall clock at the site's offset).
  DateTime bundle_epoch() const;

  bool operator==(const Month&) const = default;
};

struct Content {
  std::filesystem::path root;  ///< the content folder on disk
  std::string shown_root;      ///< as given on the command line, e.g. "content"
  Site site;
  std::vector<Unit> units;     ///< in units.yaml order
  Calendar calendar;
  std::vector<Rulebook> rulebooks;  ///< sorted by effective month
  std::vector<Month> months;        ///< sorted by month
  /// Top-level files besides months (site.yaml, units.yaml, calendar.yaml), relative to root.
  std::vector<std::string> site_files;
  /// Publication records by month (content/publications/): the months that are published.
  std::map<YearMonth, Publication> publications;

  const Unit* unit(const std::string& id) const;
  /// Makes unit() O(1); call after filling `units` (load_content does).
  void index_units() { unit_index.build(units, [](const Unit& u) -> const std::string& { return u.id; }); }
  IdIndex unit_index;
  /// The newest rulebook whose month ≤ m, or null.
  const Rulebook* rulebook_for(YearMonth m) const;
  const Month* month(YearMonth m) const;
  const Publication* publication(YearMonth m) const;
};

}  // namespace creditgen::model
