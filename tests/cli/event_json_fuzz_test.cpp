// A fuzz test of the event codec. Random bytes, mutated valid lines, numbers at and past each
// type's limits, deep nesting and very long lines: whatever a line holds, decoding either gives
// an event that encodes and decodes back to itself, or fails with EventFormatError (nothing else
// escapes, nothing crashes), and agrees with nlohmann's JSON parser on what is valid JSON. Then
// the same kind of input goes through `cepheus run`, which must report every bad line and still
// process every valid one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <typeinfo>

#include "cli/cli_process.h"
#include "codec/event_json.h"

namespace cepheus::cli {

using namespace cepheus::codec;  // the event JSON codec
namespace {

const StreamInfo kStream{"S",
                         {{"s", Type::String},
                          {"i", Type::Int},
                          {"l", Type::Long},
                          {"f", Type::Float},
                          {"d", Type::Double},
                          {"b", Type::Bool},
                          {"o", Type::Object}}};

const StreamInfo* lookup(std::string_view name) { return name == "S" ? &kStream : nullptr; }

const std::vector<std::string> kValidLines = {
    R"({"stream":"S","ts":1,"data":["IBM",1,2,3.5,4.25,true,null]})",
    R"({"stream": "S", "ts": -7, "data": [null, null, null, null, null, null, null]})",
    R"({"data":["x",-2147483648,-9223372036854775808,-0.0,1e-300,false,{"k":[1,{"n":null}]}],"ts":0,"stream":"S"})",
    R"( {"stream":"S","ts":9223372036854775807,"data":["caf\u00e9 \ud83d\ude00",2147483647,1,1,1,true,[]]} )",
    R"({"stream":"S","ts":5,"data":["\"quoted\" \\ \/ \b\f\n\r\t",2147483647,9223372036854775807,3.4028234e38,1.7976931348623157e308,false,"text"]})",
    R"({"stream":"S","ts":6,"data":["",1e3,1.5e1,1e-45,5e-324,true,12345678901234567890]})",
    R"({"stream":"S","ts":7,"extra":{"ignored":[1,2,3]},"data":["\u0000",0,0,0,0,false,-1.5E+2]})",
};

// Numbers at and just past the limits of int, long, float and double, and other edge forms.
const std::vector<std::string> kEdgeNumbers = {
    "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
    "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
    "18446744073709551616", "99999999999999999999", "3.4028234663852886e38", "3.5e38", "1.4e-45",
    "1e-46", "1.7976931348623157e308", "1.7976931348623159e308", "1e999", "-1e999", "4.9e-324",
    "2e-324", "1e-999", "0", "-0", "0.0", "1e0", "100.0", "1.5", "-1.5e-7", "1E+2", "1e99999999999999999999",
    "9007199254740993", "9007199254740993.0", "0.1e1", "01", "1.", ".5", "+1", "1e", "-", "Infinity", "NaN",
};

class Fuzzer {
 public:
  explicit Fuzzer(uint32_t seed) : random_(seed) {}

  size_t below(size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(random_); }
  bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }
  template <typename T>
  const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

  std::string line() {
    switch (below(6)) {
      case 0: return randomBytes();
      case 1: return mutated(pick(kValidLines), 1 + below(4));
      case 2: return withEdgeNumber();
      case 3: return deeplyNested();
      case 4: return veryLong();
      default: return mutated(spliced(), below(2));
    }
  }

 private:
  std::string randomBytes() {
    static const std::string kJsonish = "{}[]\":,0123456789.eE+- \\u\"tfnSdatsreamlu";
    std::string out;
    size_t length = below(120);
    for (size_t i = 0; i < length; ++i)
      out += chance(70) ? kJsonish[below(kJsonish.size())] : static_cast<char>(below(256));
    return out;
  }

  std::string mutated(std::string text, size_t edits) {
    for (size_t e = 0; e < edits && !text.empty(); ++e) {
      size_t at = below(text.size());
      switch (below(5)) {
        case 0: text[at] = static_cast<char>(below(256)); break;
        case 1: text.insert(at, 1, "{}[]\",:\\0-.e"[below(12)]); break;
        case 2: text.erase(at, 1 + below(8)); break;
        case 3: text.insert(at, text.substr(at, below(16))); break;
        default: text[at] = static_cast<char>(text[at] ^ (1 << below(8))); break;
      }
    }
    return text;
  }

  // A valid line with one data value replaced by an edge number.
  std::string withEdgeNumber() {
    std::string values[7] = {"\"a\"", "1", "2", "3.0", "4.0", "true", "null"};
    values[below(7)] = pick(kEdgeNumbers);
    std::string data;
    for (const std::string& value : values) data += (data.empty() ? "" : ",") + value;
    return R"({"stream":"S","ts":)" + (chance(10) ? pick(kEdgeNumbers) : "1") + R"(,"data":[)" + data + "]}";
  }

  std::string deeplyNested() {
    size_t depth = 1 + below(chance(20) ? 200000 : 2000);
    bool object = chance(50);
    std::string open = object ? R"({"k":)" : "[";
    std::string close = object ? "}" : "]";
    std::string nested;
    nested.reserve(depth * (open.size() + 1) + 8);
    for (size_t i = 0; i < depth; ++i) nested += open;
    nested += object ? "1" : "";
    size_t closes = chance(80) ? depth : below(depth + 2);  // sometimes unbalanced
    for (size_t i = 0; i < closes; ++i) nested += close;
    return R"({"stream":"S","ts":1,"data":["a",1,2,3,4,true,)" + nested + "]}";
  }

  std::string veryLong() {
    size_t length = 1 + below(chance(3) ? (1u << 20) : 100000);
    std::string text(length, 'x');
    for (size_t i = 0; i < length; i += 1 + below(1000)) text[i] = "ab\xc3\xa9\\\"z"[below(7)];
    std::string value = chance(50) ? "\"" + text + "\"" : std::string(length, '7');
    return R"({"stream":"S","ts":1,"data":[)" + value + R"(,1,2,3,4,true,null]})";
  }

  std::string spliced() {
    const std::string& a = pick(kValidLines);
    const std::string& b = pick(kValidLines);
    return a.substr(0, below(a.size())) + b.substr(below(b.size()));
  }

  std::mt19937 random_;
};

