// A length window that keeps only what is read of the rows it expires (the attributes of the
// aggregates and group by, when expired rows are not output) gives the rows of one that keeps
// whole events. Each query runs twice: pruned, and with `output every 1 events`, which keeps
// every attribute (a rate limit may read any of them) and emits each row as it comes. Nulls,
// every numeric type, bools, strings kept for group by, and save/restore in the middle.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kStream =
    "@app:playback define stream S (symbol string, price double, volume int, big long, ratio float, ok bool);";

std::string app(const std::string& query, bool pruned) {
  return kStream + query + (pruned ? "" : " output every 1 events") + " insert into Out;";
}

void sendMixed(AppHarness& h, int from, int to) {
  const char* symbols[] = {"A", "B", "C"};
  for (int i = from; i < to; ++i)
    h.send("S", i, {S(symbols[i % 3]), i % 4 == 0 ? N() : D(i * 1.5), i % 5 == 0 ? N() : I(i), L(int64_t{i} << 33),
                    i % 7 == 0 ? N() : F(static_cast<float>(i) / 8), i % 6 == 0 ? N() : B(i % 2 == 0)});
}

const std::string kNumbers =
    "from S#window.length(4) select symbol, avg(price) as p, sum(volume) as v, sum(big) as b, max(ratio) as r, "
    "count(ok) as n, and(ok) as allOk";
const std::string kGrouped =
    "from S#window.length(5) select symbol, sum(price) as p, count() as n group by symbol";

TEST(WindowPruning, NumbersAndNullsExpireAsWholeEventsDo) {
  AppHarness pruned(app(kNumbers, true)), whole(app(kNumbers, false));
  sendMixed(pruned, 0, 40);
  sendMixed(whole, 0, 40);
  ASSERT_EQ(pruned.rows("Out").size(), 40u);
  EXPECT_EQ(pruned.rows("Out"), whole.rows("Out"));
  // Spot check of the last row: the window holds events 36..39 (36's price and ok are null;
  // count(ok), as Siddhi's, counts events).
  EXPECT_EQ(pruned.rows("Out").back(), "[A, 57.0, 150, " + std::to_string((int64_t{36 + 37 + 38 + 39}) << 33) + ", 4.875, 4, false]");
}

TEST(WindowPruning, AGroupByOnTextKeepsTheKeyOfWhatExpires) {
  AppHarness pruned(app(kGrouped, true)), whole(app(kGrouped, false));
  sendMixed(pruned, 0, 40);
  sendMixed(whole, 0, 40);
  ASSERT_EQ(pruned.rows("Out").size(), 40u);
  EXPECT_EQ(pruned.rows("Out"), whole.rows("Out"));
}

TEST(WindowPruning, SavedAndRestoredInTheMiddle) {
  for (const auto& query : {kNumbers, kGrouped}) {
    AppHarness straight(app(query, true));
    sendMixed(straight, 0, 30);
    AppHarness first(app(query, true)), second(app(query, true));
    sendMixed(first, 0, 13);
    second.app().restore(first.app().snapshot());
    sendMixed(second, 13, 30);
    Rows joined = first.rows("Out");
    for (const auto& r : second.rows("Out")) joined.push_back(r);
    EXPECT_EQ(joined, straight.rows("Out")) << query;
  }
}

}  // namespace
}  // namespace cepheus::testing
