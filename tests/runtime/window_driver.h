// Drives a window operator directly, the way an app's input port does in playback mode: due
// timers fire first, then the clock moves to the event and the event arrives as a chunk of its
// own. Whatever the window emits is recorded chunk by chunk.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/operator_harness.h"
#include "support/app_harness.h"

namespace cepheus::testing::windows {

using runtime::Chunk;
using runtime::EventKind;
using runtime::EventRow;
using Chunks = std::vector<std::vector<std::string>>;

// Records every chunk: a current row as its first value ("A"), an expired one as "-A", a reset
// as "R"; timestamps of all rows alongside.
class Capture final : public runtime::Operator {
 public:
  void process(runtime::ExecContext&, const Chunk& chunk) const override {
    chunks.emplace_back();
    times.emplace_back();
    for (const EventRow& row : chunk.rows) {
      std::string text = row.kind == EventKind::Reset ? "R" : row.data[0].toString();
      if (row.kind == EventKind::Expired) text = "-" + text;
      chunks.back().push_back(text);
      times.back().push_back(row.timestamp);
    }
  }
  mutable Chunks chunks;
  mutable std::vector<std::vector<int64_t>> times;
};

// Events are (symbol string, price double, ts long): the third value repeats the timestamp
// unless given, for the external-time windows.
class WindowDriver {
 public:
  static constexpr size_t kWidth = 3;

  explicit WindowDriver(bool playback = true, int64_t wallStart = 0) : harness(playback, wallStart) {
    harness.adopt(capture);
  }

  void attach(std::unique_ptr<runtime::Operator> op) {
    window = std::move(op);
    harness.adopt(*window);
    window->setNext(&capture);
  }

  void send(int64_t ts, const char* symbol, double price = 0) { send(ts, symbol, price, ts); }
  void send(int64_t ts, const char* symbol, double price, int64_t attributeTime) {
    if (harness.clock().playback()) harness.advance(ts);
    values_ = {S(symbol), D(price), L(attributeTime)};
    Chunk chunk;
    chunk.rows.push_back({values_.data(), ts, EventKind::Current});
    harness.process(*window, chunk);
  }
  // The clock moves to `ts` without an event (what the next event would cause first).
  void advance(int64_t ts) { harness.advance(ts); }

  runtime::Scheduler& scheduler() { return harness.scheduler(); }
  runtime::Clock& clock() { return harness.clock(); }

  // The operators outlive the harness, whose states refer to them.
  std::unique_ptr<runtime::Operator> window;
  Capture capture;
  OperatorHarness harness;

 private:
  std::vector<Value> values_;
};

}  // namespace cepheus::testing::windows
