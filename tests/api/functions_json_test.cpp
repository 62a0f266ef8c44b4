// json: functions and geo:distance: the docs' examples (their JSON is written with single
// quotes, which the extension's permissive parser reads), paths, nulls and invalid JSON.
#include <cmath>

#include "common/json_text.h"
#include "support/function_harness.h"

namespace cepheus::testing {
namespace {

const char* kJson = "j string";
const char* kJohn = "{'name' : 'John', 'age' : 23, 'married' : true, 'salary' : 12000.0, "
                    "'address' : {'city' : 'NY', 'country' : 'USA'}, 'subjects' : ['Maths', 'Physics'], 'nothing': null}";

std::string onJohn(const std::string& expression) { return call(kJson, expression, {S(kJohn)}); }

TEST(JsonFunctions, GetTypedValues) {
  EXPECT_EQ(onJohn("json:getString(j, '$.name')"), "John");
  EXPECT_EQ(onJohn("json:getString(j, '$.age')"), "23");
  EXPECT_EQ(onJohn("json:getString(j, '$.salary')"), "12000.0");
  EXPECT_EQ(onJohn("json:getString(j, '$.address')"), "{\"city\":\"NY\",\"country\":\"USA\"}");
  EXPECT_EQ(onJohn("json:getInt(j, '$.age')"), "23");
  EXPECT_EQ(onJohn("json:getLong(j, '$.age')"), "23");
  EXPECT_EQ(onJohn("json:getDouble(j, '$.salary')"), "12000.0");
  EXPECT_EQ(onJohn("json:getFloat(j, '$.salary')"), "12000.0");
  EXPECT_EQ(onJohn("json:getBool(j, '$.married')"), "true");
  EXPECT_EQ(onJohn("json:getDouble(j, '$.age')"), "23.0");
}

TEST(JsonFunctions, MismatchesAndMissingPathsGiveNull) {
  EXPECT_EQ(onJohn("json:getInt(j, '$.name')"), "null");
  EXPECT_EQ(onJohn("json:getInt(j, '$.salary')"), "null");  // 12000.0 is not an int, as in Java
  EXPECT_EQ(onJohn("json:getBool(j, '$.name')"), "null");
  EXPECT_EQ(onJohn("json:getDouble(j, '$.foo')"), "null");
  EXPECT_EQ(onJohn("json:getString(j, '$.nothing')"), "null");
  EXPECT_EQ(onJohn("json:getString(j, '$.address.zip')"), "null");
  EXPECT_EQ(call(kJson, "json:getString(j, '$.name')", {N()}), "null");
  EXPECT_EQ(call(kJson, "json:getInt(j, '$.n')", {S("{\"n\": \"42\"}")}), "42");  // a string holding a number
}

TEST(JsonFunctions, PathsIntoArraysAndWildcards) {
  EXPECT_EQ(onJohn("json:getString(j, '$.subjects[1]')"), "Physics");
  EXPECT_EQ(onJohn("json:getString(j, '$.subjects[-1]')"), "Physics");
  EXPECT_EQ(onJohn("json:getString(j, \"$['address']['city']\")"), "NY");
  EXPECT_EQ(onJohn("json:getString(j, '$.subjects[*]')"), "[\"Maths\",\"Physics\"]");
  EXPECT_EQ(onJohn("json:getString(j, '$..city')"), "[\"NY\"]");
  EXPECT_EQ(onJohn("json:getString(j, 'address.country')"), "USA");  // $ is implied, as in Jayway
  EXPECT_EQ(call(kJson, "json:getInt(j, '$.a[0].b')", {S("{\"a\": [{\"b\": 1}, {\"b\": 2}]}")}), "1");
  EXPECT_EQ(call(kJson, "json:getInt(j, '$.a[*].b')", {S("{\"a\": [{\"b\": 1}, {\"b\": 2}]}")}), "null");  // two values
  EXPECT_EQ(call(kJson, "json:getInt(j, '$.a[*].b')", {S("{\"a\": [{\"b\": 7}]}")}), "7");
  EXPECT_EQ(call(kJson, "json:getString(j, '$.s')", {S("{\"s\": \"tab\\there \\u00e9\"}")}), "tab\there é");
}

TEST(JsonFunctions, UnionsSlicesAndDeepScans) {
  const char* doc = "{\"list\": [10, 20, 30, 40], \"a\": {\"x\": 1, \"b\": {\"x\": 2}}, \"y\": 3}";
  auto on = [&](const std::string& path) { return call(kJson, "json:getString(j, '" + path + "')", {S(doc)}); };
  EXPECT_EQ(on("$.list[0,2]"), "[10,30]");
  EXPECT_EQ(on("$.list[1:3]"), "[20,30]");
  EXPECT_EQ(on("$.list[-2:]"), "[30,40]");
  EXPECT_EQ(on("$.list[:1]"), "[10]");
  EXPECT_EQ(on("$..x"), "[1,2]");
  EXPECT_EQ(on("$.a.*"), "[1,{\"x\":2}]");
  EXPECT_EQ(call(kJson, "json:getString(j, \"$['a','y']\")", {S(doc)}), "[{\"x\":1,\"b\":{\"x\":2}},3]");
  EXPECT_EQ(call(kJson, "json:getInt(j, '$.list[9]')", {S(doc)}), "null");
  EXPECT_EQ(call(kJson + std::string(", p string"), "json:getInt(j, p)", {S(doc), S("$.a.b.x")}), "2");  // a path per event
  EXPECT_TRUE(startsWith(call(kJson + std::string(", p string"), "json:getInt(j, p)", {S(doc), S("$.a[")}),
                         "error: json:getInt(): JSON path '$.a[' has an unclosed '['"));
}

TEST(JsonFunctions, InvalidJsonFails) {
  EXPECT_TRUE(startsWith(call(kJson, "json:getString(j, '$.a')", {S("{\"a\": 1")}),
                         "error: json:getString(): the input is not valid JSON"));
  EXPECT_TRUE(startsWith(call(kJson, "json:getInt(j, '$.a')", {S("{\"a\": 1} trailing")}),
                         "error: json:getInt(): the input is not valid JSON"));
  EXPECT_TRUE(startsWith(call(kJson, "json:isExists(j, '$.a')", {S("not json [")}),
                         "error: json:isExists(): the input is not valid JSON"));
  EXPECT_EQ(call(kJson, "json:toObject(j)", {S("{bad")}), "null");  // toObject gives null instead
}

TEST(JsonFunctions, IsExists) {
  EXPECT_EQ(onJohn("json:isExists(j, '$.name')"), "true");
  EXPECT_EQ(onJohn("json:isExists(j, '$.salary.amount')"), "false");
  EXPECT_EQ(onJohn("json:isExists(j, '$.nothing')"), "true");  // present, with a null value
  EXPECT_EQ(onJohn("json:isExists(j, '$..zip')"), "false");
  EXPECT_EQ(call(kJson, "json:isExists(j, '$.a')", {N()}), "false");
}

TEST(JsonFunctions, GetObjectToObjectAndToString) {
  EXPECT_EQ(onJohn("json:getObject(j, '$.address')"), "{\"city\":\"NY\",\"country\":\"USA\"}");
  EXPECT_EQ(onJohn("json:getObject(j, '$.age')"), "23");
  EXPECT_EQ(onJohn("json:getObject(j, '$.salary')"), "12000.0");
  EXPECT_EQ(onJohn("json:getString(json:getObject(j, '$.address'), '$.city')"), "NY");
  EXPECT_EQ(onJohn("instanceOfInteger(json:getObject(j, '$.age'))"), "true");
  EXPECT_EQ(call(kJson, "json:toString(json:toObject(j))", {S("{'user' : 'david', 'tag': '<b>'}")}),
            "{\"user\":\"david\",\"tag\":\"\\u003cb\\u003e\"}");
  EXPECT_EQ(call(kJson, "json:toString(json:toObject(j), true)", {S("{'user':'david'}")}), "\"{\\\"user\\\":\\\"david\\\"}\"");
  EXPECT_EQ(call(kJson, "json:toString(j)", {S("text")}), "\"text\"");  // Gson quotes a string
  EXPECT_EQ(call(kJson, "json:toString(j)", {N()}), "null");
  EXPECT_EQ(call(kJson, "json:toString(j, true)", {N()}), "error: json:toString(): null value passed: json is null");
}

TEST(JsonFunctions, SetElement) {
  const char* person = "{'name' : 'John', 'married' : true}";
  EXPECT_EQ(call(kJson, "json:setElement(j, '$', \"{'country' : 'USA'}\", 'address')", {S(person)}),
            "{\"name\":\"John\",\"married\":true,\"address\":{\"country\":\"USA\"}}");
  EXPECT_EQ(call(kJson, "json:setElement(j, '$', 40, 'age')", {S(person)}), "{\"name\":\"John\",\"married\":true,\"age\":40}");
  EXPECT_EQ(call(kJson, "json:setElement(json:setElement(j, '$', 40, 'age'), '$', 45, 'age')", {S(person)}),
            "{\"name\":\"John\",\"married\":true,\"age\":45}");
  const char* stationary = "{'name' : 'Stationary', 'items' : ['pen', 'pencil'], 'item' : 'pen'}";
  EXPECT_EQ(call(kJson, "json:setElement(j, '$.items', 'book')", {S(stationary)}),
            "{\"name\":\"Stationary\",\"items\":[\"pen\",\"pencil\",\"book\"],\"item\":\"pen\"}");
  EXPECT_EQ(call(kJson, "json:setElement(j, '$.item', 'book')", {S(stationary)}),
            "{\"name\":\"Stationary\",\"items\":[\"pen\",\"pencil\"],\"item\":\"book\"}");
  EXPECT_EQ(call(kJson, "json:setElement(j, '$.address', 'city', 'SF')", {S(person)}),
            "{\"name\":\"John\",\"married\":true}");  // no such path: unchanged
  EXPECT_EQ(call(kJson, "json:setElement(j, '$.a', 1)", {N()}), "null");
}

TEST(JsonFunctions, ReadJsonThatAnEventBroughtIntoAnObjectAttribute) {
  // cepheus run keeps a JSON object of an object attribute as JSON (JsonText): the functions
  // read it as that JSON, not as a string holding it.
  Value json = Value::ofObject(new JsonText("{\"user\":{\"age\":23},\"tags\":[\"a\",\"b\"]}"));
  EXPECT_EQ(call("o object", "json:getInt(o, '$.user.age')", {json}), "23");
  EXPECT_EQ(call("o object", "json:getString(o, '$.tags[1]')", {json}), "b");
  EXPECT_EQ(call("o object", "json:isExists(o, '$.user')", {json}), "true");
  EXPECT_EQ(call("o object", "json:toString(json:setElement(o, '$', 1, 'n'))", {json}),
            "{\"user\":{\"age\":23},\"tags\":[\"a\",\"b\"],\"n\":1}");
}

TEST(GeoFunctions, DistanceInMetres) {
  EXPECT_EQ(call("geo:distance(0.0, 0.0, 0.0, 0.0)"), "0.0");
  // Colombo to Kandy (haversine on a 6371 km sphere, as the geo extension computes).
  double d = std::stod(call("geo:distance(6.9271, 79.8612, 7.2906, 80.6337)"));
  EXPECT_NEAR(d, 94335.4, 0.1);
  double quarter = std::stod(call("geo:distance(0.0, 0.0, 0.0, 90.0)"));
  EXPECT_NEAR(quarter, 6371000 * M_PI / 2, 1e-6);
  EXPECT_EQ(call("a double", "geo:distance(a, 0.0, 0.0, 0.0)", {N()}), "error: geo:distance(): the first argument cannot be null");
}

}  // namespace
}  // namespace cepheus::testing
