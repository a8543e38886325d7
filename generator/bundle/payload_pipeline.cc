#include "bundle/payload_pipeline.h"

#include <zlib.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <thread>

#include "base/file_types.h"
#include "base/file_stamp.h"
#include "bundle/bundle_cache.h"

namespace creditgen::bundle {

namespace {

// Bytes read ahead of the writer at most, and the size above which a file is
// streamed by the writer instead of being held whole.
constexpr unsigned long long kMaxInFlight = 32ull << 20;
constexpr unsigned long long kStreamAbove = 16ull << 20;

// Reads exactly `size` bytes; a file that is now shorter or longer fails.
bool read_exactly(const std::string& file, unsigned long long size, std::string& out) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) return false;
  out.resize(size);
  const size_t got = size ? std::fread(out.data(), 1, size, f) : 0;
  char extra;
  const bool longer = std::fread(&extra, 1, 1, f) == 1;
  std::fclose(f);
  return got == size && !longer;
}

// Only the content's text goes into later bags: a month's photos and
// evidence are bagged once.
bool worth_keeping(const std::string& file) { return is_content_text(file); }

}  // namespace

struct PayloadPipeline::State {
  // What an entry holds from being prepared until the writer is done with
  // it; a late bag has half a million slots, and only a few are in flight.
  struct Held {
    std::string error;
    std::string owned;                            // bytes read, deflated or read back from the spool
    std::unique_ptr<MultiDigest> stream_digest;  // streamed entries: fed by the writer
  };
  struct Slot {
    bool ready = false;
    bool streamed = false;
    bool deflated = false;
    uint32_t crc = 0;
    std::string_view data;        // what goes into the zip
    unsigned long long cost = 0;  // bytes counted against kMaxInFlight
    std::unique_ptr<Held> held;   // made when the slot is prepared, let go at release
    Held& hold() {
      if (!held) held = std::make_unique<Held>();
      return *held;
    }
    bool failed() const { return held && !held->error.empty(); }
  };

  BundleCache* cache = nullptr;  // outlives the pipeline (the caller's)
  std::vector<Job> jobs;
  std::vector<Slot> slots;
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0;
  unsigned long long in_flight = 0;
  bool stopping = false;
  std::vector<std::thread> workers;

  void prepare(size_t i) {
    BundleCache& cache = *this->cache;
    const Job& job = jobs[i];
    Slot& slot = slots[i];  // only this worker touches it (and *job.digests) until `ready`
    DigestSet& digests = *job.digests;
    std::string_view raw;
    std::optional<FileStamp> stamp;
    if (const auto& packed = job.entry->packed) {  // digested and deflated already
      digests = packed->digests;
      if (!packed->deflated.read(slot.hold().owned, slot.data)) {
        slot.hold().error = "无法读回临时文件中的 " + job.entry->name + "（磁盘读取错误）";
        return;
      }
      slot.crc = packed->crc;
      slot.deflated = true;
      return;
    }
    if (job.entry->bytes) {
      raw = *job.entry->bytes;
      digests = digest_bytes(raw);
    } else {
      // One stat per file per build (DigestCache::stamp) to find what is
      // already deflated: the same earlier-month files come up again in
      // every later bag, and their kept bytes and digests go together.
      stamp = cache.digests.stamp(job.entry->file);
      const bool memo = job.deflate && stamp && worth_keeping(job.entry->file);
      if (memo && stamp->size == job.size) {
        auto packed = cache.deflated.find(job.entry->file, *stamp);
        auto known = packed ? cache.digests.find(job.entry->file, *stamp) : std::nullopt;
        if (packed && known && cache.deflated.read(*packed, slot.hold().owned)) {  // the source is not read
          digests = std::move(*known);
          slot.data = slot.held->owned;
          slot.crc = packed->crc;
          slot.deflated = true;
          return;
        }
      }
      // The bytes are read now: the stamp the digests are looked up and kept
      // by is taken afresh around the read (the remembered one is for
      // comparing), so they are the digests of exactly these bytes.
      stamp = FileStamp::of(job.entry->file);
      if (!stamp || stamp->size != job.size || !read_exactly(job.entry->file, job.size, slot.hold().owned) ||
          FileStamp::of(job.entry->file) != stamp) {
        slot.hold().error = "无法读取文件 " + job.entry->file + "（文件不存在、不可读或在打包过程中被改动）";
        return;
      }
      raw = slot.held->owned;
      if (auto known = cache.digests.find(job.entry->file, *stamp)) {
        digests = std::move(*known);
      } else {
        digests = digest_bytes(raw);
        cache.digests.store(job.entry->file, *stamp, digests);
      }
    }
    if (job.deflate) {
      slot.crc = crc32_of(raw);
      std::string packed = deflate_raw(raw);
      slot.deflated = true;
      if (stamp && worth_keeping(job.entry->file)) cache.deflated.keep(job.entry->file, *stamp, packed, slot.crc);
      Held& held = slot.hold();
      held.owned = std::move(packed);
      slot.data = held.owned;
    } else {
      slot.data = raw;  // libzip computes the CRC of stored entries itself
    }
  }