// nlohmann's view of the line: valid JSON, invalid, or valid except for numbers too large for a
// double (nlohmann rejects those; the codec reads them and rejects them by the attribute's range).
enum class Oracle { Valid, Invalid, NumberOverflow };

Oracle oracle(std::string line) {
  struct Sax : nlohmann::json_sax<nlohmann::json> {
    int errorId = 0;
    size_t position = 0;
    std::string token;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t at, const std::string& last, const nlohmann::detail::exception& e) override {
      errorId = e.id;
      position = at;
      token = last;
      return false;
    }
  };
  bool overflow = false;
  while (true) {
    Sax sax;
    if (nlohmann::json::sax_parse(line, &sax)) return overflow ? Oracle::NumberOverflow : Oracle::Valid;
    if (sax.errorId != 406) return Oracle::Invalid;
    // nlohmann stops at the first overflowing number: put a zero in its place and read on, so
    // that a syntax error after it is still found.
    overflow = true;
    size_t start = sax.position - sax.token.size();
    if (sax.position < sax.token.size() || line.compare(start, sax.token.size(), sax.token) != 0) return Oracle::Invalid;
    line.replace(start, sax.token.size(), "0 ");  // the space keeps what follows a separate token
  }
}

// Decodes `line`; the event when it is one, with `why` set to the reason otherwise. Fails the
// test when anything but EventFormatError escapes.
std::optional<DecodedEvent> decodeOrWhy(const std::string& line, std::string& why) {
  try {
    return decodeEvent(line, lookup);
  } catch (const EventFormatError& error) {
    why = error.what();
  } catch (const std::exception& error) {
    ADD_FAILURE() << "decodeEvent threw " << typeid(error).name() << ": " << error.what()
                  << "\n  line: " << line.substr(0, 200);
  } catch (...) {
    ADD_FAILURE() << "decodeEvent threw a non-exception\n  line: " << line.substr(0, 200);
  }
  return std::nullopt;
}

std::string encoded(const DecodedEvent& event) {
  std::string out;
  appendEventJson(out, event.stream->name, event.timestamp, event.data);
  return out;
}

// What one line does to the codec, checked against its properties.
void checkLine(const std::string& line) {
  std::string why;
  std::optional<DecodedEvent> event = decodeOrWhy(line, why);
  // nlohmann takes a NUL byte for the end of its input, so it is no judge of lines holding one.
  Oracle json = line.find('\0') == std::string::npos ? oracle(line) : Oracle::Invalid;
  bool invalidJson = why.rfind("invalid JSON at column ", 0) == 0;
  if (line.find('\0') != std::string::npos) {
    // Still: a NUL byte can only be valid inside a string, as the escape \u0000, never raw.
    EXPECT_FALSE(event) << "accepted a raw NUL byte";
  } else if (invalidJson) {
    EXPECT_EQ(json, Oracle::Invalid) << why << "\n  line: " << line.substr(0, 200);
  } else {
    EXPECT_NE(json, Oracle::Invalid) << (event ? "accepted" : why) << "\n  line: " << line.substr(0, 200);
  }
  if (json == Oracle::NumberOverflow) {
    EXPECT_FALSE(event) << "accepted a number beyond double: " << line.substr(0, 200);
  }
  if (!event) {
    EXPECT_FALSE(why.empty());
    EXPECT_EQ(why.find('\n'), std::string::npos) << "a message of more than one line: " << why;
    EXPECT_LE(why.size(), 400u) << "a message that is not short: " << why.substr(0, 200);
    return;
  }
  // An accepted event survives its own encoding: the output of `cepheus run` reads back as the
  // same event.
  std::string out = encoded(*event);
  std::string again;
  std::optional<DecodedEvent> back = decodeOrWhy(out, again);
  ASSERT_TRUE(back) << again << "\n  encoded: " << out.substr(0, 200);
  EXPECT_EQ(back->timestamp, event->timestamp);
  ASSERT_EQ(back->data.size(), event->data.size());
  for (size_t i = 0; i < event->data.size(); ++i) {
    const Value& a = event->data[i];
    const Value& b = back->data[i];
    bool bothNaN = a.tag() == Value::Tag::Double && b.tag() == a.tag() && std::isnan(a.asDouble()) && std::isnan(b.asDouble());
    EXPECT_TRUE(a == b || bothNaN) << "value " << i << " of " << line.substr(0, 200) << "\n  encoded: " << out.substr(0, 200);
  }
  EXPECT_EQ(encoded(*back), out);
}

