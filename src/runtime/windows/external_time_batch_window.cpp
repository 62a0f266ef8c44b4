#include "runtime/windows/external_time_batch_window.h"

namespace cepheus::runtime {

namespace {

// The next start + k*t after `time` (Siddhi's findEndTime; C++ % truncates like Java's).
int64_t nextEnd(int64_t time, int64_t start, int64_t duration) {
  return time + (duration - (time - start) % duration);
}

}  // namespace

ExternalTimeBatchWindow::ExternalTimeBatchWindow(int timeIndex, int64_t duration, Start start, int64_t timeout,
                                                 bool replaceTimestamp, size_t width, const Clock* clock,
                                                 Scheduler* scheduler)
    : timeIndex_(timeIndex),
      duration_(duration),
      start_(start),
      timeout_(timeout),
      replaceTimestamp_(replaceTimestamp),
      clock_(clock),
      scheduler_(scheduler),
      batch_(width),
      expired_(width) {}

void ExternalTimeBatchWindow::scheduleTimeout() {
  if (timeout_ <= 0) return;
  lastScheduled_ = clock_->now() + timeout_;
  scheduler_->schedule(lastScheduled_, this);
}

void ExternalTimeBatchWindow::begin(const EventRow& first) {
  int64_t time = first.data[timeIndex_].asLong();
  if (start_.constant) {
    startTime_ = *start_.constant;
    endTime_ = nextEnd(time, startTime_, duration_);
  } else {
    const Value& start = start_.attribute >= 0 ? first.data[start_.attribute] : first.data[timeIndex_];
    startTime_ = start.isNull() ? time : start.asLong();
    endTime_ = startTime_ + duration_;
  }
  scheduleTimeout();
}

void ExternalTimeBatchWindow::add(const EventRow& row) {
  batch_.append(row.data, row.timestamp);
  if (replaceTimestamp_) batch_.row(batch_.size() - 1)[timeIndex_] = Value::ofLong(endTime_);
}

void ExternalTimeBatchWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    // An event without a time cannot be placed (Siddhi fails on it); it is left out.
    if (row.data[timeIndex_].isNull()) continue;
    if (endTime_ < 0) begin(row);
    const int64_t time = row.data[timeIndex_].asLong();
    if (time > lastEventTime_) lastEventTime_ = time;
    if (time < endTime_) {
      add(row);
      continue;
    }
    if (flushed_) {
      flushAppending(lastEventTime_);
      flushed_ = false;
    } else {
      flush(lastEventTime_);
    }
    endTime_ = nextEnd(lastEventTime_, startTime_, duration_);
    add(row);
    scheduleTimeout();
  }
}

void ExternalTimeBatchWindow::onTimer(int64_t due) {
  // Only the latest timeout counts: an event closing a batch scheduled a newer one.
  if (lastScheduled_ > due) return;
  if (!flushed_) {
    flush(lastEventTime_);
    flushed_ = true;
  } else if (!batch_.empty()) {
    flushAppending(lastEventTime_);
  }
  scheduleTimeout();
}

void ExternalTimeBatchWindow::flush(int64_t time) {
  out_.rows.clear();
  expired_.addTo(out_, EventKind::Expired, time);
  batch_.addAsNewBatch(out_, time);
  emit(out_);
  expired_.swap(batch_);
  batch_.clear();
}

void ExternalTimeBatchWindow::flushAppending(int64_t time) {
  if (batch_.empty()) return;
  out_.rows.clear();
  expired_.addTo(out_, EventKind::Expired, time);
  out_.rows.push_back({batch_.row(0), time, EventKind::Reset});
  expired_.addTo(out_, EventKind::Current);
  batch_.addTo(out_, EventKind::Current);
  emit(out_);
  expired_.appendAll(batch_);
  batch_.clear();
}

}  // namespace cepheus::runtime
