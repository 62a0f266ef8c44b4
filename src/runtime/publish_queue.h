// Deferred publishing for apps whose queries form a cycle (a query writes a stream that, through
// other queries or itself, feeds its own input). Operators reuse their output buffers, so an
// operator must not run again while a chunk it produced is still being delivered. In such apps
// a publish that happens while another is under way is queued (values copied) and delivered
// when the outer one has finished, in order. Apps without cycles never re-enter an operator and
// publish directly, depth first, as Siddhi does.
#pragma once

#include <deque>
#include <vector>

#include "runtime/chunk.h"

namespace cepheus::runtime {

class Junction;

class PublishQueue {
 public:
  bool busy() const { return busy_; }

  // Copies the chunk: its rows may live in buffers their producer reuses.
  void defer(Junction* junction, const Chunk& chunk, size_t width) {
    Pending& pending = pending_.emplace_back();
    pending.junction = junction;
    pending.independent = chunk.independent;
    pending.values.reserve(chunk.rows.size() * width);
    for (const EventRow& row : chunk.rows) {
      pending.values.insert(pending.values.end(), row.data, row.data + width);
      pending.times.push_back(row.timestamp);
      pending.kinds.push_back(row.kind);
    }
  }

  // Runs `deliver(junction, chunk)` for the outermost publish, then for every deferred one.
  template <class Deliver>
  void run(Junction* junction, const Chunk& chunk, Deliver deliver, size_t (*widthOf)(const Junction*)) {
    busy_ = true;
    deliver(junction, chunk);
    while (!pending_.empty()) {
      Pending next = std::move(pending_.front());
      pending_.pop_front();
      Chunk replay;
      replay.independent = next.independent;
      size_t width = widthOf(next.junction);
      for (size_t i = 0; i < next.times.size(); ++i)
        replay.rows.push_back({next.values.data() + i * width, next.times[i], next.kinds[i]});
      deliver(next.junction, replay);
    }
    busy_ = false;
  }

 private:
  struct Pending {
    Junction* junction = nullptr;
    bool independent = false;
    std::vector<Value> values;
    std::vector<int64_t> times;
    std::vector<EventKind> kinds;
  };
  bool busy_ = false;
  std::deque<Pending> pending_;
};

}  // namespace cepheus::runtime
