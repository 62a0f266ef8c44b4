#include "runtime/windows/length_batch_window.h"

namespace cepheus::runtime {

LengthBatchWindow::LengthBatchWindow(size_t length, bool streamCurrent, size_t width, const Clock* clock)
    : length_(length), streamCurrent_(streamCurrent), clock_(clock), batch_(width), previous_(width) {}

void LengthBatchWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows)
    if (row.kind == EventKind::Current) arrive(row);
}

void LengthBatchWindow::arrive(const EventRow& row) {
  const int64_t now = arrivalTime(*clock_, row);
  out_.rows.clear();
  if (length_ == 0) {
    out_.rows.push_back({row.data, row.timestamp, EventKind::Current});
    out_.rows.push_back({row.data, now, EventKind::Expired});
    out_.rows.push_back({row.data, now, EventKind::Reset});
    emit(out_);
    return;
  }
  if (streamCurrent_) {
    // batch_ holds the arrivals of the running batch; they are expired when the next one starts.
    if (batch_.size() == length_) {
      previous_.swap(batch_);
      batch_.clear();
      previous_.addTo(out_, EventKind::Expired, now);
      out_.rows.push_back({row.data, now, EventKind::Reset});
    }
    batch_.append(row.data, row.timestamp);
    out_.rows.push_back({row.data, row.timestamp, EventKind::Current});
    emit(out_);
    return;
  }
  batch_.append(row.data, row.timestamp);
  if (batch_.size() < length_) return;
  previous_.addTo(out_, EventKind::Expired, now);
  batch_.addAsNewBatch(out_, now);
  emit(out_);
  previous_.swap(batch_);
  batch_.clear();
}

}  // namespace cepheus::runtime
