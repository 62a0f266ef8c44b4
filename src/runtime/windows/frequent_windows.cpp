#include "runtime/windows/frequent_windows.h"

#include <cmath>

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

namespace {

// Every attribute when no key attribute is given.
std::vector<int> keysOrAll(std::vector<int> keyIndices, size_t width) {
  if (keyIndices.empty())
    for (size_t i = 0; i < width; ++i) keyIndices.push_back(static_cast<int>(i));
  return keyIndices;
}

std::string keyList(const std::vector<int>& keys) {
  std::string text;
  for (int k : keys) text += (text.empty() ? "" : ",") + std::to_string(k);
  return text;
}

}  // namespace

// The tracked keys and their latest events, in order of first tracking. Removed entries keep
// their buffers for reuse.
class FrequencyTable {
 public:
  struct Entry {
    std::vector<Value> key;
    std::vector<Value> row;
    int64_t timestamp = 0;
    int64_t count = 0;
    int64_t bucket = 0;
  };

  FrequencyTable(const std::vector<int>& keyIndices, size_t width) : keyIndices_(&keyIndices), width_(width) {}

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  Entry& operator[](size_t i) { return entries_[i]; }
  // The held events, in order of first tracking (what a join finds in the window).
  void addViews(std::vector<EventRow>& out) const {
    for (const Entry& e : entries_) out.push_back({e.row.data(), e.timestamp, EventKind::Current});
  }

  // The entry of `row`'s key, or null.
  Entry* find(const EventRow& row) {
    const auto& keys = *keyIndices_;
    for (Entry& e : entries_) {
      bool same = true;
      for (size_t k = 0; k < keys.size() && same; ++k) same = e.key[k] == row.data[keys[k]];
      if (same) return &e;
    }
    return nullptr;
  }

  // Tracks `row`'s key (not tracked yet) with its event.
  Entry& add(const Value* data, int64_t timestamp) {
    if (spare_.empty()) {
      entries_.emplace_back();
    } else {
      entries_.push_back(std::move(spare_.back()));
      spare_.pop_back();
    }
    Entry& e = entries_.back();
    e.key.clear();
    for (int k : *keyIndices_) e.key.push_back(data[k]);
    e.row.assign(data, data + width_);
    e.timestamp = timestamp;
    e.count = 0;
    e.bucket = 0;
    return e;
  }

  // Moves entry i's event to `expired` and stops tracking it.
  void remove(size_t i, RowBuffer& expired) {
    expired.append(entries_[i].row.data(), entries_[i].timestamp);
    spare_.push_back(std::move(entries_[i]));
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
  }

  void snapshot(StateWriter& out) const {
    out.varint(entries_.size());
    for (const Entry& e : entries_) {
      out.svarint(e.timestamp);
      out.svarint(e.count);
      out.svarint(e.bucket);
      out.values(e.row.data(), width_);
    }
  }
  void restore(StateReader& in) {
    entries_.clear();
    size_t n = in.count(3 + width_);
    std::vector<Value> row(width_);
    for (size_t i = 0; i < n; ++i) {
      int64_t timestamp = in.svarint();
      int64_t count = in.svarint();
      int64_t bucket = in.svarint();
      in.values(row.data(), width_);
      Entry& e = add(row.data(), timestamp);
      e.count = count;
      e.bucket = bucket;
    }
  }

 private:
  const std::vector<int>* keyIndices_;  // the window's
  size_t width_;
  std::vector<Entry> entries_;
  std::vector<Entry> spare_;
};

// ---------------------------------------------------------------------------------------------

struct FrequentWindow::State final : OperatorState {
  State(const std::vector<int>& keys, size_t width) : table(keys, width) {}
  void snapshot(StateWriter& out) const override { table.snapshot(out); }
  void restore(StateReader& in) override { table.restore(in); }
  bool canDestroy() const override { return table.empty(); }

  FrequencyTable table;
};

FrequentWindow::FrequentWindow(size_t mostFrequent, std::vector<int> keyIndices, size_t width)
    : mostFrequent_(mostFrequent), keyIndices_(keysOrAll(std::move(keyIndices), width)), width_(width) {}

std::unique_ptr<OperatorState> FrequentWindow::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(keyIndices_, width_);
}

