// The project's templates/ and assets/ compiled into the binary, used when
// no templates/ or assets/ folder sits next to the content folder, and the
// default rulebook (content/rules/) that `creditgen init` starts a district with.
#pragma once

#include <string_view>
#include <vector>

namespace creditgen::cli {

struct EmbeddedFile {
  std::string_view path;   ///< "templates/layout.mustache", "assets/site.css"
  std::string_view bytes;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace creditgen::cli
