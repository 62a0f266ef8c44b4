// time: — the functions of siddhi-execution-time. Dates are strings in Java date patterns
// (default 'yyyy-MM-dd HH:mm:ss.SSS') or epoch milliseconds; the overload order below is the
// planner's too (plan/functions/time_functions.cpp).
#include <algorithm>
#include <cctype>

#include "analyze/function_catalog.h"
#include "common/java_date_format.h"
#include "common/time_zone.h"

namespace cepheus::analyze {

namespace {

using namespace types;

bool checkUnit(CallCheck& call, size_t arg) {
  std::string unit(call.constantString(arg));
  std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return std::toupper(c); });
  for (const char* known : {"SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"})
    if (unit == known) return true;
  call.error(arg, "unknown unit '" + std::string(call.constantString(arg)) +
                      "' (use SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER or YEAR)");
  return false;
}

bool checkLocale(CallCheck& call, size_t arg) {
  if (weekRulesOfLocale(call.constantString(arg))) return true;
  call.error(arg, "'" + std::string(call.constantString(arg)) + "' is not a locale such as 'en_US' or 'fr_FR'");
  return false;
}

bool patternAt(CallCheck& call, size_t arg) { return arg >= call.args.size() || checkDatePatternArgument(call, arg); }

bool currentTimestampCheck(CallCheck& call) { return call.overload == 0 || checkTimeZoneArgument(call, 0); }
bool formatSecond(CallCheck& call) { return patternAt(call, 1); }
bool dateAddCheck(CallCheck& call) { return checkUnit(call, 2) && patternAt(call, 3); }
bool dateDiffCheck(CallCheck& call) { return patternAt(call, 2) && patternAt(call, 3); }
bool dateFormatCheck(CallCheck& call) { return patternAt(call, 1) && patternAt(call, 2); }
bool utcTimestampCheck(CallCheck& call) { return patternAt(call, 0); }

bool extractCheck(CallCheck& call) {
  if (call.overload <= 2) return checkUnit(call, 0) && patternAt(call, 2) && (call.overload < 2 || checkLocale(call, 3));
  return checkUnit(call, 1) && (call.overload < 4 || checkLocale(call, 2));
}

bool timezoneConvertCheck(CallCheck& call) {
  if (!checkDatePatternArgument(call, 1, true) || !checkTimeZoneArgument(call, 2) ||
      (call.args.size() > 3 && !checkTimeZoneArgument(call, 3)))
    return false;
  if (call.isConstant(1)) {
    std::string error;
    auto format = JavaDateFormat::compile(call.constantString(1), JavaDateFormat::Dialect::Formatter, error);
    if (format && (!format->hasDate() || !format->hasTimeOfDay())) {
      call.error(1, "the pattern '" + format->pattern() + "' must give a date and a time of day");
      return false;
    }
  }
  return true;
}

}  // namespace

void addTimeRules(std::vector<FunctionRule>& rules) {
  const Param value{"date.value", String};
  const Param millis{"timestamp.in.milliseconds", Long};
  const Param format{"date.format", String};
  const Param unit{"unit", String, true};
  const Param expr{"expr", Int};
  rules.push_back({"time:currentDate", {{{}, Type::String}}});
  rules.push_back({"time:currentTime", {{{}, Type::String}}});
  rules.push_back({"time:currentTimestamp", {{{}, Type::String}, {{{"timezone", String, true}}, Type::String}},
                   currentTimestampCheck});
  rules.push_back({"time:date", {{{value, format}, Type::String}, {{value}, Type::String}}, formatSecond});
  for (const char* name : {"time:dateAdd", "time:dateSub"})
    rules.push_back({name,
                     {{{value, expr, unit}, Type::String},
                      {{millis, expr, unit}, Type::String},
                      {{value, expr, unit, format}, Type::String}},
                     dateAddCheck});
  rules.push_back({"time:dateDiff",
                   {{{{"date.value1", String}, {"date.value2", String}}, Type::Long},
                    {{{"timestamp.in.milliseconds1", Long}, {"timestamp.in.milliseconds2", Long}}, Type::Long},
                    {{{"date.value1", String}, {"date.value2", String}, {"date.format1", String}, {"date.format2", String}},
                     Type::Long}},
                   dateDiffCheck});
  rules.push_back({"time:dateFormat",
                   {{{value, {"date.target.format", String}, {"date.source.format", String}}, Type::String},
                    {{value, {"date.target.format", String}}, Type::String},
                    {{millis, {"date.target.format", String}}, Type::String}},
                   dateFormatCheck});
  rules.push_back({"time:dayOfWeek", {{{value, format}, Type::String}, {{value}, Type::String}}, formatSecond});
  rules.push_back({"time:extract",
                   {{{unit, value}, Type::Int},
                    {{unit, value, format}, Type::Int},
                    {{unit, value, format, {"locale", String, true}}, Type::Int},
                    {{millis, unit}, Type::Int},
                    {{millis, unit, {"locale", String, true}}, Type::Int}},
                   extractCheck});
  rules.push_back({"time:timestampInMilliseconds",
                   {{{}, Type::Long}, {{value, format}, Type::Long}, {{value}, Type::Long}},
                   [](CallCheck& call) { return patternAt(call, 1); }});
  rules.push_back({"time:timezoneConvert",
                   {{{value, {"date.source.format", String}, {"target.timezone", String}}, Type::String},
                    {{value, {"date.source.format", String}, {"target.timezone", String}, {"source.timezone", String}},
                     Type::String}},
                   timezoneConvertCheck});
  rules.push_back({"time:utcTimestamp", {{{}, Type::String}, {{format}, Type::String}}, utcTimestampCheck});
}

}  // namespace cepheus::analyze
