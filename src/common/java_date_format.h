// Java date patterns ("yyyy-MM-dd HH:mm:ss.SSS"), as the time: functions take them: the
// letters of java.text.SimpleDateFormat (and Apache's FastDateFormat, which Siddhi uses), and for
// time:timezoneConvert those of java.time's DateTimeFormatter, which differ in a few letters
// (u is the year, S a fraction of the second, Z/X/x their offset forms).
//
// A pattern is compiled once (at deploy time for a constant) into tokens; formatting appends
// to a caller's buffer and allocates nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time_zone.h"

namespace cepheus {

class JavaDateFormat {
 public:
  enum class Dialect {
    Simple,     // SimpleDateFormat / FastDateFormat: lenient parsing, trailing text ignored
    Formatter,  // DateTimeFormatter: the whole text must match, values are range-checked
  };

  // Null with the reason in `error` (an unknown pattern letter, an unclosed quote).
  static std::optional<JavaDateFormat> compile(std::string_view pattern, Dialect dialect, std::string& error);

  // Appends the instant as the pattern shows it in `zone`.
  void format(int64_t epochMillis, const TimeZone& zone, std::string& out) const;
  // The same with the zone's offset at that instant already known.
  void format(const DateTime& t, const TimeZone& zone, std::string& out) const;

  // The calendar fields a text gives; fields it does not give keep their defaults (1970-01-01
  // 00:00:00.000, as a cleared java.util.Calendar).
  struct Fields {
    int64_t year = 1970;
    int month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
    int dayOfYear = 0;      // set by D when no month or day is given
    int hour12 = -1;        // h/K: the hour on a 12-hour clock
    int pm = -1;            // a: 0 = AM, 1 = PM
    bool monthSet = false, daySet = false;
    std::optional<int> offsetSeconds;  // a zone or offset in the text
    std::string zoneName;              // a zone name in the text (resolved by the caller)
  };
  // Reads `text`; false with the reason in `error`. `nowYear` places two-digit years (yy) in
  // the century that puts them within 80 years before and 20 years after it, as Java does.
  bool parse(std::string_view text, Fields& fields, int64_t nowYear, std::string& error) const;
  // The instant of parsed fields in `zone` (unless the text named its own zone). Simple:
  // values out of range roll over (month 13 is January of the next year), as Java's lenient
  // calendar does. Formatter: out-of-range values are errors, a day past the month's end is
  // its last day (DateTimeFormatter's SMART resolver).
  std::optional<int64_t> resolve(const Fields& fields, const TimeZone& zone, std::string& error) const;

  // Parse and resolve in one step (the Simple dialect's Date parse).
  std::optional<int64_t> parseInstant(std::string_view text, const TimeZone& zone, int64_t nowYear,
                                      std::string& error) const;

  bool hasDate() const { return hasDate_; }
  bool hasTimeOfDay() const { return hasTime_; }
  const std::string& pattern() const { return pattern_; }

 private:
  struct Token {
    char letter = 0;  // 0 for literal text
    int count = 0;
    std::string literal;
  };
  bool numeric(const Token& token) const;

  std::vector<Token> tokens_;
  Dialect dialect_ = Dialect::Simple;
  std::string pattern_;
  bool hasDate_ = false, hasTime_ = false;
};

}  // namespace cepheus
