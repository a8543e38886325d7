#include "render/search_index.h"

#include <iterator>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "base/json.h"
#include "base/pii.h"
#include "base/text.h"
#include "render/paths.h"

namespace creditgen::render {
namespace {

// Enough of each body for good snippets and recall, without letting a
// province of long articles make the index script huge.
constexpr size_t kMaxIndexedCodePoints = 3000;
constexpr size_t kMaxSnippetCodePoints = 400;

bool is_ascii_word_char(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Letters and digits outside ASCII (CJK above all) are indexed by bigrams.
bool is_wide_word_char(char32_t c) {
  if (c < 0x80) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFF00 && c <= 0xFF0F) return false;  // fullwidth punctuation
  if (c >= 0x2000 && c <= 0x206F) return false;  // general punctuation: “ ” — …
  return true;
}

// The first `max_code_points` code points of UTF-8 text (bytes, not decoded).
std::string shorten(std::string_view text, size_t max_code_points) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (count++ == max_code_points) return std::string(text.substr(0, i));
  }
  return std::string(text);
}

// Decodes the code point starting at text[i] (valid UTF-8: our own
// normalized text); sets `length` to its byte count.
char32_t decode_at(std::string_view text, size_t i, size_t& length) {
  const auto b = static_cast<unsigned char>(text[i]);
  auto cont = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k]) & 0x3F); };
  if (b < 0x80) { length = 1; return b; }
  if (b < 0xE0 && i + 1 < text.size()) { length = 2; return (char32_t{b & 0x1Fu} << 6) | cont(1); }
  if (b < 0xF0 && i + 2 < text.size()) { length = 3; return (char32_t{b & 0x0Fu} << 12) | (cont(1) << 6) | cont(2); }
  if (i + 3 < text.size()) { length = 4; return (char32_t{b & 0x07u} << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3); }
  length = 1;
  return 0xFFFD;
}

// Calls add(term) for every term of `text` (which must outlive the calls):
// ASCII words, and bigrams (or a lone character) of runs of wide characters.
// Terms are views into the normalized text; duplicates are the caller's.
template <class Add>
void for_each_term(const std::string& normalized, const Add& add) {
  const std::string_view t = normalized;
  size_t i = 0;
  while (i < t.size()) {
    size_t len = 1;
    const char32_t c = decode_at(t, i, len);
    if (is_ascii_word_char(c)) {
      const size_t start = i;
      while (i < t.size() && is_ascii_word_char(static_cast<unsigned char>(t[i]))) ++i;
      add(t.substr(start, i - start));
    } else if (is_wide_word_char(c)) {
      // A run of wide characters: each pair of neighbours is a term.
      size_t prev = i, prev_len = len, count = 1;
      i += len;
      while (i < t.size()) {
        size_t next_len = 1;
        const char32_t d = decode_at(t, i, next_len);
        if (!is_wide_word_char(d)) break;
        add(t.substr(prev, prev_len + next_len));
        prev = i;
        prev_len = next_len;
        i += next_len;
        ++count;
      }
      if (count == 1) add(t.substr(prev, prev_len));
    } else {
      i += len;
    }
  }
}

/// Markdown to searchable plain text: syntax characters become spaces.
std::string plain_text(std::string_view markdown) {
  std::string out;
  out.reserve(markdown.size());
  bool space = false;
  for (char c : markdown) {
    bool syntax = c == '#' || c == '*' || c == '_' || c == '|' || c == '>' || c == '`' || c == '[' || c == ']' ||
                  c == '(' || c == ')' || c == '!' || c == '~' || c == '\n' || c == '\t' || c == '\r';
    if (syntax || c == ' ') {
      if (!space && !out.empty()) out += ' ';
      space = true;
    } else {
      out += c;
      space = false;
    }
  }
  return mask_pii(trim(out));
}

void append_json(std::string& out, std::string_view s) { out += json_quoted(s, /*for_script=*/true); }

std::string base36(size_t n) {
  static const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  do {
    out.insert(out.begin(), digits[n % 36]);
    n /= 36;
  } while (n);
  return out;
}

}  // namespace

std::vector<std::string> search_terms(std::string_view text) {
  std::vector<std::string> terms;
  std::unordered_set<std::string_view> seen;
  const std::string normalized = ascii_lower(normalize_key(text));
  for_each_term(normalized, [&](std::string_view term) {
    if (seen.insert(term).second) terms.emplace_back(term);
  });
  return terms;
}

namespace {

std::string unit_label(const SiteInput& in, const std::string& id) {
  const model::Unit* u = in.content.unit(id);
  return u ? u->name : id;
}

}  // namespace

