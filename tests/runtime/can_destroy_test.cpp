// canDestroy(): a state says it holds nothing (and no timer that would still emit) exactly when
// dropping it changes nothing, which is what purging idle partition keys will rely on.
#include <gtest/gtest.h>

#include "runtime/rate_limit/time_rate_limiters.h"
#include "runtime/rate_limit_driver.h"
#include "runtime/window_driver.h"
#include "runtime/windows/length_batch_window.h"
#include "runtime/windows/length_window.h"
#include "runtime/windows/time_window.h"

namespace cepheus::testing {
namespace {

const runtime::OperatorState* stateOf(windows::WindowDriver& d) {
  return d.harness.state.globals.get(static_cast<const runtime::StatefulOperator&>(*d.window).stateSlot());
}

TEST(CanDestroy, ANewFrameHoldsNoStateAtAll) {
  windows::WindowDriver d;
  d.attach(std::make_unique<runtime::LengthWindow>(3, windows::WindowDriver::kWidth));
  EXPECT_EQ(stateOf(d), nullptr);  // lazily made: nothing until the first event
  EXPECT_TRUE(d.harness.state.globals.canDestroy());
}

TEST(CanDestroy, ALengthWindowHoldingRowsIsKept) {
  windows::WindowDriver d;
  d.attach(std::make_unique<runtime::LengthWindow>(3, windows::WindowDriver::kWidth));
  d.send(1, "A");
  ASSERT_NE(stateOf(d), nullptr);
  EXPECT_FALSE(stateOf(d)->canDestroy());
}

TEST(CanDestroy, ATimeWindowIsIdleOnceEverythingExpired) {
  windows::WindowDriver d;
  d.attach(std::make_unique<runtime::TimeWindow>(1000, 0, windows::WindowDriver::kWidth));
  d.send(0, "A");
  EXPECT_FALSE(stateOf(d)->canDestroy());  // a row and its expiry timer
  d.advance(1000);
  EXPECT_TRUE(stateOf(d)->canDestroy());
  EXPECT_TRUE(d.scheduler().empty());
}

TEST(CanDestroy, ALengthBatchIsKeptWhileABatchIsOpen) {
  windows::WindowDriver d;
  d.attach(std::make_unique<runtime::LengthBatchWindow>(2, false, windows::WindowDriver::kWidth));
  d.send(1, "A");
  EXPECT_FALSE(stateOf(d)->canDestroy());
}

TEST(CanDestroy, ARateLimitHoldingRowsIsKeptUntilItReleasesThem) {
  rate::Driver d(1);
  runtime::PeriodReleaseLimiter limiter(runtime::PeriodReleaseLimiter::Mode::All, 1, {}, 1000);
  d.attach(limiter);
  d.send(100, {rate::current({rate::S("A")})});
  const runtime::OperatorState* state = d.harness.state.globals.get(limiter.stateSlot());
  ASSERT_NE(state, nullptr);
  EXPECT_FALSE(state->canDestroy());
  d.advance(1000);
  EXPECT_EQ(d.capture.rows(), (std::vector<std::string>{"A"}));
  EXPECT_TRUE(state->canDestroy());
}

}  // namespace
}  // namespace cepheus::testing
