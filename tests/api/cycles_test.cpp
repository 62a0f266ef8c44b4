// Apps whose queries feed their own input: every event is processed with its own values, and
// nothing a query produced is overwritten while it is still being delivered.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

TEST(Cycles, AQueryFeedingItsOwnInputSeesEachValue) {
  AppHarness h("define stream S (x int, s string);"
               "from S[x < 3] select x + 1 as x, s insert into S;"
               "from S select x, s insert into Out;");
  h.send("S", 1, {I(0), S("a-string-longer-than-fourteen-bytes")});
  // Nested events are delivered after the event that caused them (breadth first).
  EXPECT_EQ(h.rows("Out"), (Rows{"[0, a-string-longer-than-fourteen-bytes]", "[1, a-string-longer-than-fourteen-bytes]",
                                 "[2, a-string-longer-than-fourteen-bytes]", "[3, a-string-longer-than-fourteen-bytes]"}));
}

TEST(Cycles, AggregatesOverACycleCountEveryEvent) {
  AppHarness h("define stream S (x int);"
               "from S[x < 4] select x + 1 as x insert into S;"
               "from S#window.length(10) select count() as n, sum(x) as total insert into Out;");
  h.send("S", 1, {I(0)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, 0]", "[2, 1]", "[3, 3]", "[4, 6]", "[5, 10]"}));
}

TEST(Cycles, TwoStreamsFeedingEachOther) {
  AppHarness h("define stream A (n int); define stream B (n int);"
               "from A[n < 6] select n + 1 as n insert into B;"
               "from B[n < 6] select n + 1 as n insert into A;");
  h.send("A", 1, {I(0)});
  EXPECT_EQ(h.rows("A"), (Rows{"[0]", "[2]", "[4]", "[6]"}));
  EXPECT_EQ(h.rows("B"), (Rows{"[1]", "[3]", "[5]"}));
}

}  // namespace
}  // namespace cepheus::testing
