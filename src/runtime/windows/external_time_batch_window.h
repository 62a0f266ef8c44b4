// `#window.externalTimeBatch(tsAttr, t[, startTime[, timeout[, replaceTs]]])`: tumbling
// batches [start + k*t, start + (k+1)*t) by a long attribute of the events.
//
// start is the first event's attribute time (or the given constant/attribute, aligned like
// timeBatch). An event at or past the batch end closes it: one chunk with the previous batch
// as EXPIRED, a RESET and the batch as CURRENT; the event opens the next batch, whose end is
// aligned to the latest attribute time seen. With a timeout, a timer closes the batch when no
// event arrives for that long; events that then arrive before the batch end are re-emitted
// together with the already flushed part when the batch finally closes (Siddhi's "append").
// replaceTs writes the batch end into the time attribute of stored events.
#pragma once

#include <optional>

#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/scheduler.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class ExternalTimeBatchWindow final : public Operator, public TimerTarget {
 public:
  struct Start {
    std::optional<int64_t> constant;  // startTime given as a constant
    int attribute = -1;                // startTime read from this attribute of the first event
  };
  ExternalTimeBatchWindow(int timeIndex, int64_t duration, Start start, int64_t timeout, bool replaceTimestamp,
                          size_t width, const Clock* clock, Scheduler* scheduler);
  void process(const Chunk& chunk) override;
  void onTimer(int64_t due) override;

 private:
  void begin(const EventRow& first);
  void add(const EventRow& row);
  // Emits [expired previous batch, reset, batch]; the batch becomes the expired one.
  void flush(int64_t time);
  // After a timeout flush: emits [expired flushed part, reset, flushed part and new events as
  // current]; the new events join the expired set.
  void flushAppending(int64_t time);
  void scheduleTimeout();

  int timeIndex_;
  int64_t duration_;
  Start start_;
  int64_t timeout_;
  bool replaceTimestamp_;
  const Clock* clock_;
  Scheduler* scheduler_;
  int64_t startTime_ = 0;
  int64_t endTime_ = -1;  // -1 until the first event
  int64_t lastEventTime_ = 0;
  int64_t lastScheduled_ = 0;
  bool flushed_ = false;  // the batch was closed by the timeout, not by an event
  RowBuffer batch_;
  RowBuffer expired_;
  Chunk out_;
};

}  // namespace cepheus::runtime
