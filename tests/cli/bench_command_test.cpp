// `cepheus bench APP --events N [--batch B]`: synthetic load and a throughput report.
#include <gtest/gtest.h>

#include <regex>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

TEST(BenchCommand, ReportsThroughputAndOutputsPerRun) {
  TempDir dir;
  // Synthetic rows alternate flag = true, false, ...: half of every run passes the filter.
  std::string app = dir.write("app.siddhi",
                              "define stream S (flag bool, symbol string);\n"
                              "from S[flag] select symbol insert into Out;\n");
  ProcessResult result = runCepheus({"bench", app, "--events", "1000", "--batch", "100"});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  std::vector<std::string> report = lines(result.out);
  ASSERT_EQ(report.size(), 4u) << result.out;
  std::smatch match;
  ASSERT_TRUE(std::regex_match(report[0], match, std::regex("throughput: (\\d+) events/s")))
      << report[0];
  EXPECT_GT(std::stoll(match[1]), 0);
  ASSERT_TRUE(std::regex_match(report[1], match, std::regex("per CPU-second: (\\d+) events"))) << report[1];
  EXPECT_GT(std::stoll(match[1]), 0);
  EXPECT_EQ(report[2], "outputs: 500 per run");
  EXPECT_TRUE(std::regex_match(report[3], std::regex("min: \\d+ events/s, max: \\d+ events/s .*")))
      << report[3];
}

TEST(BenchCommand, EventCountMustBeAPositiveInteger) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", "define stream S (a int);\n");
  ProcessResult zero = runCepheus({"bench", app, "--events", "0"});
  EXPECT_EQ(zero.exitCode, 2);
  EXPECT_NE(zero.err.find("--events needs a positive integer, got '0'"), std::string::npos)
      << zero.err;
  ProcessResult missing = runCepheus({"bench", app});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("missing --events"), std::string::npos) << missing.err;
}

TEST(BenchCommand, DeployFailureExitsOne) {
  TempDir dir;
  std::string app =
      dir.write("app.siddhi", "define stream S (a int);\nfrom S select b insert into O;\n");
  ProcessResult result = runCepheus({"bench", app, "--events", "10"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err.rfind(app + ":2:", 0), 0u) << result.err;
}

}  // namespace
}  // namespace cepheus::test
