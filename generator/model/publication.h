// A month's publication record (content/publications/<YYYY-MM>.yaml): what
// makes a month published. `creditgen publish` writes it; the office never
// edits it by hand. It names every sealed bundle of the month, first
// publication and corrections alike, with the SHA-256 auditors hold.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"

namespace creditgen::model {

/// One sealed version of a month: the first publication (revision 1) or a
/// correction (2, 3, …).
struct PublishedVersion {
  int revision = 1;
  Date date;           ///< publication or correction date (the bag's Bagging-Date)
  std::string by;      ///< who published or corrected it
  std::string reason;  ///< why it was corrected; empty for revision 1
  std::string bundle;  ///< file name in archive/: "2022-05.zip", "2022-05.r2.zip"
  std::string sha256;  ///< hex of that zip file's bytes
  /// The TSA's reply sealed in the bundle as tags/timestamp.tsr, kept beside
  /// the record ("2022-05.tsr" for 2022-05.zip); empty when not stamped.
  std::string timestamp;

  bool operator==(const PublishedVersion&) const = default;
};

struct Publication {
  YearMonth month;
  std::vector<PublishedVersion> versions;  ///< revision 1, 2, … in order; never empty
  std::string file;                        ///< shown path of the record

  const PublishedVersion& first() const { return versions.front(); }
  const PublishedVersion& newest() const { return versions.back(); }

  bool operator==(const Publication&) const = default;
};

}  // namespace creditgen::model
