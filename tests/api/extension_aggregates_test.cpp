// The extensions' aggregate functions — str:groupConcat, math:percentile, json:group and
// json:groupAsObject — through deployed apps: the extensions' own test cases, nulls, sliding
// expiry, batch resets, group by, their options, expression windows and deploy-time errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const char* kStream = "@app:playback define stream S (k string, x int, d double, g string);\n";

Rows run(const std::string& query, const std::vector<std::vector<Value>>& events, const char* stream = kStream) {
  AppHarness h(stream + query);
  int64_t ts = 1000;
  for (const auto& e : events) h.send("S", ts += 1000, e);
  return h.rows("Out");
}

// Events of S with only the key set.
std::vector<std::vector<Value>> keys(std::initializer_list<const char*> ks) {
  std::vector<std::vector<Value>> events;
  for (const char* k : ks) events.push_back({k ? S(k) : N(), I(0), D(0), S("g")});
  return events;
}

// ---- str:groupConcat

TEST(GroupConcat, JoinsTheKeysHeldAndSkipsANullKey) {
  // The extension's testFunctionExtension1: a null first key gives the empty string.
  EXPECT_EQ(run("from S select str:groupConcat(k) as c insert into Out;", keys({nullptr, "$%$6", "8JU^"})),
            (Rows{"[]", "[$%$6]", "[$%$6,8JU^]"}));
}

TEST(GroupConcat, FollowsASlidingWindow) {
  // The extension's cases 2 and 3 (its one-argument form fails on the first expiry; the
  // intended result is shown).
  const auto events = keys({"AAA", "AAA", "BBB", "BBB", "CCC"});
  EXPECT_EQ(run("from S#window.length(2) select str:groupConcat(k) as c insert into Out;", events),
            (Rows{"[AAA]", "[AAA,AAA]", "[AAA,BBB]", "[BBB,BBB]", "[BBB,CCC]"}));
  EXPECT_EQ(run("from S#window.length(2) select str:groupConcat(k, '-') as c insert into Out;", events),
            (Rows{"[AAA]", "[AAA-AAA]", "[AAA-BBB]", "[BBB-BBB]", "[BBB-CCC]"}));
}

TEST(GroupConcat, DistinctAndOrder) {
  // The extension's cases 4, 5 and 6.
  const auto events = keys({"AAA", "AAA", "BBB", "BBB", "CCC"});
  EXPECT_EQ(run("from S#window.length(2) select str:groupConcat(k, '-', true) as c insert into Out;", events),
            (Rows{"[AAA]", "[AAA]", "[AAA-BBB]", "[BBB]", "[BBB-CCC]"}));
  EXPECT_EQ(run("from S#window.length(2) select str:groupConcat(k, '-', false, 'DESC') as c insert into Out;", events),
            (Rows{"[AAA]", "[AAA-AAA]", "[BBB-AAA]", "[BBB-BBB]", "[CCC-BBB]"}));
  EXPECT_EQ(run("from S#window.length(2) select str:groupConcat(k, '-', false, 'ASC') as c insert into Out;", events),
            (Rows{"[AAA]", "[AAA-AAA]", "[AAA-BBB]", "[BBB-BBB]", "[BBB-CCC]"}));
  // The order is upper-cased, as the extension does; distinct and order together.
  EXPECT_EQ(run("from S select str:groupConcat(k, ' ', true, 'desc') as c insert into Out;", keys({"b", "a", "b", "c"})),
            (Rows{"[b]", "[b a]", "[b a]", "[c b a]"}));
}

