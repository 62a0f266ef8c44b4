// `define window`: one window filled by some queries and read by others.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kApp = "@app:playback define stream S (symbol string, price double);\n";

TEST(NamedWindows, ReadersSeeCurrentAndExpiredEventsByDefault) {
  AppHarness h(kApp + "define window W (symbol string, price double) length(2);"
                      "from S insert into W;"
                      "from W select symbol, sum(price) as total insert into Totals;"
                      "from W select symbol insert expired events into Gone;");
  h.send("S", 1, {S("A"), D(1)});
  h.send("S", 2, {S("B"), D(2)});
  h.send("S", 3, {S("C"), D(4)});
  EXPECT_EQ(h.rows("Totals"), (Rows{"[A, 1.0]", "[B, 3.0]", "[C, 6.0]"}));
  EXPECT_EQ(h.rows("Gone"), (Rows{"[A]"}));
}

TEST(NamedWindows, OutputClauseLimitsWhatReadersSee) {
  AppHarness h(kApp + "define window W (symbol string, price double) length(1) output expired events;"
                      "from S insert into W;"
                      "from W select symbol insert all events into Out;");
  h.send("S", 1, {S("A"), D(1)});
  h.send("S", 2, {S("B"), D(2)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A]"}));
}

TEST(NamedWindows, BatchWindowResetsReadersAggregatesPerBatch) {
  AppHarness h(kApp + "define window W (symbol string, price double) lengthBatch(2);"
                      "from S insert into W;"
                      "from W select count() as n, sum(price) as total insert into Out;");
  for (int i = 1; i <= 4; ++i) h.send("S", i, {S("X"), D(i)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[2, 3.0]", "[2, 7.0]"}));
}

TEST(NamedWindows, MinUnderASortWindowReadElsewhere) {
  AppHarness h(kApp + "define window W (symbol string, price double) sort(2, price, 'desc');"
                      "from S insert into W;"
                      "from W select min(price) as low insert into Out;");
  for (double p : {5.0, 1.0, 3.0, 4.0}) h.send("S", 1, {S("X"), D(p)});
  // keeps the two largest: 1 is expired when 3 arrives, 3 when 4 arrives
  EXPECT_EQ(h.rows("Out"), (Rows{"[5.0]", "[1.0]", "[1.0]", "[3.0]"}));
}

TEST(NamedWindows, DefinitionErrors) {
  auto check = [](const std::string& app) {
    Diagnostics d = Engine::check(app);
    return d.empty() ? std::string() : d[0].message;
  };
  EXPECT_NE(check(kApp + "define window W (symbol string) length(2); from S select symbol, price insert into W;")
                .find("window 'W' has (symbol string)"),
            std::string::npos);
  EXPECT_NE(check(kApp + "define window W (symbol string) length(2); from W#window.length(1) select symbol insert into O;")
                .find("named window"),
            std::string::npos);
  EXPECT_NE(check(kApp + "define window W (symbol string) length('x');").find("length"), std::string::npos);
}

}  // namespace
}  // namespace cepheus::testing
