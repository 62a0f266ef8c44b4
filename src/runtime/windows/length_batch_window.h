// `#window.lengthBatch(n[, streamCurrent])`: tumbling batches of n events.
//
// Default: nothing is emitted until the n-th event of a batch arrives; then one chunk carries
// the previous batch as EXPIRED, a RESET (so aggregates restart) and the n events as CURRENT.
// A partial batch is never flushed. With streamCurrent every arrival passes through at once,
// and the (n+1)-th arrival first expires the batch so far and resets. lengthBatch(0) makes
// every event a batch of its own (current, expired, reset), as in Siddhi.
#pragma once

#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class LengthBatchWindow final : public Operator {
 public:
  LengthBatchWindow(size_t length, bool streamCurrent, size_t width, const Clock* clock);
  void process(const Chunk& chunk) override;

 private:
  void arrive(const EventRow& row);

  size_t length_;
  bool streamCurrent_;
  const Clock* clock_;
  RowBuffer batch_;     // the batch being filled
  RowBuffer previous_;  // the last emitted batch: expired when the next one is emitted
  Chunk out_;
};

}  // namespace cepheus::runtime
