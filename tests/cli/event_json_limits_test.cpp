// The event codec at the edges: numbers at and past each type's limits (echoed as written when
// rejected), exact integral conversion, JSON kept as JSON in object attributes, and strict JSON.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "codec/event_json.h"

namespace cepheus::cli {

using namespace cepheus::codec;  // the event JSON codec
namespace {

class EventJsonLimits : public ::testing::Test {
 protected:
  StreamInfo stream{"S", {{"v", Type::Int}}};
  StreamLookup lookup = [this](std::string_view name) { return name == "S" ? &stream : nullptr; };

  void typed(Type type) { stream.attributes[0].type = type; }

  // The one value `json` decodes to, for an attribute of the current type.
  Value value(const std::string& json) {
    return decodeEvent("{\"stream\":\"S\",\"ts\":1,\"data\":[" + json + "]}", lookup).data.at(0);
  }
  // Why the line is rejected, or "(accepted)".
  std::string rejection(const std::string& line) {
    try {
      decodeEvent(line, lookup);
    } catch (const EventFormatError& error) {
      return error.what();
    }
    return "(accepted)";
  }
  std::string valueRejection(const std::string& json) {
    return rejection("{\"stream\":\"S\",\"ts\":1,\"data\":[" + json + "]}");
  }
};

TEST_F(EventJsonLimits, IntAtAndPastItsLimits) {
  typed(Type::Int);
  EXPECT_EQ(value("2147483647"), Value::ofInt(2147483647));
  EXPECT_EQ(value("-2147483648"), Value::ofInt(std::numeric_limits<int32_t>::min()));
  EXPECT_EQ(value("2.147483647e9"), Value::ofInt(2147483647));
  EXPECT_EQ(valueRejection("2147483648"),
            "attribute \"v\" (int): expected an integer in the int range, got 2147483648");
  EXPECT_EQ(valueRejection("-2147483649"),
            "attribute \"v\" (int): expected an integer in the int range, got -2147483649");
  EXPECT_EQ(valueRejection("99999999999999999999"),
            "attribute \"v\" (int): expected an integer in the int range, got 99999999999999999999");
  EXPECT_EQ(valueRejection("1e999"), "attribute \"v\" (int): expected an integer in the int range, got 1e999");
  EXPECT_EQ(valueRejection("0.5"), "attribute \"v\" (int): expected an integer, got 0.5");
  EXPECT_EQ(valueRejection("1e-999"), "attribute \"v\" (int): expected an integer, got 1e-999");
}

TEST_F(EventJsonLimits, LongAtAndPastItsLimits) {
  typed(Type::Long);
  EXPECT_EQ(value("9223372036854775807"), Value::ofLong(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(value("-9223372036854775808"), Value::ofLong(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(valueRejection("9223372036854775808"),
            "attribute \"v\" (long): expected an integer in the long range, got 9223372036854775808");
  EXPECT_EQ(valueRejection("-9223372036854775809"),
            "attribute \"v\" (long): expected an integer in the long range, got -9223372036854775809");
  EXPECT_EQ(valueRejection("18446744073709551616"),
            "attribute \"v\" (long): expected an integer in the long range, got 18446744073709551616");
  EXPECT_EQ(valueRejection("9.3e18"),
            "attribute \"v\" (long): expected an integer in the long range, got 9.3e18");
}

TEST_F(EventJsonLimits, IntegralNumbersInOtherNotationsConvertExactly) {
  typed(Type::Long);
  // Through a double these would round to ...992 and ...000.
  EXPECT_EQ(value("9007199254740993.0"), Value::ofLong(9007199254740993));
  EXPECT_EQ(value("9.223372036854775807e18"), Value::ofLong(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(value("1.5e1"), Value::ofLong(15));
  EXPECT_EQ(value("1500e-2"), Value::ofLong(15));
  EXPECT_EQ(value("-0"), Value::ofLong(0));
  EXPECT_EQ(value("0e999"), Value::ofLong(0));
  EXPECT_EQ(value("0.000e-5"), Value::ofLong(0));
  EXPECT_EQ(valueRejection("1501e-2"), "attribute \"v\" (long): expected an integer in the long range, got 1501e-2");
}

TEST_F(EventJsonLimits, FloatAtAndPastItsLimits) {
  typed(Type::Float);
  EXPECT_EQ(value("3.4028234663852886e38"), Value::ofFloat(std::numeric_limits<float>::max()));
  EXPECT_EQ(value("-3.4028234663852886e38"), Value::ofFloat(-std::numeric_limits<float>::max()));
  EXPECT_EQ(value("1.4e-45"), Value::ofFloat(std::numeric_limits<float>::denorm_min()));
  EXPECT_EQ(value("1e-50"), Value::ofFloat(0.0f));  // too small: zero, as Java reads it
  EXPECT_EQ(valueRejection("3.5e38"), "attribute \"v\" (float): expected a number in the float range, got 3.5e38");
  EXPECT_EQ(valueRejection("-1e39"), "attribute \"v\" (float): expected a number in the float range, got -1e39");
  EXPECT_EQ(valueRejection("1e999"), "attribute \"v\" (float): expected a number in the float range, got 1e999");
}

TEST_F(EventJsonLimits, DoubleAtAndPastItsLimits) {
  typed(Type::Double);
  EXPECT_EQ(value("1.7976931348623157e308"), Value::ofDouble(std::numeric_limits<double>::max()));
  EXPECT_EQ(value("4.9e-324"), Value::ofDouble(std::numeric_limits<double>::denorm_min()));
  EXPECT_EQ(value("123456789012345678901234567890"), Value::ofDouble(1.2345678901234568e29));
  Value tiny = value("-1e-999");
  EXPECT_EQ(tiny.asDouble(), 0.0);
  EXPECT_TRUE(std::signbit(tiny.asDouble()));
  EXPECT_EQ(valueRejection("1.8e308"), "attribute \"v\" (double): expected a number in the double range, got 1.8e308");
  EXPECT_EQ(valueRejection("1e999"), "attribute \"v\" (double): expected a number in the double range, got 1e999");
  EXPECT_EQ(valueRejection("-1e999"), "attribute \"v\" (double): expected a number in the double range, got -1e999");
  EXPECT_EQ(valueRejection("1e99999999999999999999999"),
            "attribute \"v\" (double): expected a number in the double range, got 1e99999999999999999999999");
}

TEST_F(EventJsonLimits, ObjectNumbersAreLongsOrDoubles) {
  typed(Type::Object);
  EXPECT_EQ(value("9223372036854775807"), Value::ofLong(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(value("9223372036854775808"), Value::ofDouble(9223372036854775808.0));
  EXPECT_EQ(value("2.5"), Value::ofDouble(2.5));
  EXPECT_EQ(valueRejection("1e999"), "attribute \"v\" (object): expected a number in the double range, got 1e999");
}

TEST_F(EventJsonLimits, TimestampsAreLongs) {
  EXPECT_EQ(decodeEvent("{\"stream\":\"S\",\"ts\":-9223372036854775808,\"data\":[1]}", lookup).timestamp,
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(rejection("{\"stream\":\"S\",\"ts\":9223372036854775808,\"data\":[1]}"),
            "\"ts\" must be an integer (milliseconds), got 9223372036854775808");
  EXPECT_EQ(rejection("{\"stream\":\"S\",\"ts\":1e3,\"data\":[1]}"),
            "\"ts\" must be an integer (milliseconds), got 1e3");
}

TEST_F(EventJsonLimits, ObjectAttributesKeepArraysAndObjectsAsJson) {
  typed(Type::Object);
  const std::string line = "{\"stream\":\"S\",\"ts\":1,\"data\":[ {\"k\" : [1, 2.50, \"x\\u00e9\", null, {}] } ]}";
  DecodedEvent event = decodeEvent(line, lookup);
  ASSERT_TRUE(event.data[0].isObject());
  EXPECT_EQ(event.data[0].toString(), "{\"k\":[1,2.50,\"x\\u00e9\",null,{}]}");  // compact, as written
  std::string out;
  appendEventJson(out, "O", 1, event.data);
  EXPECT_EQ(out, "{\"stream\":\"O\",\"ts\":1,\"data\":[{\"k\":[1,2.50,\"x\\u00e9\",null,{}]}]}");
  // Equal JSON text is an equal value (group by, distinctCount).
  EXPECT_EQ(value("[1, 2]"), value("[1,2]"));
  EXPECT_NE(value("[1, 2]"), value("[2, 1]"));
  EXPECT_NE(value("[1]"), Value::ofString("[1]"));
}

TEST_F(EventJsonLimits, DeepNestingInAnObjectAttributeNeedsNoStack) {
  typed(Type::Object);
  constexpr size_t kDepth = 1'000'000;
  std::string deep = std::string(kDepth, '[') + std::string(kDepth, ']');
  EXPECT_EQ(value(deep).toString(), deep);
  std::string unclosed = std::string(kDepth, '[') + std::string(kDepth - 1, ']');
  EXPECT_EQ(valueRejection(unclosed).rfind("invalid JSON at column ", 0), 0u);
  std::string objects;
  for (size_t i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  EXPECT_EQ(value(objects).toString(), objects);
}

TEST_F(EventJsonLimits, OnlyStrictJsonIsAccepted) {
  auto column = [&](const std::string& line) { return rejection(line); };
  EXPECT_EQ(column("{\"stream\":\"S\",\"ts\":1,\"data\":[1],}"),
            "invalid JSON at column 33: expected a member name (a string), found '}'");
  EXPECT_EQ(column("{\"stream\":\"S\",\"ts\":1,\"data\":[01]}"),
            "invalid JSON at column 30: invalid number '01': no leading zeros");
  EXPECT_EQ(column("{\"stream\":\"S\",\"ts\":1,\"data\":[1.]}"),
            "invalid JSON at column 30: invalid number '1.': a digit must follow '.'");
  EXPECT_EQ(column("{\"stream\":\"S\",\"ts\":1,\"data\":[+1]}"),
            "invalid JSON at column 30: expected a value, found '+'");
  EXPECT_EQ(column("{\"stream\":\"S\",\"ts\":1,\"data\":[NaN]}"),
            "invalid JSON at column 30: expected a value, found 'NaN'");
  EXPECT_EQ(column("{\"stream\":'S',\"ts\":1,\"data\":[1]}"),
            "invalid JSON at column 11: expected a value, found '''");
  EXPECT_EQ(column("{\"stream\":\"S\",\"ts\":1,\"data\":[1]} x"),
            "invalid JSON at column 34: expected the end of the line after the value, found 'x'");
  EXPECT_EQ(column("{\"stream\":\"S\",\"ts\":1,\"data\":[1]"),
            "invalid JSON at column 32: expected ',' or '}' after a member, found the end of the line");
  EXPECT_EQ(column("{\"stream\":\"S\",\"ts\":1,\"data\":[1]}\x01"),
            "invalid JSON at column 33: expected the end of the line after the value, found byte 0x01");
  EXPECT_EQ(column("{\"stream\":\"S\",\"ts\":1,\"ts\":2,\"data\":[1]}"), "\"ts\" is given twice");
}

TEST_F(EventJsonLimits, StringsAreValidUtf8WithValidEscapes) {
  typed(Type::String);
  EXPECT_EQ(value("\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\/ \\n\""), Value::ofString("caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" / \n"));
  EXPECT_EQ(value("\"\xe2\x82\xac\""), Value::ofString("\xe2\x82\xac"));
  EXPECT_EQ(value("\"a\\u0000b\""), Value::ofString(std::string_view("a\0b", 3)));
  EXPECT_EQ(valueRejection("\"\xff\""), "invalid JSON at column 31: invalid UTF-8 in a string (byte 0xff)");
  EXPECT_EQ(valueRejection("\"\xc0\xaf\""), "invalid JSON at column 31: invalid UTF-8 in a string (byte 0xc0)");
  EXPECT_EQ(valueRejection("\"\xed\xa0\x80\""), "invalid JSON at column 31: invalid UTF-8 in a string (byte 0xed)");
  EXPECT_EQ(valueRejection("\"\xe2\x82\""), "invalid JSON at column 31: invalid UTF-8 in a string (byte 0xe2)");
  EXPECT_EQ(valueRejection("\"\\ud800\""),
            "invalid JSON at column 31: invalid \\u escape in a string: a high surrogate without a low one after it");
  EXPECT_EQ(valueRejection("\"\\udc00\""),
            "invalid JSON at column 31: invalid \\u escape in a string: a low surrogate without a high one before it");
  EXPECT_EQ(valueRejection("\"\\u12\""), "invalid JSON at column 31: invalid \\u escape in a string: it needs four hex digits");
  EXPECT_EQ(valueRejection("\"\\x\""), "invalid JSON at column 31: invalid escape '\\x' in a string");
  EXPECT_EQ(valueRejection("\"a\tb\""), "invalid JSON at column 32: a control character (0x09) in a string must be escaped");
  EXPECT_EQ(valueRejection("\"abc"), "invalid JSON at column 30: unterminated string: the closing quote is missing");
}

TEST_F(EventJsonLimits, BadValuesAreEchoedAsWrittenAndCutAtACharacter) {
  typed(Type::Int);
  EXPECT_EQ(valueRejection("\"" + std::string(38, 'x') + "\xc3\xa9\xc3\xa9\""),
            "attribute \"v\" (int): expected an integer, got \"" + std::string(38, 'x') + "...");
  EXPECT_EQ(valueRejection("[1,  2]"), "attribute \"v\" (int): expected an integer, got [1,  2]");
}

}  // namespace
}  // namespace cepheus::cli
