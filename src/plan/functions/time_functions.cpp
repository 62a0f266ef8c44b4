// time: — siddhi-execution-time. Date strings are read and written with Java date patterns
// in the system time zone (the TZ environment variable; the JVM's default zone in Siddhi),
// leniently as FastDateFormat reads them (2014-02-30 is March 2nd). The current time is the
// wall clock of the app's Clock (currentTimeMillis() follows the playback clock; these, as in
// Siddhi, the system time). A null argument gives null; a date that does not match its
// pattern fails the call.
#include <algorithm>
#include <cctype>

#include "common/java_date_format.h"
#include "common/time_zone.h"
#include "plan/functions/function_support.h"
#include "runtime/clock.h"

namespace cepheus::plan::fn {

namespace {

using V = Value;
using Dialect = JavaDateFormat::Dialect;

constexpr const char* kDefaultFormat = "yyyy-MM-dd HH:mm:ss.SSS";

JavaDateFormat compileOrThrow(std::string_view pattern, Dialect dialect = Dialect::Simple) {
  std::string error;
  auto format = JavaDateFormat::compile(pattern, dialect, error);
  if (!format) throw std::logic_error(error);
  return *format;
}

// A date pattern argument: compiled once when constant, else when it changes.
class FormatSource {
 public:
  FormatSource(const TypedExpr* arg, std::string_view fallback, Dialect dialect = Dialect::Simple)
      : dialect_(dialect) {
    if (!arg) constant_ = compileOrThrow(fallback, dialect);
    else if (arg->isConstant()) constant_ = compileOrThrow(arg->constant.asString(), dialect);
  }
  const JavaDateFormat& get(const Call& c, const V* pattern) const {
    if (constant_) return *constant_;
    std::string_view text = pattern->asString();
    if (!last_ || text != last_->pattern()) {
      std::string error;
      last_ = JavaDateFormat::compile(text, dialect_, error);
      if (!last_) c.fail(error);
    }
    return *last_;
  }

 private:
  Dialect dialect_;
  std::optional<JavaDateFormat> constant_;
  mutable std::optional<JavaDateFormat> last_;
};

// A zone argument: resolved once when constant, else when it changes.
class ZoneSource {
 public:
  explicit ZoneSource(const TypedExpr* arg) : zone_(TimeZone::system()) {
    if (arg && arg->isConstant()) {
      std::string error;
      auto zone = TimeZone::find(arg->constant.asString(), error);
      if (!zone) throw std::logic_error(error);
      zone_ = *zone;
      constant_ = true;
    } else if (!arg) {
      constant_ = true;
    }
  }
  const TimeZone& get(const Call& c, const V* id) const {
    if (constant_) return zone_;
    if (id->asString() != lastId_) {
      std::string error;
      auto zone = TimeZone::find(id->asString(), error);
      if (!zone) c.fail(error);
      zone_ = *zone;
      lastId_.assign(id->asString());
    }
    return zone_;
  }

