#include "runtime/windows/external_time_window.h"

namespace cepheus::runtime {

ExternalTimeWindow::ExternalTimeWindow(int timeIndex, int64_t duration, size_t width)
    : timeIndex_(timeIndex), duration_(duration), window_(width), expired_(width) {}

void ExternalTimeWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    // An event without a time cannot be placed (Siddhi fails on it); it is left out.
    if (row.data[timeIndex_].isNull()) continue;
    const int64_t now = row.data[timeIndex_].asLong();
    expired_.clear();
    while (!window_.empty() && window_.front()[timeIndex_].asLong() + duration_ <= now) window_.popInto(expired_);
    out_.rows.clear();
    expired_.addTo(out_, EventKind::Expired, now);
    const Value* stored = window_.push(row.data, row.timestamp);
    out_.rows.push_back({stored, row.timestamp, EventKind::Current});
    emit(out_);
  }
}

}  // namespace cepheus::runtime
