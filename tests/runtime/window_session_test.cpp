// session(gap[, key[, allowedLatency]]) driven directly.
#include <gtest/gtest.h>

#include "runtime/windows/session_window.h"
#include "runtime/window_driver.h"

namespace cepheus::testing::windows {
namespace {

std::unique_ptr<runtime::SessionWindow> session(WindowDriver& d, int64_t gap, int key = -1, int64_t latency = 0) {
  return std::make_unique<runtime::SessionWindow>(gap, key, latency, WindowDriver::kWidth);
}

TEST(SessionWindow, ExpiresTheWholeSessionAfterTheGap) {
  WindowDriver d;
  d.attach(session(d, 1000));
  d.send(0, "A");
  d.send(500, "B");
  d.send(1400, "C");  // within 1000 of B: same session
  d.send(2400, "D");  // the session ended at 2400
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"C"}, {"-A", "-B", "-C"}, {"D"}}));
}

TEST(SessionWindow, KeysHaveTheirOwnSessionsExpiringByEndTime) {
  WindowDriver d;
  d.attach(session(d, 1000, 0));
  d.send(0, "x", 1);
  d.send(300, "y", 2);
  d.send(900, "x", 3);
  d.send(1400, "y", 4);
  d.send(3000, "z", 5);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"x"}, {"y"}, {"x"}, {"-y"}, {"y"}, {"-x", "-x"}, {"-y"}, {"z"}}));
}

TEST(SessionWindow, LateEventWithinTheGapJoinsTheSession) {
  WindowDriver d;
  d.attach(session(d, 1000));
  d.send(2000, "A");
  d.send(1500, "B");  // before the session start, but within the gap
  d.send(100, "C");   // more than the gap before the session: dropped
  d.advance(3000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-B", "-A"}}));
}

TEST(SessionWindow, AllowedLatencyKeepsTheEndedSessionForLateEvents) {
  WindowDriver d;
  d.attach(session(d, 1000, -1, 500));
  d.send(0, "A");
  d.advance(1000);  // the session ended, but is kept until 1500
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}}));
  d.send(1200, "B");  // opens a new session
  d.advance(1500);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A"}}));
}

}  // namespace
}  // namespace cepheus::testing::windows
