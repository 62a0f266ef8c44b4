// @purge on an aggregation: whether and how often rolled-up buckets are dropped, and how long
// each granularity keeps them. Siddhi's rules (IncrementalDataPurger): `enable` is true or
// false; times are "<number> <unit>" with Siddhi's units (a month is 30 days, a year 365);
// a retention is 'all' or at least the granularity's minimum.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "analyze/app_analyzer.h"
#include "analyze/definition_helpers.h"

namespace cepheus::analyze {

namespace {

constexpr int64_t kSecond = 1000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

// Siddhi's Expression.Time.timeToLong: the first run of digits is the number, the first run of
// anything else the unit.
std::optional<int64_t> siddhiTime(const std::string& text) {
  constexpr const char* kDigits = "0123456789";
  size_t digits = text.find_first_of(kDigits);
  size_t unit = text.find_first_not_of(kDigits);
  if (digits == std::string::npos || unit == std::string::npos) return std::nullopt;
  size_t digitsEnd = std::min(text.find_first_not_of(kDigits, digits), text.size());
  if (digitsEnd - digits > 9) return std::nullopt;
  int64_t number = std::stoll(text.substr(digits, digitsEnd - digits));
  size_t unitEnd = std::min(text.find_first_of(kDigits, unit), text.size());
  std::string_view name = std::string_view(text).substr(unit, unitEnd - unit);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
  auto granularity = granularityNamed(name);
  if (!granularity) return std::nullopt;
  switch (*granularity) {
    case Granularity::Seconds: return number * kSecond;
    case Granularity::Minutes: return number * kMinute;
    case Granularity::Hours: return number * kHour;
    case Granularity::Days: return number * kDay;
    case Granularity::Months: return number * 30 * kDay;
    case Granularity::Years: return number * 365 * kDay;
  }
  return std::nullopt;
}

// The least retention Siddhi accepts per granularity, and how its message says it.
struct Minimum {
  int64_t ms;
  const char* text;
};
Minimum minimumRetention(Granularity g) {
  switch (g) {
    case Granularity::Seconds: return {120 * kSecond, "120 seconds"};
    case Granularity::Minutes: return {120 * kMinute, "120 minutes"};
    case Granularity::Hours: return {25 * kHour, "25 hours"};
    case Granularity::Days: return {32 * kDay, "32 days"};
    case Granularity::Months: return {13 * 30 * kDay, "13 months"};
    case Granularity::Years: return {0, "0"};
  }
  return {0, "0"};
}

ast::SourcePos elementPos(const ast::Annotation& a, size_t i) {
  return i < a.elementPos.size() ? a.elementPos[i] : a.pos;
}

}  // namespace

bool AppAnalyzer::purgeSettings(const ast::AggregationDefinition& def, AggregationModel& model) {
  const ast::Annotation* purge = findAnnotation(def.annotations, "purge");
  if (!purge) return true;
  bool ok = true;
  PurgeModel& out = model.purge;
  for (size_t i = 0; i < purge->elements.size(); ++i) {
    const auto& [key, value] = purge->elements[i];
    if (sameName(key, "enable")) {
      if (!sameName(value, "true") && !sameName(value, "false")) {
        error(elementPos(*purge, i), "@purge enable is 'true' or 'false', not '" + value + "'");
        ok = false;
      }
      out.enabled = sameName(value, "true");
    } else if (sameName(key, "interval")) {
      auto interval = siddhiTime(value);
      if (!interval || *interval <= 0) {
        error(elementPos(*purge, i), "@purge interval is a time such as '15 min', not '" + value + "'");
        ok = false;
      } else {
        out.intervalMs = *interval;
      }
    }
  }
  for (const ast::Annotation& nested : purge->nested) {
    if (!sameName(nested.name, "retentionPeriod")) continue;
    for (size_t i = 0; i < nested.elements.size(); ++i) {
      const auto& [key, value] = nested.elements[i];
      auto granularity = granularityNamed(key);
      if (!granularity) {
        error(elementPos(nested, i), "@retentionPeriod keys are granularities (sec, min, hours, days, months, "
                                     "years), not '" + key + "'");
        ok = false;
        continue;
      }
      bool kept = false;
      for (Granularity g : model.granularities) kept = kept || g == *granularity;
      if (!kept && !model.granularities.empty()) {
        error(elementPos(nested, i), "@retentionPeriod sets " + std::string(granularityName(*granularity)) +
                                         ", which aggregation '" + model.name + "' does not keep");
        ok = false;
        continue;
      }
      size_t slot = static_cast<size_t>(*granularity);
      if (sameName(value, "all")) {
        out.retentionMs[slot] = -1;
        continue;
      }
      auto retention = siddhiTime(value);
      Minimum minimum = minimumRetention(*granularity);
      if (!retention) {
        error(elementPos(nested, i), "a retention is 'all' or a time such as '120 sec', not '" + value + "'");
        ok = false;
      } else if (*retention < minimum.ms) {
        error(elementPos(nested, i), std::string(granularityName(*granularity)) + " are kept at least " +
                                         minimum.text + ", not '" + value + "'");
        ok = false;
      } else {
        out.retentionMs[slot] = *retention;
      }
    }
  }
  return ok;
}

}  // namespace cepheus::analyze
