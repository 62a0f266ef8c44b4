#include "runtime/windows/batch_window.h"

namespace cepheus::runtime {

BatchWindow::BatchWindow(size_t pieceLength, size_t width, const Clock* clock)
    : pieceLength_(pieceLength), clock_(clock), current_(width), previous_(width) {}

void BatchWindow::process(const Chunk& chunk) {
  if (chunk.independent) {
    for (const EventRow& row : chunk.rows) batch(&row, 1);
  } else {
    batch(chunk.rows.data(), chunk.rows.size());
  }
}

void BatchWindow::batch(const EventRow* rows, size_t count) {
  current_.clear();
  int64_t now = 0;
  for (size_t i = 0; i < count; ++i) {
    if (rows[i].kind != EventKind::Current) continue;
    current_.append(rows[i].data, rows[i].timestamp);
    now = arrivalTime(*clock_, rows[i]);
  }
  if (current_.empty()) return;
  const size_t piece = pieceLength_ == 0 ? current_.size() : pieceLength_;
  for (size_t begin = 0; begin < current_.size(); begin += piece) {
    out_.rows.clear();
    if (begin == 0) previous_.addTo(out_, EventKind::Expired, now);
    // The first batch has nothing to reset.
    if (started_) out_.rows.push_back({current_.row(begin), now, EventKind::Reset});
    started_ = true;
    for (size_t i = begin; i < begin + piece && i < current_.size(); ++i)
      out_.rows.push_back({current_.row(i), current_.time(i), EventKind::Current});
    emit(out_);
  }
  previous_.swap(current_);
}

}  // namespace cepheus::runtime
