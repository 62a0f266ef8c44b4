// Every app of the shared conformance cases: valid apps parse, `syntax-*` cases do not.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "parse/test_support.h"

namespace cepheus::parse::test {
namespace {

namespace fs = std::filesystem;

TEST(ConformanceApps, ParseAsExpected) {
  const fs::path root = fs::path(CEPHEUS_SOURCE_DIR) / ".." / "shared" / "conformance" / "cases";
  if (!fs::is_directory(root)) GTEST_SKIP() << "no conformance cases at " << root;

  int valid = 0, syntaxErrors = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    nlohmann::json test = nlohmann::json::parse(in);
    const std::string name = entry.path().stem().string();
    AppParse result = parseApp(test.at("app").get<std::string>());
    if (!test.at("expect_error").get<bool>()) {
      EXPECT_TRUE(result.errors.empty()) << name << ":\n" << describe(result.errors);
      ++valid;
    }
    if (name.rfind("syntax-", 0) == 0) {
      EXPECT_FALSE(result.errors.empty()) << name << " parsed without errors";
      ++syntaxErrors;
    }
  }
  EXPECT_GT(valid, 0);
  std::cout << "[ conformance ] " << valid << " valid apps, " << syntaxErrors
            << " syntax-error apps checked\n";
}

}  // namespace
}  // namespace cepheus::parse::test
