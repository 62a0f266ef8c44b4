// `#window.timeBatch(t[, startTime][, streamCurrent])`: tumbling batches of t milliseconds.
//
// The first boundary is the first event's time + t, or with startTime the next
// startTime + k*t after it; then every t. At each boundary one chunk carries the previous batch
// as EXPIRED, a RESET and the batch as CURRENT; a boundary with no new events emits only the
// expiry of the previous batch (if any). In playback the boundary timer fires before the event
// that reaches it, so that event belongs to the next batch; boundaries missed during a gap fire
// one after another. With streamCurrent arrivals pass through at once and a boundary only
// expires them and resets.
#pragma once

#include <optional>

#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/scheduler.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class TimeBatchWindow final : public Operator, public TimerTarget {
 public:
  TimeBatchWindow(int64_t duration, std::optional<int64_t> startTime, bool streamCurrent, size_t width,
                  const Clock* clock, Scheduler* scheduler);
  void process(const Chunk& chunk) override;
  void onTimer(int64_t due) override;

 private:
  // Moves to the next boundary if the clock reached it; true when a batch closes.
  bool passBoundary(int64_t now);
  // Adds the closing batch to out_ (after whatever out_ already holds) and emits.
  void flush(int64_t now);

  int64_t duration_;
  std::optional<int64_t> startTime_;
  bool streamCurrent_;
  const Clock* clock_;
  WindowTimer timer_;
  int64_t nextEmit_ = -1;  // -1 until the first event
  RowBuffer batch_;        // this period's events
  RowBuffer previous_;     // the last emitted batch, expired at the next boundary
  Chunk out_;
};

}  // namespace cepheus::runtime
