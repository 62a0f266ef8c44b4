// delay(t), batch([n]), frequent(n[, attrs]) and lossyFrequent(support[, error[, attrs]])
// driven directly.
#include <gtest/gtest.h>

#include "runtime/windows/batch_window.h"
#include "runtime/windows/delay_window.h"
#include "runtime/windows/frequent_windows.h"
#include "runtime/window_driver.h"

namespace cepheus::testing::windows {
namespace {

TEST(DelayWindow, ReleasesEventsAsCurrentAfterTheDelay) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::DelayWindow>(1000, WindowDriver::kWidth));
  d.send(0, "A");
  d.send(500, "B");
  EXPECT_TRUE(d.capture.chunks.empty());
  d.send(1000, "C");
  d.advance(2000);
  // B (due 1500) and C (due 2000) are both due when the clock jumps to 2000: one chunk, at
  // the clock's time.
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B", "C"}}));
  EXPECT_EQ(d.capture.times[1], (std::vector<int64_t>{2000, 2000}));
}

TEST(BatchWindow, EachArrivalIsABatchExpiringThePreviousOne) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::BatchWindow>(0, WindowDriver::kWidth));
  d.send(1, "A");
  d.send(2, "B");
  d.send(3, "C");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"-A", "R", "B"}, {"-B", "R", "C"}}));
}

TEST(BatchWindow, AChunkOfRelatedRowsIsOneBatchSplitIntoPieces) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::BatchWindow>(2, WindowDriver::kWidth));
  std::vector<Value> a = {S("A"), D(0), L(0)}, b = {S("B"), D(0), L(0)}, c = {S("C"), D(0), L(0)};
  Chunk chunk;
  chunk.rows = {{a.data(), 1, EventKind::Current}, {b.data(), 1, EventKind::Current}, {c.data(), 1, EventKind::Current}};
  d.harness.process(*d.window, chunk);
  d.send(2, "D");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B"}, {"R", "C"}, {"-A", "-B", "-C", "R", "D"}}));
}

TEST(BatchWindow, IndependentRowsAreSeparateBatches) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::BatchWindow>(0, WindowDriver::kWidth));
  std::vector<Value> a = {S("A"), D(0), L(0)}, b = {S("B"), D(0), L(0)};
  Chunk chunk;
  chunk.independent = true;
  chunk.rows = {{a.data(), 1, EventKind::Current}, {b.data(), 2, EventKind::Current}};
  d.harness.process(*d.window, chunk);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"-A", "R", "B"}}));
}

TEST(FrequentWindow, NewKeyWhenFullDecrementsAndExpiresExhaustedKeys) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::FrequentWindow>(2, std::vector<int>{0}, WindowDriver::kWidth));
  d.send(1, "A");
  d.send(2, "A");
  d.send(3, "B");
  d.send(4, "C");  // A: 2 -> 1, B: 1 -> 0 (expired); C takes B's place
  d.send(5, "D");  // A: 1 -> 0, C: 1 -> 0: both expired, D tracked
  d.send(6, "D");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"A"}, {"B"}, {"-B", "C"}, {"-A", "-C", "D"}, {"D"}}));
}

TEST(FrequentWindow, NewKeyIsDroppedWhenNoPlaceFrees) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::FrequentWindow>(1, std::vector<int>{0}, WindowDriver::kWidth));
  d.send(1, "A");
  d.send(2, "A");
  d.send(3, "B");  // A: 2 -> 1, still tracked: B is dropped
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"A"}}));
}

TEST(LossyFrequentWindow, EmitsFrequentKeysAndPrunesRareOnes) {
  WindowDriver d;
  // support 0.5, error 0.25: buckets of 4 events; emitted when count >= 0.25 * events seen.
  d.attach(std::make_unique<runtime::LossyFrequentWindow>(0.5, 0.25, std::vector<int>{0}, WindowDriver::kWidth));
  for (const char* s : {"A", "A", "B", "A", "A", "A", "A", "C"}) d.send(1, s);
  // Event 4 prunes B (1 + 0 <= 1); event 8 prunes C (1 + 1 <= 2); C (1 of 8) is not frequent.
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"A"}, {"B"}, {"A", "-B"}, {"A"}, {"A"}, {"A"}, {"-C"}}));
}

}  // namespace
}  // namespace cepheus::testing::windows
