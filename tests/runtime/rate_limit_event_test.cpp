// `output [all|first|last] every N events`, driven directly with chunks of output rows.
#include <gtest/gtest.h>

#include "runtime/rate_limit/event_rate_limiters.h"
#include "runtime/rate_limit_driver.h"

namespace cepheus::testing::rate {
namespace {

using namespace runtime;
using Rows = std::vector<std::string>;
using Chunks = std::vector<Rows>;

void sendLetters(Driver& d, const std::string& letters) {
  for (char c : letters) d.send(c, {current({S(std::string(1, c).c_str())})});
}

TEST(RateLimitEvents, AllReleasesEveryNRowsAsOneChunk) {
  AllPerEventsLimiter limiter(1, 3);
  Driver d(1);
  d.attach(limiter);
  sendLetters(d, "ABCDEFG");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B", "C"}, {"D", "E", "F"}}));
}

TEST(RateLimitEvents, AllCountsExpiredRowsToo) {
  AllPerEventsLimiter limiter(1, 2);
  Driver d(1);
  d.attach(limiter);
  d.send(1, {expired({S("A")}), current({S("B")}), current({S("C")})});
  EXPECT_EQ(d.capture.chunks, (Chunks{{"-A", "B"}}));
}

TEST(RateLimitEvents, FirstPassesTheFirstOfEachN) {
  FirstPerEventsLimiter limiter(3);
  Driver d(1);
  d.attach(limiter);
  sendLetters(d, "ABCDEFG");
  EXPECT_EQ(d.capture.rows(), (Rows{"A", "D", "G"}));
}

TEST(RateLimitEvents, FirstEveryOneEventPassesOnlyTheVeryFirstRowAsSiddhiDoes) {
  FirstPerEventsLimiter limiter(1);
  Driver d(1);
  d.attach(limiter);
  sendLetters(d, "ABC");
  EXPECT_EQ(d.capture.rows(), (Rows{"A"}));
}

TEST(RateLimitEvents, FirstKeepsTheRowsOfOneChunkTogether) {
  FirstPerEventsLimiter limiter(2);
  Driver d(1);
  d.attach(limiter);
  d.send(1, {current({S("A")}), current({S("B")}), current({S("C")}), current({S("D")}), current({S("E")})});
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "C", "E"}}));
}

TEST(RateLimitEvents, LastPassesEveryNthRowAsItsOwnChunk) {
  LastPerEventsLimiter limiter(2);
  Driver d(1);
  d.attach(limiter);
  d.send(1, {current({S("A")}), current({S("B")}), current({S("C")}), current({S("D")}), current({S("E")})});
  EXPECT_EQ(d.capture.chunks, (Chunks{{"B"}, {"D"}}));
}

// The asymmetry with group by: `first` counts per group...
TEST(RateLimitEvents, FirstWithGroupByCountsPerGroup) {
  FirstPerGroupEventsLimiter limiter(4, {0});
  Driver d(2);
  d.attach(limiter);
  const char* symbols[] = {"A", "B", "A", "C", "B", "B", "B", "A", "B"};
  int64_t count[3] = {0, 0, 0};
  int64_t ts = 0;
  for (const char* s : symbols) d.send(++ts, {current({S(s), L(++count[s[0] - 'A'])})});
  EXPECT_EQ(d.capture.rows(), (Rows{"A 1", "B 1", "C 1", "B 5"}));
}

// ...while `last` counts all rows and releases the latest row of every group seen.
TEST(RateLimitEvents, LastWithGroupByCountsAllRowsAndReleasesEachGroupsLatest) {
  LastPerGroupEventsLimiter limiter(2, 4, {0});
  Driver d(2);
  d.attach(limiter);
  const char* symbols[] = {"A", "B", "A", "C", "B", "B", "B", "A"};
  int64_t count[3] = {0, 0, 0};
  int64_t ts = 0;
  for (const char* s : symbols) d.send(++ts, {current({S(s), L(++count[s[0] - 'A'])})});
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A 2", "B 1", "C 1"}, {"B 4", "A 3"}}));
}

TEST(RateLimitEvents, IndependentArrivalsAreChunksOfTheirOwn) {
  AllPerEventsLimiter limiter(1, 2);
  Driver d(1);
  d.attach(limiter);
  d.send(1, {current({S("A")}), current({S("B")}), current({S("C")}), current({S("D")})}, true);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B"}, {"C", "D"}}));
  LastPerGroupEventsLimiter grouped(1, 1, {0});
  Driver g(1);
  g.attach(grouped);
  g.send(1, {current({S("A")}), current({S("B")})}, true);
  EXPECT_EQ(g.capture.chunks, (Chunks{{"A"}, {"B"}}));
}

}  // namespace
}  // namespace cepheus::testing::rate
