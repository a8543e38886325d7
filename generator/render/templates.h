// The page templates (templates/*.mustache): one layout, partials, one
// template per page kind. Loaded at run time, so the office can restyle the
// site without rebuilding creditgen.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <kainjow/mustache.hpp>

namespace creditgen::render {

/// Template name without ".mustache" ("layout", "month", "ranking") → text.
using Templates = std::map<std::string, std::string>;

/// Every regular file directly in `dir` (or below it, with '/' in the name)
/// by its relative path: "layout.mustache" → bytes. Throws
/// std::runtime_error when the folder cannot be read.
std::map<std::string, std::string> read_folder(const std::filesystem::path& dir);

/// The *.mustache files of read_folder(dir), keyed by name without extension.
Templates templates_from(const std::map<std::string, std::string>& files);

/// Templates parsed once and reused for every page (parsing dominates
/// otherwise). Not thread-safe: one per thread.
class PageRenderer {
 public:
  /// Throws std::runtime_error naming the first malformed template.
  explicit PageRenderer(const Templates& templates);
  /// As render_page.
  std::string render(const std::string& page, kainjow::mustache::data data);
  /// Template `name` alone, without the layout (the parts of a document).
  std::string render_part(const std::string& name, kainjow::mustache::data data) { return render_one(name, data); }

 private:
  std::string render_one(const std::string& name, kainjow::mustache::data& data);

  const Templates& sources_;
  std::map<std::string, kainjow::mustache::mustache> parsed_;
};

/// Renders template `page` with `data` (every template is available as a
/// partial: {{> ranking}}), then `layout` with the result as {{{body}}}.
/// Throws std::runtime_error naming the template when one is missing or
/// malformed — a broken templates/ folder is fatal, not content's fault.
std::string render_page(const Templates& templates, const std::string& page, kainjow::mustache::data data);

}  // namespace creditgen::render
