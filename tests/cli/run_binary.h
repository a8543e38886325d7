// Runs the real creditgen binary for end-to-end tests.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace creditgen::test {

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs `creditgen <args>` (args already shell-quoted) in `cwd`.
inline RunResult run_creditgen(const std::string& args, const std::filesystem::path& cwd = {}) {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path tmp = fs::temp_directory_path() / ("creditgen-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(tmp);
  std::string cmd;
  if (!cwd.empty()) cmd += "cd '" + cwd.string() + "' && ";
  cmd += std::string("'") + CREDITGEN_BINARY + "' " + args + " >'" + (tmp / "out").string() + "' 2>'" +
         (tmp / "err").string() + "' </dev/null";
  int raw = std::system(cmd.c_str());
  RunResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(tmp / "out");
  r.err = slurp(tmp / "err");
  fs::remove_all(tmp);
  return r;
}

/// Runs a shell command line; stdout and stderr together in `out`.
inline RunResult run_shell(const std::string& command) {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path tmp = fs::temp_directory_path() / ("creditgen-sh-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::string cmd = "(" + command + ") >'" + tmp.string() + "' 2>&1 </dev/null";
  int raw = std::system(cmd.c_str());
  RunResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(tmp);
  fs::remove(tmp);
  return r;
}

inline bool have_tool(const std::string& name) { return run_shell("command -v " + name).status == 0; }

inline std::string quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

/// Every file below `dir` by relative path, with its bytes (empty when `dir` is missing).
inline std::map<std::string, std::string> read_files(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = slurp(e.path());
  return out;
}

/// Copies the demo district's sealed bundles (archive/ of the repository,
/// which its publication records name; drafts left out) into `to`.
inline void copy_demo_archive(const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(fs::path(CREDITGEN_SOURCE_DIR) / "archive")) {
    const std::string name = e.path().filename().string();
    if (name.ends_with(".zip") && !name.ends_with(".draft.zip"))
      fs::copy_file(e.path(), to / name, fs::copy_options::overwrite_existing);
  }
}

/// The temporary directories temp_dir made, removed when the test program
/// exits (a failed check must not leave a copied district in /tmp each run).
struct TempDirs {
  std::vector<std::filesystem::path> made;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& p : made) std::filesystem::remove_all(p, ec);
  }
};

/// A fresh empty temporary directory, removed when the test program exits.
inline std::filesystem::path temp_dir(const std::string& name) {
  namespace fs = std::filesystem;
  static TempDirs dirs;
  fs::path p = fs::temp_directory_path() / ("creditgen-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  dirs.made.push_back(p);
  return p;
}

}  // namespace creditgen::test
