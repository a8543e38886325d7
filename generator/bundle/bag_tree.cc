#include "bundle/bag_tree.h"

#include <sstream>

#include "bundle/zip_writer.h"

namespace creditgen::bundle {

namespace fs = std::filesystem;

namespace {

// A text file of a bag is never larger than this; a crafted zip declaring
// more is not read whole into memory.
constexpr unsigned long long kMaxReadBytes = 256ULL * 1024 * 1024;

}  // namespace

std::unique_ptr<BagTree> BagTree::open(const fs::path& zip, std::string& error) {
  std::unique_ptr<BagTree> tree(new BagTree());
  int code = 0;
  tree->zip_.reset(zip_open(zip.c_str(), ZIP_RDONLY, &code));
  if (!tree->zip_) {
    error = "无法打开 " + zip.string() + "（" + zip_error_zh(code) + "）";
    return nullptr;
  }
  const zip_int64_t n = zip_get_num_entries(tree->zip_.get(), 0);
  if (n <= 0) {
    error = zip.string() + " 中没有任何条目";
    return nullptr;
  }
  // Every entry sits in the bag's root folder.
  const char* first = zip_get_name(tree->zip_.get(), 0, ZIP_FL_ENC_GUESS);
  const std::string first_name = first ? first : "";
  tree->root_ = first_name.substr(0, first_name.find('/'));
  if (tree->root_.empty() || tree->root_ == first_name) {
    error = zip.string() + " 不是证据包：条目不在同一个包文件夹中";
    return nullptr;
  }
  const std::string prefix = tree->root_ + "/data/content/";
  auto add_file = [&](const std::string& rel, File f) {
    if (rel.empty() || rel.back() == '/' || tree->files_.count(rel)) return;
    tree->files_.emplace(rel, f);
    // Every folder on the way, each listed once in its parent.
    std::string child = rel;
    load::EntryType type = load::EntryType::regular;
    while (true) {
      const size_t slash = child.rfind('/');
      const std::string parent = slash == std::string::npos ? "" : child.substr(0, slash);
      auto [it, fresh] = tree->folders_.try_emplace(parent);
      it->second.push_back({slash == std::string::npos ? child : child.substr(slash + 1), type});
      if (!fresh || parent.empty()) break;
      child = parent;
      type = load::EntryType::directory;
    }
  };
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(tree->zip_.get(), i, ZIP_FL_ENC_GUESS, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
    const std::string name = st.name;
    if (name.rfind(prefix, 0) != 0) continue;
    add_file(name.substr(prefix.size()), File{i, (st.valid & ZIP_STAT_SIZE) ? st.size : 0});
  }
  tree->folders_.try_emplace("");
  if (auto listed = tree->read_entry("tags/earlier-files.txt")) {
    std::istringstream in(*listed);
    std::string line;
    while (std::getline(in, line)) {
      const size_t sep = line.find("  data/content/");
      if (sep == std::string::npos) continue;
      unsigned long long size = 0;
      try {
        size = std::stoull(line.substr(0, sep));
      } catch (...) {
        continue;
      }
      add_file(line.substr(sep + 15), File{-1, size});
    }
  }
  return tree;
}

std::optional<std::string> BagTree::relative(const fs::path& p) {
  const fs::path rel = p.lexically_normal().lexically_relative(content_root());
  const std::string s = rel.generic_string();
  if (s.empty() || s.rfind("..", 0) == 0) return std::nullopt;
  if (s == ".") return std::string();
  return s;
}

std::optional<std::string> BagTree::read_index(zip_int64_t index, unsigned long long size) const {
  if (index < 0 || size > kMaxReadBytes) return std::nullopt;
  std::lock_guard lock(read_mutex_);
  CHandle<zip_file_t, &zip_fclose> f(zip_fopen_index(zip_.get(), index, 0));
  if (!f) return std::nullopt;
  std::string out(size, '\0');
  zip_int64_t got = 0;
  while (static_cast<unsigned long long>(got) < size) {
    const zip_int64_t n = zip_fread(f.get(), out.data() + got, size - got);
    if (n <= 0) return std::nullopt;
    got += n;
  }
  return out;
}

std::optional<std::string> BagTree::read_entry(const std::string& below_root) const {
  const zip_int64_t index = zip_name_locate(zip_.get(), (root_ + "/" + below_root).c_str(), ZIP_FL_ENC_GUESS);
  if (index < 0) return std::nullopt;
  zip_stat_t st;
  if (zip_stat_index(zip_.get(), index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) return std::nullopt;
  return read_index(index, st.size);
}

load::EntryType BagTree::type(const fs::path& p) const {
  const auto rel = relative(p);
  if (!rel) return load::EntryType::missing;
  if (files_.count(*rel)) return load::EntryType::regular;
  if (folders_.count(*rel)) return load::EntryType::directory;
  return load::EntryType::missing;
}

std::vector<load::DirEntry> BagTree::list(const fs::path& dir, std::error_code& ec) const {
  const auto rel = relative(dir);
  auto it = rel ? folders_.find(*rel) : folders_.end();
  if (it == folders_.end()) {
    ec = std::make_error_code(std::errc::no_such_file_or_directory);
    return {};
  }
  return it->second;
}

std::optional<std::string> BagTree::read(const fs::path& p) const {
  const auto rel = relative(p);
  auto it = rel ? files_.find(*rel) : files_.end();
  if (it == files_.end()) return std::nullopt;
  return read_index(it->second.index, it->second.size);
}

std::optional<unsigned long long> BagTree::size(const fs::path& p) const {
  const auto rel = relative(p);
  auto it = rel ? files_.find(*rel) : files_.end();
  if (it == files_.end()) return std::nullopt;
  return it->second.size;
}

}  // namespace creditgen::bundle
