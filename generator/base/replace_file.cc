#include "base/replace_file.h"

#include <unistd.h>

#include <fstream>
#include <string>
#include <system_error>

namespace creditgen {

namespace fs = std::filesystem;

bool replace_file(const fs::path& file, const std::function<void(std::ostream&)>& write) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  // The process id keeps two builds sharing a cache folder off each other's temporary files.
  const fs::path temp = file.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    write(out);
    out.close();
    if (!out) {
      fs::remove(temp, ec);
      return false;
    }
  }
  fs::rename(temp, file, ec);
  if (ec) fs::remove(temp, ec);
  return !ec;
}

}  // namespace creditgen
