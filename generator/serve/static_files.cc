#include "serve/static_files.h"

#include "base/file_types.h"
#include "base/text.h"

#include <map>
#include <vector>

namespace creditgen::serve {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

}  // namespace

std::optional<fs::path> resolve_request_path(const fs::path& site_root, std::string_view raw_path) {
  std::string_view path = raw_path.substr(0, raw_path.find_first_of("?#"));
  if (path.empty() || path[0] != '/') return std::nullopt;
  std::vector<std::string> segments;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string raw(path.substr(start, end - start));
    start = end + 1;
    if (raw.empty()) continue;
    const auto decoded_segment = percent_decode_strict(raw);
    if (!decoded_segment) return std::nullopt;
    const std::string& decoded = *decoded_segment;
    if (decoded == "." || decoded == ".." || decoded.find_first_of(std::string("/\\\0", 3)) != std::string::npos)
      return std::nullopt;
    segments.push_back(decoded);
  }
  std::error_code ec;
  fs::path root = fs::canonical(site_root, ec);
  if (ec) return std::nullopt;
  fs::path candidate = root;
  for (auto& s : segments) candidate /= s;
  fs::path real = fs::canonical(candidate, ec);
  if (ec || !inside(root, real)) return std::nullopt;
  if (fs::is_directory(real, ec)) {
    real = fs::canonical(real / "index.html", ec);
    if (ec || !inside(root, real)) return std::nullopt;
  }
  if (!fs::is_regular_file(real, ec)) return std::nullopt;
  return real;
}

std::string mime_type(const fs::path& file) {
  const FileType* type = known_file_type(file.string());
  return type ? std::string(type->mime) : "application/octet-stream";
}

std::string inject_reload_script(std::string html) {
  const std::string tag = "<script src=\"" + std::string(kReloadScriptPath) + "\"></script>";
  auto pos = html.rfind("</body>");
  if (pos == std::string::npos) return html + tag;
  html.insert(pos, tag);
  return html;
}

}  // namespace creditgen::serve
