// `output snapshot every <time>`, driven directly on the playback clock.
#include <gtest/gtest.h>

#include "runtime/rate_limit/snapshot_rate_limiters.h"
#include "runtime/rate_limit_driver.h"

namespace cepheus::testing::rate {
namespace {

using namespace runtime;
using Rows = std::vector<std::string>;
using Chunks = std::vector<Rows>;
using Mode = LatestRowSnapshot::Mode;

TEST(RateLimitSnapshot, ReemitsTheWindowContentAtEveryPeriodEnd) {
  Driver d(1);
  WindowContentSnapshot limiter(1, {}, {}, 1000);
  d.attach(limiter);
  d.send(0, {current({S("A")})});
  d.send(300, {current({S("B")})});
  d.send(1100, {expired({S("A")}), current({S("C")})});  // length(2) pushes A out
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B"}}));
  d.advance(3000);  // also at 3000, though nothing arrived since 2000
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B"}, {"B", "C"}, {"B", "C"}}));
}

// As in Siddhi, whose snapshot ends a due period on any row at or after its end: a row that
// expires exactly at the period end is still in that period's snapshot.
TEST(RateLimitSnapshot, ARowExpiringAtThePeriodEndIsStillInItsSnapshot) {
  Driver d(1);
  WindowContentSnapshot limiter(1, {}, {}, 1000);
  d.attach(limiter);
  OtherTimer expiry(d, [&](int64_t due) { d.deliver(due, {expired({S("A")})}); });
  expiry.arm(1000);  // time(1 sec) with A at 0
  d.send(0, {current({S("A")})});
  d.advance(5000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}}));
}

TEST(RateLimitSnapshot, AnExpiredRowRemovesOnlyTheFirstEqualRow) {
  Driver d(1);
  WindowContentSnapshot limiter(1, {}, {}, 1000);
  d.attach(limiter);
  d.send(0, {current({S("A")}), current({S("B")}), current({S("A")})});
  d.send(500, {expired({S("A")})});
  d.advance(1000);
  EXPECT_EQ(d.capture.rows(), (Rows{"B", "A"}));
}

TEST(RateLimitSnapshot, AnEmptyWindowEmitsNothingAndStopsTheTimer) {
  Driver d(1);
  WindowContentSnapshot limiter(1, {}, {}, 1000);
  d.attach(limiter);
  d.send(100, {current({S("A")})});
  d.send(200, {expired({S("A")})});
  d.advance(5000);
  EXPECT_TRUE(d.capture.chunks.empty());
  EXPECT_TRUE(d.scheduler().empty());
}

TEST(RateLimitSnapshot, WindowRowsShowTheLatestAggregate) {
  Driver d(2);  // select symbol, sum(v) as total
  WindowContentSnapshot limiter(2, {1}, {}, 1000);
  d.attach(limiter);
  d.send(0, {current({S("A"), L(1)})});
  d.send(100, {current({S("B"), L(3)})});
  d.advance(1000);
  d.send(1500, {expired({S("A"), L(2)})});
  d.advance(2000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A 3", "B 3"}, {"B 2"}}));
}

TEST(RateLimitSnapshot, WindowWithGroupByShowsOneRowPerGroupWithItsAggregate) {
  Driver d(3);  // select symbol, price, sum(v) as total group by symbol
  WindowContentSnapshot limiter(3, {2}, {0}, 1000);
  d.attach(limiter);
  d.send(0, {current({S("A"), L(1), L(10)})});
  d.send(100, {current({S("B"), L(5), L(5)})});
  d.send(200, {current({S("A"), L(2), L(30)})});
  d.advance(1000);
  EXPECT_EQ(d.capture.rows(), (Rows{"A 1 30", "B 5 5"}));
}

TEST(RateLimitSnapshot, WithoutWindowReemitsTheLatestRow) {
  Driver d(1);
  LatestRowSnapshot limiter(Mode::KeepCurrent, 1, {}, 1000);
  d.attach(limiter);
  d.send(100, {current({S("A")})});
  d.send(200, {current({S("B")})});
  d.advance(2000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"B"}, {"B"}}));
}

TEST(RateLimitSnapshot, WithoutWindowAndGroupByReemitsEachGroupsLatestRow) {
  Driver d(2);
  LatestRowSnapshot limiter(Mode::KeepCurrent, 2, {0}, 1000);
  d.attach(limiter);
  d.send(100, {current({S("A"), L(1)})});
  d.send(200, {current({S("B"), L(1)})});
  d.send(300, {current({S("A"), L(2)})});
  d.advance(1000);
  EXPECT_EQ(d.capture.rows(), (Rows{"A 2", "B 1"}));
}

TEST(RateLimitSnapshot, OnlyAggregatesAnExpiredRowLeavesNothingToShow) {
  Driver d(1);
  LatestRowSnapshot limiter(Mode::ExpiredClears, 1, {}, 1000);
  d.attach(limiter);
  d.send(100, {current({L(5)})});
  d.advance(1000);
  d.send(1500, {expired({L(0)})});
  d.advance(3000);
  EXPECT_EQ(d.capture.rows(), (Rows{"5"}));
}

TEST(RateLimitSnapshot, OnlyAggregatesWithGroupByDropsGroupsWithNothingLeft) {
  Driver d(2);  // a hidden group key in column 0, count() in column 1
  LatestRowSnapshot limiter(Mode::CountPerGroup, 2, {0}, 1000);
  d.attach(limiter);
  d.send(100, {current({S("A"), L(1)}), current({S("B"), L(1)})});
  d.send(200, {expired({S("A"), L(0)})});
  d.advance(1000);
  d.send(1100, {current({S("A"), L(1)})});
  d.advance(2000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"B 1"}, {"B 1", "A 1"}}));
}

}  // namespace
}  // namespace cepheus::testing::rate
