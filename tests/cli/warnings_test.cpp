// Warnings on the command line: `check` prints them and still exits 0 (1 with --strict);
// `run` prints them and runs the app.
#include <gtest/gtest.h>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

const char* const kMisspeltApp =
    "@app:playbak\n"
    "define stream S (a int);\n"
    "@info(nmae='q1')\n"
    "from S select a insert into O;\n";

TEST(Warnings, CheckPrintsThemAndExitsZero) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kMisspeltApp);
  ProcessResult result = runCepheus({"check", app});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            app + ":1:1: warning: unknown annotation '@app:playbak' (did you mean '@app:playback'?)\n" +
            app + ":3:7: warning: unknown key 'nmae' of '@info' (did you mean 'name'?)\n");
}

TEST(Warnings, StrictCheckMakesThemErrors) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kMisspeltApp);
  ProcessResult result = runCepheus({"check", "--strict", app});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err,
            app + ":1:1: error: unknown annotation '@app:playbak' (did you mean '@app:playback'?)\n" +
            app + ":3:7: error: unknown key 'nmae' of '@info' (did you mean 'name'?)\n");
  std::string clean = dir.write("clean.siddhi", "define stream S (a int);\nfrom S select a insert into O;\n");
  result = runCepheus({"check", clean, "--strict"});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(runCepheus({"check", "--strict=yes", clean}).exitCode, 2);
}

TEST(Warnings, CheckPrintsWarningsAndErrorsInSourceOrder) {
  TempDir dir;
  std::string app = dir.write("app.siddhi",
                              "@app:playbak\ndefine stream S (a int);\nfrom X select a insert into O;\n");
  ProcessResult result = runCepheus({"check", app});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err,
            app + ":1:1: warning: unknown annotation '@app:playbak' (did you mean '@app:playback'?)\n" +
            app + ":3:6: error: unknown stream 'X'\n");
}

TEST(Warnings, RunPrintsThemAndRunsTheApp) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kMisspeltApp);
  std::string events = dir.write("events.jsonl", "{\"stream\": \"S\", \"ts\": 1, \"data\": [7]}\n");
  ProcessResult result = runCepheus({"run", app, "--events", events});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.out, "{\"stream\":\"O\",\"ts\":1,\"data\":[7]}\n");
  EXPECT_EQ(result.err,
            app + ":1:1: warning: unknown annotation '@app:playbak' (did you mean '@app:playback'?)\n" +
            app + ":3:7: warning: unknown key 'nmae' of '@info' (did you mean 'name'?)\n");
}

}  // namespace
}  // namespace cepheus::test
