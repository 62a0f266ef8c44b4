// What the server sees of one stream of an app, across the app's versions: how many events
// arrived, what ingest took and refused, and the live tails watching it. Fed by a batch
// subscription on every stream (one call per group of events, a counter and, only while
// someone tails, the events written as JSON lines).
#pragma once

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "cepheus/stream.h"
#include "codec/event_json.h"
#include "io/latency_histogram.h"
#include "server/http/http_types.h"

namespace cepheus::server {

class StreamObserver {
 public:
  explicit StreamObserver(StreamInfo stream) : stream_(std::move(stream)) {}

  // On the app's thread.
  void arrived(std::span<const EventView> events) {
    events_.fetch_add(events.size(), std::memory_order_relaxed);
    if (tailCount_.load(std::memory_order_acquire) == 0) return;
    std::string lines;
    size_t width = stream_.attributes.size();
    for (const EventView& event : events) {
      codec::appendEventJson(lines, stream_.name, event.timestamp, std::span<const Value>(event.data, width));
      lines += '\n';
    }
    std::lock_guard lock(mutex_);
    for (const auto& tail : tails_) tail->push(lines);
  }

  void addTail(const std::shared_ptr<ResponseStream>& tail) {
    std::lock_guard lock(mutex_);
    tails_.push_back(tail);
    tailCount_.store(tails_.size(), std::memory_order_release);
  }
  void removeTail(const ResponseStream* tail) {
    std::lock_guard lock(mutex_);
    std::erase_if(tails_, [&](const std::shared_ptr<ResponseStream>& t) { return t.get() == tail; });
    tailCount_.store(tails_.size(), std::memory_order_release);
  }
  // Ends every tail (the stream left the app, or the server stops).
  void closeTails() {
    std::lock_guard lock(mutex_);
    for (const auto& tail : tails_) tail->close();
    tails_.clear();
    tailCount_.store(0, std::memory_order_release);
  }
  size_t tails() const { return tailCount_.load(std::memory_order_relaxed); }

  const StreamInfo& stream() const { return stream_; }
  uint64_t events() const { return events_.load(std::memory_order_relaxed); }

  std::atomic<uint64_t> ingested{0};  // events accepted by the ingest route
  std::atomic<uint64_t> rejected{0};  // events refused by it
  io::LatencyHistogram ingestLatency;  // per ingest request: decoded and processed

 private:
  StreamInfo stream_;
  std::atomic<uint64_t> events_{0};
  std::atomic<size_t> tailCount_{0};
  std::mutex mutex_;
  std::vector<std::shared_ptr<ResponseStream>> tails_;
};

}  // namespace cepheus::server
