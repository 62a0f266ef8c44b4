// lengthBatch(n[, streamCurrent]) driven directly.
#include <gtest/gtest.h>

#include "runtime/windows/length_batch_window.h"
#include "runtime/window_driver.h"

namespace cepheus::testing::windows {
namespace {

std::unique_ptr<runtime::LengthBatchWindow> lengthBatch(WindowDriver& d, size_t n, bool streamCurrent = false) {
  return std::make_unique<runtime::LengthBatchWindow>(n, streamCurrent, WindowDriver::kWidth);
}

TEST(LengthBatchWindow, EmitsNothingUntilTheBatchIsFull) {
  WindowDriver d;
  d.attach(lengthBatch(d, 3));
  d.send(1, "A");
  d.send(2, "B");
  EXPECT_TRUE(d.capture.chunks.empty());
  d.send(3, "C");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "A", "B", "C"}}));
}

TEST(LengthBatchWindow, NextBatchExpiresThePreviousOneBeforeTheReset) {
  WindowDriver d;
  d.attach(lengthBatch(d, 2));
  for (int i = 0; i < 5; ++i) d.send(10 * i, std::string(1, static_cast<char>('A' + i)).c_str());
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "A", "B"}, {"-A", "-B", "R", "C", "D"}}));
  // Expired rows and the reset carry the clock; current rows their own time.
  EXPECT_EQ(d.capture.times[1], (std::vector<int64_t>{30, 30, 30, 20, 30}));
}

TEST(LengthBatchWindow, StreamCurrentPassesArrivalsAndResetsOnTheNextBatch) {
  WindowDriver d;
  d.attach(lengthBatch(d, 2, true));
  d.send(1, "A");
  d.send(2, "B");
  d.send(3, "C");
  d.send(4, "D");
  d.send(5, "E");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A", "-B", "R", "C"}, {"D"}, {"-C", "-D", "R", "E"}}));
}

TEST(LengthBatchWindow, LengthZeroMakesEveryEventItsOwnBatch) {
  WindowDriver d;
  d.attach(lengthBatch(d, 0));
  d.send(1, "A");
  d.send(2, "B");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "-A", "R"}, {"B", "-B", "R"}}));
}

TEST(LengthBatchWindow, IgnoresRowsThatAreNotArrivals) {
  WindowDriver d;
  d.attach(lengthBatch(d, 1));
  std::vector<Value> values = {S("X"), D(0), L(0)};
  Chunk chunk;
  chunk.rows.push_back({values.data(), 1, EventKind::Expired});
  d.harness.process(*d.window, chunk);
  EXPECT_TRUE(d.capture.chunks.empty());
}

}  // namespace
}  // namespace cepheus::testing::windows
