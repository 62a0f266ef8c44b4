#include "common/time_buckets.h"

#include <cctype>
#include <string>

namespace cepheus {

namespace {

constexpr int64_t kSecond = 1000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct CivilDate {
  int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

CivilDate civilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (month <= 2), month, day};
}

bool leapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned daysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leapYear(y) ? 29 : kDays[m - 1];
}

int64_t startOfMonth(int64_t year, unsigned month) { return daysFromCivil(year, month, 1) * kDay; }

// The fields of 'yyyy-MM-dd HH:mm:ss[ +hh:mm]'. In a `within` pattern the finest fields may be
// `**` (wildcards counts them, from the seconds up); they read as the start of what they span.
struct DateFields {
  int64_t year = 0;
  unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int offsetMinutes = 0;  // east of UTC
  int wildcards = 0;      // 0: a plain time; 1: seconds `**`; ... 5: month and finer `**`
};

bool digitsAt(std::string_view s, size_t at, size_t n, unsigned& out) {
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return true;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<DateFields> parseFields(std::string_view s, bool wildcardsAllowed) {
  if (s.size() != 19 && s.size() != 26) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return std::nullopt;
  DateFields f;
  unsigned year = 0;
  if (!digitsAt(s, 0, 4, year)) return std::nullopt;
  f.year = year;
  // month, day, hour, minute, second: where each starts; `**` only as a run ending at seconds.
  static constexpr size_t kAt[] = {5, 8, 11, 14, 17};
  unsigned* fields[] = {&f.month, &f.day, &f.hour, &f.minute, &f.second};
  for (int i = 0; i < 5; ++i) {
    std::string_view field = s.substr(kAt[i], 2);
    if (field == "**") {
      if (!wildcardsAllowed) return std::nullopt;
      if (f.wildcards == 0) f.wildcards = 5 - i;
      *fields[i] = i < 2 ? 1 : 0;
      continue;
    }
    if (f.wildcards != 0) return std::nullopt;  // a written field after a `**` one
    if (!digitsAt(s, kAt[i], 2, *fields[i])) return std::nullopt;
  }
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > daysInMonth(f.year, f.month) || f.hour > 23 ||
      f.minute > 59 || f.second > 59)
    return std::nullopt;
  if (s.size() == 26) {
    unsigned hh = 0, mm = 0;
    if (s[19] != ' ' || (s[20] != '+' && s[20] != '-') || s[23] != ':' || !digitsAt(s, 21, 2, hh) ||
        !digitsAt(s, 24, 2, mm) || mm > 59 || hh * 60 + mm > 18 * 60)
      return std::nullopt;
    f.offsetMinutes = static_cast<int>(hh * 60 + mm) * (s[20] == '-' ? -1 : 1);
  }
  return f;
}

int64_t epochOf(const DateFields& f) {
  return daysFromCivil(f.year, f.month, f.day) * kDay + f.hour * kHour + f.minute * kMinute + f.second * kSecond -
         f.offsetMinutes * kMinute;
}

}  // namespace

const char* granularityName(Granularity granularity) {
  switch (granularity) {
    case Granularity::Seconds: return "seconds";
    case Granularity::Minutes: return "minutes";
    case Granularity::Hours: return "hours";
    case Granularity::Days: return "days";
    case Granularity::Months: return "months";
    case Granularity::Years: return "years";
  }
  return "?";
}

std::optional<Granularity> granularityNamed(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "sec" || lower == "second" || lower == "seconds") return Granularity::Seconds;
  if (lower == "min" || lower == "minute" || lower == "minutes") return Granularity::Minutes;
  if (lower == "h" || lower == "hour" || lower == "hours") return Granularity::Hours;
  if (lower == "day" || lower == "days") return Granularity::Days;
  if (lower == "month" || lower == "months") return Granularity::Months;
  if (lower == "year" || lower == "years") return Granularity::Years;
  return std::nullopt;
}

int64_t bucketStart(int64_t ms, Granularity granularity) {
  switch (granularity) {
    case Granularity::Seconds: return floorDiv(ms, kSecond) * kSecond;
    case Granularity::Minutes: return floorDiv(ms, kMinute) * kMinute;
    case Granularity::Hours: return floorDiv(ms, kHour) * kHour;
    case Granularity::Days: return floorDiv(ms, kDay) * kDay;
    case Granularity::Months: {
      CivilDate date = civilFromDays(floorDiv(ms, kDay));
      return startOfMonth(date.year, date.month);
    }
    case Granularity::Years: return startOfMonth(civilFromDays(floorDiv(ms, kDay)).year, 1);
  }
  return ms;
}

int64_t nextBucketStart(int64_t ms, Granularity granularity) {
  switch (granularity) {
    case Granularity::Seconds: return bucketStart(ms, granularity) + kSecond;
    case Granularity::Minutes: return bucketStart(ms, granularity) + kMinute;
    case Granularity::Hours: return bucketStart(ms, granularity) + kHour;
    case Granularity::Days: return bucketStart(ms, granularity) + kDay;
    case Granularity::Months: {
      CivilDate date = civilFromDays(floorDiv(ms, kDay));
      return date.month == 12 ? startOfMonth(date.year + 1, 1) : startOfMonth(date.year, date.month + 1);
    }
    case Granularity::Years: return startOfMonth(civilFromDays(floorDiv(ms, kDay)).year + 1, 1);
  }
  return ms;
}

std::optional<int64_t> parseAggregationTime(std::string_view text) {
  auto fields = parseFields(trimmed(text), false);
  if (!fields) return std::nullopt;
  return epochOf(*fields);
}

std::optional<std::pair<int64_t, int64_t>> parseWithinPattern(std::string_view text) {
  auto fields = parseFields(trimmed(text), true);
  if (!fields) return std::nullopt;
  int64_t start = epochOf(*fields);
  int64_t offset = fields->offsetMinutes * kMinute;
  switch (fields->wildcards) {
    case 0: return std::make_pair(start, start + kSecond);
    case 1: return std::make_pair(start, start + kMinute);
    case 2: return std::make_pair(start, start + kHour);
    case 3: return std::make_pair(start, start + kDay);
    case 4:  // a month of the time's own offset
      return std::make_pair(start, nextBucketStart(start + offset, Granularity::Months) - offset);
    default:  // a year
      return std::make_pair(start, nextBucketStart(start + offset, Granularity::Years) - offset);
  }
}

}  // namespace cepheus