TEST(GroupConcat, KeysKeepThePlaceOfTheirFirstArrival) {
  // As the extension's LinkedHashMap: a key held again stays where it first came; the doc's
  // "A,B,S,C,A" is "A,A,B,S,C".
  EXPECT_EQ(run("from S select str:groupConcat(k) as c insert into Out;", keys({"A", "B", "S", "C", "A"})).back(),
            "[A,A,B,S,C]");
  // A key that left and came back is last: A expires (count 0) before the new A is added.
  EXPECT_EQ(run("from S#window.length(2) select str:groupConcat(k) as c insert into Out;", keys({"A", "B", "A"})),
            (Rows{"[A]", "[A,B]", "[B,A]"}));
  // ... while a key still held keeps its place.
  EXPECT_EQ(run("from S#window.length(3) select str:groupConcat(k) as c insert into Out;", keys({"A", "B", "A", "C"})),
            (Rows{"[A]", "[A,B]", "[A,A,B]", "[A,B,C]"}));
}

TEST(GroupConcat, ANullKeyIsTheTextNullOnceASeparatorIsGiven) {
  // The extension's forms with a separator hold String.valueOf(null).
  EXPECT_EQ(run("from S select str:groupConcat(k, '-') as c insert into Out;", keys({"A", nullptr, "B"})),
            (Rows{"[A]", "[A-null]", "[A-null-B]"}));
  EXPECT_EQ(run("from S#window.length(1) select str:groupConcat(k, '-') as c insert into Out;", keys({nullptr, "A"})),
            (Rows{"[null]", "[A]"}));
  EXPECT_EQ(run("from S#window.length(1) select str:groupConcat(k) as c insert into Out;", keys({nullptr, "A", nullptr})),
            (Rows{"[]", "[A]", "[]"}));
}

TEST(GroupConcat, KeysOfOtherTypesAreTheirJavaText) {
  EXPECT_EQ(run("from S select str:groupConcat(x) as a, str:groupConcat(d, ';') as b insert into Out;",
                {{S("k"), I(1), D(1), S("g")}, {S("k"), I(20), D(2.5), S("g")}}),
            (Rows{"[1, 1.0]", "[1,20, 1.0;2.5]"}));
  // 1 and '1' are one key, as text.
  EXPECT_EQ(run("from S select str:groupConcat(ifThenElse(x > 0, k, convert(x, 'string')), '+', true) as c "
                "insert into Out;",
                {{S("1"), I(1), D(0), S("g")}, {S("k"), I(-1), D(0), S("g")}}),
            (Rows{"[1]", "[1+-1]"}));
}

TEST(GroupConcat, AscendingIsJavasStringOrder) {
  // Upper case before lower case; a character above U+FFFF (a surrogate pair in Java) before
  // one of U+E000..U+FFFF, unlike UTF-8's byte order.
  EXPECT_EQ(run("from S select str:groupConcat(k, ',', false, 'ASC') as c insert into Out;",
                keys({"b", "B", "\xEF\xAC\x81", "\xF0\x9F\x98\x80", "a"}))
                .back(),
            "[B,a,b,\xF0\x9F\x98\x80,\xEF\xAC\x81]");
}

TEST(GroupConcat, GroupByAndBatches) {
  const std::vector<std::vector<Value>> events = {
      {S("a"), I(0), D(0), S("x")}, {S("b"), I(0), D(0), S("y")}, {S("c"), I(0), D(0), S("x")},
      {S("d"), I(0), D(0), S("x")}, {S("e"), I(0), D(0), S("y")}, {S("f"), I(0), D(0), S("y")}};
  EXPECT_EQ(run("from S select g, str:groupConcat(k) as c group by g insert into Out;", events),
            (Rows{"[x, a]", "[y, b]", "[x, a,c]", "[x, a,c,d]", "[y, b,e]", "[y, b,e,f]"}));
  // Each batch starts afresh (RESET clears the keys); one row per group per batch.
  EXPECT_EQ(run("from S#window.lengthBatch(3) select g, str:groupConcat(k) as c group by g insert into Out;", events),
            (Rows{"[x, a,c]", "[y, b]", "[x, d]", "[y, e,f]"}));
  EXPECT_EQ(run("from S#window.lengthBatch(2) select str:groupConcat(k, '|') as c insert into Out;", events),
            (Rows{"[a|b]", "[c|d]", "[e|f]"}));
}

