#include "plan/plan_rate_limit.h"

#include "runtime/rate_limit/event_rate_limiters.h"
#include "runtime/rate_limit/snapshot_rate_limiters.h"
#include "runtime/rate_limit/time_rate_limiters.h"

namespace cepheus::plan {

namespace {

using Kind = ast::OutputRate::Kind;
using Which = ast::OutputRate::Which;
using namespace runtime;

std::unique_ptr<Operator> eventLimiter(const analyze::OutputRateModel& rate, size_t width) {
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

std::unique_ptr<Operator> timeLimiter(const analyze::OutputRateModel& rate, const RateLimiterEnvironment& env) {
  if (rate.which == Which::First)
    return std::make_unique<FirstPerTimeLimiter>(rate.groupColumns, rate.periodMs, env.clock);
  auto mode = rate.which == Which::All ? PeriodReleaseLimiter::Mode::All : PeriodReleaseLimiter::Mode::Last;
  return std::make_unique<PeriodReleaseLimiter>(mode, env.width, rate.groupColumns, rate.periodMs, env.clock,
                                                env.scheduler);
}

// Siddhi picks its snapshot limiter by the query's shape: window or not, aggregate columns
// (none, some, all) and group by.
std::unique_ptr<Operator> snapshotLimiter(const analyze::OutputRateModel& rate, const RateLimiterEnvironment& env) {
  using Mode = LatestRowSnapshot::Mode;
  bool allAggregates = rate.aggregateColumns.size() == env.width;
  if (!rate.windowed || allAggregates) {
    Mode mode = !rate.windowed ? Mode::KeepCurrent
                : rate.groupColumns.empty() ? Mode::ExpiredClears
                                            : Mode::CountPerGroup;
    return std::make_unique<LatestRowSnapshot>(mode, env.width, rate.groupColumns, rate.periodMs, env.clock,
                                               env.scheduler);
  }
  return std::make_unique<WindowContentSnapshot>(env.width, rate.aggregateColumns, rate.groupColumns,
                                                 rate.periodMs, env.clock, env.scheduler);
}

}  // namespace

std::unique_ptr<runtime::Operator> makeRateLimiter(const analyze::OutputRateModel& rate,
                                                   const RateLimiterEnvironment& env) {
  switch (rate.kind) {
    case Kind::None: return nullptr;
    case Kind::Events: return eventLimiter(rate, env.width);
    case Kind::Time: return timeLimiter(rate, env);
    case Kind::Snapshot: return snapshotLimiter(rate, env);
  }
  return nullptr;
}

}  // namespace cepheus::plan
