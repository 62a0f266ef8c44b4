// The buckets of an incremental aggregation, driven through its operator: calendar buckets,
// roll-up on the clock, reads `per` a granularity, late events, purging and snapshots.
#include <gtest/gtest.h>

#include "runtime/aggregation_driver.h"
#include "runtime/state/state_io.h"

namespace cepheus::testing::aggregation {
namespace {

constexpr int64_t kMinute = 60000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kForever = int64_t{1} << 50;

const std::vector<Granularity> kSecToHour = {Granularity::Seconds, Granularity::Minutes, Granularity::Hours};

TEST(AggregationStore, SecondsRollUpIntoTheMinute) {
  AggregationDriver d({Granularity::Seconds, Granularity::Minutes});
  d.send(1000, "A", 1.0, 1);
  d.send(1500, "A", 2.0, 2);
  d.send(1600, "B", 10.0, 5);
  d.send(2200, "A", 4.0, 1);
  EXPECT_EQ(d.read(0, kMinute, Granularity::Seconds),
            (Rows{"1000|A|3.0|2|1.5|1|2|2|2.0", "1000|B|10.0|1|10.0|5|5|1|10.0", "2000|A|4.0|1|4.0|1|1|1|4.0"}));
  EXPECT_EQ(d.read(0, kMinute, Granularity::Minutes),
            (Rows{"0|A|7.0|3|2.3333333333333335|1|2|2|4.0", "0|B|10.0|1|10.0|5|5|1|10.0"}));
}

TEST(AggregationStore, ABucketBelongsToTheRangeByItsStart) {
  AggregationDriver d({Granularity::Seconds, Granularity::Minutes});
  d.send(999, "A", 1.0, 1);
  d.send(1000, "A", 2.0, 1);
  d.send(59999, "A", 3.0, 1);
  d.send(60000, "A", 4.0, 1);
  EXPECT_EQ(d.read(1000, 60000, Granularity::Seconds),
            (Rows{"1000|A|2.0|1|2.0|1|1|1|2.0", "59000|A|3.0|1|3.0|1|1|1|3.0"}));
  // A minute is in [start, end) when it starts there, whatever part of it the range covers.
  EXPECT_EQ(d.read(0, 1, Granularity::Minutes), (Rows{"0|A|6.0|3|2.0|1|1|1|3.0"}));
  EXPECT_EQ(d.read(1, 60000, Granularity::Minutes), Rows{});
  EXPECT_EQ(d.read(0, 60001, Granularity::Minutes), (Rows{"0|A|6.0|3|2.0|1|1|1|3.0", "60000|A|4.0|1|4.0|1|1|1|4.0"}));
}

TEST(AggregationStore, MonthsAndYearsFollowTheCalendar) {
  AggregationDriver d({Granularity::Days, Granularity::Months, Granularity::Years});
  d.send(1706745599500, "A", 1.0, 1);  // 2024-01-31 23:59:59.5
  d.send(1706745600000, "A", 2.0, 2);  // 2024-02-01 00:00
  d.send(1709210096000, "A", 3.0, 3);  // 2024-02-29 12:34:56
  d.send(1735689600000, "A", 4.0, 4);  // 2025-01-01 00:00
  EXPECT_EQ(d.read(0, kForever, Granularity::Days),
            (Rows{"1706659200000|A|1.0|1|1.0|1|1|1|1.0", "1706745600000|A|2.0|1|2.0|2|2|1|2.0",
                  "1709164800000|A|3.0|1|3.0|3|3|1|3.0", "1735689600000|A|4.0|1|4.0|4|4|1|4.0"}));
  EXPECT_EQ(d.read(0, kForever, Granularity::Months),
            (Rows{"1704067200000|A|1.0|1|1.0|1|1|1|1.0", "1706745600000|A|5.0|2|2.5|2|3|2|3.0",
                  "1735689600000|A|4.0|1|4.0|4|4|1|4.0"}));
  EXPECT_EQ(d.read(0, kForever, Granularity::Years),
            (Rows{"1704067200000|A|6.0|3|2.0|1|3|3|3.0", "1735689600000|A|4.0|1|4.0|4|4|1|4.0"}));
}

TEST(AggregationStore, ALateEventJoinsTheBucketsOfItsOwnTime) {
  AggregationDriver d(kSecToHour);
  d.sendAt(1000, 1000, "A", 1.0, 1);
  d.sendAt(61000, 61000, "A", 2.0, 2);
  d.sendAt(125000, 5000, "A", 3.0, 3);  // minute 0, two minutes late
  d.sendAt(126500, 126500, "A", 4.0, 4);
  EXPECT_EQ(d.read(0, 10000, Granularity::Seconds),
            (Rows{"1000|A|1.0|1|1.0|1|1|1|1.0", "5000|A|3.0|1|3.0|3|3|1|3.0"}));
  // Its minute and hour have it, and its lasts do not replace those of later events.
  EXPECT_EQ(d.read(0, kHour, Granularity::Minutes),
            (Rows{"0|A|4.0|2|2.0|1|3|2|3.0", "60000|A|2.0|1|2.0|2|2|1|2.0", "120000|A|4.0|1|4.0|4|4|1|4.0"}));
  EXPECT_EQ(d.read(0, kHour, Granularity::Hours), (Rows{"0|A|10.0|4|2.5|1|4|4|4.0"}));
}

TEST(AggregationStore, ReadsSeeLateEventsBeforeTheyRollUp) {
  AggregationDriver d(kSecToHour);
  d.sendAt(1000, 1000, "A", 1.0, 1);
  d.sendAt(61000, 61000, "A", 2.0, 2);
  d.sendAt(126500, 126500, "A", 4.0, 4);
  d.sendAt(126600, 2000, "B", 5.0, 5);  // still running: a minute no rolled-up bucket has for B
  d.sendAt(126700, 3000, "A", 6.0, 6);  // still running: merged into A's rolled-up minute 0
  EXPECT_EQ(d.read(0, kHour, Granularity::Minutes),
            (Rows{"0|A|7.0|2|3.5|1|6|2|6.0", "0|B|5.0|1|5.0|5|5|1|5.0", "60000|A|2.0|1|2.0|2|2|1|2.0",
                  "120000|A|4.0|1|4.0|4|4|1|4.0"}));
}

TEST(AggregationStore, TheLatestEventGivesTheValuesThatAreNotAggregated) {
  AggregationDriver d({Granularity::Seconds, Granularity::Minutes});
  d.sendAt(1000, 1000, "A", 1.0, 1);
  d.sendAt(1100, 1000, "A", 2.0, 1);  // as late as the first: the later one wins
  EXPECT_EQ(d.read(0, kMinute, Granularity::Seconds), (Rows{"1000|A|3.0|2|1.5|1|1|1|2.0"}));
  d.sendAt(2000, 1000, "A", 7.0, 1);  // the same time again, after the second rolled up
  d.sendAt(2100, 500, "A", 8.0, 1);   // an earlier time: not the latest
  EXPECT_EQ(d.read(0, kMinute, Granularity::Minutes), (Rows{"0|A|18.0|4|4.5|1|1|1|7.0"}));
  d.sendAt(3000, 3000, "B", 1.0, 1);  // rolls the running second up
  EXPECT_EQ(d.read(0, kMinute, Granularity::Minutes),
            (Rows{"0|A|18.0|4|4.5|1|1|1|7.0", "0|B|1.0|1|1.0|1|1|1|1.0"}));
}

TEST(AggregationStore, WithoutAnAttributeTheEngineClockIsTheEventTime) {
  AggregationDriver d({Granularity::Seconds, Granularity::Minutes}, false);
  d.sendAt(1000, 999999, "A", 1.0, 1);
  d.sendAt(1500, 5, "A", 2.0, 2);
  d.sendAt(61000, 5, "A", 3.0, 3);
  EXPECT_EQ(d.read(0, kForever, Granularity::Minutes),
            (Rows{"0|A|3.0|2|1.5|1|2|2|2.0", "60000|A|3.0|1|3.0|3|3|1|3.0"}));
}

TEST(AggregationStore, AKeyFilterLeavesOtherGroupsOut) {
  AggregationDriver d({Granularity::Seconds, Granularity::Minutes});
  d.send(1000, "A", 1.0, 1);
  d.send(1600, "B", 10.0, 5);
  d.send(2200, "B", 4.0, 1);
  EXPECT_EQ(d.read(0, kMinute, Granularity::Minutes, {{0, Value::ofString("B")}}),
            (Rows{"0|B|14.0|2|7.0|1|5|2|4.0"}));
  EXPECT_EQ(d.read(0, kMinute, Granularity::Seconds, {{0, Value::ofString("C")}}), Rows{});
}

TEST(AggregationStore, NullsAreSkippedByTheAggregatesButCounted) {
  AggregationDriver d({Granularity::Seconds});
  d.send(1000, "A", Value(), Value(), Value::ofLong(1000));
  EXPECT_EQ(d.read(0, kMinute, Granularity::Seconds), (Rows{"1000|A|null|1|null|null|null|1|null"}));
  d.send(1100, "A", 2.0, 3);
  d.send(1200, "A", 4.0, 3);
  // count() and avg's divisor count every event; distinctCount counts null as a value, as
  // Siddhi's createSet/unionSet do.
  EXPECT_EQ(d.read(0, kMinute, Granularity::Seconds), (Rows{"1000|A|6.0|3|2.0|3|3|2|4.0"}));
}

TEST(AggregationStore, AnEventWithoutATimeIsReportedAndLeavesNoBucket) {
  AggregationDriver d({Granularity::Seconds});
  d.send(1000, "A", Value::ofDouble(1), Value::ofInt(1), Value());
  ASSERT_EQ(d.faults.messages.size(), 1u);
  EXPECT_EQ(d.faults.messages[0], "aggregation 'A': the event has no time (its 'aggregate by' value is null)");
  d.send(1000, "A", Value::ofDouble(1), Value::ofInt(1), Value::ofLong(int64_t{1} << 61));
  EXPECT_EQ(d.faults.messages.size(), 2u);
  EXPECT_EQ(d.read(-kForever, kForever, Granularity::Seconds), Rows{});
}

runtime::PurgeSettings purgeSecondsAfter(int64_t retention, int64_t interval) {
  runtime::PurgeSettings purge;
  purge.intervalMs = interval;
  purge.retentionMs.fill(-1);
  purge.retentionMs[static_cast<size_t>(Granularity::Seconds)] = retention;
  return purge;
}

TEST(AggregationStore, PurgingDropsRolledUpBucketsPastTheirRetentionOnTheEngineClock) {
  AggregationDriver d({Granularity::Seconds, Granularity::Minutes}, true, purgeSecondsAfter(120000, kMinute));
  d.send(1000, "A", 1.0, 1);
  d.send(2000, "A", 2.0, 1);
  EXPECT_TRUE(d.state()->purgeTimer.pending());
  EXPECT_EQ(d.state()->purgeTimer.due(), 61000);  // a period after the first event
  d.send(100000, "A", 3.0, 1);  // the purge at 61000 fires first: nothing is 120 s old yet
  EXPECT_EQ(d.read(0, kForever, Granularity::Seconds).size(), 3u);
  d.send(200000, "A", 4.0, 1);  // the purge due at 160000 runs at 200000: before 80000 goes
  EXPECT_EQ(d.read(0, kForever, Granularity::Seconds),
            (Rows{"100000|A|3.0|1|3.0|1|1|1|3.0", "200000|A|4.0|1|4.0|1|1|1|4.0"}));
  EXPECT_EQ(d.state()->purgeTimer.due(), 260000);
  // Minutes are kept (retention 'all').
  EXPECT_EQ(d.read(0, kForever, Granularity::Minutes),
            (Rows{"0|A|3.0|2|1.5|1|1|1|2.0", "60000|A|3.0|1|3.0|1|1|1|3.0", "180000|A|4.0|1|4.0|1|1|1|4.0"}));
}

TEST(AggregationStore, AStoreIsDestroyableOnceItHoldsNoBucket) {
  AggregationDriver d({Granularity::Seconds}, true, purgeSecondsAfter(120000, kMinute));
  EXPECT_EQ(d.state(), nullptr);  // nothing until the first event
  d.send(1000, "A", 1.0, 1);
  EXPECT_FALSE(d.state()->canDestroy());
  d.harness.advance(500000);  // the purge timer fires: the second is rolled up, then purged
  EXPECT_TRUE(d.state()->canDestroy());
}

std::vector<uint8_t> saved(const runtime::AggregationState& state) {
  runtime::StateWriter out;
  state.snapshot(out);
  return out.bytes();
}

TEST(AggregationStore, ASnapshotRestoresEveryBucketAndThePurgeTimer) {
  AggregationDriver before(kSecToHour, true, purgeSecondsAfter(120000, kMinute));
  before.sendAt(1000, 1000, "A", 1.0, 1);
  before.sendAt(61000, 61000, "B", 2.0, 2);
  before.sendAt(62000, 5000, "A", 3.0, 3);  // late, still running
  std::vector<uint8_t> bytes = saved(*before.state());

  AggregationDriver after(kSecToHour, true, purgeSecondsAfter(120000, kMinute));
  after.harness.state.clock.setPlaybackTime(62000);
  after.harness.state.scheduler.setSequence(before.harness.state.scheduler.sequence());
  auto& slot = after.harness.state.globals.slot(after.aggregation->stateSlot());
  slot = after.aggregation->makeState(after.harness.state, after.harness.state.globals);
  runtime::StateReader in(bytes);
  slot->restore(in);
  in.expectEnd();
  for (Granularity per : kSecToHour)
    EXPECT_EQ(after.read(0, kForever, per), before.read(0, kForever, per)) << granularityName(per);
  EXPECT_EQ(after.state()->purgeTimer.due(), before.state()->purgeTimer.due());
  EXPECT_EQ(saved(*after.state()), bytes);

  // Both go on alike: the running buckets roll up in each.
  for (AggregationDriver* d : {&before, &after}) d->sendAt(63000, 63000, "A", 4.0, 4);
  for (Granularity per : kSecToHour)
    EXPECT_EQ(after.read(0, kForever, per), before.read(0, kForever, per)) << granularityName(per);
  EXPECT_EQ(after.read(0, kHour, Granularity::Minutes),
            (Rows{"0|A|4.0|2|2.0|1|3|2|3.0", "60000|B|2.0|1|2.0|2|2|1|2.0", "60000|A|4.0|1|4.0|4|4|1|4.0"}));
}

TEST(AggregationStore, ACorruptSnapshotIsRefused) {
  AggregationDriver d(kSecToHour);
  d.sendAt(1000, 1000, "A", 1.0, 1);
  d.sendAt(2000, 2000, "A", 1.0, 1);
  std::vector<uint8_t> bytes = saved(*d.state());
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    AggregationDriver fresh(kSecToHour);
    auto state = fresh.aggregation->makeState(fresh.harness.state, fresh.harness.state.globals);
    runtime::StateReader in(std::span<const uint8_t>(bytes.data(), cut));
    EXPECT_THROW(
        {
          state->restore(in);
          in.expectEnd();
        },
        SnapshotError)
        << "cut at " << cut;
  }
}

}  // namespace
}  // namespace cepheus::testing::aggregation
