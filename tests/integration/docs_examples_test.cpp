// Every example of docs/language.md (```siddhi, ```events and ```output blocks in a row) runs
// through the real `cepheus run` and prints exactly its documented output, so the language
// guide cannot drift from the engine. An optional ```queries block between the events and the
// output holds on-demand queries, one a line, run after the events (`cepheus run --query`).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Example {
  int line = 0;  // where its app block starts in the doc
  std::string app, events, output;
  std::vector<std::string> queries;
};

// `text` as one shell word.
std::string shellQuoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<Example> examples(const std::string& path) {
  std::ifstream in(path);
  std::vector<Example> out;
  std::string line, kind, body;
  int lineNumber = 0, blockStart = 0;
  bool inBlock = false;
  Example current;
  int filled = 0;  // blocks of `current` seen so far, in order app, events, output
  while (std::getline(in, line)) {
    ++lineNumber;
    if (!inBlock && line.rfind("```", 0) == 0 && line.size() > 3) {
      inBlock = true;
      kind = line.substr(3);
      body.clear();
      blockStart = lineNumber;
    } else if (inBlock && line == "```") {
      inBlock = false;
      if (kind == "siddhi") {
        current = Example{blockStart, body, "", "", {}};
        filled = 1;
      } else if (kind == "events" && filled == 1) {
        current.events = body;
        filled = 2;
      } else if (kind == "queries" && filled == 2) {
        std::istringstream lines(body);
        for (std::string query; std::getline(lines, query);)
          if (!query.empty()) current.queries.push_back(query);
      } else if (kind == "output" && filled == 2) {
        current.output = body;
        out.push_back(current);
        filled = 0;
      }
    } else if (inBlock) {
      body += line + "\n";
    }
  }
  return out;
}

std::string runBinary(const std::string& command, int& status) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return output;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  status = ::pclose(pipe);
  return output;
}

TEST(DocsExamples, LanguageGuideExamplesProduceTheirDocumentedOutput) {
  auto all = examples(std::string(CEPHEUS_SOURCE_DIR) + "/docs/language.md");
  ASSERT_GE(all.size(), 5u) << "the guide should hold an example per section";
  auto dir = std::filesystem::temp_directory_path() / ("cepheus-docs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const Example& example : all) {
    std::ofstream(dir / "app.siddhi") << example.app;
    std::ofstream(dir / "events.jsonl") << example.events;
    int status = -1;
    std::string command = std::string(CEPHEUS_BINARY) + " run " + (dir / "app.siddhi").string() + " --events " +
                          (dir / "events.jsonl").string();
    for (const std::string& query : example.queries) command += " --query " + shellQuoted(query);
    std::string got = runBinary(command, status);
    EXPECT_EQ(status, 0) << "docs/language.md:" << example.line;
    EXPECT_EQ(got, example.output) << "docs/language.md:" << example.line;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
