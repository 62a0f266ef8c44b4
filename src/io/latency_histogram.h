// A latency histogram with fixed buckets (Prometheus' cumulative `le` buckets), updated
// without a lock from any thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace cepheus::io {

class LatencyHistogram {
 public:
  // Upper bounds in seconds: 100 µs to 10 s.
  static constexpr std::array<double, 12> kBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                     0.01,   0.025,   0.05,   0.1,   1.0,    10.0};

  void record(std::chrono::nanoseconds elapsed) {
    counts_[bucketOf(elapsed)].fetch_add(1, std::memory_order_relaxed);
    sumNanos_.fetch_add(static_cast<uint64_t>(elapsed.count()), std::memory_order_relaxed);
  }

  // Many latencies counted here first, then added at once (two atomic additions a latency were
  // a measurable part of a sink settling thousands of deliveries).
  class Batch {
   public:
    void record(std::chrono::nanoseconds elapsed) {
      ++counts_[bucketOf(elapsed)];
      sumNanos_ += static_cast<uint64_t>(elapsed.count());
    }

   private:
    friend class LatencyHistogram;
    std::array<uint64_t, kBounds.size() + 1> counts_{};
    uint64_t sumNanos_ = 0;
  };
  void add(const Batch& batch) {
    for (size_t i = 0; i < counts_.size(); ++i)
      if (batch.counts_[i]) counts_[i].fetch_add(batch.counts_[i], std::memory_order_relaxed);
    if (batch.sumNanos_) sumNanos_.fetch_add(batch.sumNanos_, std::memory_order_relaxed);
  }

  struct Reading {
    std::array<uint64_t, kBounds.size() + 1> counts{};  // per bucket (not cumulative); last: +Inf
    double sumSeconds = 0;
    uint64_t count() const {
      uint64_t total = 0;
      for (uint64_t c : counts) total += c;
      return total;
    }
  };

  Reading read() const {
    Reading reading;
    for (size_t i = 0; i < counts_.size(); ++i) reading.counts[i] = counts_[i].load(std::memory_order_relaxed);
    reading.sumSeconds = static_cast<double>(sumNanos_.load(std::memory_order_relaxed)) / 1e9;
    return reading;
  }

 private:
  static size_t bucketOf(std::chrono::nanoseconds elapsed) {
    double seconds = std::chrono::duration<double>(elapsed).count();
    size_t bucket = 0;
    while (bucket < kBounds.size() && seconds > kBounds[bucket]) ++bucket;
    return bucket;
  }

  std::array<std::atomic<uint64_t>, kBounds.size() + 1> counts_{};
  std::atomic<uint64_t> sumNanos_{0};
};

}  // namespace cepheus::io
