#include "render/templates.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace creditgen::render {

namespace fs = std::filesystem;
namespace mu = kainjow::mustache;

std::map<std::string, std::string> read_folder(const fs::path& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw std::runtime_error("找不到文件夹：" + dir.generic_string());
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;  // symlinks and devices are never read
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) throw std::runtime_error("无法读取文件：" + it->path().generic_string());
    out[fs::relative(it->path(), dir).generic_string()] =
        std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  if (ec) throw std::runtime_error("无法读取文件夹：" + dir.generic_string());
  return out;
}

Templates templates_from(const std::map<std::string, std::string>& files) {
  Templates out;
  const std::string ext = ".mustache";
  for (const auto& [name, text] : files)
    if (name.size() > ext.size() && name.ends_with(ext)) out[name.substr(0, name.size() - ext.size())] = text;
  return out;
}

namespace {

// Replaces every {{> name}} with that template's text, recursively, so each
// page template is parsed once: kainjow parses a partial again at every use.
// Mustache partials are textual inclusion rendered in the current context.
std::string expand_partials(const Templates& templates, const std::string& text, int depth = 0) {
  if (depth > 16) throw std::runtime_error("模板的 {{> …}} 互相包含，无法展开");
  std::string out;
  size_t at = 0;
  for (;;) {
    const size_t open = text.find("{{>", at);
    if (open == std::string::npos) break;
    const size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    std::string name = text.substr(open + 3, close - open - 3);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    auto it = templates.find(name);
    out.append(text, at, open - at);
    if (it != templates.end()) out += expand_partials(templates, it->second, depth + 1);
    at = close + 2;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace

PageRenderer::PageRenderer(const Templates& templates) : sources_(templates) {
  for (const auto& [name, text] : templates) {
    auto [it, added] = parsed_.emplace(name, mu::mustache(expand_partials(templates, text)));
    if (!it->second.is_valid())
      throw std::runtime_error("模板 " + name + ".mustache 有误：" + it->second.error_message());
  }
}

std::string PageRenderer::render_one(const std::string& name, mu::data& data) {
  auto it = parsed_.find(name);
  if (it == parsed_.end()) throw std::runtime_error("缺少模板 " + name + ".mustache");
  std::string out = it->second.render(data);
  if (!it->second.is_valid())
    throw std::runtime_error("模板 " + name + ".mustache 渲染失败：" + it->second.error_message());
  return out;
}

std::string PageRenderer::render(const std::string& page, mu::data data) {
  // Partials were expanded when the templates were parsed.
  const std::string body = render_one(page, data);
  data.set("body", body);
  return render_one("layout", data);
}

std::string render_page(const Templates& templates, const std::string& page, mu::data data) {
  PageRenderer renderer(templates);
  return renderer.render(page, std::move(data));
}

}  // namespace creditgen::render
