// `output [all|first|last] every <time>`, driven directly on the playback clock: period ends at
// multiples of the period from 0, fired before the event that moves the clock past them.
#include <gtest/gtest.h>

#include "runtime/rate_limit/time_rate_limiters.h"
#include "runtime/rate_limit_driver.h"

namespace cepheus::testing::rate {
namespace {

using namespace runtime;
using Rows = std::vector<std::string>;
using Chunks = std::vector<Rows>;
using Mode = PeriodReleaseLimiter::Mode;

TEST(RateLimitTime, AllReleasesEachPeriodAtItsEnd) {
  Driver d(1);
  PeriodReleaseLimiter limiter(Mode::All, 1, {}, 1000);
  d.attach(limiter);
  d.send(0, {current({S("A")})});
  d.send(300, {current({S("B")})});
  EXPECT_TRUE(d.capture.chunks.empty());
  d.send(1100, {current({S("C")})});
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B"}}));
  d.send(1500, {current({S("D")})});
  d.send(2600, {current({S("E")})});
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B"}, {"C", "D"}}));
}

TEST(RateLimitTime, AnEventExactlyAtAPeriodEndBelongsToTheNextPeriod) {
  Driver d(1);
  PeriodReleaseLimiter limiter(Mode::All, 1, {}, 1000);
  d.attach(limiter);
  d.send(999, {current({S("A")})});
  d.send(1000, {current({S("B")})});
  EXPECT_EQ(d.capture.rows(), (Rows{"A"}));
  d.advance(2000);
  EXPECT_EQ(d.capture.rows(), (Rows{"A", "B"}));
}

TEST(RateLimitTime, EmptyPeriodsEmitNothingAndSetNoTimer) {
  Driver d(1);
  PeriodReleaseLimiter limiter(Mode::All, 1, {}, 1000);
  d.attach(limiter);
  EXPECT_TRUE(d.scheduler().empty());
  d.send(500, {current({S("A")})});
  d.advance(10'000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}}));
  EXPECT_TRUE(d.scheduler().empty());
  // After a quiet gap the next row goes to the period the clock is in: (10000, 11000].
  d.send(10'500, {current({S("B")})});
  EXPECT_EQ(d.scheduler().nextDue(), 11'000);
}

// A row that another timer sends at exactly the period end (a window expiry asked for before the
// limiter armed) belongs to the next period: the period end comes first.
TEST(RateLimitTime, APeriodEndComesBeforeOtherTimersDueAtTheSameTime) {
  Driver d(1);
  PeriodReleaseLimiter limiter(Mode::All, 1, {}, 1000);
  d.attach(limiter);
  OtherTimer expiry(d, [&](int64_t due) { d.deliver(due, {expired({S("A")})}); });
  expiry.arm(1000);
  d.send(0, {current({S("A")})});
  d.advance(1000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}}));
  d.advance(5000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"-A"}}));
}

TEST(RateLimitTime, LastReleasesThePeriodsLastRow) {
  Driver d(1);
  PeriodReleaseLimiter limiter(Mode::Last, 1, {}, 1000);
  d.attach(limiter);
  d.send(0, {current({S("A")})});
  d.send(300, {current({S("B")})});
  d.send(1100, {current({S("C")})});
  d.send(1500, {expired({S("D")})});
  d.send(2600, {current({S("E")})});
  EXPECT_EQ(d.capture.rows(), (Rows{"B", "-D"}));
}

TEST(RateLimitTime, LastWithGroupByReleasesEachGroupsLastRowInFirstAppearanceOrder) {
  Driver d(2);
  PeriodReleaseLimiter limiter(Mode::Last, 2, {0}, 1000);
  d.attach(limiter);
  d.send(100, {current({S("A"), L(1)})});
  d.send(200, {current({S("B"), L(1)})});
  d.send(300, {current({S("A"), L(2)})});
  d.send(1200, {current({S("B"), L(2)})});
  d.advance(2000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A 2", "B 1"}, {"B 2"}}));
}

TEST(RateLimitTime, FirstIsAThrottleFromTheLastRowThatPassed) {
  Driver d(1);
  FirstPerTimeLimiter limiter({}, 1000);
  d.attach(limiter);
  d.send(500, {current({S("A")})});
  d.send(1200, {current({S("B")})});  // 700 after A: not aligned periods, so dropped
  d.send(1500, {current({S("C")})});  // exactly 1000 after A
  d.send(2400, {current({S("D")})});
  d.send(2500, {current({S("E")})});
  EXPECT_EQ(d.capture.rows(), (Rows{"A", "C", "E"}));
}

TEST(RateLimitTime, FirstConsidersOnlyTheFirstRowOfAChunk) {
  Driver d(1);
  FirstPerTimeLimiter limiter({}, 1000);
  d.attach(limiter);
  d.send(0, {expired({S("A")}), current({S("B")})});
  EXPECT_EQ(d.capture.rows(), (Rows{"-A"}));
}

TEST(RateLimitTime, FirstWithGroupByThrottlesEachGroup) {
  Driver d(2);
  FirstPerTimeLimiter limiter({0}, 1000);
  d.attach(limiter);
  d.send(0, {current({S("A"), L(1)})});
  d.send(100, {current({S("B"), L(1)})});
  d.send(900, {current({S("A"), L(2)})});
  d.send(1000, {current({S("A"), L(3)}), current({S("B"), L(2)})});
  EXPECT_EQ(d.capture.rows(), (Rows{"A 1", "B 1", "A 3"}));
}

}  // namespace
}  // namespace cepheus::testing::rate