TEST(EventJsonFuzz, EveryLineDecodesToARoundTrippingEventOrAFormatError) {
  for (const std::string& line : kValidLines) {
    std::string why;
    EXPECT_TRUE(decodeOrWhy(line, why)) << why << "\n  line: " << line;
    checkLine(line);
  }
  constexpr uint32_t kSeed = 14;
  Fuzzer fuzzer(kSeed);
  for (int i = 0; i < 10000 && !HasFailure(); ++i) {
    SCOPED_TRACE("seed " + std::to_string(kSeed) + ", case " + std::to_string(i));
    checkLine(fuzzer.line());
  }
}

TEST(EventJsonFuzz, EveryEdgeNumberInEveryPositionIsDecidedCleanly) {
  for (const std::string& number : kEdgeNumbers) {
    for (int position = 0; position < 7; ++position) {
      std::string values[7] = {"\"a\"", "1", "2", "3.0", "4.0", "true", "null"};
      values[position] = number;
      std::string data;
      for (const std::string& value : values) data += (data.empty() ? "" : ",") + value;
      checkLine(R"({"stream":"S","ts":1,"data":[)" + data + "]}");
    }
    checkLine(R"({"stream":"S","ts":)" + number + R"(,"data":["a",1,2,3,4,true,null]})");
  }
}

// The same kind of input through the binary: every bad line is reported with its line number
// and skipped, and every valid line, before and after the bad ones, comes out.
TEST(EventJsonFuzz, RunReportsEveryBadLineAndProcessesEveryValidOne) {
  test::TempDir dir;
  std::string app = dir.write("app.siddhi",
                              "define stream S (s string, i int, l long, f float, d double, b bool, o object);\n"
                              "from S select * insert into O;\n");
  Fuzzer fuzzer(1414);
  std::string input;
  std::string expectedOut;
  std::vector<std::string> expectedErrors;
  size_t lineNumber = 0;
  size_t bad = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string line = i % 2 == 0 ? fuzzer.pick(kValidLines) : fuzzer.line();
    // One input line each: no line breaks inside, and no "\r" the reader would strip at the end.
    std::replace(line.begin(), line.end(), '\n', ' ');
    while (!line.empty() && line.back() == '\r') line.pop_back();
    input += line + "\n";
    ++lineNumber;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are skipped
    std::string why;
    if (std::optional<DecodedEvent> event = decodeOrWhy(line, why)) {
      appendEventJson(expectedOut, "O", event->timestamp, event->data);
      expectedOut += "\n";
    } else {
      expectedErrors.push_back("<events>:" + std::to_string(lineNumber) + ": error: " + why);
      ++bad;
    }
  }
  std::string events = dir.write("events.jsonl", input);
  test::ProcessResult result = test::runCepheus({"run", app, "--events", events});
  EXPECT_EQ(result.exitCode, 0) << result.err.substr(0, 2000);
  EXPECT_EQ(result.out, expectedOut);
  std::vector<std::string> errors = test::lines(result.err);
  ASSERT_EQ(errors.size(), expectedErrors.size() + 1) << result.err.substr(0, 2000);
  for (size_t i = 0; i < expectedErrors.size(); ++i) {
    std::string line = errors[i];
    ASSERT_EQ(line.rfind(events + ":", 0), 0u) << line;
    EXPECT_EQ("<events>" + line.substr(events.size()), expectedErrors[i]);
  }
  EXPECT_GT(bad, 500u);  // the fuzzer really produced bad lines
  EXPECT_EQ(errors.back(), std::to_string(bad) + " malformed events skipped");
}

}  // namespace
}  // namespace cepheus::cli
