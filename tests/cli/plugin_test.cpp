// `cepheus run/check --plugin`: the example plugin of examples/plugin, loaded by the binary.
#include <gtest/gtest.h>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

const std::string kApp = std::string(CEPHEUS_SOURCE_DIR) + "/examples/plugin/risk.siddhi";
const std::string kEvents = std::string(CEPHEUS_SOURCE_DIR) + "/examples/plugin/risk.events.jsonl";

TEST(PluginCommand, RunCallsThePluginsFunctions) {
  ProcessResult r = runCepheus({"run", kApp, "--events", kEvents, "--plugin", CEPHEUS_RISK_PLUGIN});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(lines(r.out), (std::vector<std::string>{
                              R"({"stream":"Scored","ts":1000,"data":["p1",2.0,"low"]})",
                              R"({"stream":"Scored","ts":2000,"data":["p2",12.0,"high"]})",
                              R"({"stream":"Scored","ts":3000,"data":["p3",null,null]})",
                              R"({"stream":"Rejected","ts":4000,"data":["p4","risk:score(): amount must not be negative"]})",
                          }));
}

TEST(PluginCommand, CheckKnowsThePluginsFunctionsOnlyWhenLoaded) {
  ProcessResult with = runCepheus({"check", kApp, "--plugin", CEPHEUS_RISK_PLUGIN});
  EXPECT_EQ(with.exitCode, 0) << with.err;
  ProcessResult without = runCepheus({"check", kApp});
  EXPECT_EQ(without.exitCode, 1);
  EXPECT_NE(without.err.find("unknown function 'risk:score'"), std::string::npos) << without.err;
  EXPECT_NE(without.err.find("--plugin"), std::string::npos) << without.err;
}

TEST(PluginCommand, APluginThatCannotBeLoadedIsAnError) {
  TempDir dir;
  std::string notALibrary = dir.write("fake.so", "not a shared library");
  ProcessResult r = runCepheus({"run", kApp, "--events", kEvents, "--plugin", notALibrary});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find(notALibrary + ": error: cannot load plugin"), std::string::npos) << r.err;
  ProcessResult missing = runCepheus({"check", kApp, "--plugin", dir.path("missing.so")});
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.err.find("No such file"), std::string::npos) << missing.err;
}

TEST(PluginCommand, TwoPluginsRegisteringOneNameIsAnError) {
  ProcessResult r = runCepheus({"check", kApp, "--plugin", CEPHEUS_RISK_PLUGIN, "--plugin", CEPHEUS_RISK_PLUGIN});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("user function 'risk:score' is already registered"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cepheus::test