TEST(GroupConcat, ExpiredRowsAndAnEmptyWindow) {
  AppHarness h(std::string(kStream) +
               "from S#window.time(1 sec) select str:groupConcat(k) as c insert all events into Out;");
  h.send("S", 1000, {S("A"), I(0), D(0), S("g")});
  h.send("S", 1500, {S("B"), I(0), D(0), S("g")});
  h.send("S", 3000, {S("C"), I(0), D(0), S("g")});  // A and B expire first
  EXPECT_EQ(h.rows("Out"), (Rows{"[A]", "[A,B]", "[]", "[C]"}));
}

// ---- math:percentile

const char* kValues = "@app:playback define stream S (id int, t double, i int, l long, f float);\n";

std::vector<std::vector<Value>> values(std::initializer_list<double> ts) {
  std::vector<std::vector<Value>> events;
  int id = 0;
  for (double t : ts)
    events.push_back({I(++id), D(t), I(static_cast<int32_t>(t)), L(static_cast<int64_t>(t)), F(static_cast<float>(t))});
  return events;
}

Rows percentileRows(const std::string& query, std::initializer_list<double> ts) {
  return run(query, values(ts), kValues);
}

TEST(Percentile, TheExtensionsCases) {
  // testPercentileFunctionExtensionDouble1/2/3, and the same over int, long and float.
  const Rows noWindow = {"[10.0]", "[30.0]", "[50.0]", "[50.0]", "[80.0]",
                         "[80.0]", "[80.0]", "[90.0]", "[90.0]", "[100.0]"};
  for (const char* arg : {"t", "i", "l", "f"}) {
    std::string p = std::string("math:percentile(") + arg + ", 97.0)";
    EXPECT_EQ(percentileRows("from S select " + p + " as p insert into Out;", {10, 30, 50, 40, 80, 60, 20, 90, 70, 100}),
              noWindow)
        << arg;
    EXPECT_EQ(percentileRows("from S#window.length(5) select " + p + " as p insert into Out;",
                             {10, 30, 100, 40, 80, 60, 20, 90, 70, 50}),
              (Rows{"[10.0]", "[30.0]", "[100.0]", "[100.0]", "[100.0]", "[100.0]", "[100.0]", "[90.0]", "[90.0]",
                    "[90.0]"}))
        << arg;
    EXPECT_EQ(percentileRows("from S#window.lengthBatch(5) select " + p + " as p insert into Out;",
                             {10, 30, 100, 40, 80, 60, 20, 90, 70, 50}),
              (Rows{"[100.0]", "[90.0]"}))
        << arg;
  }
}

TEST(Percentile, AWholeIndexAveragesTwoValues) {
  // n = 4, p = 50: index 2 is whole, the mean of the 2nd and 3rd values; p = 25: index 1.
  EXPECT_EQ(percentileRows("from S select math:percentile(t, 50.0) as a, math:percentile(t, 25.0) as b, "
                           "math:percentile(t, 100.0) as c, math:percentile(t, 0.1) as d insert into Out;",
                           {4, 1, 3, 2})
                .back(),
            "[2.5, 1.5, 4.0, 1.0]");
  // A fractional index rounds half up (Math.round), not up: p = 40 of 3 values is index 1.2,
  // the first value; p = 50 is 1.5, the second.
  EXPECT_EQ(percentileRows("from S select math:percentile(t, 40.0) as a, math:percentile(t, 50.0) as b insert into Out;",
                           {30, 10, 20})
                .back(),
            "[10.0, 20.0]");
}

TEST(Percentile, NullsAreSkippedAndNothingHeldIsNull) {
  AppHarness h(std::string(kValues) +
               "from S#window.time(1 sec) select math:percentile(t, 50.0) as p insert all events into Out;");
  h.send("S", 1000, {I(1), N(), N(), N(), N()});
  h.send("S", 1100, {I(2), D(7), N(), N(), N()});
  h.send("S", 3000, {I(3), N(), N(), N(), N()});  // both expire: nothing held
  EXPECT_EQ(h.rows("Out"), (Rows{"[null]", "[7.0]", "[null]", "[null]"}));
}

