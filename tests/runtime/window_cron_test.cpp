// Quartz cron schedules (when they fire) and the cron window that flushes on them, with a
// wall clock the test controls.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "common/cron_schedule.h"
#include "runtime/window_driver.h"
#include "runtime/windows/cron_window.h"

namespace cepheus::testing::windows {
namespace {

constexpr int64_t kSecond = 1000;
constexpr int64_t kHour = 3600 * kSecond;
constexpr int64_t kDay = 24 * kHour;

// Schedules read local time; these tests pin the zone to UTC and restore it afterwards.
class CronScheduleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* tz = std::getenv("TZ")) saved_ = tz;
    setenv("TZ", "UTC", 1);
    tzset();
  }
  void TearDown() override {
    if (saved_) {
      setenv("TZ", saved_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

  static CronSchedule schedule(const char* text) {
    std::string error;
    auto s = CronSchedule::parse(text, error);
    if (!s) throw std::runtime_error(std::string(text) + ": " + error);
    return *s;
  }
  static std::string errorOf(const char* text) {
    std::string error;
    return CronSchedule::parse(text, error) ? "" : error;
  }

 private:
  std::optional<std::string> saved_;
};

TEST_F(CronScheduleTest, StepsInSeconds) {
  CronSchedule every5 = schedule("*/5 * * * * ?");
  EXPECT_EQ(every5.next(0), 5 * kSecond);
  EXPECT_EQ(every5.next(4999), 5 * kSecond);
  EXPECT_EQ(every5.next(5000), 10 * kSecond);
  EXPECT_EQ(schedule("3/20 * * * * ?").next(24 * kSecond), 43 * kSecond);
  EXPECT_EQ(schedule("3/20 * * * * ?").next(44 * kSecond), 63 * kSecond);
}

TEST_F(CronScheduleTest, FixedTimeOfDay) {
  CronSchedule noon = schedule("0 0 12 * * ?");
  EXPECT_EQ(noon.next(0), 12 * kHour);
  EXPECT_EQ(noon.next(12 * kHour), kDay + 12 * kHour);
}

TEST_F(CronScheduleTest, WeekdayNamesAndRanges) {
  // 1970-01-01 was a Thursday.
  CronSchedule weekdays = schedule("0 15 10 ? * MON-FRI");
  const int64_t at1015 = 10 * kHour + 15 * 60 * kSecond;
  EXPECT_EQ(weekdays.next(0), at1015);
  EXPECT_EQ(weekdays.next(at1015), kDay + at1015);             // Friday
  EXPECT_EQ(weekdays.next(kDay + at1015), 4 * kDay + at1015);  // Monday
  EXPECT_EQ(schedule("0 15 10 ? * 2-6").next(kDay + at1015), 4 * kDay + at1015);
  // A range that wraps around: Friday to Monday.
  EXPECT_EQ(schedule("0 0 0 ? * fri-mon").next(0), kDay);
  EXPECT_EQ(schedule("0 0 0 ? * FRI-MON").next(4 * kDay), 8 * kDay);  // Mon 5th -> Fri 9th
}

TEST_F(CronScheduleTest, ListsMonthsAndYears) {
  CronSchedule twice = schedule("0 0 0 1 JAN,JUL ? 2030");
  EXPECT_EQ(twice.next(0), 1893456000000);
  EXPECT_EQ(twice.next(1893456000000), 1909094400000);
  EXPECT_EQ(twice.next(1909094400000), std::nullopt);
  EXPECT_EQ(schedule("0 0 0 1 1 ? 1999").next(1893456000000), std::nullopt);
}

TEST_F(CronScheduleTest, DaysThatSomeMonthsLack) {
  EXPECT_EQ(schedule("0 0 0 29 2 ?").next(0), 68169600000);         // 1972-02-29
  EXPECT_EQ(schedule("0 0 0 31 * ?").next(31 * kDay), 7689600000);  // 1970-03-31
}

TEST_F(CronScheduleTest, HoursRangeWrapsAroundMidnight) {
  CronSchedule night = schedule("0 0 22-2 * * ?");
  EXPECT_EQ(night.next(0), kHour);
  EXPECT_EQ(night.next(2 * kHour), 22 * kHour);
}

TEST_F(CronScheduleTest, RejectsWhatQuartzRejectsOrWeDoNotSupport) {
  EXPECT_NE(errorOf("* * * * ?").find("6 or 7 fields"), std::string::npos);
  EXPECT_NE(errorOf("* * * ? * ?").find("exactly one of day-of-month and day-of-week"),
            std::string::npos);
  EXPECT_NE(errorOf("* * * * * *").find("exactly one of day-of-month and day-of-week"),
            std::string::npos);
  EXPECT_NE(errorOf("61 * * * * ?").find("invalid second field '61'"), std::string::npos);
  EXPECT_NE(errorOf("*/0 * * * * ?").find("step"), std::string::npos);
  EXPECT_NE(errorOf("0 0 0 L * ?").find("not supported"), std::string::npos);
  EXPECT_NE(errorOf("0 0 0 ? * 6#3").find("not supported"), std::string::npos);
  EXPECT_NE(errorOf("0 0 0 ? FOO *").find("invalid month field"), std::string::npos);
  EXPECT_NE(errorOf("0 0 0 1 * ? 1969").find("invalid year field"), std::string::npos);
  EXPECT_EQ(errorOf("0 0/30 8-17 ? JAN-MAR,OCT MON,WED,FRI 2024-2030"), "");
}

std::unique_ptr<runtime::CronWindow> cron(const char* text) {
  std::string error;
  auto schedule = CronSchedule::parse(text, error);
  EXPECT_TRUE(schedule) << error;
  return std::make_unique<runtime::CronWindow>(*schedule, text, WindowDriver::kWidth);
}

// The driver's manual clock is the wall clock the window reads.
TEST(CronWindow, InPlaybackAnArrivalAfterAFireTimeFlushesTheBatchFirst) {
  WindowDriver d(true, 1000);
  d.attach(cron("*/10 * * * * ?"));  // next fire at wall 10000
  d.send(1, "A");
  d.send(2, "B");
  EXPECT_TRUE(d.capture.chunks.empty());
  EXPECT_TRUE(d.scheduler().empty());  // playback: no timers on event time
  d.harness.time.set(10500);
  d.send(3, "C");  // joins the next batch
  d.harness.time.set(12000);
  d.send(4, "D");
  d.harness.time.set(20000);
  d.send(5, "E");
  // No reset row; expired rows carry the app clock, current ones their own time.
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B"}, {"-A", "-B", "C", "D"}}));
  EXPECT_EQ(d.capture.times[1], (std::vector<int64_t>{5, 5, 3, 4}));
}

TEST(CronWindow, OnTheWallClockTheTimerFlushesAndEmptyBatchesEmitNothing) {
  WindowDriver d(false, 1000);
  d.attach(cron("*/10 * * * * ?"));
  EXPECT_TRUE(d.scheduler().empty());  // no state, nothing to flush, no timer
  d.send(0, "A");
  ASSERT_FALSE(d.scheduler().empty());
  EXPECT_EQ(d.scheduler().nextDue(), 10000);
  d.send(0, "B");
  d.harness.advanceWall(10000);
  EXPECT_EQ(d.scheduler().nextDue(), 20000);
  d.harness.advanceWall(20000);  // empty batch
  d.harness.advanceWall(30000);  // empty again: the previous batch stays
  d.send(0, "C");
  d.harness.advanceWall(40000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B"}, {"-A", "-B", "C"}}));
  EXPECT_EQ(d.scheduler().nextDue(), 50000);
}

TEST(CronWindow, ALateTimerAfterAnArrivalAlreadyFlushedKeepsTheScheduleGoing) {
  WindowDriver d(false, 1000);
  d.attach(cron("*/10 * * * * ?"));
  d.send(0, "A");
  d.harness.time.set(10200);  // the timer is late: the next arrival notices the fire time first
  d.send(0, "B");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}}));
  d.harness.advanceWall(10200);
  EXPECT_EQ(d.capture.chunks.size(), 1u);
  ASSERT_FALSE(d.scheduler().empty());
  EXPECT_EQ(d.scheduler().nextDue(), 20000);
}

}  // namespace
}  // namespace cepheus::testing::windows
