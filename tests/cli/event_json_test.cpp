// The event JSON codec of `cepheus run`: conversions by attribute type and what is rejected.
#include "codec/event_json.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>

namespace cepheus::cli {

using namespace cepheus::codec;  // the event JSON codec
namespace {

class EventJsonTest : public ::testing::Test {
 protected:
  StreamInfo stream{"S",
                    {{"s", Type::String},
                     {"i", Type::Int},
                     {"l", Type::Long},
                     {"f", Type::Float},
                     {"d", Type::Double},
                     {"b", Type::Bool},
                     {"o", Type::Object}}};
  StreamLookup lookup = [this](std::string_view name) {
    return name == stream.name ? &stream : nullptr;
  };

  // Decodes an event of S whose data is `data` (JSON array text).
  DecodedEvent decode(const std::string& data) {
    return decodeEvent("{\"stream\":\"S\",\"ts\":42,\"data\":" + data + "}", lookup);
  }

  // The message of the EventFormatError decoding `line` throws.
  std::string rejection(const std::string& line) {
    try {
      decodeEvent(line, lookup);
    } catch (const EventFormatError& error) {
      return error.what();
    }
    return "(accepted)";
  }
  std::string dataRejection(const std::string& data) {
    return rejection("{\"stream\":\"S\",\"ts\":42,\"data\":" + data + "}");
  }
};

TEST_F(EventJsonTest, DecodesEachTypeFromItsJsonForm) {
  DecodedEvent event = decode("[\"IBM\", -5, 9000000000, 1.5, 10.25, true, \"x\"]");
  EXPECT_EQ(event.stream, &stream);
  EXPECT_EQ(event.timestamp, 42);
  ASSERT_EQ(event.data.size(), 7u);
  EXPECT_EQ(event.data[0], Value::ofString("IBM"));
  EXPECT_EQ(event.data[1], Value::ofInt(-5));
  EXPECT_EQ(event.data[2], Value::ofLong(9000000000));
  EXPECT_EQ(event.data[3], Value::ofFloat(1.5f));
  EXPECT_EQ(event.data[4], Value::ofDouble(10.25));
  EXPECT_EQ(event.data[5], Value::ofBool(true));
  EXPECT_EQ(event.data[6], Value::ofString("x"));
}

TEST_F(EventJsonTest, NullIsNullForEveryType) {
  DecodedEvent event = decode("[null, null, null, null, null, null, null]");
  for (const Value& value : event.data) EXPECT_TRUE(value.isNull());
}

TEST_F(EventJsonTest, IntegersAreAcceptedWhereFloatingPointIsExpected) {
  DecodedEvent event = decode("[\"a\", 1, 2, 3, 4, false, 5]");
  EXPECT_EQ(event.data[3], Value::ofFloat(3));
  EXPECT_EQ(event.data[4], Value::ofDouble(4));
}

TEST_F(EventJsonTest, IntegralFloatingPointNumbersAreAcceptedAsIntegers) {
  DecodedEvent event = decode("[\"a\", 100.0, 1e3, 0, 0, false, 0]");
  EXPECT_EQ(event.data[1], Value::ofInt(100));
  EXPECT_EQ(event.data[2], Value::ofLong(1000));
}

TEST_F(EventJsonTest, ObjectAttributesTakeAnyJson) {
  DecodedEvent event = decode("[\"a\", 0, 0, 0, 0, false, 7]");
  EXPECT_EQ(event.data[6], Value::ofLong(7));
  event = decode("[\"a\", 0, 0, 0, 0, false, 2.5]");
  EXPECT_EQ(event.data[6], Value::ofDouble(2.5));
  event = decode("[\"a\", 0, 0, 0, 0, false, true]");
  EXPECT_EQ(event.data[6], Value::ofBool(true));
  event = decode("[\"a\", 0, 0, 0, 0, false, \"[1]\"]");
  EXPECT_EQ(event.data[6], Value::ofString("[1]"));  // a string stays a string
  event = decode("[\"a\", 0, 0, 0, 0, false, 18446744073709551615]");
  EXPECT_EQ(event.data[6], Value::ofDouble(18446744073709551615.0));
}

TEST_F(EventJsonTest, RejectsValuesOfTheWrongType) {
  EXPECT_EQ(dataRejection("[5, 0, 0, 0, 0, false, 0]"),
            "attribute \"s\" (string): expected a string, got 5");
  EXPECT_EQ(dataRejection("[\"a\", 1.5, 0, 0, 0, false, 0]"),
            "attribute \"i\" (int): expected an integer, got 1.5");
  EXPECT_EQ(dataRejection("[\"a\", \"1\", 0, 0, 0, false, 0]"),
            "attribute \"i\" (int): expected an integer, got \"1\"");
  EXPECT_EQ(dataRejection("[\"a\", 0, 0.5, 0, 0, false, 0]"),
            "attribute \"l\" (long): expected an integer in the long range, got 0.5");
  EXPECT_EQ(dataRejection("[\"a\", 0, 0, \"x\", 0, false, 0]"),
            "attribute \"f\" (float): expected a number, got \"x\"");
  EXPECT_EQ(dataRejection("[\"a\", 0, 0, 0, false, false, 0]"),
            "attribute \"d\" (double): expected a number, got false");
  EXPECT_EQ(dataRejection("[\"a\", 0, 0, 0, 0, 1, 0]"),
            "attribute \"b\" (bool): expected true or false, got 1");
}

TEST_F(EventJsonTest, RejectsNumbersOutOfTheirTypesRange) {
  EXPECT_EQ(dataRejection("[\"a\", 2147483648, 0, 0, 0, false, 0]"),
            "attribute \"i\" (int): expected an integer in the int range, got 2147483648");
  EXPECT_EQ(dataRejection("[\"a\", -2147483649, 0, 0, 0, false, 0]"),
            "attribute \"i\" (int): expected an integer in the int range, got -2147483649");
  EXPECT_EQ(dataRejection("[\"a\", 0, 9223372036854775808, 0, 0, false, 0]"),
            "attribute \"l\" (long): expected an integer in the long range, got "
            "9223372036854775808");
  EXPECT_EQ(dataRejection("[\"a\", 0, 0, 1e39, 0, false, 0]"),
            "attribute \"f\" (float): expected a number in the float range, got 1e39");
  DecodedEvent limits = decode("[\"a\", -2147483648, -9223372036854775808, 0, 0, false, 0]");
  EXPECT_EQ(limits.data[1], Value::ofInt(std::numeric_limits<int32_t>::min()));
  EXPECT_EQ(limits.data[2], Value::ofLong(std::numeric_limits<int64_t>::min()));
}

TEST_F(EventJsonTest, RejectsMalformedEnvelopes) {
  EXPECT_EQ(rejection("[1, 2]"), "expected a JSON object");
  EXPECT_EQ(rejection("{\"ts\":1,\"data\":[]}"), "missing \"stream\"");
  EXPECT_EQ(rejection("{\"stream\":1,\"ts\":1,\"data\":[]}"), "\"stream\" must be a string");
  EXPECT_EQ(rejection("{\"stream\":\"T\",\"ts\":1,\"data\":[]}"), "unknown stream \"T\"");
  EXPECT_EQ(rejection("{\"stream\":\"S\",\"data\":[]}"), "missing \"ts\"");
  EXPECT_EQ(rejection("{\"stream\":\"S\",\"ts\":1.5,\"data\":[]}"),
            "\"ts\" must be an integer (milliseconds), got 1.5");
  EXPECT_EQ(rejection("{\"stream\":\"S\",\"ts\":\"1\",\"data\":[]}"),
            "\"ts\" must be an integer (milliseconds), got \"1\"");
  EXPECT_EQ(rejection("{\"stream\":\"S\",\"ts\":1}"), "missing \"data\"");
  EXPECT_EQ(rejection("{\"stream\":\"S\",\"ts\":1,\"data\":{}}"), "\"data\" must be an array");
  EXPECT_EQ(rejection("{\"stream\":\"S\",\"ts\":1,\"data\":[\"a\"]}"),
            "stream \"S\" has 7 attributes (s, i, l, f, d, b, o), got 1 values");
}

TEST_F(EventJsonTest, RejectsInvalidJsonWithItsColumn) {
  EXPECT_EQ(rejection("{\"stream\": \"S\", }"),
            "invalid JSON at column 17: expected a member name (a string), found '}'");
}

TEST_F(EventJsonTest, LongValuesInErrorsAreCut) {
  std::string longText(100, 'x');
  EXPECT_EQ(dataRejection("[\"" + longText + "\", 0, 0, 0, 0, false, 0, 1]"),
            "stream \"S\" has 7 attributes (s, i, l, f, d, b, o), got 8 values");
  EXPECT_EQ(dataRejection("[\"a\", \"" + longText + "\", 0, 0, 0, false, 0]"),
            "attribute \"i\" (int): expected an integer, got \"" + std::string(39, 'x') + "...");
}

std::string encode(std::initializer_list<Value> data) {
  std::string out;
  appendEventJson(out, "Out", 1000, std::span<const Value>(data.begin(), data.size()));
  return out;
}

TEST(EventJsonEncode, WritesStreamTimestampAndData) {
  EXPECT_EQ(encode({Value::ofString("IBM"), Value::ofDouble(10.5), Value::ofInt(100)}),
            "{\"stream\":\"Out\",\"ts\":1000,\"data\":[\"IBM\",10.5,100]}");
  EXPECT_EQ(encode({}), "{\"stream\":\"Out\",\"ts\":1000,\"data\":[]}");
}

TEST(EventJsonEncode, FloatingPointNumbersRoundTripAndStayFloatingPoint) {
  EXPECT_EQ(encode({Value::ofDouble(10.0), Value::ofDouble(0.1), Value::ofDouble(-2.5e-7),
                    Value::ofDouble(1e20)}),
            "{\"stream\":\"Out\",\"ts\":1000,\"data\":[10.0,0.1,-2.5e-07,1e+20]}");
  EXPECT_EQ(encode({Value::ofFloat(1.5f), Value::ofFloat(0.1f), Value::ofFloat(3.0f)}),
            "{\"stream\":\"Out\",\"ts\":1000,\"data\":[1.5,0.1,3.0]}");
}

// Doubles with few decimals take a quicker path than std::to_chars (appendShortDecimal); the
// text must be to_chars's all the same, for those and for the numbers next to them.
TEST(EventJsonEncode, DoublesPrintAsTheShortestRoundTripTextOfToChars) {
  auto expected = [](double number) {
    char text[64];
    std::string out(text, std::to_chars(text, text + sizeof text, number).ptr);
    if (out.find_first_of(".e") == std::string::npos) out += ".0";
    return out;
  };
  auto written = [](double number) {
    std::string out;
    appendValueJson(out, Value::ofDouble(number));
    return out;
  };
  std::mt19937_64 random(11);
  std::vector<double> numbers = {1.0, 1.5, 0.5, 0.9999, 1.0001, 99999999.9999, 1e8, 1e8 - 0.5, 123.25, 2.675,
                                 1.005, 0.1, 10.0, 100000.0, 1e14, 1e20, 4503599627370497.0};
  const double scales[] = {1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0};
  for (int i = 0; i < 200000; ++i) {
    int decimals = static_cast<int>(random() % 6);
    auto digits = static_cast<double>(random() % 100000000000000ULL);
    double number = digits / scales[decimals];  // at most five decimals, up to 10^14
    if (i % 2) number = -number;
    numbers.push_back(number);
    numbers.push_back(std::nextafter(number, 1e300));
    numbers.push_back(std::nextafter(number, -1e300));
    numbers.push_back(static_cast<double>(random() % 200000000) + static_cast<double>(random()) / 18446744073709551616.0);
  }
  for (double number : numbers) ASSERT_EQ(written(number), expected(number)) << std::hexfloat << number;
}

TEST(EventJsonEncode, NonFiniteNumbersBecomeNull) {
  EXPECT_EQ(encode({Value::ofDouble(std::nan("")),
                    Value::ofDouble(std::numeric_limits<double>::infinity()),
                    Value::ofFloat(-std::numeric_limits<float>::infinity())}),
            "{\"stream\":\"Out\",\"ts\":1000,\"data\":[null,null,null]}");
}

TEST(EventJsonEncode, WritesIntegersBoolsAndNulls) {
  EXPECT_EQ(
      encode({Value::ofLong(-9000000000), Value::ofInt(0), Value::ofBool(false), Value::null()}),
      "{\"stream\":\"Out\",\"ts\":1000,\"data\":[-9000000000,0,false,null]}");
}

TEST(EventJsonEncode, EscapesStrings) {
  EXPECT_EQ(encode({Value::ofString("a\"b\\c\nd\te"), Value::ofString("caf\xc3\xa9")}),
            "{\"stream\":\"Out\",\"ts\":1000,\"data\":[\"a\\\"b\\\\c\\nd\\te\",\"caf\xc3\xa9\"]}");
}

TEST(EventJsonEncode, InvalidUtf8IsReplacedSoTheLineStaysJson) {
  EXPECT_EQ(encode({Value::ofString("ab\xc3")}),
            "{\"stream\":\"Out\",\"ts\":1000,\"data\":[\"ab\xef\xbf\xbd\"]}");
}

// An object payload prints as its text, in a JSON string.
class Point final : public Object {
 public:
  std::string toString() const override { return "(1, 2)"; }
};

TEST(EventJsonEncode, ObjectsPrintTheirTextAsAString) {
  EXPECT_EQ(encode({Value::ofObject(new Point)}),
            "{\"stream\":\"Out\",\"ts\":1000,\"data\":[\"(1, 2)\"]}");
}

}  // namespace
}  // namespace cepheus::cli
