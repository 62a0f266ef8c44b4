// @app:playback(idle.time, increment): while no event arrives for idle.time of wall time, the
// playback clock moves on by increment and the timers it passes fire. The engine's wall clock is
// a ManualClock here, so each beat happens exactly when the test moves it.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kApp =
    "@app:playback(idle.time='100 millisecond', increment='1 sec')"
    "define stream S (v int);"
    "from S#window.time(2 sec) select v insert expired events into Out;";

TEST(PlaybackHeartbeat, IdleTimeMovesThePlaybackClockOn) {
  AppHarness h(kApp, AppHarness::manualClock(0));
  h.advance(500);  // no event yet: no heartbeat, as in Siddhi
  h.send("S", 1000, {I(1)});
  h.advance(100);  // first beat: playback clock 2000
  EXPECT_TRUE(h.rows("Out").empty());
  h.advance(99);
  EXPECT_TRUE(h.rows("Out").empty());
  h.advance(1);  // second beat: 3000, when the event leaves the window
  EXPECT_EQ(h.rows("Out"), (Rows{"[1]"}));
  EXPECT_EQ(h.recorded("Out")[0].timestamp, 3000);
}

TEST(PlaybackHeartbeat, EventsPutTheBeatOff) {
  AppHarness h(kApp, AppHarness::manualClock(0));
  h.send("S", 1000, {I(1)});
  for (int i = 0; i < 5; ++i) {  // an event every 60 ms of wall time: never idle for 100 ms
    h.advance(60);
    h.send("S", 1000, {I(2)});
  }
  EXPECT_TRUE(h.rows("Out").empty());
  h.advance(99);
  EXPECT_TRUE(h.rows("Out").empty());
  h.advance(1);   // 2000
  h.advance(100); // 3000: both events of ts 1000 expire
  EXPECT_EQ(h.rows("Out").size(), 6u);
  h.send("S", 3500, {I(3)});  // an event later than the beats: the clock follows it
  h.advance(100);             // 4500
  h.advance(100);             // 5500: the event of 3500 expires
  EXPECT_EQ(h.rows("Out").size(), 7u);
  EXPECT_EQ(h.recorded("Out")[6].timestamp, 5500);
}

TEST(PlaybackHeartbeat, BeatsOnTheRealWallClock) {
  AppHarness h("@app:playback(idle.time='5 millisecond', increment='1 sec')"
               "define stream S (v int);"
               "from S#window.time(2 sec) select v insert expired events into Out;");
  h.send("S", 1000, {I(1)});
  // Two beats (about 10 ms) take the clock to 3000; the wait is bounded.
  ASSERT_TRUE(h.waitForRows("Out", 1, std::chrono::seconds(10)));
  EXPECT_EQ(h.rows("Out"), (Rows{"[1]"}));
}

TEST(PlaybackHeartbeat, WithoutAHeartbeatThePlaybackClockWaitsForEvents) {
  AppHarness h("@app:playback define stream S (v int);"
               "from S#window.time(2 sec) select v insert expired events into Out;",
               AppHarness::manualClock(0));
  h.send("S", 1000, {I(1)});
  h.advance(60'000);
  EXPECT_TRUE(h.rows("Out").empty());
}

TEST(PlaybackHeartbeat, BothTimesAreNeededAndMustBeTimes) {
  EXPECT_EQ(deployErrorOf("@app:playback(idle.time='100 millisecond') define stream S (v int);"),
            "1:15: @app:playback needs both idle.time and increment for a heartbeat, but increment is missing");
  EXPECT_EQ(deployErrorOf("@app:playback(increment='1 sec') define stream S (v int);"),
            "1:15: @app:playback needs both idle.time and increment for a heartbeat, but idle.time is missing");
  EXPECT_EQ(deployErrorOf("@app:playback(idle.time='100', increment='1 sec') define stream S (v int);"),
            "1:15: @app:playback idle.time must be a time greater than zero such as '100 millisecond' or '2 sec', "
            "but is '100'");
  EXPECT_EQ(deployErrorOf("@app:playback(idle.time='1 sec', increment='2 lightyears') define stream S (v int);"),
            "1:34: @app:playback increment must be a time greater than zero such as '100 millisecond' or '2 sec', "
            "but is '2 lightyears'");
}

}  // namespace
}  // namespace cepheus::testing