TEST(Percentile, SlidesOverManyValuesAndGroups) {
  // Against a sorted copy of each group's window, with duplicates and negative values.
  AppHarness h(std::string(kValues) +
               "from S#window.length(1500) select id, math:percentile(t, 90.0) as p group by id insert into Out;");
  std::vector<std::vector<double>> windows(3);
  std::vector<std::pair<int, double>> all;  // every event, in order
  uint32_t seed = 7;
  for (int n = 0; n < 6000; ++n) {
    seed = seed * 1103515245 + 12345;
    double t = static_cast<double>(static_cast<int>((seed >> 8) % 2001) - 1000) / 4;
    int id = static_cast<int>((seed >> 4) % 3);
    h.send("S", 1000 + n, {I(id), D(t), I(0), L(0), F(0)});
    // The length window is over all groups: it expires the oldest event of any group.
    all.push_back({id, t});
    windows[id].push_back(t);
    if (all.size() > 1500) {
      auto [oldId, oldT] = all[all.size() - 1501];
      auto& w = windows[oldId];
      w.erase(std::find(w.begin(), w.end(), oldT));
    }
    std::vector<double> sorted = windows[id];
    std::sort(sorted.begin(), sorted.end());
    double index = 90.0 * static_cast<double>(sorted.size()) / 100;
    double want;
    if (std::fmod(index, 1.0) == 0) {
      auto i = static_cast<size_t>(index);
      want = i == sorted.size() ? sorted[i - 1] : (sorted[i - 1] + sorted[i]) / 2;
    } else {
      auto i = static_cast<size_t>(std::llround(index));
      want = sorted[i == 0 ? 0 : i - 1];
    }
    const auto& out = h.recorded("Out");
    ASSERT_EQ(out.size(), static_cast<size_t>(n + 1));
    ASSERT_EQ(out.back().data[1].asDouble(), want) << "event " << n;
  }
}

// ---- json:group, json:groupAsObject

const char* kJsonStream = "@app:playback @OnError(action='STREAM') define stream S (j string, g string);\n";

Rows jsonRows(const std::string& query, std::initializer_list<const char*> jsons) {
  std::vector<std::vector<Value>> events;
  for (const char* j : jsons) events.push_back({j ? S(j) : N(), S("g")});
  return run(query, events, kJsonStream);
}

const char* kMorning = "{\"date\":\"2013-11-19\",\"time\":\"10:30\"}";
const char* kNoon = "{\"date\":\"2013-11-19\",\"time\":\"12:20\"}";

TEST(JsonGroup, TheExtensionsCases) {
  EXPECT_EQ(jsonRows("from S select json:group(j) as a insert into Out;", {nullptr, kMorning, kNoon}),
            (Rows{"[[null]]", "[[null," + std::string(kMorning) + "]]",
                  "[[null," + std::string(kMorning) + "," + kNoon + "]]"}));
  EXPECT_EQ(jsonRows("from S#window.length(3) select json:group(j, 'result') as a insert into Out;",
                     {nullptr, kMorning, kNoon}),
            (Rows{"[{\"result\":[null]}]", "[{\"result\":[null," + std::string(kMorning) + "]}]",
                  "[{\"result\":[null," + std::string(kMorning) + "," + kNoon + "]}]"}));
  EXPECT_EQ(jsonRows("from S#window.length(3) select json:group(j, true) as a insert into Out;",
                     {nullptr, kMorning, kMorning}),
            (Rows{"[[null]]", "[[null," + std::string(kMorning) + "]]", "[[null," + std::string(kMorning) + "]]"}));
  // testAggregateFunctionExtension6: distinct over a sliding window.
  EXPECT_EQ(jsonRows("from S#window.length(2) select json:group(j, 'result', true) as a insert into Out;",
                     {nullptr, kMorning, kMorning, kNoon}),
            (Rows{"[{\"result\":[null]}]", "[{\"result\":[null," + std::string(kMorning) + "]}]",
                  "[{\"result\":[" + std::string(kMorning) + "]}]",
                  "[{\"result\":[" + std::string(kMorning) + "," + kNoon + "]}]"}));
}

