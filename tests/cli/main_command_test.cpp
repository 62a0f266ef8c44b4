// The `cepheus` entry point: help, version and the usage errors.
#include <gtest/gtest.h>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

TEST(MainCommand, HelpPrintsUsageOnStdoutAndSucceeds) {
  ProcessResult result = runCepheus({"--help"});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.out.find("usage: cepheus"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("check APP.siddhi"), std::string::npos);
  EXPECT_NE(result.out.find("run APP.siddhi --events"), std::string::npos);
  EXPECT_NE(result.out.find("bench APP.siddhi --events N"), std::string::npos);
  EXPECT_EQ(result.err, "");
}

TEST(MainCommand, SubcommandHelpPrintsUsage) {
  ProcessResult result = runCepheus({"run", "--help"});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.out.find("usage: cepheus"), std::string::npos);
}

TEST(MainCommand, VersionPrintsNameAndVersion) {
  ProcessResult result = runCepheus({"--version"});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.out.rfind("cepheus 0.", 0), 0u) << result.out;
}

TEST(MainCommand, NoArgumentsIsAUsageError) {
  ProcessResult result = runCepheus({});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("usage: cepheus"), std::string::npos);
}

TEST(MainCommand, UnknownSubcommandIsAUsageError) {
  ProcessResult result = runCepheus({"frobnicate", "x"});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.err.find("unknown command 'frobnicate'"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("usage: cepheus"), std::string::npos);
}

TEST(MainCommand, UnknownOptionIsAUsageError) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", "define stream S (a int);\n");
  ProcessResult result = runCepheus({"check", app, "--fast"});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.err.find("unknown option '--fast'"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace cepheus::test
