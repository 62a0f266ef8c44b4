// The calendar buckets of incremental aggregations (`define aggregation ... every sec ... year`):
// the second, minute, hour, day, month or year a time falls in, in UTC (Siddhi's default
// aggregation time zone, GMT); the names `per` and @retentionPeriod accept; and the date
// strings aggregations read (`aggregate by` string attributes, `within` bounds and patterns).
//
// Pure and shared: the analyzer checks constants with it at deploy time, the runtime reads the
// values events bring.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace cepheus {

// Finest first; Siddhi 5.1 has no week granularity.
enum class Granularity : uint8_t { Seconds, Minutes, Hours, Days, Months, Years };
inline constexpr int kGranularityCount = 6;

// "seconds", "minutes", "hours", "days", "months", "years".
const char* granularityName(Granularity granularity);

// Siddhi's names of a granularity in `per` and @retentionPeriod keys, in any case: sec, second,
// seconds; min, minute, minutes; h, hour, hours; day, days; month, months; year, years.
std::optional<Granularity> granularityNamed(std::string_view name);

// Times (milliseconds since the epoch) within which bucket arithmetic is exact and cannot
// overflow: about ±36 million years. Callers refuse times outside.
inline constexpr int64_t kBucketTimeLimit = int64_t{1} << 60;
inline bool bucketTimeInRange(int64_t ms) { return ms > -kBucketTimeLimit && ms < kBucketTimeLimit; }

// The start of the bucket `ms` falls in (calendar starts in UTC; before 1970 too).
int64_t bucketStart(int64_t ms, Granularity granularity);
// The start of the bucket after the one `ms` falls in.
int64_t nextBucketStart(int64_t ms, Granularity granularity);

// 'yyyy-MM-dd HH:mm:ss' (UTC) or 'yyyy-MM-dd HH:mm:ss +hh:mm' (an offset from UTC), with blanks
// around it ignored: the strings an aggregation reads as times. Nullopt when the text has
// another shape or names a date or time that does not exist.
std::optional<int64_t> parseAggregationTime(std::string_view text);

// A single `within` string: a time with its finest fields written as `**`, for the whole
// second, minute, hour, day, month or year it names: '2017-06-** **:**:**' is June 2017. The
// same shapes as parseAggregationTime, offset included. [start, end), or nullopt.
std::optional<std::pair<int64_t, int64_t>> parseWithinPattern(std::string_view text);

}  // namespace cepheus
