// time(t) and timeLength(t, n) driven directly: expiry by timer, bounds, count limit.
#include <gtest/gtest.h>

#include "runtime/windows/time_window.h"
#include "runtime/window_driver.h"

namespace cepheus::testing::windows {
namespace {

std::unique_ptr<runtime::TimeWindow> timeWindow(WindowDriver& d, int64_t t, size_t maxLength = 0) {
  return std::make_unique<runtime::TimeWindow>(t, maxLength, WindowDriver::kWidth);
}

TEST(TimeWindow, ArrivalsPassAsCurrent) {
  WindowDriver d;
  d.attach(timeWindow(d, 1000));
  d.send(0, "A");
  d.send(500, "B");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}}));
}

TEST(TimeWindow, TimerExpiresInAChunkOfItsOwnBeforeTheEventThatMovedTheClock) {
  WindowDriver d;
  d.attach(timeWindow(d, 1000));
  d.send(0, "A");
  d.send(500, "B");
  d.send(1200, "C");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A"}, {"C"}}));
  EXPECT_EQ(d.capture.times[2], (std::vector<int64_t>{1200}));  // expired at the clock
}

TEST(TimeWindow, AnEventExactlyTLaterNoLongerSeesTheOldOne) {
  WindowDriver d;
  d.attach(timeWindow(d, 1000));
  d.send(0, "A");
  d.send(999, "B");
  d.send(1000, "C");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A"}, {"C"}}));
}

TEST(TimeWindow, ExpiriesDueAtOnceShareAChunkWhenTheClockJumps) {
  // The clock is already at the new event's time when the timer fires, as in Siddhi's playback.
  WindowDriver d;
  d.attach(timeWindow(d, 1000));
  d.send(0, "A");
  d.send(200, "B");
  d.advance(5000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A", "-B"}}));
}

TEST(TimeWindow, EmptyWindowSchedulesNothing) {
  WindowDriver d;
  d.attach(timeWindow(d, 1000));
  d.send(0, "A");
  d.advance(1000);
  EXPECT_TRUE(d.scheduler().empty());
  d.advance(5000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"-A"}}));
}

TEST(TimeWindow, OneTimerAtATime) {
  WindowDriver d;
  d.attach(timeWindow(d, 1000));
  for (int i = 0; i < 10; ++i) d.send(i, "A");
  d.advance(999);
  EXPECT_EQ(d.capture.chunks.size(), 10u);  // ten arrivals, nothing due yet
  d.advance(1009);
  ASSERT_EQ(d.capture.chunks.size(), 11u);  // then the ten expiries, due by 1009, in one chunk
  EXPECT_EQ(d.capture.chunks.back().size(), 10u);
  EXPECT_TRUE(d.scheduler().empty());
}

TEST(TimeLengthWindow, EvictsByCountAndByAge) {
  WindowDriver d;
  d.attach(timeWindow(d, 2000, 2));
  d.send(0, "A");
  d.send(100, "B");
  d.send(200, "C");
  d.send(2150, "D");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A", "C"}, {"-B"}, {"D"}}));
}

}  // namespace
}  // namespace cepheus::testing::windows
