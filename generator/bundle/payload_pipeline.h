// Reads each payload file once and feeds the three digests, the CRC and the
// deflater from the same buffer, on worker threads running ahead of the zip
// writer (outputs.md: memory stays flat — the bytes held at once are
// bounded, and files too large to hold are streamed by the writer itself).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/file_stamp.h"

#include "bundle/bundle.h"
#include "bundle/bundle_cache.h"
#include "bundle/digest.h"
#include "bundle/zip_writer.h"

namespace creditgen::bundle {

class PayloadPipeline {
 public:
  struct Job {
    const PayloadEntry* entry = nullptr;
    unsigned long long size = 0;  ///< from stat (files) or the bytes
    bool deflate = false;         ///< compressed in the zip (stored_uncompressed false)
    /// Where the entry's digests go (the bag's payload list: a late bag has a
    /// hundred thousand entries, not worth a second copy). Filled in by the
    /// time the zip writer has closed the entry.
    DigestSet* digests = nullptr;
  };
  /// Starts `workers` threads over `jobs`, which are in the order the zip
  /// writes them. Known digests and deflated text come from `cache`, and
  /// what is computed goes into it.
  PayloadPipeline(std::vector<Job> jobs, unsigned workers, BundleCache& cache);
  /// Stops and joins the workers (also when the commit failed half way).
  ~PayloadPipeline();
  PayloadPipeline(const PayloadPipeline&) = delete;
  PayloadPipeline& operator=(const PayloadPipeline&) = delete;

  /// The zip entry for job `i`, to add with ZipWriter::add_deferred.
  std::shared_ptr<DeferredEntry> entry(size_t i);

  struct State;  ///< shared with the entries handed to the writer (payload_pipeline.cc)

 private:
  std::shared_ptr<State> state_;
};

}  // namespace creditgen::bundle
