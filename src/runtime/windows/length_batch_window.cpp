#include "runtime/windows/length_batch_window.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct LengthBatchWindow::State final : OperatorState {
  explicit State(size_t width) : batch(width), previous(width) {}
  void snapshot(StateWriter& out) const override {
    batch.snapshot(out);
    previous.snapshot(out);
  }
  void restore(StateReader& in) override {
    batch.restore(in);
    previous.restore(in);
  }
  bool canDestroy() const override { return batch.empty() && previous.empty(); }

  RowBuffer batch;     // the batch being filled
  RowBuffer previous;  // the last emitted batch: expired when the next one is emitted
};

std::unique_ptr<OperatorState> LengthBatchWindow::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(width_);
}

void LengthBatchWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  for (const EventRow& row : chunk.rows)
    if (row.kind == EventKind::Current) arrive(ctx, s, row);
}

void LengthBatchWindow::arrive(ExecContext& ctx, State& s, const EventRow& row) const {
  const int64_t now = arrivalTime(ctx.app.clock, row);
  Chunk& out = ctx.lane.chunk(id());
  out.rows.clear();
  if (length_ == 0) {
    out.rows.push_back({row.data, row.timestamp, EventKind::Current});
    out.rows.push_back({row.data, now, EventKind::Expired});
    out.rows.push_back({row.data, now, EventKind::Reset});
    emit(ctx, out);
    return;
  }
  if (streamCurrent_) {
    // The batch holds the arrivals of the running batch; they are expired when the next one starts.
    if (s.batch.size() == length_) {
      s.previous.swap(s.batch);
      s.batch.clear();
      s.previous.addTo(out, EventKind::Expired, now);
      out.rows.push_back({row.data, now, EventKind::Reset});
    }
    s.batch.append(row.data, row.timestamp);
    out.rows.push_back({row.data, row.timestamp, EventKind::Current});
    emit(ctx, out);
    return;
  }
  s.batch.append(row.data, row.timestamp);
  if (s.batch.size() < length_) return;
  s.previous.addTo(out, EventKind::Expired, now);
  s.batch.addAsNewBatch(out, now);
  emit(ctx, out);
  s.previous.swap(s.batch);
  s.batch.clear();
}

void LengthBatchWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  const State& s = static_cast<const State&>(state);
  (streamCurrent_ ? s.batch : s.previous).addViews(out);
}

}  // namespace cepheus::runtime
