// Mapping request paths to files inside the site folder, safely, and the
// HTTP metadata the preview server sends with them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace creditgen::serve {

/// Resolves the path part of a request URI ("/2022-05/%E4%B8%AD.html") to a
/// regular file inside `site_root`: each segment percent-decoded on its own,
/// "." and ".." and segments decoding to '/', '\\' or NUL refused, folders
/// mapped to their index.html, and the final real path (symlinks resolved)
/// required to stay inside the site. nullopt: not found or not allowed.
std::optional<std::filesystem::path> resolve_request_path(const std::filesystem::path& site_root,
                                                          std::string_view raw_path);

/// Content-Type for a file name by extension (html, css, js, svg, png, jpg,
/// pdf, zip, csv, json, docx, xlsx, ofd …), UTF-8 for text.
std::string mime_type(const std::filesystem::path& file);

/// The reload script tag injected into HTML while serving.
inline constexpr std::string_view kReloadScriptPath = "/__creditgen/reload.js";
inline constexpr std::string_view kGenerationPath = "/__creditgen/generation";

/// Inserts the reload script before </body> (or at the end).
std::string inject_reload_script(std::string html);

}  // namespace creditgen::serve
