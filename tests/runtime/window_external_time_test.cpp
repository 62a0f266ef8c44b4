// externalTime(tsAttr, t) and externalTimeBatch(tsAttr, t, ...) driven directly; the third
// event value is the attribute time.
#include <gtest/gtest.h>

#include "runtime/windows/external_time_batch_window.h"
#include "runtime/windows/external_time_window.h"
#include "runtime/window_driver.h"

namespace cepheus::testing::windows {
namespace {

constexpr int kTimeIndex = 2;

TEST(ExternalTimeWindow, ExpiresOnlyWhenALaterAttributeTimeArrives) {
  WindowDriver d;
  d.attach(std::make_unique<runtime::ExternalTimeWindow>(kTimeIndex, 1000, WindowDriver::kWidth));
  d.send(1, "A", 0, 1000);
  d.send(2, "B", 0, 1500);
  d.send(3, "C", 0, 2000);
  d.send(4, "D", 0, 2600);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A", "C"}, {"-B", "D"}}));
  EXPECT_EQ(d.capture.times[3], (std::vector<int64_t>{2600, 4}));  // expired at the attribute time
}

std::unique_ptr<runtime::ExternalTimeBatchWindow> externalBatch(WindowDriver& d, int64_t t,
                                                                runtime::ExternalTimeBatchWindow::Start start = {},
                                                                int64_t timeout = 0, bool replace = false) {
  return std::make_unique<runtime::ExternalTimeBatchWindow>(kTimeIndex, t, start, timeout, replace,
                                                            WindowDriver::kWidth);
}

TEST(ExternalTimeBatchWindow, FlushesWhenAnEventReachesTheBatchEnd) {
  WindowDriver d;
  d.attach(externalBatch(d, 1000));
  d.send(1, "a", 0, 1000);
  d.send(2, "b", 0, 1400);
  d.send(3, "c", 0, 2000);
  d.send(4, "d", 0, 2500);
  d.send(5, "e", 0, 3100);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "a", "b"}, {"-a", "-b", "R", "c", "d"}}));
}

TEST(ExternalTimeBatchWindow, BoundariesStayAlignedAfterAGap) {
  WindowDriver d;
  d.attach(externalBatch(d, 1000));
  d.send(1, "a", 0, 1000);
  d.send(2, "b", 0, 3500);  // closes [1000, 2000); opens [3000, 4000)
  d.send(3, "c", 0, 3900);
  d.send(4, "d", 0, 4000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "a"}, {"-a", "R", "b", "c"}}));
}

TEST(ExternalTimeBatchWindow, ConstantStartAlignsTheFirstBatch) {
  WindowDriver d;
  runtime::ExternalTimeBatchWindow::Start start;
  start.constant = 0;
  d.attach(externalBatch(d, 1000, start));
  d.send(1, "a", 0, 1500);
  d.send(2, "b", 0, 2000);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "a"}}));
}

TEST(ExternalTimeBatchWindow, TimeoutFlushesAnIdleBatch) {
  WindowDriver d;
  d.attach(externalBatch(d, 1000, {}, 500));
  d.send(100, "a", 0, 1000);
  d.send(200, "b", 0, 1200);
  d.advance(700);  // 500 ms after the first event: the batch is flushed by the timeout
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "a", "b"}}));
  d.send(800, "c", 0, 1300);  // same batch, arrives after the timeout flush
  d.send(900, "d", 0, 2100);  // closes the batch: the flushed part is sent again with c
  EXPECT_EQ(d.capture.chunks, (Chunks{{"R", "a", "b"}, {"-a", "-b", "R", "a", "b", "c"}}));
}

TEST(ExternalTimeBatchWindow, ReplaceTimestampWritesTheBatchEnd) {
  WindowDriver d;
  d.attach(externalBatch(d, 1000, {}, 0, true));
  std::vector<std::string> times;
  struct Times final : runtime::Operator {
    std::vector<std::string>* out;
    void process(runtime::ExecContext&, const Chunk& chunk) const override {
      for (const auto& row : chunk.rows)
        if (row.kind == EventKind::Current) out->push_back(row.data[kTimeIndex].toString());
    }
  } sink;
  sink.out = &times;
  d.window->setNext(&sink);
  d.send(1, "a", 0, 1000);
  d.send(2, "b", 0, 1400);
  d.send(3, "c", 0, 2000);
  EXPECT_EQ(times, (std::vector<std::string>{"2000", "2000"}));
}

}  // namespace
}  // namespace cepheus::testing::windows
