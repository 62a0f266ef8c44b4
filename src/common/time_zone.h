// Time zones and civil (calendar) time for the time: functions, on cctz.
//
// Why cctz (Debian's libcctz-dev) rather than Howard Hinnant's date library: cctz reads the
// system's compiled zoneinfo files (the tzdata package), so zone rule updates arrive with the OS
// and no tz database text is parsed at start-up; its whole job is the one thing we need from a
// library, instant <-> civil time in a zone, behind a small thread-safe API; and its lookups are
// cached per zone. The calendar arithmetic on top of it (days from a civil date, weekdays, weeks)
// is a few lines of integer arithmetic here, so per-event conversions cost no allocation.
//
// Shared by the analyzer (zone names are checked at deploy time) and the planner.
#pragma once

#include <cctz/time_zone.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cepheus {

// Days since 1970-01-01 of a proleptic Gregorian date; month 1-12, any day (lenient).
int64_t daysFromCivil(int64_t year, int month, int day);
struct CivilDate {
  int64_t year;
  int month;  // 1-12
  int day;    // 1-31
};
CivilDate civilFromDays(int64_t days);
// 0 = Sunday ... 6 = Saturday
int weekdayOfDays(int64_t days);
int daysInMonth(int64_t year, int month);
bool isLeapYear(int64_t year);

// Floor division and modulo for negative instants.
inline int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline int64_t floorMod(int64_t a, int64_t b) { return a - floorDiv(a, b) * b; }

class TimeZone {
 public:
  // As Java's ZoneId.of(id, ZoneId.SHORT_IDS): region ids ("Asia/Kolkata"), "UTC", "GMT", "Z",
  // offsets ("+05:30", "-08", "UTC+5", "GMT-03:00") and Java's three-letter short ids ("IST",
  // "PST", "CST", "EST", ...). Null with the reason in `error` when unknown.
  static std::optional<TimeZone> find(std::string_view id, std::string& error);
  // The process's zone (the TZ environment variable, else /etc/localtime; UTC without either),
  // which plays the part of the JVM's default zone. Read again when TZ changes.
  static TimeZone system();
  static const TimeZone& utc();

  // Seconds east of UTC at the instant.
  int offsetAt(int64_t epochSeconds) const;
  // The zone's abbreviation at the instant ("IST", "CET"); "GMT+05:30" where the zone has none.
  std::string abbreviationAt(int64_t epochSeconds) const;
  // The instant of a local civil time (any field values: they are normalised first). A time
  // in a gap (spring forward) moves forward by the gap; a repeated one takes the earlier instant.
  int64_t toEpochSeconds(int64_t year, int month, int day, int hour, int minute, int second) const;

  const std::string& id() const { return id_; }

 private:
  TimeZone(cctz::time_zone zone, std::string id) : zone_(zone), id_(std::move(id)) {}
  cctz::time_zone zone_;
  std::string id_;
  friend class OffsetCache;
};

// Remembers the offset span around the last instant looked up, so events of one period cost
// two comparisons instead of a zone lookup. One per evaluator (not thread-safe).
class OffsetCache {
 public:
  int offsetAt(const TimeZone& zone, int64_t epochSeconds);

 private:
  const TimeZone* zone_ = nullptr;
  int64_t from_ = 1, to_ = 0;  // empty
  int offset_ = 0;
};

// A moment as calendar fields in some zone.
struct DateTime {
  int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  int weekday = 4;      // 0 = Sunday
  int dayOfYear = 1;    // 1-366
  int offsetSeconds = 0;
  int64_t epochMillis = 0;
};
DateTime toDateTime(int64_t epochMillis, int offsetSeconds);

// First day of the week and minimal days in the first week, as java.util.Calendar takes them
// from a locale (en_US: Sunday, 1; most of Europe: Monday, 4).
struct WeekRules {
  int firstDay = 0;  // 0 = Sunday
  int minimalDays = 1;
};
// Locale strings as Java's LocaleUtils.toLocale reads them ("en", "en_US", "fr_FR"); null
// when malformed.
std::optional<WeekRules> weekRulesOfLocale(std::string_view locale);
// Calendar.WEEK_OF_YEAR and WEEK_OF_MONTH, and the year the week belongs to.
int weekOfYear(const DateTime& t, WeekRules rules, int64_t* weekYear = nullptr);
int weekOfMonth(const DateTime& t, WeekRules rules);

}  // namespace cepheus
