// Markdown bodies → safe HTML. The only place cmark-gfm is used.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace creditgen::render {

/// Registers cmark-gfm's extensions. Safe to call from any thread any number
/// of times; call once before starting threads to keep the first page fast.
void init_markdown();

/// True for URLs a page may keep: relative ones (no scheme, not "//host")
/// and http:, https:, mailto:. Control characters and white space are
/// ignored when reading the scheme, as browsers do ("java\tscript:").
bool url_allowed(std::string_view url);
/// True when the URL has no scheme and no host: a path inside the content.
bool url_is_relative(std::string_view url);

struct MarkdownOptions {
  /// Maps a relative link or image URL (percent-decoded, "./" removed, as
  /// written relative to the unit folder: "files/a.jpg") to the href to use
  /// on the page. nullopt: nothing is published there, the link is dropped
  /// and its text kept. Without a function every relative URL is dropped.
  std::function<std::optional<std::string>(const std::string& path)> resolve_relative;
};

struct RenderedMarkdown {
  std::string html;
  /// Alt text of every image the body shows, by its relative path as passed
  /// to resolve_relative ("files/a.jpg") — used for the item's photo list.
  std::map<std::string, std::string> image_alts;
};

/// GFM (tables, strikethrough, autolinks, task lists, tag filter) in safe
/// mode: raw HTML is omitted. Links and images with a disallowed URL are
/// replaced by their text; external images become links (no request leaves
/// the page); ID card and mobile numbers in text are masked.
RenderedMarkdown render_markdown(std::string_view markdown, const MarkdownOptions& options = {});

}  // namespace creditgen::render
