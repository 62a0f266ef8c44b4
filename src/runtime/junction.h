// A stream's junction: where every event of the stream arrives and fans out, synchronously and
// in subscription order, to the queries that read the stream and to API callbacks.
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "cepheus/stream.h"
#include "runtime/operator.h"
#include "runtime/publish_queue.h"

namespace cepheus::runtime {

class Junction {
 public:
  explicit Junction(const StreamInfo& info) : info_(info), width_(info.attributes.size()) {}

  const StreamInfo& info() const { return info_; }
  size_t width() const { return width_; }

  void subscribe(Operator* query) { queries_.push_back(query); }
  void subscribe(StreamCallback callback) { callbacks_.push_back(std::move(callback)); }
  bool hasSubscribers() const { return !queries_.empty() || !callbacks_.empty(); }

  // In apps whose queries form a cycle, publishes go through the app's queue (see
  // publish_queue.h).
  void setPublishQueue(PublishQueue* queue) { queue_ = queue; }

  // Delivers a chunk: callbacks first (they see events in the order they arrive at the
  // stream), then each query that reads the stream.
  void publish(const Chunk& chunk) {
    if (!queue_) {
      deliver(chunk);
    } else if (queue_->busy()) {
      queue_->defer(this, chunk, width_);
    } else {
      queue_->run(
          this, chunk, [](Junction* j, const Chunk& c) { j->deliver(c); },
          [](const Junction* j) { return j->width(); });
    }
  }

 private:
  void deliver(const Chunk& chunk) {
    for (const auto& callback : callbacks_)
      for (const auto& row : chunk.rows) callback(row.timestamp, std::span<const Value>(row.data, width_));
    for (Operator* query : queries_) query->process(chunk);
  }

  StreamInfo info_;
  size_t width_;
  PublishQueue* queue_ = nullptr;
  std::vector<Operator*> queries_;
  std::vector<StreamCallback> callbacks_;
};

}  // namespace cepheus::runtime
