// `cepheus run APP --events EVENTS --query TEXT...`: on-demand queries after the events, their
// rows as JSON lines, their errors with the query's number and line:col.
#include <gtest/gtest.h>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

const char* const kTableApp =
    "define stream S (symbol string, price double);\n"
    "@PrimaryKey('symbol') define table T (symbol string, price double);\n"
    "from S insert into T;\n";

const char* const kEvents =
    "{\"stream\": \"S\", \"ts\": 1, \"data\": [\"IBM\", 10.5]}\n"
    "{\"stream\": \"S\", \"ts\": 2, \"data\": [\"ORCL\", 20]}\n";

TEST(RunQuery, PrintsEachQuerysRowsAfterTheEventsInOrder) {
  TempDir dir;
  ProcessResult result = runCepheus({"run", dir.write("app.siddhi", kTableApp), "--events",
                                     dir.write("events.jsonl", kEvents), "--query",
                                     "from T on price > 15.0 select symbol", "--query",
                                     "delete T on T.symbol == 'ORCL'", "--query", "from T"});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "{\"query\":\"from T on price > 15.0 select symbol\",\"data\":[\"ORCL\"]}\n"
            "{\"query\":\"from T\",\"data\":[\"IBM\",10.5]}\n");
}

TEST(RunQuery, AChangeIsSavedWithTheState) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kTableApp);
  std::string none = dir.write("none.jsonl", "");
  ProcessResult first = runCepheus({"run", app, "--events", dir.write("events.jsonl", kEvents), "--query",
                                    "select 'X' as symbol, 1.0 as price insert into T", "--save", dir.path("state")});
  ASSERT_EQ(first.exitCode, 0) << first.err;
  ProcessResult second =
      runCepheus({"run", app, "--events", none, "--restore", dir.path("state"), "--query", "from T select symbol"});
  EXPECT_EQ(second.exitCode, 0) << second.err;
  EXPECT_EQ(second.out,
            "{\"query\":\"from T select symbol\",\"data\":[\"IBM\"]}\n"
            "{\"query\":\"from T select symbol\",\"data\":[\"ORCL\"]}\n"
            "{\"query\":\"from T select symbol\",\"data\":[\"X\"]}\n");
}

TEST(RunQuery, AWrongQueryIsReportedWithItsNumberAndExitsOne) {
  TempDir dir;
  ProcessResult result = runCepheus({"run", dir.write("app.siddhi", kTableApp), "--events",
                                     dir.write("events.jsonl", kEvents), "--query", "from T", "--query",
                                     "from T on prce > 1.0"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err, "<query 2>:1:11: error: unknown attribute 'prce' in on (did you mean 'price'?)\n");
  EXPECT_EQ(lines(result.out).size(), 2u);  // the first query's rows
}

}  // namespace
}  // namespace cepheus::test
