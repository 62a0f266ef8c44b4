// Apps whose streams and attributes are named with keywords, as real apps are (`Order`,
// `window`, `output`, ...), checked and run end to end.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

TEST(KeywordNames, AnOrderStreamWithKeywordAttributesRuns) {
  AppHarness h(
      "@app:playback\n"
      "define stream Order (id string, window int, output double, every long, last string, start bool, update int);\n"
      "from Order[window > 1 and start]#window.length(2)\n"
      "select id, sum(output) as total, last, every as Every, update\n"
      "group by last\n"
      "insert into Output;\n"
      "from Output[total > 10.0] select id as select, total insert into Select;\n");
  h.send("Order", 1, {S("a"), I(2), D(5), L(1), S("x"), B(true), I(7)});
  h.send("Order", 2, {S("b"), I(1), D(50), L(2), S("x"), B(true), I(8)});  // window 1: filtered out
  h.send("Order", 3, {S("c"), I(3), D(6), L(3), S("x"), B(true), I(9)});
  EXPECT_EQ(h.rows("Output"), (Rows{"[a, 5.0, x, 1, 7]", "[c, 11.0, x, 3, 9]"}));
  EXPECT_EQ(h.rows("Select"), (Rows{"[c, 11.0]"}));
  EXPECT_EQ(h.app().streams()[1].attributes[3].name, "Every");
}

TEST(KeywordNames, EveryKeywordChecksAsAStreamAndAttributeName) {
  const std::vector<std::string> keywords = {
      "aggregate", "aggregation", "all", "and", "app", "as", "asc", "at", "begin", "bool", "by",
      "current", "define", "delete", "desc", "double", "end", "events", "every", "expired", "false",
      "first", "float", "for", "from", "full", "function", "group", "having", "in", "inner",
      "insert", "int", "into", "is", "join", "last", "left", "limit", "long", "not", "null",
      "object", "of", "offset", "on", "or", "order", "outer", "output", "partition", "per",
      "return", "right", "select", "set", "snapshot", "stream", "string", "table", "trigger",
      "true", "unidirectional", "update", "window", "with", "within", "year", "years", "month",
      "months", "week", "weeks", "day", "days", "hour", "hours", "min", "minute", "minutes",
      "sec", "second", "seconds", "millisec", "millisecond", "milliseconds"};
  for (const std::string& k : keywords) {
    std::string app = "define stream " + k + " (" + k + " int, v int);\n"
                      "from " + k + "[" + k + "." + k + " > 0] select " + k + "." + k + " as x, v as " + k +
                      " insert into " + k + "Out;\n";
    Diagnostics diagnostics = Engine::check(app);
    std::string all;
    for (const Diagnostic& d : diagnostics) all += d.format("app") + "\n";
    EXPECT_TRUE(diagnostics.empty()) << app << all;
  }
}

TEST(KeywordNames, NullIsStillNoValue) {
  Diagnostics d = Engine::check("define stream S (a int);\nfrom S[a == null] select a insert into O;");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].format("app"), "app:2:13: error: 'null' is not a value: test for null with 'is null'");
  // An attribute that is really called null is found.
  EXPECT_TRUE(Engine::check("define stream S (a int, null int);\nfrom S[a == null] select a insert into O;").empty());
}

}  // namespace
}  // namespace cepheus::testing
