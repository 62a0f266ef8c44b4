#include "common/cron_schedule.h"

#include <cctype>
#include <ctime>
#include <vector>

namespace cepheus {

namespace {

constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2099;  // Quartz's limit

struct FieldSpec {
  const char* name;
  int min;
  int max;
  const char* const* names;  // 3-letter names for min, min+1, ... (months, days of the week)
};

const char* const kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char* const kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

const FieldSpec kFields[] = {
    {"second", 0, 59, nullptr},
    {"minute", 0, 59, nullptr},
    {"hour", 0, 23, nullptr},
    {"day-of-month", 1, 31, nullptr},
    {"month", 1, 12, kMonthNames},
    {"day-of-week", 1, 7, kDayNames},
    {"year", kFirstYear, kLastYear, nullptr},
};

std::vector<std::string_view> split(std::string_view text, auto isSeparator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !isSeparator(text[i])) continue;
    if (i > start) parts.push_back(text.substr(start, i - start));
    start = i + 1;
  }
  return parts;
}

std::optional<int> number(std::string_view text) {
  if (text.empty() || text.size() > 6) return std::nullopt;
  int v = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// One value of a field: a number or, for months and days of the week, a name.
std::optional<int> value(std::string_view text, const FieldSpec& field) {
  if (!field.names || text.empty() || !std::isalpha(static_cast<unsigned char>(text[0])))
    return number(text);
  for (int i = 0; i <= field.max - field.min; ++i) {
    std::string_view name = field.names[i];
    bool same = text.size() == name.size();
    for (size_t k = 0; same && k < name.size(); ++k)
      same = std::toupper(static_cast<unsigned char>(text[k])) == name[k];
    if (same) return field.min + i;
  }
  return std::nullopt;
}

// Sets the bits (value - offset) of one field from its text; false with `error` when invalid.
template <size_t N>
bool parseField(std::string_view text, const FieldSpec& field, int offset, std::bitset<N>& bits,
                std::string& error) {
  auto fail = [&](const std::string& why) {
    error = "invalid " + std::string(field.name) + " field '" + std::string(text) + "': " + why;
    return false;
  };
  for (std::string_view item : split(text, [](char c) { return c == ','; })) {
    // (Names such as JUL and WED contain L and W, hence the check on numeric fields only.)
    if (item.find('#') != std::string_view::npos ||
        (!field.names && item.find_first_of("LWlw") != std::string_view::npos))
      return fail("Quartz's L, W and # are not supported");
    const size_t slash = item.find('/');
    int step = 1;
    if (slash != std::string_view::npos) {
      auto n = number(item.substr(slash + 1));
      if (!n || *n < 1) return fail("the step after '/' must be a positive number");
      step = *n;
    }
    const std::string_view range = item.substr(0, slash);
    int from = field.min;
    int to = field.max;
    if (range != "*") {
      const size_t dash = range.find('-');
      auto first = value(range.substr(0, dash), field);
      if (!first) return fail("'" + std::string(range.substr(0, dash)) + "' is not a valid value");
      from = *first;
      // `a/n` runs from a to the end of the field; a lone `a` is just a.
      to = slash != std::string_view::npos ? field.max : from;
      if (dash != std::string_view::npos) {
        auto last = value(range.substr(dash + 1), field);
        if (!last)
          return fail("'" + std::string(range.substr(dash + 1)) + "' is not a valid value");
        to = *last;
      }
    }
    if (from < field.min || from > field.max || to < field.min || to > field.max)
      return fail("values must be between " + std::to_string(field.min) + " and " +
                  std::to_string(field.max));
    // A range whose end is before its start wraps around the field (FRI-MON, 22-2).
    const int span = field.max - field.min + 1;
    const int count = (to - from + span) % span;
    for (int k = 0; k <= count; k += step)
      bits.set(field.min + (from - field.min + k) % span - offset);
  }
  return true;
}

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

// 0 = Sunday (H. Hinnant's days-from-civil; 1970-01-01 was a Thursday).
int weekday(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t days = int64_t{era} * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
  return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

// A local date and time whose fields are moved forward one at a time; moving a field resets
// the smaller ones and carries into the larger ones.
struct Civil {
  int year, month, day, hour, minute, second;

  enum Field { Year, Month, Day, Hour, Minute, Second };
  void bump(Field f) {
    switch (f) {
      case Second:
        if (++second < 60) return;
        second = 0;
        [[fallthrough]];
      case Minute:
        second = 0;
        if (++minute < 60) return;
        minute = 0;
        [[fallthrough]];
      case Hour:
        minute = second = 0;
        if (++hour < 24) return;
        hour = 0;
        [[fallthrough]];
      case Day:
        hour = minute = second = 0;
        if (++day <= daysInMonth(year, month)) return;
        day = 1;
        [[fallthrough]];
      case Month:
        day = 1;
        hour = minute = second = 0;
        if (++month <= 12) return;
        month = 1;
        [[fallthrough]];
      case Year:
        ++year;
        month = day = 1;
        hour = minute = second = 0;
    }
  }
};

}  // namespace

std::optional<CronSchedule> CronSchedule::parse(std::string_view text, std::string& error) {
  auto fields =
      split(text, [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
  if (fields.size() != 6 && fields.size() != 7) {
    error =
        "a cron expression has 6 or 7 fields (second minute hour day-of-month month day-of-week "
        "[year]), found " +
        std::to_string(fields.size());
    return std::nullopt;
  }
  const bool domUnspecified = fields[3] == "?";
  const bool dowUnspecified = fields[5] == "?";
  if (domUnspecified == dowUnspecified) {
    error = "exactly one of day-of-month and day-of-week must be '?' (as in Quartz)";
    return std::nullopt;
  }
  CronSchedule s;
  s.dayOfMonthUnspecified_ = domUnspecified;
  bool ok = parseField(fields[0], kFields[0], 0, s.seconds_, error) &&
            parseField(fields[1], kFields[1], 0, s.minutes_, error) &&
            parseField(fields[2], kFields[2], 0, s.hours_, error) &&
            (domUnspecified || parseField(fields[3], kFields[3], 0, s.daysOfMonth_, error)) &&
            parseField(fields[4], kFields[4], 0, s.months_, error) &&
            (dowUnspecified || parseField(fields[5], kFields[5], 0, s.daysOfWeek_, error)) &&
            (fields.size() == 6 ? (s.years_.set(), true)
                                : parseField(fields[6], kFields[6], kFirstYear, s.years_, error));
  if (!ok) return std::nullopt;
  return s;
}

bool CronSchedule::dayMatches(int year, int month, int day) const {
  if (dayOfMonthUnspecified_) return daysOfWeek_.test(weekday(year, month, day) + 1);
  return daysOfMonth_.test(day);
}

std::optional<int64_t> CronSchedule::next(int64_t afterMs) const {
  // Fire times are whole seconds; start at the first second after `afterMs`.
  time_t start = static_cast<time_t>((afterMs >= 0 ? afterMs : afterMs - 999) / 1000 + 1);
  for (;;) {
    std::tm local{};
    localtime_r(&start, &local);
    Civil t{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday,
            local.tm_hour,        local.tm_min,     local.tm_sec};
    while (t.year <= kLastYear) {
      if (t.year < kFirstYear || !years_.test(t.year - kFirstYear)) {
        t.bump(Civil::Year);
      } else if (!months_.test(t.month)) {
        t.bump(Civil::Month);
      } else if (!dayMatches(t.year, t.month, t.day)) {
        t.bump(Civil::Day);
      } else if (!hours_.test(t.hour)) {
        t.bump(Civil::Hour);
      } else if (!minutes_.test(t.minute)) {
        t.bump(Civil::Minute);
      } else if (!seconds_.test(t.second)) {
        t.bump(Civil::Second);
      } else {
        break;
      }
    }
    if (t.year > kLastYear) return std::nullopt;
    std::tm match{};
    match.tm_year = t.year - 1900;
    match.tm_mon = t.month - 1;
    match.tm_mday = t.day;
    match.tm_hour = t.hour;
    match.tm_min = t.minute;
    match.tm_sec = t.second;
    match.tm_isdst = -1;
    const time_t fire = mktime(&match);
    // A local time repeated when daylight saving ends may map back to or before `afterMs`.
    if (int64_t{fire} * 1000 > afterMs) return int64_t{fire} * 1000;
    start = fire + 1;
  }
}

}  // namespace cepheus