TEST(JsonGroup, GroupIsAStringAndGroupAsObjectAnObject) {
  AppHarness h(std::string(kJsonStream) +
               "from S select json:group(j) as a, json:groupAsObject(j, 'items') as b insert into Out;");
  h.send("S", 1, {S("{'n': 1}"), S("g")});
  const auto& row = h.recorded("Out").at(0).data;
  EXPECT_TRUE(row[0].isString());
  EXPECT_EQ(row[0].asString(), "[{\"n\":1}]");
  ASSERT_TRUE(row[1].isObject());
  EXPECT_EQ(row[1].toString(), "{\"items\":[{\"n\":1}]}");
}

TEST(JsonGroup, ObjectsAreWrittenAsJsonSmartWritesThem) {
  // Permissive input; '/' written \/ and U+2028 as \u2028, as json-smart's toJSONString does;
  // numbers as Java prints them.
  EXPECT_EQ(jsonRows("from S select json:group(j) as a insert into Out;",
                     {"{'url': 'http://x/y', n: 1.50, 'b': [true, null], 's': '\xE2\x80\xA8'}"}),
            (Rows{"[[{\"url\":\"http:\\/\\/x\\/y\",\"n\":1.5,\"b\":[true,null],\"s\":\"\\u2028\"}]]"}));
}

TEST(JsonGroup, ObjectsWithTheSameMembersAreOneElement) {
  // The extension's objects are hash maps: member order does not count. The first one's text shows.
  EXPECT_EQ(jsonRows("from S#window.length(2) select json:group(j, true) as a, json:group(j) as b insert into Out;",
                     {"{\"a\":1,\"b\":{\"c\":2,\"d\":3}}", "{\"b\":{\"d\":3,\"c\":2},\"a\":1}", "{\"a\":2}"}),
            (Rows{"[[{\"a\":1,\"b\":{\"c\":2,\"d\":3}}], [{\"a\":1,\"b\":{\"c\":2,\"d\":3}}]]",
                  "[[{\"a\":1,\"b\":{\"c\":2,\"d\":3}}], [{\"a\":1,\"b\":{\"c\":2,\"d\":3}},{\"a\":1,\"b\":{\"c\":2,\"d\":3}}]]",
                  "[[{\"a\":1,\"b\":{\"c\":2,\"d\":3}},{\"a\":2}], [{\"a\":1,\"b\":{\"c\":2,\"d\":3}},{\"a\":2}]]"}));
}

TEST(JsonGroup, ObjectArgumentsAndJsonFunctionsOnTheResult) {
  EXPECT_EQ(jsonRows("from S select json:group(json:toObject(j)) as a, "
                     "json:getString(json:groupAsObject(j, 'all'), '$.all[1].n') as second insert into Out;",
                     {"{\"n\":\"x\"}", "{\"n\":\"y\"}"}),
            (Rows{"[[{\"n\":\"x\"}], null]", "[[{\"n\":\"x\"},{\"n\":\"y\"}], y]"}));
}

