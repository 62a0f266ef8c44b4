// `cepheus run` with bad event lines: each is reported with why and skipped, whatever is wrong
// with it, and the count at the end reads right for one and for many.
#include <gtest/gtest.h>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

const char* const kApp =
    "@app:playback\n"
    "define stream Trades (symbol string, price double, volume int, extra object);\n"
    "from Trades select symbol, price, volume, extra insert into Out;\n";

TEST(MalformedEvents, ANumberPastDoubleIsOneBadLineNotTheEndOfTheRun) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kApp);
  std::string events = dir.write("events.jsonl",
                                 "{\"stream\":\"Trades\",\"ts\":1,\"data\":[\"IBM\",1e999,1,null]}\n"
                                 "{\"stream\":\"Trades\",\"ts\":2,\"data\":[\"IBM\",10.5,99999999999999999999,null]}\n"
                                 "{\"stream\":\"Trades\",\"ts\":3,\"data\":[\"WSO2\",2.5,3,null]}\n");
  ProcessResult result = runCepheus({"run", app, "--events", events});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.out, "{\"stream\":\"Out\",\"ts\":3,\"data\":[\"WSO2\",2.5,3,null]}\n");
  EXPECT_EQ(lines(result.err),
            (std::vector<std::string>{
                events + ":1: error: attribute \"price\" (double): expected a number in the double range, got 1e999",
                events + ":2: error: attribute \"volume\" (int): expected an integer in the int range, got "
                         "99999999999999999999",
                "2 malformed events skipped"}));
}

TEST(MalformedEvents, OneSkippedEventIsSingular) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kApp);
  ProcessResult result = runCepheus({"run", app, "--events", "-"}, "not json\n");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(lines(result.err),
            (std::vector<std::string>{"<stdin>:1: error: invalid JSON at column 1: expected a value, found 'not'",
                                      "1 malformed event skipped"}));
}

TEST(MalformedEvents, NoCountWhenNothingWasSkipped) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kApp);
  ProcessResult result =
      runCepheus({"run", app, "--events", "-"}, "{\"stream\":\"Trades\",\"ts\":1,\"data\":[\"A\",1,1,null]}\n");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.err, "");
}

TEST(MalformedEvents, JsonInAnObjectAttributeComesBackAsJson) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kApp);
  ProcessResult result = runCepheus(
      {"run", app, "--events", "-"},
      "{\"stream\":\"Trades\",\"ts\":1,\"data\":[\"A\",1,1,{\"venue\": \"X\", \"legs\": [1, 2]}]}\n"
      "{\"stream\":\"Trades\",\"ts\":2,\"data\":[\"A\",1,1,\"{not json, a string}\"]}\n");
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(result.out,
            "{\"stream\":\"Out\",\"ts\":1,\"data\":[\"A\",1.0,1,{\"venue\":\"X\",\"legs\":[1,2]}]}\n"
            "{\"stream\":\"Out\",\"ts\":2,\"data\":[\"A\",1.0,1,\"{not json, a string}\"]}\n");
}

// JSON kept in a window survives a save and a restore: the split run prints what one run prints.
TEST(MalformedEvents, JsonInAWindowIsSavedAndRestored) {
  TempDir dir;
  std::string app = dir.write("app.siddhi",
                              "@app:playback\n"
                              "define stream Trades (symbol string, extra object);\n"
                              "from Trades#window.length(2) select symbol, extra insert expired events into Out;\n");
  const std::string first = "{\"stream\":\"Trades\",\"ts\":1,\"data\":[\"A\",{\"legs\": [1, 2]}]}\n"
                            "{\"stream\":\"Trades\",\"ts\":2,\"data\":[\"B\",[true, null]]}\n";
  const std::string second = "{\"stream\":\"Trades\",\"ts\":3,\"data\":[\"C\",1]}\n"
                             "{\"stream\":\"Trades\",\"ts\":4,\"data\":[\"D\",2]}\n";
  ProcessResult whole = runCepheus({"run", app, "--events", "-"}, first + second);
  ASSERT_EQ(whole.exitCode, 0) << whole.err;
  EXPECT_EQ(whole.out,
            "{\"stream\":\"Out\",\"ts\":3,\"data\":[\"A\",{\"legs\":[1,2]}]}\n"
            "{\"stream\":\"Out\",\"ts\":4,\"data\":[\"B\",[true,null]]}\n");
  std::string state = dir.path("state.bin");
  ProcessResult saved = runCepheus({"run", app, "--events", "-", "--save", state}, first);
  ASSERT_EQ(saved.exitCode, 0) << saved.err;
  ProcessResult restored = runCepheus({"run", app, "--events", "-", "--restore", state}, second);
  ASSERT_EQ(restored.exitCode, 0) << restored.err;
  EXPECT_EQ(saved.out + restored.out, whole.out);
}

}  // namespace
}  // namespace cepheus::test
