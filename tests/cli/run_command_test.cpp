// `cepheus run APP --events EVENTS`: replays JSON events and prints the output events.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

const char* const kFilterApp =
    "@app:playback\n"
    "define stream Trades (symbol string, price double, volume long);\n"
    "from Trades[price > 10.0] select symbol, price insert into Expensive;\n";

TEST(RunCommand, PrintsEveryOutputEventAsJson) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kFilterApp);
  std::string events =
      dir.write("events.jsonl",
                "{\"stream\": \"Trades\", \"ts\": 1000, \"data\": [\"IBM\", 10.5, 100]}\n"
                "{\"stream\": \"Trades\", \"ts\": 1001, \"data\": [\"WSO2\", 9.5, 50]}\n"
                "{\"stream\": \"Trades\", \"ts\": 1002, \"data\": [\"ORCL\", 20, 7]}\n");
  ProcessResult result = runCepheus({"run", app, "--events", events});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "{\"stream\":\"Expensive\",\"ts\":1000,\"data\":[\"IBM\",10.5]}\n"
            "{\"stream\":\"Expensive\",\"ts\":1002,\"data\":[\"ORCL\",20.0]}\n");
}

TEST(RunCommand, PrintsEachTypeInItsJsonForm) {
  TempDir dir;
  std::string app =
      dir.write("app.siddhi",
                "@app:playback\n"
                "define stream S (s string, i int, l long, f float, d double, b bool);\n"
                "from S select s, i, l, f, d, b insert into Out;\n");
  std::string events = dir.write(
      "events.jsonl",
      "{\"stream\":\"S\",\"ts\":5,\"data\":[\"say \\\"hi\\\"\",-7,9000000000,1.1,0.1,true]}\n"
      "{\"stream\":\"S\",\"ts\":6,\"data\":[null,null,null,null,null,null]}\n");
  ProcessResult result = runCepheus({"run", app, "--events", events});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(
      result.out,
      "{\"stream\":\"Out\",\"ts\":5,\"data\":[\"say \\\"hi\\\"\",-7,9000000000,1.1,0.1,true]}\n"
      "{\"stream\":\"Out\",\"ts\":6,\"data\":[null,null,null,null,null,null]}\n");
}

TEST(RunCommand, PrintsEveryStreamAQueryInsertsInto) {
  TempDir dir;
  std::string app = dir.write("app.siddhi",
                              "@app:playback\n"
                              "define stream Trades (symbol string, price double);\n"
                              "from Trades[price > 10.0] select symbol, price insert into Big;\n"
                              "from Big select symbol insert into Names;\n");
  std::string events = dir.write("events.jsonl",
                                 "{\"stream\":\"Trades\",\"ts\":1,\"data\":[\"IBM\",11.0]}\n"
                                 "{\"stream\":\"Trades\",\"ts\":2,\"data\":[\"WSO2\",1.0]}\n");
  ProcessResult result = runCepheus({"run", app, "--events", events});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  std::vector<std::string> printed = lines(result.out);
  std::sort(printed.begin(), printed.end());
  EXPECT_EQ(printed, (std::vector<std::string>{
                         "{\"stream\":\"Big\",\"ts\":1,\"data\":[\"IBM\",11.0]}",
                         "{\"stream\":\"Names\",\"ts\":1,\"data\":[\"IBM\"]}",
                     }));
}

TEST(RunCommand, MalformedLinesAreReportedAndSkipped) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kFilterApp);
  std::string events = dir.write("events.jsonl",
                                 "{\"stream\":\"Trades\",\"ts\":1,\"data\":[\"IBM\",11.0,1]}\n"
                                 "this is not json\n"
                                 "{\"stream\":\"Nope\",\"ts\":2,\"data\":[]}\n"
                                 "\n"
                                 "{\"stream\":\"Trades\",\"ts\":3,\"data\":[\"IBM\",11.0]}\n"
                                 "{\"stream\":\"Trades\",\"ts\":4,\"data\":[\"IBM\",\"high\",1]}\n"
                                 "{\"stream\":\"Trades\",\"data\":[\"IBM\",12.0,1]}\n"
                                 "{\"stream\":\"Trades\",\"ts\":8,\"data\":[\"WSO2\",12.5,3]}\r\n");
  ProcessResult result = runCepheus({"run", app, "--events", events});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.out,
            "{\"stream\":\"Expensive\",\"ts\":1,\"data\":[\"IBM\",11.0]}\n"
            "{\"stream\":\"Expensive\",\"ts\":8,\"data\":[\"WSO2\",12.5]}\n");
  std::vector<std::string> errors = lines(result.err);
  ASSERT_EQ(errors.size(), 6u) << result.err;
  EXPECT_EQ(errors[0].rfind(events + ":2: error: invalid JSON", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1], events + ":3: error: unknown stream \"Nope\"");
  EXPECT_EQ(errors[2], events +
                           ":5: error: stream \"Trades\" has 3 attributes (symbol, price, volume), "
                           "got 2 values");
  EXPECT_EQ(errors[3], events +
                           ":6: error: attribute \"price\" (double): expected a number, got "
                           "\"high\"");
  EXPECT_EQ(errors[4], events + ":7: error: missing \"ts\"");
  EXPECT_EQ(errors[5], "5 malformed events skipped");
}

