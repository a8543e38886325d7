#include "base/remove_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "base/parallel.h"

namespace creditgen {

namespace {

struct Entry {
  std::string name;
  bool directory;
};

// The entries of the folder open at `fd` (which the listing closes).
std::vector<Entry> list_and_close(int fd) {
  std::vector<Entry> out;
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return out;
  }
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    bool directory = e->d_type == DT_DIR;
    if (e->d_type == DT_UNKNOWN) {
      struct stat st;
      directory = ::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    }
    out.push_back({name, directory});
  }
  ::closedir(d);
  return out;
}

std::vector<Entry> list_at(int parent, const std::string& name) {
  const int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  return fd < 0 ? std::vector<Entry>{} : list_and_close(fd);
}

// Removes the folder `name` in `parent` with everything in it.
void remove_folder_at(int parent, const std::string& name) {
  const int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) {
    const int keep = ::dup(fd);  // the listing closes its own
    for (const Entry& e : list_and_close(fd)) {
      if (e.directory) remove_folder_at(keep, e.name);
      else ::unlinkat(keep, e.name.c_str(), 0);
    }
    ::close(keep);
  }
  ::unlinkat(parent, name.c_str(), AT_REMOVEDIR);
}

}  // namespace

void remove_tree(const std::filesystem::path& dir, unsigned jobs) {
  const int root = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (root < 0) {
    ::unlink(dir.c_str());  // a file or a link where a folder was expected: removed as such
    return;
  }
  // The work is shared out by second-level entries: a site's first level
  // holds a few large month folders.
  struct Task {
    int parent;  ///< a first-level folder's descriptor, or the root's
    std::string name;
    bool directory;
  };
  std::vector<Task> tasks;
  std::vector<std::pair<int, std::string>> firsts;  // first-level folders, open
  for (const Entry& e : list_at(root, ".")) {
    if (!e.directory) {
      tasks.push_back({root, e.name, false});
      continue;
    }
    const int fd = ::openat(root, e.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    firsts.emplace_back(fd, e.name);
    for (const Entry& child : list_at(fd, ".")) tasks.push_back({fd, child.name, child.directory});
  }
  parallel_for(tasks.size(), std::max(jobs, 1u), [&](size_t i) {
    const Task& t = tasks[i];
    if (t.directory) remove_folder_at(t.parent, t.name);
    else ::unlinkat(t.parent, t.name.c_str(), 0);
  });
  for (const auto& [fd, name] : firsts) {
    ::close(fd);
    ::unlinkat(root, name.c_str(), AT_REMOVEDIR);
  }
  ::close(root);
  ::rmdir(dir.c_str());
}

}  // namespace creditgen
