#include "runtime/windows/length_window.h"

#include "runtime/windows/window_support.h"

#include <algorithm>
#include <stdexcept>

namespace cepheus::runtime {

struct LengthWindow::State final : OperatorState {
  // What it expires is stamped with the arrival's time, but a join finds its rows with their
  // own timestamps, so it keeps them (a pruned window, never a join side, does not).
  State(size_t width, size_t length) : rows(width, length + 1, true) {}
  void snapshot(StateWriter& out) const override { rows.snapshot(out); }
  void restore(StateReader& in) override { rows.restore(in); }
  bool canDestroy() const override { return rows.empty(); }

  RowQueue rows;
};

// Keeping some attributes: the ring holds at most n rows, the one pushed out being copied out
// before the arrival is pushed.
template <class Ring>
struct LengthWindow::PrunedState final : OperatorState {
  PrunedState(size_t width, size_t length) : rows(width, length) {}
  void snapshot(StateWriter& out) const override { rows.snapshot(out); }
  void restore(StateReader& in) override { rows.restore(in); }
  bool canDestroy() const override { return rows.empty(); }

  Ring rows;
};

namespace {
struct UnprunedRing : RowQueue {  // a RowQueue of at most n rows, without timestamps
  UnprunedRing(size_t width, size_t length) : RowQueue(width, length, false) {}
  void pushColumns(const Value* data, const uint32_t* columns) { RowQueue::pushColumns(data, columns, 0); }
};
}  // namespace

std::unique_ptr<OperatorState> LengthWindow::makeState(AppState&, StateFrame&) const {
  if (!pruned_) return std::make_unique<State>(width_, length_);
  if (numbers_) return std::make_unique<PrunedState<NumberRing>>(kept_.size(), length_);
  return std::make_unique<PrunedState<UnprunedRing>>(kept_.size(), length_);
}

std::string LengthWindow::stateLayout() const {
  std::string layout = "length(" + std::to_string(length_) + ")";
  if (!pruned_) return layout;
  layout += " keeping";
  for (uint32_t column : kept_) layout += " " + std::to_string(column);
  return layout;
}

void LengthWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  if (pruned_) {
    if (numbers_)
      processPruned(ctx, state<PrunedState<NumberRing>>(ctx).rows, chunk);
    else
      processPruned(ctx, state<PrunedState<UnprunedRing>>(ctx).rows, chunk);
    return;
  }
  State& s = state<State>(ctx);
  if (chunk.rows.size() > 1 && nextAcceptsParts()) {
    processInParts(ctx, s, chunk);
    return;
  }
  Chunk& out = ctx.lane.scratch<ExpiryScratch>(id(), width_).out;
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

// Several arrivals, each its own chunk, handed over in one call as parts. With room for the
// whole run reserved first, an arrival's slot is reused only length + 1 arrivals later, so
// within a run of `length` arrivals the current rows stay in place; the row an arrival pushes
// out has its slot taken by the next one, so it is copied first.
void LengthWindow::processInParts(ExecContext& ctx, State& s, const Chunk& chunk) const {
  auto& scratch = ctx.lane.scratch<ExpiryScratch>(id(), width_);
  const EventRow* rows = chunk.rows.data();
  const size_t count = chunk.rows.size();
  for (size_t from = 0; from < count;) {
    const size_t run = std::min(length_, count - from);
    s.rows.reserve(s.rows.size() + run);  // no push of the run moves the rows already handed out
    scratch.rows.clear();
    scratch.rows.reserve(run);
    scratch.out.rows.clear();
    scratch.ends.clear();
    for (size_t i = from; i < from + run; ++i) {
      const EventRow& row = rows[i];
      if (row.kind != EventKind::Current) continue;
      const Value* stored = s.rows.push(row.data, row.timestamp);
      if (s.rows.size() > length_) {
        scratch.rows.append(s.rows.pop(), row.timestamp);
        scratch.out.rows.push_back({scratch.rows.row(scratch.rows.size() - 1), row.timestamp, EventKind::Expired});
      }
      scratch.out.rows.push_back({stored, row.timestamp, EventKind::Current});
      scratch.ends.push_back(static_cast<uint32_t>(scratch.out.rows.size()));
    }
    emitParts(ctx, scratch.out, scratch.ends);
    from += run;
  }
}

void LengthWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  if (pruned_) throw std::logic_error("a length window keeping some attributes has no whole rows to find");
  static_cast<const State&>(state).rows.addViews(out);
}

// Keeping only some attributes: the arrivals go downstream as they came, and what is pushed out
// is rebuilt at full width (null where nothing was kept) in the lane's scratch, reserved for the
// whole chunk so no row handed over moves.
template <class Ring>
void LengthWindow::processPruned(ExecContext& ctx, Ring& ring, const Chunk& chunk) const {
  auto& scratch = ctx.lane.scratch<ExpiryScratch>(id(), width_);
  const bool parts = chunk.rows.size() > 1 && nextAcceptsParts();
  scratch.rows.clear();
  scratch.rows.reserve(parts ? chunk.rows.size() : 1);
  scratch.out.rows.clear();
  scratch.ends.clear();
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    if (ring.size() == length_) {
      Value* expired = scratch.rows.appendNulls(row.timestamp);
      ring.popColumnsInto(expired, kept_.data());
      scratch.out.rows.push_back({expired, row.timestamp, EventKind::Expired});
    }
    ring.pushColumns(row.data, kept_.data());
    scratch.out.rows.push_back({row.data, row.timestamp, EventKind::Current});
    if (parts) {
      scratch.ends.push_back(static_cast<uint32_t>(scratch.out.rows.size()));
      continue;
    }
    emit(ctx, scratch.out);
    scratch.out.rows.clear();
    scratch.rows.clear();
  }
  if (parts) emitParts(ctx, scratch.out, scratch.ends);
}

}  // namespace cepheus::runtime
