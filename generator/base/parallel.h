// Runs independent pieces of work on several threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace creditgen {

/// The default number of threads: one per core.
inline unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Runs work(i) for every i in [0, n) on up to `jobs` threads (the calling
/// thread is one of them), each taking the next index. The first exception
/// stops the handing out of indices and is rethrown once all threads stopped.
template <class Work>
void parallel_for(size_t n, unsigned jobs, const Work& work) {
  const size_t threads = std::min<size_t>(std::max(jobs, 1u), n);
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) work(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&] {
    for (size_t i; (i = next++) < n;) {
      try {
        work(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = n;
      }
    }
  };
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(run);
  run();
  for (auto& th : helpers) th.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace creditgen
