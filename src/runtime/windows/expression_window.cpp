#include "runtime/windows/expression_window.h"

namespace cepheus::runtime {

ExpressionWindow::ExpressionWindow(WindowCondition condition, size_t width, const Clock* clock)
    : condition_(std::move(condition)), clock_(clock), window_(width), expired_(width) {}

void ExpressionWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows)
    if (row.kind == EventKind::Current) arrive(row);
}

void ExpressionWindow::arrive(const EventRow& row) {
  const int64_t now = arrivalTime(*clock_, row);
  window_.push(row.data, row.timestamp);
  const EventRow last{row.data, row.timestamp, EventKind::Current};
  bool holds =
      condition_.add(last, {window_.front(), window_.frontTime(), EventKind::Current}, last);
  expired_.clear();
  while (!holds && !window_.empty()) {
    window_.popInto(expired_);
    // Siddhi stamps the removed event with the expiry time before evaluating; when the window is
    // now empty it is also the `first` event.
    const EventRow removed{expired_.row(expired_.size() - 1), now, EventKind::Expired};
    const EventRow first = window_.empty()
                               ? removed
                               : EventRow{window_.front(), window_.frontTime(), EventKind::Current};
    holds = condition_.remove(removed, first, last);
  }
  out_.rows.clear();
  expired_.addTo(out_, EventKind::Expired, now);
  out_.rows.push_back(last);
  emit(out_);
}

}  // namespace cepheus::runtime
