// length(n) driven directly: expiry order across many wrap-arounds of its ring.
#include <gtest/gtest.h>

#include "runtime/windows/length_window.h"
#include "runtime/window_driver.h"

namespace cepheus::testing::windows {
namespace {

TEST(LengthWindow, ArrivalsPassUntilTheWindowIsFull) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::LengthWindow>(2, WindowDriver::kWidth));
  d.send(1, "A");
  d.send(2, "B");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}}));
}

TEST(LengthWindow, EachArrivalPushesOutTheOldestAcrossManyRounds) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::LengthWindow>(3, WindowDriver::kWidth));
  const char* names[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"};
  for (int i = 0; i < 11; ++i) d.send(i, names[i]);
  ASSERT_EQ(d.capture.chunks.size(), 11u);
  for (int i = 3; i < 11; ++i) {
    EXPECT_EQ(d.capture.chunks[i], (std::vector<std::string>{std::string("-") + names[i - 3], names[i]})) << i;
    EXPECT_EQ(d.capture.times[i], (std::vector<int64_t>{i, i}));  // expired at the arrival's time
  }
}

TEST(LengthWindow, LengthOneSwapsEveryEvent) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::LengthWindow>(1, WindowDriver::kWidth));
  d.send(1, "A");
  d.send(2, "B");
  d.send(3, "C");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"-A", "B"}, {"-B", "C"}}));
}

}  // namespace
}  // namespace cepheus::testing::windows
