// Drives a rate limiter directly: feeds it chunks of output rows as the selector would, moves
// the playback clock the way an input port does (due timers fire first) and records what the
// limiter releases, chunk by chunk.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime/operator_harness.h"

namespace cepheus::testing::rate {

using runtime::Chunk;
using runtime::EventKind;
using runtime::EventRow;

// Records every chunk it receives as text: one string per row, like "A 1" (values joined by a
// space; an expired row is prefixed with "-").
class Capture final : public runtime::Operator {
 public:
  void process(runtime::ExecContext&, const Chunk& chunk) const override {
    std::vector<std::string> rows;
    for (const EventRow& row : chunk.rows) {
      std::string text = row.kind == EventKind::Expired ? "-" : "";
      for (size_t i = 0; i < width; ++i) text += (i ? " " : "") + row.data[i].toString();
      rows.push_back(text);
    }
    chunks.push_back(rows);
  }
  std::vector<std::string> rows() const {
    std::vector<std::string> all;
    for (const auto& c : chunks) all.insert(all.end(), c.begin(), c.end());
    return all;
  }
  size_t width = 1;
  mutable std::vector<std::vector<std::string>> chunks;
};

struct Row {
  std::vector<Value> values;
  EventKind kind = EventKind::Current;
};

inline Row current(std::vector<Value> values) { return {std::move(values), EventKind::Current}; }
inline Row expired(std::vector<Value> values) { return {std::move(values), EventKind::Expired}; }

class Driver {
 public:
  explicit Driver(size_t width, bool playback = true) : harness(playback) {
    capture.width = width;
    harness.adopt(capture);
  }

  void attach(runtime::Operator& limiter) {
    limiter_ = &limiter;
    harness.adopt(limiter);
    limiter.setNext(&capture);
  }

  // One chunk at `ts`: due timers fire first, then the clock moves, then the rows arrive.
  void send(int64_t ts, std::vector<Row> rows, bool independent = false) {
    advance(ts);
    deliver(ts, std::move(rows), independent);
  }

  // Rows arriving at `ts` without moving the clock (what a timer of an earlier operator sends).
  void deliver(int64_t ts, std::vector<Row> rows, bool independent = false) {
    Chunk chunk;
    chunk.independent = independent;
    for (const Row& r : rows) chunk.rows.push_back({r.values.data(), ts, r.kind});
    harness.process(*limiter_, chunk);
  }

  // The clock moves to `ts` without an event (what the next event would do first).
  void advance(int64_t ts) { harness.advance(ts); }

  runtime::Scheduler& scheduler() { return harness.scheduler(); }

  OperatorHarness harness;
  Capture capture;

 private:
  runtime::Operator* limiter_ = nullptr;
};

// A timer of another operator (a window's expiry, say) that runs `action` when due.
class OtherTimer final : public runtime::TimerTarget {
 public:
  OtherTimer(Driver& driver, std::function<void(int64_t)> action)
      : action_(std::move(action)), timer_(driver.scheduler(), *this, driver.harness.state.globals) {}
  void onTimer(runtime::ExecContext&, int64_t due) const override { action_(due); }
  void arm(int64_t due) { timer_.arm(due); }

 private:
  std::function<void(int64_t)> action_;
  runtime::Timer timer_;
};

inline Value S(const char* s) { return Value::ofString(s); }
inline Value L(int64_t v) { return Value::ofLong(v); }

}  // namespace cepheus::testing::rate
