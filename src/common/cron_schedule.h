// Quartz cron expressions (what Siddhi's `cron(...)` window hands to Quartz): when they fire.
//
// Six or seven fields separated by blanks: second minute hour day-of-month month day-of-week
// [year]. A field is `*`, a value, a range `a-b` (wrapping around when a > b, e.g. FRI-MON),
// a step `*/n`, `a/n` or `a-b/n`, or a comma-separated list of these. Months may be JAN-DEC,
// days of the week SUN-SAT (1 = SUN, as in Quartz). As in Quartz, exactly one of day-of-month
// and day-of-week is `?` (no specific value). Quartz's L, W and # are not supported.
//
// Pure and shared: the analyzer checks the expression, the cron window schedules with it.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cepheus {

class CronSchedule {
 public:
  // The schedule of `text`, or nullopt with the reason in `error`.
  static std::optional<CronSchedule> parse(std::string_view text, std::string& error);

  // The first fire time strictly after `afterMs` (milliseconds since the epoch), reading the
  // fields in the local time zone as Quartz does with the JVM's; nullopt when the schedule
  // never fires again (its years are over).
  std::optional<int64_t> next(int64_t afterMs) const;

 private:
  bool dayMatches(int year, int month, int day) const;

  std::bitset<60> seconds_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> daysOfMonth_;         // bits 1..31
  std::bitset<13> months_;              // bits 1..12
  std::bitset<8> daysOfWeek_;           // bits 1..7, 1 = Sunday
  std::bitset<130> years_;              // 1970..2099
  bool dayOfMonthUnspecified_ = false;  // `?` in day-of-month: day-of-week decides
};

}  // namespace cepheus
