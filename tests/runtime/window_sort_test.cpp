// sort(n, attr[, order], ...) driven directly.
#include <gtest/gtest.h>

#include "runtime/windows/sort_window.h"
#include "runtime/window_driver.h"

namespace cepheus::testing::windows {
namespace {

std::unique_ptr<runtime::SortWindow> sortWindow(WindowDriver& d, size_t n, std::vector<runtime::SortWindow::Key> keys) {
  return std::make_unique<runtime::SortWindow>(n, std::move(keys), WindowDriver::kWidth);
}

TEST(SortWindow, ExpiresTheGreatestAfterTheArrival) {
  WindowDriver d;
  d.attach(sortWindow(d, 2, {{1, false}}));
  d.send(0, "A", 30);
  d.send(1, "B", 10);
  d.send(2, "C", 20);
  d.send(3, "D", 5);
  d.send(4, "E", 99);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"C", "-A"}, {"D", "-C"}, {"E", "-E"}}));
}

TEST(SortWindow, DescendingKeepsTheLargest) {
  WindowDriver d;
  d.attach(sortWindow(d, 2, {{1, true}}));
  d.send(0, "A", 30);
  d.send(1, "B", 10);
  d.send(2, "C", 20);
  d.send(3, "D", 50);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"C", "-B"}, {"D", "-C"}}));
}

TEST(SortWindow, AmongEqualsTheLatestGoesFirst) {
  WindowDriver d;
  d.attach(sortWindow(d, 1, {{1, false}}));
  d.send(0, "A", 1);
  d.send(1, "B", 1);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B", "-B"}}));
}

TEST(SortWindow, LaterKeysBreakTies) {
  WindowDriver d;
  d.attach(sortWindow(d, 2, {{1, false}, {0, true}}));
  d.send(0, "A", 1);
  d.send(1, "C", 1);
  d.send(2, "B", 1);  // price ties; symbol descending: C, B, A -> A is greatest
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"C"}, {"B", "-A"}}));
}

}  // namespace
}  // namespace cepheus::testing::windows