TEST(JsonGroup, TextThatIsNotAJsonObjectFailsTheEvent) {
  AppHarness h(std::string(kJsonStream) +
               "from S select json:group(j) as a insert into Out;"
               "from !S select j, _error insert into Faults;");
  h.send("S", 1, {S("{\"n\":1}"), S("g")});
  h.send("S", 2, {S("{not json"), S("g")});
  h.send("S", 3, {S("[1, 2]"), S("g")});
  h.send("S", 4, {S("{\"n\":2}"), S("g")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[[{\"n\":1}]]", "[[{\"n\":1},{\"n\":2}]]"}));
  const auto faults = h.rows("Faults");
  ASSERT_EQ(faults.size(), 2u);
  EXPECT_NE(faults[0].find("json:group(): the input is not valid JSON"), std::string::npos) << faults[0];
  EXPECT_NE(faults[1].find("json:group(): needs a JSON object, but the input is [1, 2]"), std::string::npos) << faults[1];
}

TEST(JsonGroup, GroupByBatchesAndExpiry) {
  const std::vector<std::vector<Value>> events = {{S("{'v':1}"), S("x")}, {S("{'v':2}"), S("y")},
                                                  {S("{'v':3}"), S("x")}, {S("{'v':4}"), S("x")}};
  EXPECT_EQ(run("from S#window.lengthBatch(2) select g, json:group(j) as a group by g insert into Out;", events,
                kJsonStream),
            (Rows{"[x, [{\"v\":1}]]", "[y, [{\"v\":2}]]", "[x, [{\"v\":3},{\"v\":4}]]"}));
  EXPECT_EQ(run("from S#window.length(2) select json:groupAsObject(j) as a insert expired events into Out;", events,
                kJsonStream),
            (Rows{"[[{\"v\":2}]]", "[[{\"v\":3}]]"}));
  // Everything expired: an empty array.
  AppHarness h(std::string(kJsonStream) +
               "from S#window.time(1 sec) select json:group(j, 'r') as a insert all events into Out;");
  h.send("S", 1000, {S("{'v':1}"), S("x")});
  h.send("S", 3000, {S("{'v':2}"), S("x")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[{\"r\":[{\"v\":1}]}]", "[{\"r\":[]}]", "[{\"r\":[{\"v\":2}]}]"}));
}

// ---- everywhere an aggregate goes

TEST(ExtensionAggregates, InAnExpressionWindowsCondition) {
  // A length window of three one-letter keys, written as a condition on their concatenation.
  EXPECT_EQ(run("from S#window.expression(\"str:length(str:groupConcat(k, '')) <= 3\") select k, count() as n "
                "insert into Out;",
                keys({"A", "B", "C", "D", "E"})),
            (Rows{"[A, 1]", "[B, 2]", "[C, 3]", "[D, 3]", "[E, 3]"}));
  EXPECT_EQ(percentileRows("from S#window.expression('math:percentile(t, 100.0) - math:percentile(t, 0.1) <= 10.0') "
                           "select count() as n insert into Out;",
                           {1, 5, 11, 12, 30}),
            (Rows{"[1]", "[2]", "[3]", "[3]", "[1]"}));
}

TEST(ExtensionAggregates, InAnExpressionBatchWindowsCondition) {
  // The batch closes when the arrival would make the keys longer than two letters; the
  // select's own groupConcat starts afresh with each batch.
  EXPECT_EQ(run("from S#window.expressionBatch(\"str:length(str:groupConcat(k, '')) <= 2\") "
                "select str:groupConcat(k) as c insert into Out;",
                keys({"A", "B", "C", "D", "E"})),
            (Rows{"[A,B]", "[C,D]"}));
}

TEST(ExtensionAggregates, InHavingAndExpressions) {
  EXPECT_EQ(run("from S select str:upper(str:groupConcat(k)) as c having str:length(c) > 1 insert into Out;",
                keys({"a", "b"})),
            (Rows{"[A,B]"}));
}

// ---- deploy-time errors

std::string errorOf(const std::string& select, const char* stream = kStream) {
  return deployErrorOf(std::string(stream) + "from S select " + select + " insert into Out;");
}

TEST(ExtensionAggregates, AreCheckedWhenDeployed) {
  EXPECT_NE(errorOf("str:groupConcat() as c").find("str:groupConcat() takes 1, 2, 3 or 4 arguments, found 0"),
            std::string::npos)
      << errorOf("str:groupConcat() as c");
  EXPECT_NE(errorOf("str:groupConcat(k, g) as c")
                .find("str:groupConcat() needs a constant as its second argument (separator), but 'g' is not one"),
            std::string::npos)
      << errorOf("str:groupConcat(k, g) as c");
  EXPECT_NE(errorOf("str:groupConcat(k, '-', 1) as c")
                .find("str:groupConcat() needs a bool as its third argument (distinct), but '1' is int"),
            std::string::npos)
      << errorOf("str:groupConcat(k, '-', 1) as c");
  EXPECT_NE(errorOf("str:groupConcat(k, '-', false, 'UP') as c")
                .find("str:groupConcat(): the order must be 'ASC' or 'DESC', but 'UP' is neither"),
            std::string::npos)
      << errorOf("str:groupConcat(k, '-', false, 'UP') as c");
  EXPECT_NE(errorOf("str:groupConcat(k, 1) as c").find("needs a string as its second argument (separator)"),
            std::string::npos);

  EXPECT_NE(errorOf("math:percentile(d) as p").find("math:percentile() takes 2 arguments, found 1"), std::string::npos)
      << errorOf("math:percentile(d) as p");
  EXPECT_NE(errorOf("math:percentile(d, 50) as p")
                .find("math:percentile() needs a double as its second argument (p), but '50' is int"),
            std::string::npos)
      << errorOf("math:percentile(d, 50) as p");
  EXPECT_NE(errorOf("math:percentile(d, d) as p").find("needs a constant as its second argument (p)"),
            std::string::npos);
  EXPECT_NE(errorOf("math:percentile(k, 50.0) as p").find("needs a number as its first argument (arg)"),
            std::string::npos)
      << errorOf("math:percentile(k, 50.0) as p");
  for (const char* p : {"0.0", "100.5", "-1.0"})
    EXPECT_NE(errorOf(std::string("math:percentile(d, ") + p + ") as p")
                  .find(std::string("the percentile must be greater than 0 and at most 100, but '") + p + "' is not"),
              std::string::npos)
        << p;
  EXPECT_EQ(errorOf("math:percentile(x, 100.0) as p"), "");

  EXPECT_NE(errorOf("json:group(x) as a").find("json:group() needs a string or object as its first argument (json)"),
            std::string::npos)
      << errorOf("json:group(x) as a");
  EXPECT_NE(errorOf("json:groupAsObject(k, x > 1) as a").find("needs a constant as its second argument (distinct)"),
            std::string::npos)
      << errorOf("json:groupAsObject(k, x > 1) as a");
  EXPECT_NE(errorOf("json:group(k, 'r', 'r') as a").find("json:group() needs a bool as its third argument (distinct)"),
            std::string::npos)
      << errorOf("json:group(k, 'r', 'r') as a");
  EXPECT_NE(errorOf("json:group(k, true, true) as a").find("json:group() needs a string as its second argument"),
            std::string::npos)
      << errorOf("json:group(k, true, true) as a");
}

TEST(ExtensionAggregates, BelongInSelect) {
  EXPECT_NE(deployErrorOf(std::string(kStream) + "from S[str:groupConcat(k) == 'a'] select k insert into Out;")
                .find("aggregate function 'str:groupConcat' is not allowed in filter; aggregates belong in select"),
            std::string::npos);
  EXPECT_NE(errorOf("str:groupConcat(str:groupConcat(k)) as c")
                .find("aggregate function 'str:groupConcat' is not allowed in the argument of str:groupConcat()"),
            std::string::npos)
      << errorOf("str:groupConcat(str:groupConcat(k)) as c");
  EXPECT_NE(errorOf("k as c having math:percentile(d, 5.0) > 1.0").find("aggregate function 'math:percentile' is not allowed"),
            std::string::npos)
      << errorOf("k as c having math:percentile(d, 5.0) > 1.0");
  EXPECT_NE(errorOf("str:groupConcatt(k) as c").find("unknown function 'str:groupConcatt' (did you mean 'str:groupConcat'?)"),
            std::string::npos)
      << errorOf("str:groupConcatt(k) as c");
}

}  // namespace
}  // namespace cepheus::testing