std::vector<SearchDoc> collect_month_docs(const SiteInput& in, const Paths& paths, YearMonth wanted) {
  std::vector<SearchDoc> docs;
  for (size_t mi = 0; mi < in.content.months.size(); ++mi) {
    const model::Month& month = in.content.months[mi];
    if (month.month != wanted) continue;
    const review::ReviewedMonth* reviewed = mi < in.reviewed.size() ? &in.reviewed[mi] : nullptr;
    auto status_of = [&](const model::ItemBase& item) -> std::string {
      if (!item.valid) return "无效";
      const review::ItemState* s = reviewed ? reviewed->find(item.key) : nullptr;
      return s ? model::review_status_label(s->status) : "";
    };
    const std::string ym = month.month.str();
    for (const auto& [unit_id, um] : month.units) {
      const std::string unit = unit_label(in, unit_id);
      const std::string unit_page = paths.unit_month(month.month, unit_id);
      for (const auto& n : um.news)
        docs.push_back({mask_pii(n.title), paths.item(month.month, unit_id, model::ItemKind::news, n.slug), ym, unit,
                        model::item_kind_label(model::ItemKind::news), status_of(n),
                        shorten(plain_text(n.body), kMaxIndexedCodePoints)});
      for (const auto& c : um.campaigns)
        docs.push_back({mask_pii(c.title), paths.item(month.month, unit_id, model::ItemKind::campaign, c.slug), ym,
                        unit, model::item_kind_label(model::ItemKind::campaign), status_of(c),
                        shorten(plain_text(c.location + " " + c.theme + " " + c.occasion + " " + c.body),
                                kMaxIndexedCodePoints)});
      for (const auto& p : um.policies)
        docs.push_back({mask_pii(p.title.empty() ? p.doc_no : p.title), unit_page, ym, unit,
                        model::item_kind_label(model::ItemKind::policy), status_of(p),
                        mask_pii(p.doc_no + " " + p.issuer)});
      for (const auto& s : um.scenarios)
        docs.push_back({mask_pii(s.name), unit_page, ym, unit, model::item_kind_label(model::ItemKind::scenario),
                        status_of(s), mask_pii(s.plan + " " + s.incentives)});
      for (const auto& s : um.supervision)
        docs.push_back({mask_pii(s.domain), unit_page, ym, unit, model::item_kind_label(model::ItemKind::supervision),
                        status_of(s), mask_pii(s.regulator + " " + s.document + " " + s.summary)});
    }
  }
  for (auto& d : docs) d.text = shorten(d.text, kMaxIndexedCodePoints);
  return docs;
}

std::vector<SearchDoc> collect_site_docs(const SiteInput& in, const Paths& paths, std::optional<YearMonth> only) {
  std::vector<SearchDoc> docs;
  // Units open on their history page; in a bundle, on their page of its month.
  for (const auto& u : in.content.units) {
    if (only && !u.active_in(*only)) continue;
    docs.push_back({u.name, only ? paths.unit_month(*only, u.id) : Paths::unit_history(u.id), only ? only->str() : "",
                    u.name, "单位", "", model::unit_type_label(u.type)});
  }
  // Scoring rows open on the newest scored month's indicator page (the
  // bundle's own month in a bundle).
  const score::MonthScores* latest = nullptr;
  for (const auto& s : in.scores)
    if (!only || s.month == *only) latest = &s;
  if (latest && latest->rulebook)
    for (const auto& ref : latest->rulebook->rows())
      docs.push_back({ref.row->id + " " + model::Rulebook::row_name(ref), paths.indicator(latest->month, ref.row->id),
                      latest->month.str(), "", "评分细则", "", ref.row->rule});
  for (auto& d : docs) d.text = shorten(d.text, kMaxIndexedCodePoints);
  return docs;
}

std::vector<SearchDoc> collect_search_docs(const SiteInput& in, const Paths& paths, std::optional<YearMonth> only) {
  std::vector<SearchDoc> docs;
  for (const auto& month : in.content.months) {
    if (only && month.month != *only) continue;
    auto part = collect_month_docs(in, paths, month.month);
    std::move(part.begin(), part.end(), std::back_inserter(docs));
  }
  auto site = collect_site_docs(in, paths, only);
  std::move(site.begin(), site.end(), std::back_inserter(docs));
  return docs;
}

std::string search_index_script(const std::vector<SearchDoc>& docs) {
  // Postings in document order; a term met twice in one document is listed once.
  // 32-bit document numbers: a province's index has tens of millions of postings.
  std::unordered_map<std::string, std::vector<uint32_t>> postings;
  for (size_t i = 0; i < docs.size(); ++i) {
    const auto& d = docs[i];
    const std::string normalized = ascii_lower(normalize_key(d.title + " " + d.unit + " " + d.month + " " + d.kind + " " + d.text));
    for_each_term(normalized, [&](std::string_view term) {
      auto& ids = postings[std::string(term)];
      if (ids.empty() || ids.back() != i) ids.push_back(static_cast<uint32_t>(i));
    });
  }
  std::vector<const std::pair<const std::string, std::vector<uint32_t>>*> sorted;
  sorted.reserve(postings.size());
  for (const auto& entry : postings) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out =
      "/* creditgen search index (one part): generated at build time. */\n"
      "(window.CREDITGEN_SEARCH=window.CREDITGEN_SEARCH||[]).push({\"docs\":[";
  for (size_t i = 0; i < docs.size(); ++i) {
    const auto& d = docs[i];
    out += i ? ",\n[" : "\n[";
    for (const std::string* field : {&d.title, &d.path, &d.month, &d.unit, &d.kind, &d.status}) {
      append_json(out, *field);
      out += ',';
    }
    append_json(out, shorten(d.text, kMaxSnippetCodePoints));
    out += ']';
  }
  out += "],\n\"terms\":{";
  bool first = true;
  for (const auto* entry : sorted) {
    const auto& [term, ids] = *entry;
    out += first ? "\n" : ",\n";
    first = false;
    append_json(out, term);
    out += ":\"";
    uint32_t previous = 0;
    for (size_t k = 0; k < ids.size(); ++k) {
      if (k) out += ',';
      out += base36(ids[k] - previous);
      previous = ids[k];
    }
    out += '"';
  }
  out += "}});\n";
  return out;
}

}  // namespace creditgen::render
