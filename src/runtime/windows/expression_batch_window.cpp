#include "runtime/windows/expression_batch_window.h"

namespace cepheus::runtime {

ExpressionBatchWindow::ExpressionBatchWindow(WindowCondition condition, bool includeTrigger,
                                             bool streamCurrent, size_t width, const Clock* clock)
    : condition_(std::move(condition)),
      includeTrigger_(includeTrigger),
      streamCurrent_(streamCurrent),
      clock_(clock),
      batch_(width),
      previous_(width) {}

void ExpressionBatchWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows)
    if (row.kind == EventKind::Current) arrive(row);
}

void ExpressionBatchWindow::arrive(const EventRow& row) {
  const int64_t now = arrivalTime(*clock_, row);
  const EventRow arrival{row.data, row.timestamp, EventKind::Current};
  const EventRow first =
      batch_.empty() ? arrival : EventRow{batch_.row(0), batch_.time(0), EventKind::Current};
  out_.rows.clear();
  if (condition_.add(arrival, first, arrival)) {
    batch_.append(row.data, row.timestamp);
    if (streamCurrent_) {
      out_.rows.push_back(arrival);
      emit(out_);
    }
    return;
  }
  condition_.reset();
  condition_.add(arrival, first, arrival);
  if (batch_.empty()) {
    // Nothing to flush but the condition fails on the arrival alone: it passes straight through.
    previous_.addTo(out_, EventKind::Expired, now);
    out_.rows.push_back({row.data, now, EventKind::Expired});
    out_.rows.push_back({row.data, now, EventKind::Current});
    emit(out_);
    previous_.clear();
    return;
  }
  if (streamCurrent_) {
    flushStreamed(arrival, now);
  } else {
    flushBatch(arrival, now);
  }
}

void ExpressionBatchWindow::flushBatch(const EventRow& arrival, int64_t now) {
  previous_.addTo(out_, EventKind::Expired, now);
  batch_.addTo(out_, EventKind::Current, now);
  if (includeTrigger_) out_.rows.push_back(arrival);
  emit(out_);
  previous_.swap(batch_);
  batch_.clear();
  (includeTrigger_ ? previous_ : batch_).append(arrival.data, arrival.timestamp);
}

void ExpressionBatchWindow::flushStreamed(const EventRow& arrival, int64_t now) {
  if (includeTrigger_) {
    out_.rows.push_back(arrival);
    batch_.addTo(out_, EventKind::Expired, now);
    out_.rows.push_back({arrival.data, now, EventKind::Expired});
  } else {
    batch_.addTo(out_, EventKind::Expired, now);
    out_.rows.push_back(arrival);
  }
  emit(out_);
  batch_.clear();
  if (!includeTrigger_) batch_.append(arrival.data, arrival.timestamp);
}

}  // namespace cepheus::runtime
