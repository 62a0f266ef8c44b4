// The example apps shipped in queries/ (and the benchmark apps in bench/queries/) deploy, and
// each example replays its events file without a rejected line and with output.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> apps(const std::string& folder) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fs::path(CEPHEUS_SOURCE_DIR) / folder))
    if (entry.path().extension() == ".siddhi") out.push_back(entry.path());
  return out;
}

TEST(ExampleApps, EveryShippedAppIsValid) {
  auto all = apps("queries");
  auto bench = apps("bench/queries");
  all.insert(all.end(), bench.begin(), bench.end());
  ASSERT_FALSE(all.empty());
  for (const auto& app : all) {
    ProcessResult r = runCepheus({"check", app.string()});
    EXPECT_EQ(r.exitCode, 0) << app << "\n" << r.err;
  }
}

TEST(ExampleApps, EveryExampleReplaysItsEvents) {
  for (const auto& app : apps("queries")) {
    fs::path events = app;
    events.replace_extension(".events.jsonl");
    ASSERT_TRUE(fs::exists(events)) << "no events file beside " << app;
    ProcessResult r = runCepheus({"run", app.string(), "--events", events.string()});
    EXPECT_EQ(r.exitCode, 0) << app;
    EXPECT_EQ(r.err, "") << app;
    EXPECT_GT(lines(r.out).size(), 5u) << app;
  }
}

}  // namespace
}  // namespace cepheus::test