TEST(RunCommand, ReadsEventsFromStdin) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kFilterApp);
  ProcessResult result =
      runCepheus({"run", app, "--events", "-"},
                 "{\"stream\":\"Trades\",\"ts\":7,\"data\":[\"IBM\",11.0,1]}\nnope\n");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.out, "{\"stream\":\"Expensive\",\"ts\":7,\"data\":[\"IBM\",11.0]}\n");
  EXPECT_EQ(lines(result.err),
            (std::vector<std::string>{
                "<stdin>:2: error: invalid JSON at column 1: expected a value, found 'nope'",
                "1 malformed event skipped"}));
}

// Output from stdin must appear while the input is still open, not only when it ends.
TEST(RunCommand, StdinOutputAppearsBeforeInputEnds) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kFilterApp);
  int toChild[2];
  int fromChild[2];
  ASSERT_EQ(::pipe(toChild), 0);
  ASSERT_EQ(::pipe(fromChild), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(toChild[0], 0);
    ::dup2(fromChild[1], 1);
    for (int fd : {toChild[0], toChild[1], fromChild[0], fromChild[1]}) ::close(fd);
    ::execl(CEPHEUS_BINARY, CEPHEUS_BINARY, "run", app.c_str(), "--events", "-", nullptr);
    ::_exit(127);
  }
  ::close(toChild[0]);
  ::close(fromChild[1]);

  // If the child died early, the write must fail rather than kill the test binary.
  auto previousHandler = ::signal(SIGPIPE, SIG_IGN);
  std::string event = "{\"stream\":\"Trades\",\"ts\":1,\"data\":[\"IBM\",11.0,1]}\n";
  ssize_t written = ::write(toChild[1], event.data(), event.size());
  ::signal(SIGPIPE, previousHandler);
  pollfd ready{fromChild[0], POLLIN, 0};
  int polled = ::poll(&ready, 1, 20000);
  std::string firstOutput;
  if (polled == 1) {
    char buffer[256];
    ssize_t n = ::read(fromChild[0], buffer, sizeof buffer);
    if (n > 0) firstOutput.assign(buffer, static_cast<size_t>(n));
  }
  ::close(toChild[1]);
  ::close(fromChild[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);

  EXPECT_EQ(written, static_cast<ssize_t>(event.size()));
  EXPECT_EQ(polled, 1) << "no output within 20 s while stdin stayed open";
  EXPECT_EQ(firstOutput, "{\"stream\":\"Expensive\",\"ts\":1,\"data\":[\"IBM\",11.0]}\n");
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(RunCommand, DeployFailureExitsOneWithDiagnostics) {
  TempDir dir;
  std::string app = dir.write("app.siddhi",
                              "define stream S (a int);\n"
                              "from S select nothingHere insert into Out;\n");
  std::string events = dir.write("events.jsonl", "{\"stream\":\"S\",\"ts\":1,\"data\":[1]}\n");
  ProcessResult result = runCepheus({"run", app, "--events", events});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err.rfind(app + ":2:", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(": error: "), std::string::npos);
}

TEST(RunCommand, UnreadableEventsFileExitsOne) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kFilterApp);
  std::string missing = dir.path("missing.jsonl");
  ProcessResult result = runCepheus({"run", app, "--events", missing});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err, missing + ": error: cannot read: No such file or directory\n");
}

TEST(RunCommand, MissingEventsOptionIsAUsageError) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kFilterApp);
  ProcessResult result = runCepheus({"run", app});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.err.find("missing --events"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace cepheus::test
