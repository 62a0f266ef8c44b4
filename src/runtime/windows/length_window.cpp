#include "runtime/windows/length_window.h"

#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct LengthWindow::State final : OperatorState {
  State(size_t width, size_t length) : rows(width, length + 1) {}
  void snapshot(StateWriter& out) const override { rows.snapshot(out); }
  void restore(StateReader& in) override { rows.restore(in); }
  bool canDestroy() const override { return rows.empty(); }

  RowQueue rows;
};

std::unique_ptr<OperatorState> LengthWindow::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(width_, length_);
}

void LengthWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  Chunk& out = ctx.lane.chunk(id());
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    out.rows.clear();
    const Value* stored = s.rows.push(row.data, row.timestamp);
    if (s.rows.size() > length_) {
      // Expired at the arrival's time: the clock when it is pushed out. Its slot is the one the
      // next arrival takes, so it stays intact while this chunk travels.
      out.rows.push_back({s.rows.pop(), row.timestamp, EventKind::Expired});
    }
    out.rows.push_back({stored, row.timestamp, EventKind::Current});
    emit(ctx, out);
  }
}

}  // namespace cepheus::runtime
