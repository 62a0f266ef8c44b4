// timeBatch(t[, startTime][, streamCurrent]) driven directly.
#include <gtest/gtest.h>

#include "runtime/windows/time_batch_window.h"
#include "runtime/window_driver.h"

namespace cepheus::testing::windows {
namespace {

std::unique_ptr<runtime::TimeBatchWindow> timeBatch(WindowDriver& d, int64_t t, std::optional<int64_t> start = {},
                                                    bool streamCurrent = false) {
  return std::make_unique<runtime::TimeBatchWindow>(t, start, streamCurrent, WindowDriver::kWidth);
}

TEST(TimeBatchWindow, BoundariesFollowTheFirstEvent) {
  WindowDriver d;
  d.attach(timeBatch(d, 1000));
  d.send(100, "A");
  d.send(600, "B");
  d.send(1100, "C");  // lands on the boundary: next batch
  d.send(1700, "D");
  d.send(2300, "E");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "A", "B"}, {"-A", "-B", "R", "C", "D"}}));
  EXPECT_EQ(d.capture.times[0], (std::vector<int64_t>{1100, 100, 600}));
}

TEST(TimeBatchWindow, EmptyPeriodOnlyExpiresThePreviousBatch) {
  WindowDriver d;
  d.attach(timeBatch(d, 1000));
  d.send(0, "A");
  d.send(3500, "B");
  d.send(4200, "C");
  // 1000: batch [A]; 2000: A expires; 3000: nothing; 4000: batch [B].
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "A"}, {"-A"}, {"R", "B"}}));
}

TEST(TimeBatchWindow, StartTimeAlignsBoundaries) {
  WindowDriver d;
  d.attach(timeBatch(d, 1000, 0));
  d.send(1500, "A");
  d.send(2200, "B");
  d.send(2600, "C");
  d.send(3100, "D");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "A"}, {"-A", "R", "B", "C"}}));
}

TEST(TimeBatchWindow, StreamCurrentPassesArrivalsAndResetsAtBoundaries) {
  WindowDriver d;
  d.attach(timeBatch(d, 1000, {}, true));
  d.send(0, "A");
  d.send(500, "B");
  d.send(1000, "C");
  d.send(1200, "D");
  d.advance(2000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A", "-B", "R"}, {"C"}, {"D"}, {"-C", "-D", "R"}}));
}

TEST(TimeBatchWindow, NothingBeforeTheFirstEvent) {
  WindowDriver d;
  d.attach(timeBatch(d, 1000));
  d.advance(5000);
  EXPECT_TRUE(d.scheduler().empty());
  EXPECT_TRUE(d.capture.chunks.empty());
}

}  // namespace
}  // namespace cepheus::testing::windows
