// Deferred publishing for apps whose queries form a cycle (a query writes a stream that, through
// other queries or itself, feeds its own input). Operators reuse their output buffers, so an
// operator must not run again while a chunk it produced is still being delivered. In such apps
// a publish that happens while another is under way is queued (its rows copied into pooled rows)
// and delivered when the outer one has finished, in order. Apps without cycles never re-enter an
// operator and publish directly, depth first, as Siddhi does.
#pragma once

#include <deque>
#include <memory>
#include <vector>

#include "runtime/chunk.h"
#include "runtime/state/row_pool.h"

namespace cepheus::runtime {

class Junction;
class StateFrame;

class PublishQueue {
 public:
  bool busy() const { return busy_; }

  // Copies the chunk: its rows may live in buffers their producer reuses. `frame` is where the
  // junction's readers run (a partition key's instance, for the partition's own streams).
  void defer(const Junction* junction, const Chunk& chunk, size_t width, StateFrame* frame) {
    RowPool& pool = poolFor(width);
    pending_.push_back({junction, chunk.independent, chunk.rows.size(), frame});
    for (const EventRow& row : chunk.rows) rows_.emplace_back(pool, row);
  }

  // Runs `deliver(junction, chunk, frame)` for the outermost publish, then for every deferred one.
  template <class Deliver>
  void run(const Junction* junction, const Chunk& chunk, StateFrame* frame, Deliver deliver) {
    busy_ = true;
    struct Idle {
      bool& busy;
      ~Idle() { busy = false; }
    } idle{busy_};
    deliver(junction, chunk, frame);
    while (!pending_.empty()) {
      Pending next = pending_.front();
      pending_.pop_front();
      replay_.rows.clear();
      replay_.independent = next.independent;
      // Rows deferred while these are delivered go to the back: these stay where they are.
      for (size_t i = 0; i < next.rows; ++i) replay_.rows.push_back(rows_[i].view());
      deliver(next.junction, replay_, next.frame);
      rows_.erase(rows_.begin(), rows_.begin() + static_cast<std::ptrdiff_t>(next.rows));
    }
  }

 private:
  struct Pending {
    const Junction* junction;
    bool independent;
    size_t rows;  // how many of rows_, from the front
    StateFrame* frame;
  };
  RowPool& poolFor(size_t width) {
    if (pools_.size() <= width) pools_.resize(width + 1);
    if (!pools_[width]) pools_[width] = std::make_unique<RowPool>(width);
    return *pools_[width];
  }

  bool busy_ = false;
  std::deque<Pending> pending_;
  std::deque<OwnedRow> rows_;
  std::vector<std::unique_ptr<RowPool>> pools_;  // by row width
  Chunk replay_;
};

}  // namespace cepheus::runtime
