// time: functions. The extension's docs were written in a +05:30 zone (their
// time:extract(1394556804000L, 'HOUR') is 22): the tests run in Asia/Colombo to check the
// docs' figures, and in other zones for daylight saving time.
#include <chrono>
#include <cstdlib>
#include <optional>
#include <regex>

#include "support/function_harness.h"

namespace cepheus::testing {
namespace {

class TimeFunctions : public ::testing::Test {
 protected:
  void SetUp() override { useZone("Asia/Colombo"); }
  void TearDown() override {
    if (saved_) setenv("TZ", saved_->c_str(), 1);
    else unsetenv("TZ");
  }
  void useZone(const char* zone) {
    if (!saved_ && !restoredOnce_) {
      const char* old = std::getenv("TZ");
      if (old) saved_ = old;
      restoredOnce_ = true;
    }
    setenv("TZ", zone, 1);
  }

 private:
  std::optional<std::string> saved_;
  bool restoredOnce_ = false;
};

TEST_F(TimeFunctions, ExtractFromMillisecondsAndDates) {
  EXPECT_EQ(call("time:extract(1394556804000L, 'HOUR')"), "22");
  EXPECT_EQ(call("time:extract('YEAR', '2019/11/11 13:23:44.657', 'yyyy/MM/dd HH:mm:ss.SSS')"), "2019");
  EXPECT_EQ(call("time:extract('DAY', '2019-11-12 13:23:44.657')"), "12");
  EXPECT_EQ(call("time:extract('quarter', '2019-11-12 13:23:44.657')"), "4");
  EXPECT_EQ(call("time:extract(1394556804000L, 'MINUTE')"), "23");
  EXPECT_EQ(call("time:extract(1394556804000L, 'SECOND')"), "24");
  EXPECT_EQ(call("time:extract(1394556804000L, 'MONTH')"), "3");
  EXPECT_EQ(call("l long", "time:extract(l, 'HOUR')", {N()}), "null");
}

TEST_F(TimeFunctions, ExtractWeekFollowsTheLocale) {
  // 2017-10-08 is a Sunday: week 41 where weeks start on Sunday (en_US), ISO week 40 in France.
  EXPECT_EQ(call("time:extract('WEEK', '2017-10-8', 'yyyy-MM-dd', 'en_US')"), "41");
  EXPECT_EQ(call("time:extract('WEEK', '2017-10-8', 'yyyy-MM-dd', 'fr_FR')"), "40");
  EXPECT_EQ(call("time:extract(1507401000000L, 'WEEK', 'fr_FR')"), "40");
  EXPECT_EQ(call("time:extract(1507401000000L, 'WEEK')"), "41");
}

TEST_F(TimeFunctions, DateAddAndDateSub) {
  EXPECT_EQ(call("time:dateAdd('2014-11-11 13:23:44.657', 5, 'YEAR', 'yyyy-MM-dd HH:mm:ss.SSS')"), "2019-11-11 13:23:44.657");
  EXPECT_EQ(call("time:dateAdd('2014-11-11 13:23:44.657', 5, 'YEAR')"), "2019-11-11 13:23:44.657");
  EXPECT_EQ(call("time:dateAdd(1415712224000L, 1, 'HOUR')"), "1415715824000");
  EXPECT_EQ(call("time:dateSub('2019-11-11 13:23:44.657', 5, 'YEAR', 'yyyy-MM-dd HH:mm:ss.SSS')"), "2014-11-11 13:23:44.657");
  EXPECT_EQ(call("time:dateSub(1415715824000L, 1, 'HOUR')"), "1415712224000");
  EXPECT_EQ(call("time:dateAdd('2014-11-11 13:23:44', 2, 'MONTH', 'yyyy-MM-dd HH:mm:ss')"), "2015-01-11 13:23:44");
  EXPECT_EQ(call("time:dateAdd('2016-01-31', 1, 'MONTH', 'yyyy-MM-dd')"), "2016-02-29");  // clamped, as Calendar.add
  EXPECT_EQ(call("time:dateAdd('2016-01-31', 1, 'QUARTER', 'yyyy-MM-dd')"), "2016-04-30");
  EXPECT_EQ(call("time:dateAdd('2016-01-31', 2, 'WEEK', 'yyyy-MM-dd')"), "2016-02-14");
  EXPECT_EQ(call("s string", "time:dateAdd(s, 1, 'DAY')", {N()}), "null");
}

TEST_F(TimeFunctions, DateAddKeepsTheWallClockAcrossDaylightSaving) {
  useZone("America/New_York");  // clocks went forward on 2021-03-14 at 02:00
  EXPECT_EQ(call("time:dateAdd('2021-03-13 12:00', 1, 'DAY', 'yyyy-MM-dd HH:mm')"), "2021-03-14 12:00");
  EXPECT_EQ(call("time:dateAdd('2021-03-13 12:00', 24, 'HOUR', 'yyyy-MM-dd HH:mm')"), "2021-03-14 13:00");
  EXPECT_EQ(call("time:dateFormat(1615705200000L, 'yyyy-MM-dd HH:mm Z')"), "2021-03-14 03:00 -0400");
}

TEST_F(TimeFunctions, DateDiffInWholeDays) {
  EXPECT_EQ(call("time:dateDiff('2014-11-11 13:23:44', '2014-11-9 13:23:44', 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm:ss')"), "2");
  EXPECT_EQ(call("time:dateDiff(1415692424000L, 1412841224000L)"), "33");
  EXPECT_EQ(call("time:dateDiff('2014-11-13 13:23:44.000', '2014-11-09 13:23:45.000')"), "3");  // truncated
  EXPECT_EQ(call("time:dateDiff(0L, 86400001L)"), "-1");
}

TEST_F(TimeFunctions, DateFormatBetweenPatterns) {
  EXPECT_EQ(call("time:dateFormat('2014/11/11 13:23:44', 'mm:ss', 'yyyy/MM/dd HH:mm:ss')"), "23:44");
  EXPECT_EQ(call("time:dateFormat('2014-11-11 13:23:44.000', 'HH:mm:ss')"), "13:23:44");
  EXPECT_EQ(call("time:dateFormat(1415692424000L, 'yyyy-MM-dd')"), "2014-11-11");
  EXPECT_EQ(call("time:dateFormat(1415692424000L, \"EEE, d MMM yyyy hh:mm a '(week' w')' XXX\")"),
            "Tue, 11 Nov 2014 01:23 PM (week 46) +05:30");
  EXPECT_EQ(call("time:dateFormat(1415692424007L, 'S SSS D')"), "7 007 315");
}

TEST_F(TimeFunctions, InvalidDatesFailOrRollOverLikeJava) {
  EXPECT_TRUE(startsWith(call("time:dateFormat('2014:11:11', 'yyyy', 'yyyy-MM-dd')"),
                         "error: time:dateFormat(): '2014:11:11' does not match the date pattern 'yyyy-MM-dd'"));
  EXPECT_TRUE(startsWith(call("time:timestampInMilliseconds('2007')"), "error: time:timestampInMilliseconds(): '2007' does not match the date pattern"));
  // FastDateFormat parses leniently: February 30th is March 2nd, month 13 is next January.
  EXPECT_EQ(call("time:dateFormat('2014-02-30', 'yyyy-MM-dd', 'yyyy-MM-dd')"), "2014-03-02");
  EXPECT_EQ(call("time:dateFormat('2014-13-01', 'yyyy-MM-dd', 'yyyy-MM-dd')"), "2015-01-01");
}

TEST_F(TimeFunctions, DateAndDayOfWeek) {
  EXPECT_EQ(call("time:date('2014/11/11 13:23:44', 'yyyy/MM/dd HH:mm:ss')"), "2014-11-11");
  EXPECT_EQ(call("time:date('13:23:44', 'HH:mm:ss')"), "1970-01-01");
  EXPECT_EQ(call("time:dayOfWeek('2014/12/11 13:23:44', 'yyyy/MM/dd HH:mm:ss')"), "Thursday");
  EXPECT_EQ(call("time:dayOfWeek('2014-11-11 13:23:44.345')"), "Tuesday");
  EXPECT_EQ(call("time:dayOfWeek('2014-9-22')"), "Monday");
  EXPECT_EQ(call("s string", "time:dayOfWeek(s)", {N()}), "null");
}

TEST_F(TimeFunctions, TimestampInMilliseconds) {
  EXPECT_EQ(call("time:timestampInMilliseconds('2007-11-30 10:30:19.000')"), "1196398819000");
  EXPECT_EQ(call("time:timestampInMilliseconds('2007-11-30 10:30:19 +0000', 'yyyy-MM-dd HH:mm:ss Z')"), "1196418619000");
  long long now = std::stoll(call("time:timestampInMilliseconds()"));
  long long wall = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_LE(std::llabs(now - wall), 5000);
}

TEST_F(TimeFunctions, TimezoneConvertBetweenZones) {
  const char* schema = "d string, f string, target string, source string";
  EXPECT_EQ(call(schema, "time:timezoneConvert(d, f, target, source)",
                 {S("2014-11-11 13:23:44"), S("yyyy-MM-dd HH:mm:ss"), S("PST"), S("IST")}),
            "2014-11-10 23:53:44");
  EXPECT_EQ(call(schema, "time:timezoneConvert(d, f, target, source)",
                 {S("2016-04-21T00:00:00+0530"), S("yyyy-MM-dd'T'HH:mm:ssZ"), S("America/New_York"), S("IST")}),
            "2016-04-20T14:30:00-0400");
  EXPECT_EQ(call("time:timezoneConvert('2014/11/11 13:23:44', 'yyyy/MM/dd HH:mm:ss', 'UTC', 'IST')"), "2014/11/11 07:53:44");
  EXPECT_EQ(call("time:timezoneConvert('2020-11-11 06:23:44', 'yyyy-MM-dd HH:mm:ss', '+01:00')"), "2020-11-11 01:53:44");
  EXPECT_TRUE(startsWith(call(schema, "time:timezoneConvert(d, f, target)", {S("2020-11-11 06:23:44"), S("yyyy-MM-dd HH:mm:ss"), S("Mars/Base"), N()}),
                         "error: time:timezoneConvert(): unknown time zone 'Mars/Base'"));
  EXPECT_TRUE(startsWith(call("time:timezoneConvert('2020-11-11 06:23', 'yyyy-MM-dd HH:mm:ss', 'UTC')"),
                         "error: time:timezoneConvert(): '2020-11-11 06:23' does not match the date pattern"));
}

TEST_F(TimeFunctions, CurrentDateTimeAndTimestamps) {
  std::regex date(R"(\d{4}-\d{2}-\d{2})"), time(R"(\d{2}:\d{2}:\d{2})"), stamp(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})");
  EXPECT_TRUE(std::regex_match(call("time:currentDate()"), date));
  EXPECT_TRUE(std::regex_match(call("time:currentTime()"), time));
  EXPECT_TRUE(std::regex_match(call("time:currentTimestamp()"), stamp));
  EXPECT_TRUE(std::regex_match(call("time:currentTimestamp('Asia/Kolkata')"), stamp));
  EXPECT_TRUE(std::regex_match(call("time:utcTimestamp()"), stamp));
  EXPECT_TRUE(std::regex_match(call("time:utcTimestamp('yyyy/MM/dd HH:mm:ss.SSS')"), std::regex(R"(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d\.\d{3})")));
  // The wall clock, not the playback clock: the event at ts 1000 does not make it 1970.
  EXPECT_NE(call("time:currentDate()").substr(0, 4), "1970");
  // currentTimestamp in UTC and utcTimestamp agree (to the second, barring a tick between them).
  std::string utc = call("time:utcTimestamp()"), viaZone = call("time:currentTimestamp('UTC')");
  EXPECT_EQ(utc.substr(0, 16), viaZone.substr(0, 16));
}

// The functions that read the current time read the engine's time source: a manual clock
// drives them exactly.
TEST_F(TimeFunctions, CurrentTimeFunctionsReadTheEnginesClock) {
  auto clock = std::make_shared<ManualClock>(1415692424007);  // 2014-11-11 07:53:44.007 UTC
  EngineOptions options;
  options.time = clock;
  Engine engine(options);
  auto app = engine.deploy(
      "@app:playback define stream T (x int);"
      "from T select time:currentDate() as d, time:currentTime() as t, time:currentTimestamp() as ts,"
      " time:currentTimestamp('America/New_York') as ny, time:utcTimestamp('yyyy-MM-dd HH:mm:ss.SSS') as utc,"
      " time:timestampInMilliseconds() as ms insert into Out;");
  std::vector<std::string> rows;
  app->subscribe("Out", [&](int64_t, std::span<const Value> data) {
    std::string row;
    for (const Value& v : data) row += (row.empty() ? "" : "|") + v.toString();
    rows.push_back(row);
  });
  app->input("T").send(5, {Value::ofInt(1)});  // the playback clock (5 ms) is not what they read
  clock->advance(86'400'000);
  app->input("T").send(6, {Value::ofInt(1)});
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "2014-11-11|13:23:44|2014-11-11 13:23:44|2014-11-11 02:53:44|2014-11-11 07:53:44.007|1415692424007",
                      "2014-11-12|13:23:44|2014-11-12 13:23:44|2014-11-12 02:53:44|2014-11-12 07:53:44.007|1415778824007"}));
}

}  // namespace
}  // namespace cepheus::testing