 private:
  mutable TimeZone zone_;
  mutable std::string lastId_;
  bool constant_ = false;
};

int64_t yearOf(int64_t epochMillis) { return civilFromDays(floorDiv(epochMillis, 86'400'000)).year; }

// Fields of a moment in the system zone, with the zone's offset cached between events.
struct LocalTime {
  TimeZone zone = TimeZone::system();
  OffsetCache offsets;
  DateTime at(int64_t epochMillis) { return toDateTime(epochMillis, offsets.offsetAt(zone, floorDiv(epochMillis, 1000))); }
  int offset(int64_t epochMillis) { return offsets.offsetAt(zone, floorDiv(epochMillis, 1000)); }
};

int64_t parseOrFail(const Call& c, const JavaDateFormat& format, const V& text, const TimeZone& zone) {
  std::string error;
  auto millis = format.parseInstant(text.asString(), zone, yearOf(c.ctx.clock->wallNow()), error);
  if (!millis) c.fail(error);
  return *millis;
}

EvaluatorPtr formatNow(const TypedExpr& e, const char* pattern, const TimeZone& zone) {
  auto format = std::make_shared<JavaDateFormat>(compileOrThrow(pattern));
  return make<V>(e, Nulls::Null, [format, zone](Call& c, V& out) {
    c.scratch.clear();
    format->format(c.ctx.clock->wallNow(), zone, c.scratch);
    return c.result(out);
  });
}

EvaluatorPtr currentTimestamp(const TypedExpr& e) {
  if (e.overload == 0) return formatNow(e, "yyyy-MM-dd HH:mm:ss", TimeZone::system());
  std::string error;
  TimeZone fixed = *TimeZone::find(e.args[0].constant.asString(), error);
  TypedExpr call = e;
  call.args.clear();
  return formatNow(call, "yyyy-MM-dd HH:mm:ss", fixed);
}

// time:date(value[, format]) and time:dayOfWeek(value[, format]): parse, then show with `target`.
EvaluatorPtr reformat(const TypedExpr& e, const char* target, bool dayOfWeekShortcut) {
  bool withFormat = e.overload == 0;
  auto source = std::make_shared<FormatSource>(withFormat ? &e.args[1] : nullptr,
                                               dayOfWeekShortcut ? "yyyy-MM-dd" : kDefaultFormat);
  auto shown = std::make_shared<JavaDateFormat>(compileOrThrow(target));
  auto local = std::make_shared<LocalTime>();
  return makeVariadic<V>(
      e,
      [withFormat, source, shown, local, dayOfWeekShortcut](Call& c, const V* v, size_t n, V& out) {
        for (size_t i = 0; i < n; ++i)
          if (v[i].isNull()) return false;
        V text = v[0];
        // dayOfWeek(value) reads the part before the first space as yyyy-MM-dd, as Siddhi does.
        if (!withFormat && dayOfWeekShortcut) text = Value::ofString(text.asString().substr(0, text.asString().find(' ')));
        int64_t millis = parseOrFail(c, source->get(c, withFormat ? &v[1] : nullptr), text, local->zone);
        c.scratch.clear();
        shown->format(local->at(millis), local->zone, c.scratch);
        return c.result(out);
      },
      compileArguments(e));
}

enum class Unit { Second, Minute, Hour, Day, Week, Month, Quarter, Year };

Unit unitOf(std::string_view text) {
  std::string u(text);
  std::transform(u.begin(), u.end(), u.begin(), [](unsigned char ch) { return std::toupper(ch); });
  if (u == "SECOND") return Unit::Second;
  if (u == "MINUTE") return Unit::Minute;
  if (u == "HOUR") return Unit::Hour;
  if (u == "DAY") return Unit::Day;
  if (u == "WEEK") return Unit::Week;
  if (u == "MONTH") return Unit::Month;
  if (u == "QUARTER") return Unit::Quarter;
  return Unit::Year;  // the analyzer admits only these
}

// java.util.Calendar.add: seconds, minutes and hours move the instant; days and weeks the
// local date; months, quarters and years the month, with the day clamped to the month's end.
int64_t addToDate(LocalTime& local, int64_t millis, Unit unit, int64_t amount) {
  switch (unit) {
    case Unit::Second: return millis + amount * 1000;
    case Unit::Minute: return millis + amount * 60'000;
    case Unit::Hour: return millis + amount * 3'600'000;
    default: break;
  }
  DateTime t = local.at(millis);
  int64_t year = t.year;
  int64_t month = t.month;
  int64_t day = t.day;
  switch (unit) {
    case Unit::Day: day += amount; break;
    case Unit::Week: day += amount * 7; break;
    case Unit::Month: month += amount; break;
    case Unit::Quarter: month += amount * 3; break;
    case Unit::Year: year += amount; break;
    default: break;
  }
  if (unit == Unit::Month || unit == Unit::Quarter || unit == Unit::Year) {
    year += floorDiv(month - 1, 12);
    month = floorMod(month - 1, 12) + 1;
    day = std::min<int64_t>(day, daysInMonth(year, static_cast<int>(month)));
  }
  int64_t seconds = local.zone.toEpochSeconds(year, static_cast<int>(month), static_cast<int>(day), t.hour, t.minute, t.second);
  return seconds * 1000 + t.millis;
}

EvaluatorPtr dateAdd(const TypedExpr& e, int sign) {
  Unit unit = unitOf(e.args[2].constant.asString());
  auto local = std::make_shared<LocalTime>();
  if (e.overload == 1) {  // epoch milliseconds in, their decimal text out
    return makeVariadic<V>(
        e,
        [unit, local, sign](Call& c, const V* v, size_t, V& out) {
          if (v[0].isNull() || v[1].isNull()) return false;
          c.scratch.clear();
          appendJavaText(c.scratch, Value::ofLong(addToDate(*local, v[0].asLong(), unit, sign * int64_t{v[1].asInt()})));
          return c.result(out);
        },
        compileArguments(e));
  }
  bool withFormat = e.overload == 2;
  auto format = std::make_shared<FormatSource>(withFormat ? &e.args[3] : nullptr, kDefaultFormat);
  return makeVariadic<V>(
      e,
      [unit, local, sign, withFormat, format](Call& c, const V* v, size_t n, V& out) {
        for (size_t i = 0; i < n; ++i)
          if (i != 2 && v[i].isNull()) return false;
        const JavaDateFormat& f = format->get(c, withFormat ? &v[3] : nullptr);
        int64_t millis = addToDate(*local, parseOrFail(c, f, v[0], local->zone), unit, sign * int64_t{v[1].asInt()});
        c.scratch.clear();
        f.format(local->at(millis), local->zone, c.scratch);
        return c.result(out);
      },
      compileArguments(e));
}

// Whole days between the instants, truncated toward zero (TimeUnit.DAYS.convert).
EvaluatorPtr dateDiff(const TypedExpr& e) {
  if (e.overload == 1)
    return make<int64_t, int64_t, int64_t>(e, Nulls::Null, [](Call&, int64_t a, int64_t b, int64_t& out) {
      out = (a - b) / 86'400'000;
      return true;
    });
  bool withFormats = e.overload == 2;
  auto first = std::make_shared<FormatSource>(withFormats ? &e.args[2] : nullptr, kDefaultFormat);
  auto second = std::make_shared<FormatSource>(withFormats ? &e.args[3] : nullptr, kDefaultFormat);
  auto local = std::make_shared<LocalTime>();
  return makeVariadic<int64_t>(
      e,
      [withFormats, first, second, local](Call& c, const V* v, size_t n, int64_t& out) {
        for (size_t i = 0; i < n; ++i)
          if (v[i].isNull()) return false;
        int64_t a = parseOrFail(c, first->get(c, withFormats ? &v[2] : nullptr), v[0], local->zone);
        int64_t b = parseOrFail(c, second->get(c, withFormats ? &v[3] : nullptr), v[1], local->zone);
        out = (a - b) / 86'400'000;
        return true;
      },
      compileArguments(e));
}

EvaluatorPtr dateFormat(const TypedExpr& e) {
  auto target = std::make_shared<FormatSource>(&e.args[1], "");
  auto local = std::make_shared<LocalTime>();
  if (e.overload == 2)
    return makeVariadic<V>(
        e,
        [target, local](Call& c, const V* v, size_t, V& out) {
          if (v[0].isNull() || v[1].isNull()) return false;
          c.scratch.clear();
          target->get(c, &v[1]).format(local->at(v[0].asLong()), local->zone, c.scratch);
          return c.result(out);
        },
        compileArguments(e));
  bool withSource = e.overload == 0;
  auto source = std::make_shared<FormatSource>(withSource ? &e.args[2] : nullptr, kDefaultFormat);
  return makeVariadic<V>(
      e,
      [target, source, local, withSource](Call& c, const V* v, size_t n, V& out) {
        for (size_t i = 0; i < n; ++i)
          if (v[i].isNull()) return false;
        int64_t millis = parseOrFail(c, source->get(c, withSource ? &v[2] : nullptr), v[0], local->zone);
        c.scratch.clear();
        target->get(c, &v[1]).format(local->at(millis), local->zone, c.scratch);
        return c.result(out);
      },
      compileArguments(e));
}

int32_t extractUnit(LocalTime& local, int64_t millis, Unit unit, WeekRules rules) {
  switch (unit) {  // the time of day needs only the offset
    case Unit::Second: return static_cast<int32_t>(floorMod(floorDiv(millis + int64_t{local.offset(millis)} * 1000, 1000), 60));
    case Unit::Minute: return static_cast<int32_t>(floorMod(floorDiv(millis + int64_t{local.offset(millis)} * 1000, 60'000), 60));
    case Unit::Hour: return static_cast<int32_t>(floorMod(floorDiv(millis + int64_t{local.offset(millis)} * 1000, 3'600'000), 24));
    default: break;
  }
  DateTime t = local.at(millis);
  switch (unit) {
    case Unit::Day: return t.day;
    case Unit::Week: return weekOfYear(t, rules);
    case Unit::Month: return t.month;
    case Unit::Quarter: return (t.month - 1) / 3 + 1;
    default: return static_cast<int32_t>(t.year);
  }
}

EvaluatorPtr extract(const TypedExpr& e) {
  bool fromMillis = e.overload >= 3;
  Unit unit = unitOf(e.args[fromMillis ? 1 : 0].constant.asString());
  WeekRules rules;
  if (e.overload == 2 || e.overload == 4) rules = *weekRulesOfLocale(e.args[e.overload == 2 ? 3 : 2].constant.asString());
  auto local = std::make_shared<LocalTime>();
  if (fromMillis) {
    TypedExpr call = e;
    call.args.resize(1);  // unit and locale were used at plan time
    return make<int32_t, int64_t>(call, Nulls::Null, [local, unit, rules](Call&, int64_t millis, int32_t& out) {
      out = extractUnit(*local, millis, unit, rules);
      return true;
    });
  }
  bool withFormat = e.overload >= 1;
  auto format = std::make_shared<FormatSource>(withFormat ? &e.args[2] : nullptr, kDefaultFormat);
  return makeVariadic<int32_t>(
      e,
      [local, unit, rules, withFormat, format](Call& c, const V* v, size_t, int32_t& out) {
        if (v[1].isNull() || (withFormat && v[2].isNull())) return false;
        int64_t millis = parseOrFail(c, format->get(c, withFormat ? &v[2] : nullptr), v[1], local->zone);
        out = extractUnit(*local, millis, unit, rules);
        return true;
      },
      compileArguments(e));
}

EvaluatorPtr timestampInMilliseconds(const TypedExpr& e) {
  if (e.overload == 0)
    return make<int64_t>(e, Nulls::Null, [](Call& c, int64_t& out) {
      out = c.ctx.clock->wallNow();
      return true;
    });
  bool withFormat = e.overload == 1;
  auto format = std::make_shared<FormatSource>(withFormat ? &e.args[1] : nullptr, kDefaultFormat);
  auto local = std::make_shared<LocalTime>();
  return makeVariadic<int64_t>(
      e,
      [withFormat, format, local](Call& c, const V* v, size_t n, int64_t& out) {
        for (size_t i = 0; i < n; ++i)
          if (v[i].isNull()) return false;
        out = parseOrFail(c, format->get(c, withFormat ? &v[1] : nullptr), v[0], local->zone);
        return true;
      },
      compileArguments(e));
}

// LocalDateTime.parse with a DateTimeFormatter pattern, placed in the source zone, shown with
// the same pattern in the target zone.
EvaluatorPtr timezoneConvert(const TypedExpr& e) {
  auto format = std::make_shared<FormatSource>(&e.args[1], "", Dialect::Formatter);
  auto target = std::make_shared<ZoneSource>(&e.args[2]);
  auto source = std::make_shared<ZoneSource>(e.args.size() > 3 ? &e.args[3] : nullptr);
  return makeVariadic<V>(
      e,
      [format, target, source](Call& c, const V* v, size_t n, V& out) {
        for (size_t i = 0; i < n; ++i)
          if (v[i].isNull()) return false;
        const JavaDateFormat& f = format->get(c, &v[1]);
        if (!f.hasDate() || !f.hasTimeOfDay()) c.fail("the pattern '" + f.pattern() + "' must give a date and a time of day");
        JavaDateFormat::Fields fields;
        std::string error;
        if (!f.parse(v[0].asString(), fields, 2000, error)) c.fail(error);
        fields.offsetSeconds.reset();  // a LocalDateTime: an offset in the text is not used
        fields.zoneName.clear();
        auto millis = f.resolve(fields, source->get(c, n > 3 ? &v[3] : nullptr), error);
        if (!millis) c.fail(error);
        c.scratch.clear();
        f.format(*millis, target->get(c, &v[2]), c.scratch);
        return c.result(out);
      },
      compileArguments(e));
}

EvaluatorPtr utcTimestamp(const TypedExpr& e) {
  if (e.overload == 0) return formatNow(e, "yyyy-MM-dd HH:mm:ss", TimeZone::utc());
  auto format = std::make_shared<FormatSource>(&e.args[0], "");
  return make<V, V>(e, Nulls::Null, [format](Call& c, const V& pattern, V& out) {
    c.scratch.clear();
    format->get(c, &pattern).format(c.ctx.clock->wallNow(), TimeZone::utc(), c.scratch);
    return c.result(out);
  });
}

}  // namespace

void addTimeFunctions(FactoryTable& t) {
  add(t, "time:currentDate", [](const TypedExpr& e) { return formatNow(e, "yyyy-MM-dd", TimeZone::system()); });
  add(t, "time:currentTime", [](const TypedExpr& e) { return formatNow(e, "HH:mm:ss", TimeZone::system()); });
  add(t, "time:currentTimestamp", currentTimestamp);
  add(t, "time:date", [](const TypedExpr& e) { return reformat(e, "yyyy-MM-dd", false); });
  add(t, "time:dateAdd", [](const TypedExpr& e) { return dateAdd(e, 1); });
  add(t, "time:dateSub", [](const TypedExpr& e) { return dateAdd(e, -1); });
  add(t, "time:dateDiff", dateDiff);
  add(t, "time:dateFormat", dateFormat);
  add(t, "time:dayOfWeek", [](const TypedExpr& e) { return reformat(e, "EEEE", true); });
  add(t, "time:extract", extract);
  add(t, "time:timestampInMilliseconds", timestampInMilliseconds);
  add(t, "time:timezoneConvert", timezoneConvert);
  add(t, "time:utcTimestamp", utcTimestamp);
}

}  // namespace cepheus::plan::fn
