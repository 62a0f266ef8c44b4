// The calendar arithmetic of incremental aggregations: bucket starts in UTC, and the date
// strings of `aggregate by` and `within`.
#include "common/time_buckets.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

constexpr int64_t kLeapDayNoon = 1709210096000;  // 2024-02-29 12:34:56 UTC

TEST(TimeBuckets, EachGranularityStartsAtItsCalendarStartInUtc) {
  EXPECT_EQ(bucketStart(kLeapDayNoon + 789, Granularity::Seconds), kLeapDayNoon);
  EXPECT_EQ(bucketStart(kLeapDayNoon, Granularity::Minutes), 1709210040000);  // 12:34:00
  EXPECT_EQ(bucketStart(kLeapDayNoon, Granularity::Hours), 1709208000000);    // 12:00
  EXPECT_EQ(bucketStart(kLeapDayNoon, Granularity::Days), 1709164800000);     // 2024-02-29
  EXPECT_EQ(bucketStart(kLeapDayNoon, Granularity::Months), 1706745600000);   // 2024-02-01
  EXPECT_EQ(bucketStart(kLeapDayNoon, Granularity::Years), 1704067200000);    // 2024-01-01
}

TEST(TimeBuckets, TheNextBucketFollowsTheCalendar) {
  EXPECT_EQ(nextBucketStart(kLeapDayNoon, Granularity::Seconds), kLeapDayNoon + 1000);
  EXPECT_EQ(nextBucketStart(kLeapDayNoon, Granularity::Days), 1709251200000);    // March 1st: February had 29 days
  EXPECT_EQ(nextBucketStart(kLeapDayNoon, Granularity::Months), 1709251200000);  // 2024-03-01
  EXPECT_EQ(nextBucketStart(kLeapDayNoon, Granularity::Years), 1735689600000);   // 2025-01-01
  // The last second of a year: every granularity ends at once.
  const int64_t newYearsEve = 1704067199000;  // 2023-12-31 23:59:59
  for (Granularity g : {Granularity::Seconds, Granularity::Minutes, Granularity::Hours, Granularity::Days,
                        Granularity::Months, Granularity::Years})
    EXPECT_EQ(nextBucketStart(newYearsEve, g), 1704067200000) << granularityName(g);
}

TEST(TimeBuckets, TimesBefore1970FallIntoTheBucketTheyAreIn) {
  EXPECT_EQ(bucketStart(-1, Granularity::Seconds), -1000);
  EXPECT_EQ(bucketStart(-1000, Granularity::Seconds), -1000);
  EXPECT_EQ(bucketStart(-1, Granularity::Months), -2678400000);  // 1969-12-01
  EXPECT_EQ(bucketStart(-1, Granularity::Years), -31536000000);  // 1969-01-01
  EXPECT_EQ(nextBucketStart(-1, Granularity::Years), 0);
}

TEST(TimeBuckets, GranularitiesAreNamedAsSiddhiNamesThem) {
  EXPECT_EQ(granularityNamed("sec"), Granularity::Seconds);
  EXPECT_EQ(granularityNamed("Seconds"), Granularity::Seconds);
  EXPECT_EQ(granularityNamed("MINUTE"), Granularity::Minutes);
  EXPECT_EQ(granularityNamed("h"), Granularity::Hours);
  EXPECT_EQ(granularityNamed("days"), Granularity::Days);
  EXPECT_EQ(granularityNamed("month"), Granularity::Months);
  EXPECT_EQ(granularityNamed("years"), Granularity::Years);
  EXPECT_EQ(granularityNamed("weeks"), std::nullopt);  // Siddhi 5.1 has none
  EXPECT_EQ(granularityNamed("ms"), std::nullopt);
  EXPECT_EQ(granularityNamed("hrs"), std::nullopt);
}

TEST(TimeBuckets, TimesAreReadInUtcOrWithTheirOffset) {
  EXPECT_EQ(parseAggregationTime("2017-06-01 04:05:50"), 1496289950000);
  EXPECT_EQ(parseAggregationTime("  2017-06-01 04:05:50 "), 1496289950000);
  EXPECT_EQ(parseAggregationTime("2017-06-01 04:05:50 +05:30"), 1496270150000);
  EXPECT_EQ(parseAggregationTime("2017-06-01 04:05:50 -05:30"), 1496289950000 + 19800000);
  EXPECT_EQ(parseAggregationTime("2024-02-29 12:34:56"), kLeapDayNoon);
}

TEST(TimeBuckets, OtherShapesAndDatesThatDoNotExistAreRefused) {
  for (const char* text : {"2017-06-01", "2017-06-01T04:05:50", "2017-6-01 04:05:50", "2017-06-01 04:05:50Z",
                           "2017-06-01 04:05:50 +0530", "2023-02-29 00:00:00", "2017-13-01 00:00:00",
                           "2017-06-31 00:00:00", "2017-06-01 24:00:00", "2017-06-01 00:60:00",
                           "2017-06-01 00:00:60", "2017-06-01 00:00:00 +19:00", "2017-06-** **:**:**", ""})
    EXPECT_EQ(parseAggregationTime(text), std::nullopt) << text;
}

TEST(TimeBuckets, AWithinPatternSpansWhatItsStarsLeaveOpen) {
  using Range = std::pair<int64_t, int64_t>;
  EXPECT_EQ(parseWithinPattern("2017-06-01 04:05:50"), Range(1496289950000, 1496289951000));
  EXPECT_EQ(parseWithinPattern("2017-06-01 04:05:**"), Range(1496289900000, 1496289960000));
  EXPECT_EQ(parseWithinPattern("2017-06-01 04:**:**"), Range(1496289600000, 1496293200000));
  EXPECT_EQ(parseWithinPattern("2017-06-01 **:**:**"), Range(1496275200000, 1496361600000));
  EXPECT_EQ(parseWithinPattern("2017-06-** **:**:**"), Range(1496275200000, 1498867200000));
  EXPECT_EQ(parseWithinPattern("2017-**-** **:**:**"), Range(1483228800000, 1514764800000));
  // A month of another offset: from its own midnight of the 1st to the next one's.
  EXPECT_EQ(parseWithinPattern("2017-06-** **:**:** +05:30"), Range(1496255400000, 1498847400000));
}

TEST(TimeBuckets, AWithinPatternHasItsStarsAtTheEnd) {
  for (const char* text : {"2017-06-01 **:05:50", "****-06-01 00:00:00", "2017-**-01 00:00:00", "2017-06-01 04:05:*",
                           "2017-06-**"})
    EXPECT_EQ(parseWithinPattern(text), std::nullopt) << text;
}

}  // namespace
}  // namespace cepheus