  void work() {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mutex);
        // Jobs are taken in order and their memory reserved when taken, so
        // the job the writer waits for is always already being prepared.
        changed.wait(lock, [&] {
          if (stopping || next >= jobs.size()) return true;
          const unsigned long long cost = slots[next].cost;
          return in_flight == 0 || in_flight + cost <= kMaxInFlight;
        });
        if (stopping || next >= jobs.size()) return;
        i = next++;
        in_flight += slots[i].cost;
        if (slots[i].streamed) {
          slots[i].ready = true;
          changed.notify_all();
          continue;
        }
      }
      try {
        prepare(i);
      } catch (const std::exception& e) {
        slots[i].hold().error = std::string("打包失败：") + e.what();
      }
      std::lock_guard lock(mutex);
      slots[i].ready = true;
      changed.notify_all();
    }
  }

  Slot& wait(size_t i) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return slots[i].ready; });
    return slots[i];
  }

  void release(size_t i) {
    std::lock_guard lock(mutex);
    Slot& slot = slots[i];
    in_flight -= slot.cost;
    slot.cost = 0;
    slot.held.reset();
    slot.data = {};
    changed.notify_all();
  }
};

namespace {

class PipelineEntry final : public DeferredEntry {
 public:
  PipelineEntry(std::shared_ptr<PayloadPipeline::State> state, size_t index)
      : state_(std::move(state)), index_(index) {}

  std::optional<EntryBytes> open(std::string& error) override {
    auto& slot = state_->wait(index_);
    if (slot.failed()) {
      error = slot.held->error;
      return std::nullopt;
    }
    const auto& job = state_->jobs[index_];
    EntryBytes bytes;
    bytes.size = job.size;
    if (slot.streamed) {
      slot.hold().stream_digest = std::make_unique<MultiDigest>();
      bytes.stream_file = job.entry->file;
      MultiDigest* digest = slot.held->stream_digest.get();
      bytes.on_block = [digest](const void* data, size_t n) { digest->update(data, n); };
      return bytes;
    }
    bytes.data = slot.data;
    bytes.deflated = slot.deflated;
    bytes.crc = slot.crc;
    return bytes;
  }

  void close() override {
    auto& slot = state_->slots[index_];
    if (slot.held && slot.held->stream_digest) {
      *state_->jobs[index_].digests = slot.held->stream_digest->finish();
      slot.held->stream_digest.reset();
    }
    state_->release(index_);
  }

 private:
  std::shared_ptr<PayloadPipeline::State> state_;
  size_t index_;
};

}  // namespace

PayloadPipeline::PayloadPipeline(std::vector<Job> jobs, unsigned workers, BundleCache& cache)
    : state_(std::make_shared<State>()) {
  state_->cache = &cache;
  state_->jobs = std::move(jobs);
  state_->slots.resize(state_->jobs.size());
  for (size_t i = 0; i < state_->jobs.size(); ++i) {
    const Job& job = state_->jobs[i];
    auto& slot = state_->slots[i];
    slot.streamed = !job.entry->memory_size() && job.size > kStreamAbove;
    slot.cost = slot.streamed ? 0 : job.entry->packed ? job.entry->packed->deflated.size() : job.size;
  }
  const unsigned n = std::max(1u, std::min<unsigned>(workers, static_cast<unsigned>(state_->jobs.size())));
  for (unsigned t = 0; t < n && !state_->jobs.empty(); ++t) state_->workers.emplace_back([s = state_.get()] { s->work(); });
}

PayloadPipeline::~PayloadPipeline() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->changed.notify_all();
  for (auto& t : state_->workers) t.join();
}

std::shared_ptr<DeferredEntry> PayloadPipeline::entry(size_t i) { return std::make_shared<PipelineEntry>(state_, i); }

}  // namespace creditgen::bundle
