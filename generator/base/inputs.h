// What an output of the build is made from, input by input, and the one
// answer to "is this output up to date, and why not" (why_stale).
//
// Every kept output (a loaded month in the month cache, a month's site
// pages, a month's draft bundle, a published month's comparison with its
// bundle) declares its inputs as a list of named digests. The list is saved
// with the output; the next build makes the list again and compares: equal
// lists mean the output is kept, and otherwise the differing names are the
// reason it is redone (`creditgen build --explain`).
//
// Adding an input to an output means adding one line where its list is made
// (load/month_cache.cc month_inputs, render/site.cc month_page_inputs,
// cli/site_sources.cc bag_inputs and draft_inputs). Beyond the lists, a kept
// output is checked only for being itself intact (the site's files keep
// their published stamps; a bundle is the zip it was remembered as).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace creditgen {

class Inputs {
 public:
  struct Input {
    std::string name;    ///< a stable ASCII id: "file:site.yaml", "month:2022-03" (see input_label)
    std::string digest;  ///< 32 hex digits of the SHA-256 of the input's value
    friend bool operator==(const Input&, const Input&) = default;
  };

  /// An input whose value is `value` (hashed here).
  Inputs& add(std::string name, std::string_view value);
  /// An input that cannot be trusted now (changed in the last two seconds,
  /// unreadable): the output is never kept, and the name says why.
  Inputs& unknown(std::string name);
  /// Every input of `other` not listed yet (and its unknown input, if any).
  Inputs& add_all(const Inputs& other);

  /// False when any input is unknown.
  bool known() const { return unknown_.empty(); }
  const std::string& unknown_input() const { return unknown_; }
  const std::vector<Input>& list() const { return list_; }
  /// One digest of the whole list ("" when not known): for keys and
  /// fingerprints of other outputs.
  std::string digest() const;

  /// One line without spaces, tabs or newlines ("" when not known):
  /// name=digest;name=digest… (names percent-escaped).
  std::string serialize() const;
  /// nullopt for a damaged or empty line.
  static std::optional<Inputs> parse(std::string_view line);

  /// Value equality (unknown lists included); whether an output is fresh is
  /// why_stale's to say.
  friend bool operator==(const Inputs& a, const Inputs& b) = default;

 private:
  std::vector<Input> list_;
  std::string unknown_;
};

/// Fresh, or stale and why (in Chinese, for `build --explain`).
struct Staleness {
  bool stale = true;
  std::string why;
};

/// The one comparison: `then` (what the output was last made from, nullopt
/// when never made or not recorded) against `now`. Stale when `now` is not
/// known or the lists differ; `why` names each input added, removed or
/// changed, in the order of `now`.
Staleness why_stale(const std::optional<Inputs>& then, const Inputs& now);

/// The Chinese name of an input id, as --explain shows it: "file:site.yaml" →
/// "site.yaml", "month:2022-03" → "2022-03 的材料", "templates" → "模板"….
std::string input_label(std::string_view name);

}  // namespace creditgen
