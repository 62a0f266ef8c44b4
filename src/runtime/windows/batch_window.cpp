#include "runtime/windows/batch_window.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct BatchWindow::State final : OperatorState {
  explicit State(size_t width) : previous(width) {}
  void snapshot(StateWriter& out) const override {
    out.boolean(started);
    previous.snapshot(out);
  }
  void restore(StateReader& in) override {
    started = in.boolean();
    previous.restore(in);
  }
  bool canDestroy() const override { return previous.empty(); }

  RowBuffer previous;  // the previous incoming chunk, expired by the next one
  bool started = false;
};

std::unique_ptr<OperatorState> BatchWindow::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(width_);
}

void BatchWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  if (chunk.independent) {
    for (const EventRow& row : chunk.rows) batch(ctx, s, &row, 1);
  } else {
    batch(ctx, s, chunk.rows.data(), chunk.rows.size());
  }
}

void BatchWindow::batch(ExecContext& ctx, State& s, const EventRow* rows, size_t count) const {
  auto& scratch = ctx.lane.scratch<ExpiryScratch>(id(), width_);
  RowBuffer& current = scratch.rows;  // this incoming chunk
  current.clear();
  int64_t now = 0;
  for (size_t i = 0; i < count; ++i) {
    if (rows[i].kind != EventKind::Current) continue;
    current.append(rows[i].data, rows[i].timestamp);
    now = arrivalTime(ctx.app.clock, rows[i]);
  }
  if (current.empty()) return;
  const size_t piece = pieceLength_ == 0 ? current.size() : pieceLength_;
  Chunk& out = scratch.out;
  for (size_t begin = 0; begin < current.size(); begin += piece) {
    out.rows.clear();
    if (begin == 0) s.previous.addTo(out, EventKind::Expired, now);
    // The first batch has nothing to reset.
    if (s.started) out.rows.push_back({current.row(begin), now, EventKind::Reset});
    s.started = true;
    for (size_t i = begin; i < begin + piece && i < current.size(); ++i)
      out.rows.push_back({current.row(i), current.time(i), EventKind::Current});
    emit(ctx, out);
  }
  s.previous.swap(current);
}

void BatchWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  static_cast<const State&>(state).previous.addViews(out);
}

}  // namespace cepheus::runtime
