#include "runtime/windows/sort_window.h"

#include <algorithm>

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

// Rows live in slots that are reused: the one an expiry frees takes the next arrival. There are
// as many slots as the window has held rows at once, at most n + 1.
struct SortWindow::State final : OperatorState {
  explicit State(size_t width) : width(width) {}
  Value* slot(uint32_t i) { return &slots[i * width]; }
  const Value* slot(uint32_t i) const { return &slots[i * width]; }

  // The held rows in sort order (the order is what the window means; slots are not saved).
  void snapshot(StateWriter& out) const override {
    out.varint(order.size());
    for (uint32_t s : order) {
      out.svarint(times[s]);
      out.values(slot(s), width);
    }
  }
  void restore(StateReader& in) override {
    size_t n = in.count(1 + width);
    slots.assign(n * width, Value());
    times.assign(n, 0);
    order.clear();
    for (uint32_t s = 0; s < n; ++s) {
      times[s] = in.svarint();
      in.values(slot(s), width);
      order.push_back(s);
    }
    freed.clear();
  }
  bool canDestroy() const override { return order.empty(); }

  size_t width;
  std::vector<Value> slots;
  std::vector<int64_t> times;  // by slot
  std::vector<uint32_t> order;  // held slots, sorted
  std::vector<uint32_t> freed;  // slots whose rows expired, reused first
};

std::unique_ptr<OperatorState> SortWindow::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(width_);
}

std::string SortWindow::stateLayout() const {
  std::string layout = "sort(" + std::to_string(length_);
  for (const Key& key : keys_) layout += ", " + std::to_string(key.index) + (key.descending ? " desc" : " asc");
  return layout + ")";
}

int SortWindow::compare(const Value* a, const Value* b) const {
  for (const Key& key : keys_) {
    int c = compareValues(a[key.index], b[key.index]);
    if (c != 0) return key.descending ? -c : c;
  }
  return 0;
}

void SortWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  Chunk& out = ctx.lane.chunk(id());
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    uint32_t free;
    if (!s.freed.empty()) {
      free = s.freed.back();
      s.freed.pop_back();
    } else {
      free = static_cast<uint32_t>(s.times.size());
      s.slots.resize(s.slots.size() + width_);
      s.times.push_back(0);
    }
    Value* stored = s.slot(free);
    for (size_t i = 0; i < width_; ++i) stored[i] = row.data[i];
    s.times[free] = row.timestamp;
    // After equal events: Siddhi appends and stable-sorts, so among equals the latest sorts last.
    auto at = std::upper_bound(s.order.begin(), s.order.end(), free, [&](uint32_t x, uint32_t y) {
      return compare(s.slot(x), s.slot(y)) < 0;
    });
    s.order.insert(at, free);
    out.rows.clear();
    out.rows.push_back({stored, row.timestamp, EventKind::Current});
    if (s.order.size() > length_) {
      uint32_t expired = s.order.back();
      s.order.pop_back();
      s.freed.push_back(expired);
      out.rows.push_back({s.slot(expired), arrivalTime(ctx.app.clock, row), EventKind::Expired});
    }
    emit(ctx, out);
  }
}

void SortWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  const State& s = static_cast<const State&>(state);
  for (uint32_t slot : s.order) out.push_back({s.slot(slot), s.times[slot], EventKind::Current});
}

}  // namespace cepheus::runtime
