// The built-in scalar functions, through deployed apps.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

Rows run(const std::string& app, const std::string& stream, std::vector<std::vector<Value>> events) {
  AppHarness h(app);
  int64_t ts = 1;
  for (auto& e : events) h.send(stream, ts++, std::move(e));
  return h.rows("Out");
}

TEST(Functions, ConvertTruncatesAndParses) {
  const char* app =
      "define stream T (txt string, n int, d double);"
      "from T select convert(d, 'int') as i, convert(d, 'long') as l, convert(n, 'string') as s,"
      " convert(txt, 'int') as ti, convert(txt, 'double') as td, convert(txt, 'bool') as tb,"
      " convert(n, 'bool') as nb insert into Out;";
  EXPECT_EQ(run(app, "T", {{S("12"), I(1), D(45.9)}, {S("abc"), I(2), D(-2.7)}, {S("TRUE"), I(0), N()}}),
            (Rows{"[45, 45, 1, 12, 12.0, false, true]", "[-2, -2, 2, null, null, false, false]",
                  "[null, null, 0, null, null, true, false]"}));
}

TEST(Functions, CoalesceDefaultAndIfThenElse) {
  const char* app =
      "define stream T (a double, b double);"
      "from T select coalesce(a, b) as c, default(a, 0.0) as d, ifThenElse(a > 1.0, 'hi', 'lo') as e"
      " insert into Out;";
  EXPECT_EQ(run(app, "T", {{N(), D(2)}, {D(3), N()}, {N(), N()}}),
            (Rows{"[2.0, 0.0, lo]", "[3.0, 3.0, hi]", "[null, 0.0, lo]"}));
}

TEST(Functions, MaximumMinimumSkipNulls) {
  const char* app = "define stream T (a int, b int, c int); from T select maximum(a, b, c) as mx, minimum(a, b, c) as mn insert into Out;";
  EXPECT_EQ(run(app, "T", {{I(-3), N(), I(-9)}, {I(4), I(8), I(1)}}), (Rows{"[-3, -9]", "[8, 1]"}));
}

TEST(Functions, InstanceOfTestsTheRunTimeType) {
  const char* app = "define stream T (o object); from T select instanceOfString(o) as s, instanceOfLong(o) as l insert into Out;";
  EXPECT_EQ(run(app, "T", {{S("x")}, {L(4)}, {N()}}), (Rows{"[true, false]", "[false, true]", "[false, false]"}));
}

TEST(Functions, EventTimestampAndCurrentTimeInPlayback) {
  AppHarness h("@app:playback define stream T (a int); from T select eventTimestamp() as ts, currentTimeMillis() as now insert into Out;");
  h.send("T", 5000, {I(1)});
  h.send("T", 4000, {I(2)});  // out of order: the clock does not go back
  EXPECT_EQ(h.rows("Out"), (Rows{"[5000, 5000]", "[4000, 5000]"}));
}

TEST(Functions, UuidIsRandomAndWellFormed) {
  AppHarness h("define stream T (a int); from T select UUID() as id insert into Out;");
  h.send("T", 1, {I(1)});
  h.send("T", 2, {I(1)});
  auto rows = h.rows("Out");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[0], rows[1]);
  EXPECT_EQ(rows[0].size(), 38u);  // "[" + 36 + "]"
}

TEST(Functions, SetsAndFaultStream) {
  const char* app =
      "@OnError(action='STREAM') define stream T (id string, o object);"
      "from T select id, sizeOfSet(createSet(id)) as n, sizeOfSet(o) as m insert into Out;"
      "from !T select id, _error as err insert into Faults;";
  AppHarness h(app);
  h.send("T", 1, {S("a"), N()});
  h.send("T", 2, {S("b"), S("not a set")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[a, 1, 0]"}));
  auto faults = h.rows("Faults");
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_NE(faults[0].find("not a set"), std::string::npos);
}

}  // namespace
}  // namespace cepheus::testing
