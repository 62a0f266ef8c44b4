#include "common/time_zone.h"

#include <cctz/civil_time.h>

#include <cctype>
#include <chrono>
#include <limits>
#include <map>
#include <mutex>
#include <cstdlib>

namespace cepheus {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int64_t daysFromCivil(int64_t year, int month, int day) {
  year += floorDiv(month - 1, 12);
  month = static_cast<int>(floorMod(month - 1, 12)) + 1;
  int64_t y = month <= 2 ? year - 1 : year;
  int64_t era = floorDiv(y, 400);
  int64_t yoe = y - era * 400;
  int64_t mp = (month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

CivilDate civilFromDays(int64_t z) {
  z += 719468;
  int64_t era = floorDiv(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

int weekdayOfDays(int64_t days) { return static_cast<int>(floorMod(days + 4, 7)); }

bool isLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int64_t year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : days[month - 1];
}

DateTime toDateTime(int64_t epochMillis, int offsetSeconds) {
  DateTime t;
  t.epochMillis = epochMillis;
  t.offsetSeconds = offsetSeconds;
  int64_t local = epochMillis + int64_t{offsetSeconds} * 1000;
  int64_t days = floorDiv(local, 86'400'000);
  int64_t msOfDay = local - days * 86'400'000;
  CivilDate date = civilFromDays(days);
  t.year = date.year;
  t.month = date.month;
  t.day = date.day;
  t.hour = static_cast<int>(msOfDay / 3'600'000);
  t.minute = static_cast<int>(msOfDay / 60'000 % 60);
  t.second = static_cast<int>(msOfDay / 1000 % 60);
  t.millis = static_cast<int>(msOfDay % 1000);
  t.weekday = weekdayOfDays(days);
  t.dayOfYear = static_cast<int>(days - daysFromCivil(date.year, 1, 1) + 1);
  return t;
}

namespace {

using Seconds = cctz::time_point<cctz::seconds>;

Seconds toTimePoint(int64_t epochSeconds) {
  return Seconds(cctz::seconds(epochSeconds));
}

int64_t toEpoch(const Seconds& tp) { return tp.time_since_epoch().count(); }

// Java's ZoneId.SHORT_IDS.
const std::map<std::string_view, std::string_view>& shortIds() {
  static const std::map<std::string_view, std::string_view> ids = {
      {"ACT", "Australia/Darwin"},   {"AET", "Australia/Sydney"},
      {"AGT", "America/Argentina/Buenos_Aires"}, {"ART", "Africa/Cairo"},
      {"AST", "America/Anchorage"},  {"BET", "America/Sao_Paulo"},
      {"BST", "Asia/Dhaka"},         {"CAT", "Africa/Harare"},
      {"CNT", "America/St_Johns"},   {"CST", "America/Chicago"},
      {"CTT", "Asia/Shanghai"},      {"EAT", "Africa/Addis_Ababa"},
      {"ECT", "Europe/Paris"},       {"IET", "America/Indiana/Indianapolis"},
      {"IST", "Asia/Kolkata"},       {"JST", "Asia/Tokyo"},
      {"MIT", "Pacific/Apia"},       {"NET", "Asia/Yerevan"},
      {"NST", "Pacific/Auckland"},   {"PLT", "Asia/Karachi"},
      {"PNT", "America/Phoenix"},    {"PRT", "America/Puerto_Rico"},
      {"PST", "America/Los_Angeles"}, {"SST", "Pacific/Guadalcanal"},
      {"VST", "Asia/Ho_Chi_Minh"},   {"EST", "-05:00"},
      {"MST", "-07:00"},             {"HST", "-10:00"},
  };
  return ids;
}

// ZoneOffset.of: +h, +hh, +hh:mm, +hhmm, +hh:mm:ss, +hhmmss; at most 18 hours.
std::optional<int> parseOffset(std::string_view text) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  int sign = text[0] == '-' ? -1 : 1;
  std::string_view rest = text.substr(1);
  auto digits = [](std::string_view s) {
    for (char c : s)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return !s.empty();
  };
  auto num = [](std::string_view s) { return std::stoi(std::string(s)); };
  int h = 0, m = 0, s = 0;
  if (rest.size() <= 2 && digits(rest)) {
    h = num(rest);
  } else if (rest.size() == 5 && rest[2] == ':' && digits(rest.substr(0, 2)) && digits(rest.substr(3))) {
    h = num(rest.substr(0, 2));
    m = num(rest.substr(3));
  } else if (rest.size() == 4 && digits(rest)) {
    h = num(rest.substr(0, 2));
    m = num(rest.substr(2));
  } else if (rest.size() == 8 && rest[2] == ':' && rest[5] == ':' && digits(rest.substr(0, 2)) &&
             digits(rest.substr(3, 2)) && digits(rest.substr(6))) {
    h = num(rest.substr(0, 2));
    m = num(rest.substr(3, 2));
    s = num(rest.substr(6));
  } else if (rest.size() == 6 && digits(rest)) {
    h = num(rest.substr(0, 2));
    m = num(rest.substr(2, 2));
    s = num(rest.substr(4));
  } else {
    return std::nullopt;
  }
  if (h > 18 || m > 59 || s > 59 || (h == 18 && (m || s))) return std::nullopt;
  return sign * (h * 3600 + m * 60 + s);
}

std::string offsetText(int offset, bool colon) {
  char buffer[16];
  int a = offset < 0 ? -offset : offset;
  std::snprintf(buffer, sizeof buffer, colon ? "%c%02d:%02d" : "%c%02d%02d", offset < 0 ? '-' : '+',
                a / 3600, a / 60 % 60);
  return buffer;
}

}  // namespace

std::optional<TimeZone> TimeZone::find(std::string_view idView, std::string& error) {
  std::string id(idView);
  auto it = shortIds().find(idView);
  std::string region = it != shortIds().end() ? std::string(it->second) : id;
  if (region == "Z" || region == "UTC" || region == "GMT" || region == "UT")
    return TimeZone(cctz::utc_time_zone(), id);
  std::string_view offsetPart = region;
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (offsetPart.substr(0, prefix.size()) == prefix && offsetPart.size() > prefix.size() &&
        (offsetPart[prefix.size()] == '+' || offsetPart[prefix.size()] == '-')) {
      offsetPart.remove_prefix(prefix.size());
      break;
    }
  }
  if (!offsetPart.empty() && (offsetPart[0] == '+' || offsetPart[0] == '-')) {
    auto offset = parseOffset(offsetPart);
    if (!offset) {
      error = "invalid time zone offset '" + id + "' (use +hh:mm, from -18:00 to +18:00)";
      return std::nullopt;
    }
    return TimeZone(cctz::fixed_time_zone(cctz::seconds(*offset)), id);
  }
  bool wellFormed = !region.empty() && std::isalpha(static_cast<unsigned char>(region[0]));
  for (char c : region)
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("~/._+-").find(c) == std::string_view::npos)
      wellFormed = false;
  cctz::time_zone zone;
  if (!wellFormed || region.find("..") != std::string::npos || !cctz::load_time_zone(region, &zone)) {
    error = "unknown time zone '" + id + "' (use a region such as 'Asia/Kolkata', an offset such as '+05:30', or 'UTC')";
    return std::nullopt;
  }
  return TimeZone(zone, id);
}

TimeZone TimeZone::system() {
  static std::mutex mutex;
  static std::string tz = "\x01";  // never a TZ value: the first call loads
  static TimeZone zone(cctz::utc_time_zone(), "UTC");
  std::lock_guard lock(mutex);
  const char* now = std::getenv("TZ");
  std::string current = now ? now : "";
  if (current != tz) {
    tz = current;
    zone = TimeZone(cctz::local_time_zone(), current.empty() ? "system" : current);
  }
  return zone;
}

const TimeZone& TimeZone::utc() {
  static const TimeZone zone(cctz::utc_time_zone(), "UTC");
  return zone;
}

int TimeZone::offsetAt(int64_t epochSeconds) const { return zone_.lookup(toTimePoint(epochSeconds)).offset; }

std::string TimeZone::abbreviationAt(int64_t epochSeconds) const {
  auto lookup = zone_.lookup(toTimePoint(epochSeconds));
  std::string abbr = lookup.abbr ? lookup.abbr : "";
  if (abbr.empty() || abbr[0] == '+' || abbr[0] == '-' || abbr.substr(0, 4) == "UTC+" ||
      abbr.substr(0, 4) == "UTC-")
    return lookup.offset == 0 ? "GMT" : "GMT" + offsetText(lookup.offset, true);
  return abbr;
}

int64_t TimeZone::toEpochSeconds(int64_t year, int month, int day, int hour, int minute, int second) const {
  int64_t days = daysFromCivil(year, month, 1) + (day - 1);
  int64_t naive = days * 86400 + int64_t{hour} * 3600 + int64_t{minute} * 60 + second;
  cctz::civil_second civil = cctz::civil_second(1970, 1, 1, 0, 0, 0) + naive;
  return toEpoch(zone_.lookup(civil).pre);
}

int OffsetCache::offsetAt(const TimeZone& zone, int64_t epochSeconds) {
  if (zone_ == &zone && epochSeconds >= from_ && epochSeconds < to_) return offset_;
  zone_ = &zone;
  Seconds tp = toTimePoint(epochSeconds);
  offset_ = zone.zone_.lookup(tp).offset;
  cctz::time_zone::civil_transition transition;
  from_ = std::numeric_limits<int64_t>::min();
  to_ = std::numeric_limits<int64_t>::max();
  if (zone.zone_.prev_transition(tp + cctz::seconds(1), &transition))
    from_ = toEpoch(zone.zone_.lookup(transition.to).trans);
  if (zone.zone_.next_transition(tp, &transition))
    to_ = toEpoch(zone.zone_.lookup(transition.to).trans);
  if (from_ > epochSeconds || to_ <= epochSeconds) {  // be safe: cache only this instant
    from_ = epochSeconds;
    to_ = epochSeconds + 1;
  }
  return offset_;
}

std::optional<WeekRules> weekRulesOfLocale(std::string_view locale) {
  // LocaleUtils.toLocale: "ll", "ll_CC" or "ll_CC_variant" (language lower case, country upper).
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (locale.size() < 2 || !lower(locale[0]) || !lower(locale[1])) return std::nullopt;
  std::string_view country;
  if (locale.size() > 2) {
    if (locale[2] != '_' || locale.size() < 5 || !upper(locale[3]) || !upper(locale[4])) return std::nullopt;
    if (locale.size() > 5 && (locale[5] != '_' || locale.size() == 6)) return std::nullopt;
    country = locale.substr(3, 2);
  }
  // Java's week data (locale provider JRE/CLDR). Regions absent here start on Monday with
  // minimal days 1, as in Java; a language without a country follows the US rules, like Java's
  // default for "en".
  static const std::string_view sundayStart[] = {"US", "CA", "JP", "BR", "MX", "IL", "KR", "TW",
                                                 "PH", "ZA", "IN", "AU", "HK", "SA", "CN"};
  static const std::string_view iso[] = {"AT", "BE", "BG", "CH", "CZ", "DE", "DK", "EE", "ES", "FI",
                                         "FR", "GB", "GR", "HU", "IE", "IS", "IT", "LI", "LT", "LU",
                                         "NL", "NO", "PL", "PT", "RU", "SE", "SK", "FO", "AD", "MC"};
  if (country.empty()) return WeekRules{0, 1};
  for (auto c : sundayStart)
    if (c == country) return WeekRules{0, 1};
  for (auto c : iso)
    if (c == country) return WeekRules{1, 4};
  return WeekRules{1, 1};
}

namespace {

// The day (days since epoch) week 1 of `year` starts on.
int64_t firstWeekStart(int64_t year, WeekRules rules) {
  int64_t jan1 = daysFromCivil(year, 1, 1);
  int into = static_cast<int>(floorMod(weekdayOfDays(jan1) - rules.firstDay, 7));
  int64_t start = jan1 - into;
  if (7 - into < rules.minimalDays) start += 7;
  return start;
}

int64_t daysOf(const DateTime& t) { return daysFromCivil(t.year, t.month, t.day); }

}  // namespace

int weekOfYear(const DateTime& t, WeekRules rules, int64_t* weekYear) {
  int64_t d = daysOf(t);
  int64_t year = t.year;
  if (d >= firstWeekStart(year + 1, rules)) {
    year += 1;
  } else if (d < firstWeekStart(year, rules)) {
    year -= 1;
  }
  if (weekYear) *weekYear = year;
  return static_cast<int>((d - firstWeekStart(year, rules)) / 7 + 1);
}

int weekOfMonth(const DateTime& t, WeekRules rules) {
  int64_t first = daysFromCivil(t.year, t.month, 1);
  int into = static_cast<int>(floorMod(weekdayOfDays(first) - rules.firstDay, 7));
  int64_t start = first - into;
  if (7 - into < rules.minimalDays) start += 7;
  return static_cast<int>(floorDiv(daysOf(t) - start, 7) + 1);
}

}  // namespace cepheus
