#include "cli/bundle_input.h"

#include <algorithm>
#include <fstream>
#include <mutex>

#include "base/file_types.h"
#include "base/parallel.h"
#include "base/text.h"
#include "load/publications.h"
#include "publish/site_writer.h"

namespace creditgen::cli {

namespace fs = std::filesystem;

namespace {

// 采纳, 退回, 待审核, or 无效 for an item with errors; empty for what needs no review.
std::string status_of(const review::ReviewedMonth* reviewed, const std::string& key) {
  const review::ItemState* state = reviewed ? reviewed->find(key) : nullptr;
  if (!state) return {};
  if (!state->valid) return "无效";
  switch (state->status) {
    case model::ReviewStatus::accepted: return "采纳";
    case model::ReviewStatus::rejected: return "退回";
    case model::ReviewStatus::pending: return "待审核";
  }
  return {};
}

// What each of the month's own files belongs to: the item (题名, unit, date,
// 文号, review status) for Markdown items, list entries' files and their
// attachments; the list file itself for list files. Names below data/.
std::map<std::string, bundle::FileRecord> month_file_records(const model::Content& content, const model::Month& month,
                                                             const review::ReviewedMonth* reviewed) {
  std::map<std::string, bundle::FileRecord> out;
  const std::string folder = "content/" + month.month.str() + "/";
  for (const auto& [unit_id, um] : month.units) {
    const model::Unit* unit = content.unit(unit_id);
    const std::string unit_name = unit ? unit->name : unit_id;
    const std::string base = folder + unit_id + "/";
    auto record = [&](const std::string& rel, model::ItemKind kind, const std::string& title, const std::string& date,
                      const std::string& doc_no, const std::string& key) {
      // A file two items share keeps the first (items in file order).
      out.emplace(base + rel, bundle::FileRecord{model::item_kind_label(kind), title, unit_name, date, doc_no,
                                                 status_of(reviewed, key)});
    };
    auto attachment = [&](const std::optional<model::Attachment>& a, model::ItemKind kind, const std::string& title,
                          const std::string& date, const std::string& doc_no, const std::string& key) {
      if (a) record(a->path, kind, title, date, doc_no, key);
    };
    for (const auto& n : um.news) {
      record("news/" + n.slug + ".md", model::ItemKind::news, n.title, n.date.str(), "", n.key);
      for (const auto& a : n.attachments) record(a.path, model::ItemKind::news, n.title, n.date.str(), "", n.key);
    }
    for (const auto& c : um.campaigns) {
      record("campaigns/" + c.slug + ".md", model::ItemKind::campaign, c.title, c.end.str(), "", c.key);
      for (const auto& a : c.photos) record(a.path, model::ItemKind::campaign, c.title, c.end.str(), "", c.key);
      attachment(c.plan, model::ItemKind::campaign, c.title, c.end.str(), "", c.key);
    }
    for (const auto& p : um.policies)
      attachment(p.file, model::ItemKind::policy, p.title, p.issued ? p.issued->str() : "", p.doc_no, p.key);
    for (const auto& s : um.scenarios) attachment(s.file, model::ItemKind::scenario, s.name, "", "", s.key);
    for (const auto& s : um.supervision) attachment(s.file, model::ItemKind::supervision, s.domain, "", "", s.key);
    for (const auto& l : um.ledger) {
      attachment(l.file, model::ItemKind::ledger, l.category, "", "", l.key);
      if (!l.records.empty()) record(l.records, model::ItemKind::ledger, l.category, "", "", l.key);
    }
    // The list files hold several entries: described as the list.
    for (const char* list : {"policies.yaml", "scenarios.yaml", "supervision.yaml", "ledger.yaml", "incidents.yaml",
                             "objections.yaml", "metrics.yaml"})
      out.emplace(base + list, bundle::FileRecord{"清单文件", "", unit_name, "", "", ""});
  }
  return out;
}

}  // namespace

bundle::BagInput make_bag_input(const model::Content& content, const model::Month& month,
                                const score::MonthScores& scores, const std::vector<review::ReviewedMonth>& reviewed,
                                const model::PublishedVersion* version) {
  bundle::BagInput in;
  const review::ReviewedMonth* month_review = nullptr;
  for (const auto& r : reviewed)
    if (r.month == month.month) month_review = &r;
  in.file_records = month_file_records(content, month, month_review);
  in.retention = content.site.retention;
  // A sealed bag is signed when the office names its key (drafts never are).
  if (version && !content.site.signing_key.empty()) {
    bundle::SigningKey key;
    for (auto [rel, pem] : {std::pair{&content.site.signing_key, &key.key_pem},
                            std::pair{&content.site.signing_certificate, &key.certificate_pem}}) {
      std::ifstream file(content.root / *rel, std::ios::binary);
      *pem = std::string(std::istreambuf_iterator<char>(file), {});
      if (!file.good() && !file.eof()) pem->clear();
      if (pem->empty()) in.signing_error = "site.yaml 的 signing 所指的文件“" + *rel + "”无法读取";
    }
    if (in.signing_error.empty()) in.signing = std::move(key);
  }
  // A version stamped at publication carries the TSA's reply kept beside its record.
  if (version && !version->timestamp.empty()) {
    const std::string rel = std::string(load::kPublicationsFolder) + "/" + version->timestamp;
    std::ifstream file(content.root / rel, std::ios::binary);
    in.timestamp_reply = std::string(std::istreambuf_iterator<char>(file), {});
    if (in.timestamp_reply.empty()) in.timestamp_error = "发布记录所指的时间戳回执“" + rel + "”无法读取";
  }
  const model::Site& site = content.site;
  in.district = site.district;
  in.slug = site.slug;
  in.organization = site.organization();
  in.address = site.address;
  in.contact = site.contact;
  in.month = month.month;
  in.epoch = month.bundle_epoch();
  in.utc_offset_minutes = site.utc_offset_minutes;
  if (version) {
    // A sealed version: labelled from the publication record.
    const model::Publication& record = *content.publication(month.month);
    in.published = version->date;
    bundle::BagInput::SealedVersion sealed;
    sealed.revision = version->revision;
    sealed.by = version->by;
    if (version->revision > 1) {
      const model::PublishedVersion& previous = record.versions.at(version->revision - 2);
      sealed.supersedes = bundle::BundleRef{previous.bundle, previous.sha256};
      sealed.reason = version->reason;
      sealed.first_published = record.first().date;
    }
    in.sealed = std::move(sealed);
  }
  if (scores.rulebook) {
    in.rulebook_name = scores.rulebook->name;
    in.rulebook_sha256 = scores.rulebook->sha256;
  }
  in.shown = month.dir;

  in.content_shown_root = content.shown_root;
  const std::set<YearMonth> earlier_months =
      scores.rulebook ? score::months_read(content, *scores.rulebook, month.month) : std::set<YearMonth>{};
  // An earlier month contributes its text files; its attachments stay in its own bag.
  auto carried = [](const model::ContentFile& f) { return f.safe && is_content_text(f.path); };
  // A late month's bag lists every earlier month's text: its entries are
  // counted first, so the list is allocated once at its size.
  size_t expected = month.files.size() + 8;
  for (YearMonth earlier : earlier_months)
    if (const model::Month* m = content.month(earlier))
      expected += static_cast<size_t>(std::count_if(m->files.begin(), m->files.end(), carried));
  in.payload.reserve(expected);

  auto add_month_files = [&](const model::Month& m, bool text_only) {
    const std::string folder = m.month.str();
    for (const auto& f : m.files) {
      if (!f.safe) {
        if (!text_only) in.omitted_unsafe.push_back("content/" + folder + "/" + f.path);
        continue;
      }
      if (text_only && !carried(f)) {
        // Listed, not included: its own month's bundle holds it.
        *in.earlier_files += std::to_string(f.size) + "  data/content/" + folder + "/" + f.path + "\n";
        continue;
      }
      in.payload.push_back(bundle::PayloadEntry::from_file("content/" + folder + "/" + f.path,
                                                           content.root / folder / f.path, f.format_confirmed));
    }
  };
  add_month_files(month, false);
  if (scores.rulebook) {
    if (!earlier_months.empty()) in.earlier_files.emplace();
    for (YearMonth earlier : earlier_months) {
      if (const model::Month* m = content.month(earlier)) add_month_files(*m, true);
      // The earlier month's newest sealed version, as its record names it.
      if (const model::Publication* p = content.publication(earlier))
        in.prior_bundles.push_back(bundle::BundleRef{p->newest().bundle, p->newest().sha256});
    }
  }

  std::vector<std::string> site_files = {"site.yaml", "units.yaml", "calendar.yaml"};
  if (scores.rulebook) site_files.push_back(scores.rulebook->file);
  for (const auto& rel : site_files) {
    std::error_code ec;
    if (fs::is_regular_file(content.root / rel, ec))
      in.payload.push_back(bundle::PayloadEntry::from_file("content/" + rel, content.root / rel));
  }

  in.payload.push_back(bundle::PayloadEntry::from_bytes("scores.json", score::scores_json(scores, content)));
  in.payload.push_back(bundle::PayloadEntry::from_bytes("scores.csv", score::scores_csv(scores, content)));
  return in;
}

namespace {

// Packs each rendered page on arrival (deflated, with its digests), on the
// rendering thread; copies are read when the bag is written.
class PackingSink final : public render::OutputSink {
 public:
  explicit PackingSink(std::shared_ptr<bundle::Spool> spool) : spool_(std::move(spool)) {}
  void file(const std::string& path, std::string bytes) override {
    bundle::PayloadEntry entry = bundle::PayloadEntry::packed_from_bytes("report/" + path, std::move(bytes), spool_);
    std::lock_guard lock(mutex_);
    entries_.push_back(std::move(entry));
  }
  void copy(const std::string& path, render::FileCopy copy) override {
    bundle::PayloadEntry entry = copy.mask_pii
                                     ? bundle::PayloadEntry::packed_from_bytes("report/" + path, publish::published_bytes(copy), spool_)
                                     : bundle::PayloadEntry::from_file("report/" + path, copy.source);
    std::lock_guard lock(mutex_);
    entries_.push_back(std::move(entry));
  }
  std::vector<bundle::PayloadEntry> take() { return std::move(entries_); }

 private:
  std::shared_ptr<bundle::Spool> spool_;
  std::mutex mutex_;
  std::vector<bundle::PayloadEntry> entries_;
};

}  // namespace

std::vector<bundle::PayloadEntry> report_payload(const render::SiteInput& in, YearMonth month,
                                                 const fs::path& spool_folder) {
  // A spool of the report's own: its pages keep it open, and when the bag
  // that holds them is written they are let go and its disk space with them.
  PackingSink sink(spool_folder.empty() ? nullptr : std::make_shared<bundle::Spool>(spool_folder));
  render::render_month_report(in, month, sink);
  return sink.take();
}

}  // namespace creditgen::cli
