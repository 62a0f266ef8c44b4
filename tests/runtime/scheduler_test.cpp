// Timers as handles owned by state: armed, moved and cancelled; fired in due order, then in the
// order they were armed; saved and restored with that order.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "runtime/operator_harness.h"
#include "runtime/state/state_io.h"

namespace cepheus::testing {
namespace {

using runtime::ExecContext;
using runtime::Timer;

// Records "name@due" when a timer of it fires.
class Recorder final : public runtime::TimerTarget {
 public:
  Recorder(std::string name, std::vector<std::string>& log) : name_(std::move(name)), log_(&log) {}
  void onTimer(ExecContext&, int64_t due) const override { log_->push_back(name_ + "@" + std::to_string(due)); }

 private:
  std::string name_;
  std::vector<std::string>* log_;
};

TEST(Scheduler, FiresInDueOrderThenInArmOrder) {
  OperatorHarness h;
  std::vector<std::string> log;
  Recorder a("a", log), b("b", log), c("c", log);
  Timer ta(h.scheduler(), a, h.state.globals), tb(h.scheduler(), b, h.state.globals),
      tc(h.scheduler(), c, h.state.globals);
  tb.arm(200);
  ta.arm(100);
  tc.arm(100);
  h.advance(150);
  EXPECT_EQ(log, (std::vector<std::string>{"a@100", "c@100"}));
  EXPECT_FALSE(ta.pending());
  EXPECT_TRUE(tb.pending());
  h.advance(1000);
  EXPECT_EQ(log.back(), "b@200");
  EXPECT_TRUE(h.scheduler().empty());
}

TEST(Scheduler, ATimerHoldsOneDueTimeAndCanBeMovedOrCancelled) {
  OperatorHarness h;
  std::vector<std::string> log;
  Recorder a("a", log);
  Timer t(h.scheduler(), a, h.state.globals);
  t.arm(100);
  t.arm(300);  // moved later: the earlier due time is gone
  EXPECT_EQ(h.scheduler().size(), 1u);
  h.advance(200);
  EXPECT_TRUE(log.empty());
  t.armNoLaterThan(500);  // keeps 300
  EXPECT_EQ(t.due(), 300);
  t.armNoLaterThan(250);
  EXPECT_EQ(t.due(), 250);
  t.cancel();
  h.advance(1000);
  EXPECT_TRUE(log.empty());
}

TEST(Scheduler, ADestroyedTimerNeverFires) {
  OperatorHarness h;
  std::vector<std::string> log;
  Recorder a("a", log);
  {
    Timer t(h.scheduler(), a, h.state.globals);
    t.arm(100);
  }
  EXPECT_TRUE(h.scheduler().empty());
  h.advance(1000);
  EXPECT_TRUE(log.empty());
}

TEST(Scheduler, ManyTimersComeOutSorted) {
  OperatorHarness h;
  std::vector<std::string> log;
  Recorder r("t", log);
  std::vector<std::unique_ptr<Timer>> timers;
  for (int i = 0; i < 200; ++i) {
    timers.push_back(std::make_unique<Timer>(h.scheduler(), r, h.state.globals));
    timers.back()->arm((i * 7919) % 1000);
  }
  for (int i = 0; i < 200; i += 3) timers[i]->cancel();
  h.advance(10'000);
  std::vector<int64_t> dues;
  for (const auto& entry : log) dues.push_back(std::stoll(entry.substr(2)));
  EXPECT_EQ(dues.size(), 200u - 67u);
  EXPECT_TRUE(std::is_sorted(dues.begin(), dues.end()));
}

TEST(Scheduler, RestoredTimersKeepTheirOrderAmongEqualDueTimes) {
  std::vector<std::string> log;
  Recorder a("a", log), b("b", log);
  runtime::StateWriter out;
  uint64_t sequence;
  {
    OperatorHarness h;
    Timer tb(h.scheduler(), b, h.state.globals), ta(h.scheduler(), a, h.state.globals);
    tb.arm(100);  // armed first: fires first
    ta.arm(100);
    ta.snapshot(out);
    tb.snapshot(out);
    sequence = h.scheduler().sequence();
  }
  OperatorHarness h;
  h.scheduler().setSequence(sequence);
  Timer ta(h.scheduler(), a, h.state.globals), tb(h.scheduler(), b, h.state.globals);
  runtime::StateReader in(out.bytes());
  ta.restore(in);
  tb.restore(in);
  h.advance(100);
  EXPECT_EQ(log, (std::vector<std::string>{"b@100", "a@100"}));
}

TEST(Scheduler, ATimerNewerThanItsSnapshotIsRefused) {
  std::vector<std::string> log;
  Recorder a("a", log);
  runtime::StateWriter out;
  {
    OperatorHarness h;
    Timer t(h.scheduler(), a, h.state.globals);
    t.arm(100);
    t.snapshot(out);
  }
  OperatorHarness h;  // its arm counter is 0: no timer can have been armed before
  Timer t(h.scheduler(), a, h.state.globals);
  runtime::StateReader in(out.bytes());
  EXPECT_THROW(t.restore(in), SnapshotError);
  EXPECT_TRUE(h.scheduler().empty());
}

}  // namespace
}  // namespace cepheus::testing
