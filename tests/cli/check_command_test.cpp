// `cepheus check APP.siddhi`: exit 0 when valid, FILE:LINE:COL: error: MESSAGE lines otherwise.
#include <gtest/gtest.h>

#include <regex>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

struct Position {
  int line;
  int col;
  std::string message;
};

// Parses "FILE:LINE:COL: error: MESSAGE" lines of `file`; fails the test on any other line.
std::vector<Position> errorsOf(const std::string& stderrText, const std::string& file) {
  std::vector<Position> errors;
  std::regex format("(\\d+):(\\d+): error: (.+)");
  for (const std::string& line : lines(stderrText)) {
    std::smatch match;
    std::string rest = line.rfind(file + ":", 0) == 0 ? line.substr(file.size() + 1) : "";
    if (!std::regex_match(rest, match, format)) {
      ADD_FAILURE() << "not a FILE:LINE:COL: error: line: " << line;
      continue;
    }
    errors.push_back({std::stoi(match[1]), std::stoi(match[2]), match[3]});
  }
  return errors;
}

TEST(CheckCommand, ValidAppExitsZeroSilently) {
  TempDir dir;
  std::string app = dir.write("ok.siddhi",
                              "define stream S (symbol string, price double);\n"
                              "from S[price > 10.0] select symbol, price insert into Out;\n");
  ProcessResult result = runCepheus({"check", app});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
}

TEST(CheckCommand, SyntaxErrorIsReportedAtItsLineAndColumn) {
  TempDir dir;
  std::string app = dir.write("bad.siddhi",
                              "define stream S (a int);\n"
                              "from S[a > ] select a insert into Out;\n");
  ProcessResult result = runCepheus({"check", app});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.out, "");
  std::vector<Position> errors = errorsOf(result.err, app);
  ASSERT_FALSE(errors.empty()) << result.err;
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_EQ(errors[0].col, 12);  // the ']' where an operand was expected
}

TEST(CheckCommand, FileNameIsPrintedAsGiven) {
  TempDir dir;
  dir.write("bad.siddhi", "define stream S (a int);\nfrom S[a > ] select a insert into Out;\n");
  std::string relative = "./" + std::filesystem::relative(dir.path("bad.siddhi")).string();
  ProcessResult result = runCepheus({"check", relative});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err.rfind(relative + ":2:", 0), 0u) << result.err;
}

TEST(CheckCommand, UnknownAttributeIsASemanticError) {
  TempDir dir;
  std::string app = dir.write("unknown.siddhi",
                              "define stream S (symbol string, price double);\n"
                              "from S select symbol, volumeX insert into Out;\n");
  ProcessResult result = runCepheus({"check", app});
  EXPECT_EQ(result.exitCode, 1);
  std::vector<Position> errors = errorsOf(result.err, app);
  ASSERT_EQ(errors.size(), 1u) << result.err;
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_EQ(errors[0].col, 23);
  EXPECT_NE(errors[0].message.find("volumeX"), std::string::npos) << errors[0].message;
}

TEST(CheckCommand, EveryProblemIsReported) {
  TempDir dir;
  std::string app = dir.write("many.siddhi",
                              "define stream S (symbol string, price double);\n"
                              "from S select missingOne insert into A;\n"
                              "from S select symbol insert into B;\n"
                              "from Nowhere select symbol insert into C;\n");
  ProcessResult result = runCepheus({"check", app});
  EXPECT_EQ(result.exitCode, 1);
  std::vector<Position> errors = errorsOf(result.err, app);
  ASSERT_EQ(errors.size(), 2u) << result.err;
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_NE(errors[0].message.find("missingOne"), std::string::npos) << errors[0].message;
  EXPECT_EQ(errors[1].line, 4);
  EXPECT_NE(errors[1].message.find("Nowhere"), std::string::npos) << errors[1].message;
}

TEST(CheckCommand, UnreadableFileIsReported) {
  TempDir dir;
  std::string missing = dir.path("missing.siddhi");
  ProcessResult result = runCepheus({"check", missing});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err, missing + ": error: cannot read: No such file or directory\n");
}

TEST(CheckCommand, DirectoryIsUnreadable) {
  TempDir dir;
  ProcessResult result = runCepheus({"check", dir.path("")});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.err.find(": error: cannot read: Is a directory"), std::string::npos)
      << result.err;
}

TEST(CheckCommand, MissingFileArgumentIsAUsageError) {
  ProcessResult result = runCepheus({"check"});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.err.find("missing the app file"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace cepheus::test
