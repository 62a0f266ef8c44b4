// Stream functions: the core's #pol2Cart and the extension library's #str:tokenize,
// #json:tokenize, #json:tokenizeAsObject.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

TEST(StreamFunctions, TokenizeGivesOneEventPerToken) {
  AppHarness h("define stream T (id int, str string);"
               "from T#str:tokenize(str, ',') select id, token insert into Out;");
  h.send("T", 1, {I(1), S("Android,Windows8,iOS")});
  h.send("T", 2, {I(2), S("")});
  h.send("T", 3, {I(3), S("one")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, Android]", "[1, Windows8]", "[1, iOS]", "[2, ]", "[3, one]"}));
}

TEST(StreamFunctions, TokenizeDistinctAndSelectStar) {
  AppHarness h("define stream T (str string);"
               "from T#str:tokenize(str, '\\s*;\\s*', true) select * insert into Out;");
  h.send("T", 1, {S("a ; b;a ;c;;")});
  // Java's split drops the trailing empty pieces; distinct drops the second "a".
  EXPECT_EQ(h.rows("Out"), (Rows{"[a ; b;a ;c;;, a]", "[a ; b;a ;c;;, b]", "[a ; b;a ;c;;, c]"}));
}

TEST(StreamFunctions, TokenizeWithARegexFromTheEvent) {
  AppHarness h("define stream T (str string, sep string);"
               "from T#str:tokenize(str, sep) select token insert into Out;");
  h.send("T", 1, {S("a-b"), S("-")});
  h.send("T", 2, {S("c1d22e"), S("\\d+")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[a]", "[b]", "[c]", "[d]", "[e]"}));
}

TEST(StreamFunctions, TokensOfOneEventAreOneChunkForAggregates) {
  AppHarness h("define stream T (str string);"
               "from T#str:tokenize(str, ',') select count() as n insert into Out;");
  std::vector<EventView> batch;
  std::vector<std::vector<Value>> rows = {{S("a,b,c")}, {S("d,e")}};
  for (auto& r : rows) batch.push_back({1, r.data()});
  h.app().input("T").send(std::span<const EventView>(batch));
  // One row per input event (its tokens are one chunk), each with the running count.
  EXPECT_EQ(h.rows("Out"), (Rows{"[3]", "[5]"}));
}

TEST(StreamFunctions, FilterAndWindowAfterTokenize) {
  AppHarness h("@app:playback define stream T (str string);"
               "from T#str:tokenize(str, ' ')[str:length(token) > 2]#window.length(2) select token, count() as n insert into Out;");
  h.send("T", 1, {S("to be or not")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[not, 1]"}));
}

TEST(StreamFunctions, NullInputFailsTheEvent) {
  AppHarness h("@OnError(action='STREAM') define stream T (str string);"
               "from T#str:tokenize(str, ',') select token insert into Out;"
               "from !T select _error as e insert into Faults;");
  h.send("T", 1, {N()});
  EXPECT_TRUE(h.rows("Out").empty());
  ASSERT_EQ(h.rows("Faults").size(), 1u);
  EXPECT_NE(h.rows("Faults")[0].find("str:tokenize(): the input string cannot be null"), std::string::npos);
}

TEST(StreamFunctions, JsonTokenize) {
  AppHarness h("define stream T (json string, path string);"
               "from T#json:tokenize(json, path) select path, jsonElement insert into Out;");
  h.send("T", 1, {S("{name:'John', enrolledSubjects:['Mathematics', 'Physics'], address: {city: 'NY'}}"), S("$.enrolledSubjects")});
  h.send("T", 2, {S("{name:'John'}"), S("$.name")});
  h.send("T", 3, {S("{name:'John', address: {city: 'NY'}}"), S("$.address")});
  h.send("T", 4, {S("{name:'John'}"), S("$.salary")});  // dropped: fail.on.missing.attribute defaults to true
  EXPECT_EQ(h.rows("Out"), (Rows{"[$.enrolledSubjects, \"Mathematics\"]", "[$.enrolledSubjects, \"Physics\"]",
                                 "[$.name, John]", "[$.address, {\"city\":\"NY\"}]"}));
}

TEST(StreamFunctions, JsonTokenizeKeepsMissingWhenAsked) {
  AppHarness h("define stream T (json string);"
               "from T#json:tokenize(json, '$.salary', false) select jsonElement insert into Out;");
  h.send("T", 1, {S("{name:'John', age:25}")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[null]"}));
}

TEST(StreamFunctions, JsonTokenizeAsObject) {
  AppHarness h("define stream T (json string);"
               "from T#json:tokenizeAsObject(json, '$.items') "
               "select json:getInt(jsonElement, '$.qty') as qty, json:getString(jsonElement, '$.sku') as sku insert into Out;");
  h.send("T", 1, {S("{\"items\": [{\"sku\": \"a\", \"qty\": 2}, {\"sku\": \"b\", \"qty\": 5}]}")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[2, a]", "[5, b]"}));
}

TEST(StreamFunctions, Pol2CartAddsXAndY) {
  AppHarness h("define stream P (theta double, rho double);"
               "from P#pol2Cart(theta, rho) select x, y insert into Out;"
               "from P#pol2Cart(theta, rho, 3.4) select * insert into Out3;");
  h.send("P", 1, {D(0.7854), D(5.0)});  // Siddhi's documented example: theta in degrees
  h.send("P", 2, {D(90.0), D(2.0)});
  ASSERT_EQ(h.rows("Out").size(), 2u);
  EXPECT_EQ(h.rows("Out")[0], "[4.99953024681082, 0.06853693328228748]");
  const std::vector<Value>& second = h.recorded("Out")[1].data;
  EXPECT_NEAR(second[0].asDouble(), 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(second[1].asDouble(), 2.0);
  EXPECT_EQ(h.rows("Out3")[0], "[0.7854, 5.0, 4.99953024681082, 0.06853693328228748, 3.4]");
}

TEST(StreamFunctions, Pol2CartOfANullCoordinateIsNull) {
  AppHarness h("define stream P (theta double, rho double, height double);"
               "from P#pol2Cart(theta, rho, height)#window.length(2) select x, y, z, count() as n insert into Out;");
  h.send("P", 1, {N(), D(5.0), D(1.0)});
  h.send("P", 2, {D(0.0), D(2.0), N()});
  EXPECT_EQ(h.rows("Out"), (Rows{"[null, null, 1.0, 1]", "[2.0, 0.0, null, 2]"}));
}

}  // namespace
}  // namespace cepheus::testing
