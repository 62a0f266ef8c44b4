#include "plan/plan_rate_limit.h"

#include "runtime/rate_limit/event_rate_limiters.h"
#include "runtime/rate_limit/snapshot_rate_limiters.h"
#include "runtime/rate_limit/time_rate_limiters.h"

namespace cepheus::plan {

namespace {

using Kind = ast::OutputRate::Kind;
using Which = ast::OutputRate::Which;
using namespace runtime;
using LimiterPtr = std::unique_ptr<StatefulOperator>;

LimiterPtr eventLimiter(const analyze::OutputRateModel& rate, size_t width) {
  bool grouped = !rate.groupColumns.empty();
  switch (rate.which) {
    case Which::All: return std::make_unique<AllPerEventsLimiter>(width, rate.events);
    case Which::First:
      if (grouped) return std::make_unique<FirstPerGroupEventsLimiter>(rate.events, rate.groupColumns);
      return std::make_unique<FirstPerEventsLimiter>(rate.events);
    case Which::Last:
      if (grouped) return std::make_unique<LastPerGroupEventsLimiter>(width, rate.events, rate.groupColumns);
      return std::make_unique<LastPerEventsLimiter>(rate.events);
  }
  return nullptr;
}

LimiterPtr timeLimiter(const analyze::OutputRateModel& rate, size_t width) {
  if (rate.which == Which::First) return std::make_unique<FirstPerTimeLimiter>(rate.groupColumns, rate.periodMs);
  auto mode = rate.which == Which::All ? PeriodReleaseLimiter::Mode::All : PeriodReleaseLimiter::Mode::Last;
  return std::make_unique<PeriodReleaseLimiter>(mode, width, rate.groupColumns, rate.periodMs);
}

// Siddhi picks its snapshot limiter by the query's shape: window or not, aggregate columns
// (none, some, all) and group by.
LimiterPtr snapshotLimiter(const analyze::OutputRateModel& rate, size_t width) {
  using Mode = LatestRowSnapshot::Mode;
  bool allAggregates = rate.aggregateColumns.size() == width;
  if (!rate.windowed || allAggregates) {
    Mode mode = !rate.windowed ? Mode::KeepCurrent
                : rate.groupColumns.empty() ? Mode::ExpiredClears
                                            : Mode::CountPerGroup;
    return std::make_unique<LatestRowSnapshot>(mode, width, rate.groupColumns, rate.periodMs);
  }
  return std::make_unique<WindowContentSnapshot>(width, rate.aggregateColumns, rate.groupColumns, rate.periodMs);
}

}  // namespace

LimiterPtr makeRateLimiter(const analyze::OutputRateModel& rate, size_t width) {
  switch (rate.kind) {
    case Kind::None: return nullptr;
    case Kind::Events: return eventLimiter(rate, width);
    case Kind::Time: return timeLimiter(rate, width);
    case Kind::Snapshot: return snapshotLimiter(rate, width);
  }
  return nullptr;
}

}  // namespace cepheus::plan