std::string FrequentWindow::stateLayout() const {
  return "frequent(" + std::to_string(mostFrequent_) + "; " + keyList(keyIndices_) + ")";
}

void FrequentWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  FrequencyTable& table = state<State>(ctx).table;
  auto& scratch = ctx.lane.scratch<ExpiryScratch>(id(), width_);
  Chunk& out = scratch.out;
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    out.rows.clear();
    scratch.rows.clear();
    if (auto* e = table.find(row)) {
      // The latest event of the key replaces the held one, which leaves silently (as in Siddhi).
      e->row.assign(row.data, row.data + e->row.size());
      e->timestamp = row.timestamp;
      ++e->count;
      out.rows.push_back({row.data, row.timestamp, EventKind::Current});
      emit(ctx, out);
      continue;
    }
    bool kept = true;
    if (table.size() >= mostFrequent_) {
      for (size_t i = 0; i < table.size();) {
        if (--table[i].count == 0) {
          table.remove(i, scratch.rows);
        } else {
          ++i;
        }
      }
      kept = table.size() < mostFrequent_;
    }
    if (kept) table.add(row.data, row.timestamp).count = 1;
    scratch.rows.addTo(out, EventKind::Expired, arrivalTime(ctx.app.clock, row));
    if (kept) out.rows.push_back({row.data, row.timestamp, EventKind::Current});
    emit(ctx, out);
  }
}

// ---------------------------------------------------------------------------------------------

struct LossyFrequentWindow::State final : OperatorState {
  State(const std::vector<int>& keys, size_t width) : table(keys, width) {}
  void snapshot(StateWriter& out) const override {
    table.snapshot(out);
    out.svarint(total);
    out.f64(bucket);
  }
  void restore(StateReader& in) override {
    table.restore(in);
    total = in.svarint();
    bucket = in.f64();
  }
  bool canDestroy() const override { return table.empty(); }

  FrequencyTable table;
  int64_t total = 0;
  double bucket = 1;
};

LossyFrequentWindow::LossyFrequentWindow(double support, double error, std::vector<int> keyIndices, size_t width)
    : support_(support),
      error_(error),
      bucketWidth_(std::ceil(1 / error)),
      keyIndices_(keysOrAll(std::move(keyIndices), width)),
      width_(width) {}

std::unique_ptr<OperatorState> LossyFrequentWindow::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(keyIndices_, width_);
}

std::string LossyFrequentWindow::stateLayout() const {
  return "lossyFrequent(" + std::to_string(support_) + ", " + std::to_string(error_) + "; " + keyList(keyIndices_) +
         ")";
}

void LossyFrequentWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  FrequencyTable& table = s.table;
  auto& scratch = ctx.lane.scratch<ExpiryScratch>(id(), width_);
  Chunk& out = scratch.out;
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    out.rows.clear();
    scratch.rows.clear();
    ++s.total;
    if (s.total != 1) s.bucket = std::ceil(static_cast<double>(s.total) / bucketWidth_);
    auto* e = table.find(row);
    if (e) {
      e->row.assign(row.data, row.data + e->row.size());
      e->timestamp = row.timestamp;
      ++e->count;
    } else {
      e = &table.add(row.data, row.timestamp);
      e->count = 1;
      e->bucket = static_cast<int64_t>(s.bucket) - 1;
    }
    if (static_cast<double>(e->count) >= (support_ - error_) * static_cast<double>(s.total))
      out.rows.push_back({row.data, row.timestamp, EventKind::Current});
    if (std::fmod(static_cast<double>(s.total), bucketWidth_) == 0) {
      for (size_t i = 0; i < table.size();) {
        if (static_cast<double>(table[i].count + table[i].bucket) <= s.bucket) {
          table.remove(i, scratch.rows);
        } else {
          ++i;
        }
      }
    }
    scratch.rows.addTo(out, EventKind::Expired, arrivalTime(ctx.app.clock, row));
    emit(ctx, out);
  }
}

void FrequentWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  static_cast<const State&>(state).table.addViews(out);
}

void LossyFrequentWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  static_cast<const State&>(state).table.addViews(out);
}

}  // namespace cepheus::runtime
