#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>
#include <vector>

#include "base/c_handle.h"
#include "base/pii.h"
#include "base/text.h"

namespace creditgen::render {

namespace {

using ParserPtr = CHandle<cmark_parser, &cmark_parser_free>;
using NodePtr = CHandle<cmark_node, &cmark_node_free>;
using IterPtr = CHandle<cmark_iter, &cmark_iter_free>;

// Safe mode is cmark-gfm's default (raw HTML and javascript: URLs omitted);
// CMARK_OPT_UNSAFE is never set anywhere in this project.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// What a browser sees: it drops tabs and newlines anywhere in a URL and
// leading/trailing control characters and spaces.
std::string browser_view(std::string_view url) {
  std::string s;
  for (char c : url)
    if (c != '\t' && c != '\n' && c != '\r') s += c;
  size_t b = 0;
  while (b < s.size() && static_cast<unsigned char>(s[b]) <= 0x20) ++b;
  size_t e = s.size();
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= 0x20) --e;
  return s.substr(b, e - b);
}

// The scheme before ':' if the URL has one (RFC 3986 letters), lower-cased.
std::optional<std::string> scheme_of(const std::string& s) {
  const size_t colon = s.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const size_t stop = s.find_first_of("/?#");
  if (stop != std::string::npos && stop < colon) return std::nullopt;
  std::string scheme;
  for (char c : s.substr(0, colon)) scheme += ascii_lower(c);
  return scheme;
}

// "./files/%E5%9F%B9.jpg#x" → "files/培.jpg"
std::string local_path(std::string_view url) {
  std::string_view p = url.substr(0, url.find_first_of("?#"));
  while (p.starts_with("./")) p.remove_prefix(2);
  return percent_decode(p);  // as loading decoded it when it checked the file (base/text.h)
}

std::string text_of(cmark_node* node) {
  std::string out;
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    const cmark_node_type t = cmark_node_get_type(c);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
      if (const char* lit = cmark_node_get_literal(c)) out += lit;
    } else {
      out += text_of(c);
    }
  }
  return out;
}

// Moves the node's children in front of it and frees the node: a link
// becomes its text, an image its alt text.
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
  cmark_node_free(node);
}

void mask_literal(cmark_node* node) {
  const char* lit = cmark_node_get_literal(node);
  if (!lit) return;
  const std::string masked = mask_pii(lit);
  if (masked != lit) cmark_node_set_literal(node, masked.c_str());
}

void attach(cmark_parser* parser, const char* name) {
  if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
    cmark_parser_attach_syntax_extension(parser, ext);
}

}  // namespace

void init_markdown() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

bool url_is_relative(std::string_view url) {
  const std::string s = browser_view(url);
  if (s.starts_with("//") || s.find('\\') != std::string::npos) return false;  // "//host", "/\host"
  return !scheme_of(s).has_value();
}

bool url_allowed(std::string_view url) {
  if (url_is_relative(url)) return true;
  const std::string s = browser_view(url);
  if (s.find('\\') != std::string::npos) return false;
  const auto scheme = scheme_of(s);
  return scheme && (*scheme == "http" || *scheme == "https" || *scheme == "mailto");
}

RenderedMarkdown render_markdown(std::string_view markdown, const MarkdownOptions& options) {
  init_markdown();
  // cmark-gfm keeps the inline "special characters" ('~' for strikethrough)
  // in a process-wide table that attaching adds to and cmark_parser_free
  // removes from: a parser freed on one thread makes another thread's parse
  // miss ~~strikethrough~~. So parsers are created, used and freed under one
  // lock; walking and rendering the tree run in parallel.
  static std::mutex parser_mutex;
  std::unique_lock<std::mutex> lock(parser_mutex);
  ParserPtr parser(cmark_parser_new(kOptions));
  for (const char* ext : {"table", "strikethrough", "autolink", "tasklist", "tagfilter"}) attach(parser.get(), ext);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  NodePtr root(cmark_parser_finish(parser.get()));
  // The extension list outlives the parser: extensions are registered globally.
  cmark_llist* extensions = nullptr;
  for (cmark_llist* e = cmark_parser_get_syntax_extensions(parser.get()); e; e = e->next)
    extensions = cmark_llist_append(cmark_get_default_mem_allocator(), extensions, e->data);
  parser.reset();
  lock.unlock();
  struct ListFree {
    cmark_llist* list;
    ~ListFree() { cmark_llist_free(cmark_get_default_mem_allocator(), list); }
  } free_extensions{extensions};

  // Collect first, change afterwards: editing the tree under an iterator is
  // not supported.
  std::vector<cmark_node*> literals, links;
  {
    IterPtr iter(cmark_iter_new(root.get()));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* node = cmark_iter_get_node(iter.get());
      const cmark_node_type t = cmark_node_get_type(node);
      if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK)
        literals.push_back(node);
      else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
        links.push_back(node);
    }
  }

  RenderedMarkdown out;
  for (cmark_node* node : literals) mask_literal(node);
  for (cmark_node* node : links) {
    const bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
    const char* raw = cmark_node_get_url(node);
    const std::string url = raw ? raw : "";
    if (!url_allowed(url)) {
      unwrap(node);
      continue;
    }
    if (url_is_relative(url)) {
      const std::string path = local_path(browser_view(url));
      std::optional<std::string> href;
      if (options.resolve_relative && !path.empty()) href = options.resolve_relative(path);
      if (!href) {
        unwrap(node);
        continue;
      }
      if (image) out.image_alts.emplace(path, mask_pii(text_of(node)));
      cmark_node_set_url(node, href->c_str());
    } else {
      cmark_node_set_url(node, mask_pii(url).c_str());
      if (image) {
        // An external image would be fetched by every reader's browser (and
        // CSP blocks it anyway): show it as a link with its alt text instead.
        cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(link, cmark_node_get_url(node));
        while (cmark_node* child = cmark_node_first_child(node)) cmark_node_append_child(link, child);
        if (!cmark_node_first_child(link)) {
          cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
          cmark_node_set_literal(text, cmark_node_get_url(node));
          cmark_node_append_child(link, text);
        }
        cmark_node_replace(node, link);
        cmark_node_free(node);
        continue;
      }
    }
    if (const char* title = cmark_node_get_title(node)) {
      const std::string masked = mask_pii(title);
      if (masked != title) cmark_node_set_title(node, masked.c_str());
    }
  }

  char* html = cmark_render_html(root.get(), kOptions, extensions);
  out.html = html ? html : "";
  std::free(html);
  return out;
}

}  // namespace creditgen::render
