// `cepheus run --save STATE` and `--restore STATE`: a run split in two prints what one run
// prints; an edited app is told what starts empty; a state file that does not fit is refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

const char* const kApp =
    "@app:playback\n"
    "define stream S (symbol string, price double);\n"
    "@info(name='sums') from S#window.length(2) select symbol, sum(price) as total group by symbol insert into Sums;\n"
    "from S#window.time(1 sec) select count() as n insert all events into Counts;\n";

const char* const kEvents =
    "{\"stream\":\"S\",\"ts\":1000,\"data\":[\"A\",1]}\n"
    "{\"stream\":\"S\",\"ts\":1500,\"data\":[\"B\",2]}\n"
    "{\"stream\":\"S\",\"ts\":1800,\"data\":[\"A\",3]}\n"
    "{\"stream\":\"S\",\"ts\":2600,\"data\":[\"A\",4]}\n"
    "{\"stream\":\"S\",\"ts\":4000,\"data\":[\"B\",5]}\n";

std::string firstLines(const std::string& text, size_t n) {
  std::string out;
  size_t at = 0;
  for (size_t i = 0; i < n; ++i) {
    size_t end = text.find('\n', at);
    out += text.substr(at, end + 1 - at);
    at = end + 1;
  }
  return out;
}

TEST(StateFile, ARunSplitInTwoPrintsWhatOneRunPrints) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kApp);
  ProcessResult whole = runCepheus({"run", app, "--events", dir.write("all.jsonl", kEvents)});
  ASSERT_EQ(whole.exitCode, 0) << whole.err;
  for (size_t k = 0; k <= 5; ++k) {
    std::string all = kEvents;
    std::string head = firstLines(all, k);
    std::string tail = all.substr(head.size());
    std::string state = dir.path("state-" + std::to_string(k));
    ProcessResult first = runCepheus({"run", app, "--events", dir.write("head.jsonl", head), "--save", state});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    ProcessResult second = runCepheus({"run", app, "--events", dir.write("tail.jsonl", tail), "--restore", state});
    ASSERT_EQ(second.exitCode, 0) << second.err;
    EXPECT_EQ(second.err, "");
    EXPECT_EQ(first.out + second.out, whole.out) << "split after " << k << " events";
  }
}

TEST(StateFile, AnEditedAppIsToldWhatStartsEmpty) {
  TempDir dir;
  std::string state = dir.path("state");
  ProcessResult first =
      runCepheus({"run", dir.write("app.siddhi", kApp), "--events", dir.write("e.jsonl", kEvents), "--save", state});
  ASSERT_EQ(first.exitCode, 0) << first.err;
  std::string edited = kApp;
  edited.replace(edited.find("time(1 sec)"), 11, "time(2 sec)");
  ProcessResult second = runCepheus({"run", dir.write("edited.siddhi", edited), "--events",
                                     dir.write("more.jsonl", "{\"stream\":\"S\",\"ts\":5000,\"data\":[\"B\",6]}\n"),
                                     "--restore", state});
  ASSERT_EQ(second.exitCode, 0) << second.err;
  EXPECT_EQ(second.err, state + ": note: query 'query2' (line 4) starts empty: it is new or has changed since the state was saved\n" +
                            state + ": note: the saved state of query 'query2' (line 4) is dropped: the app no longer has it\n");
  // The named query kept its window: it held A 4 and B 5, and B 6 pushes A out.
  EXPECT_NE(second.out.find("{\"stream\":\"Sums\",\"ts\":5000,\"data\":[\"B\",11.0]}"), std::string::npos) << second.out;
}

TEST(StateFile, AStateFileThatDoesNotFitIsRefused) {
  TempDir dir;
  std::string app = dir.write("app.siddhi", kApp);
  std::string events = dir.write("e.jsonl", kEvents);
  std::string state = dir.path("state");
  ASSERT_EQ(runCepheus({"run", app, "--events", events, "--save", state}).exitCode, 0);
  std::string bytes;
  {
    std::ifstream in(state, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::string truncated = dir.write("truncated", bytes.substr(0, bytes.size() / 2));
  ProcessResult result = runCepheus({"run", app, "--events", events, "--restore", truncated});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find(truncated + ": error: cannot restore: the snapshot is truncated"), std::string::npos)
      << result.err;

  ProcessResult missing = runCepheus({"run", app, "--events", events, "--restore", dir.path("nothing")});
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.err.find("nothing: error: cannot read: No such file or directory"), std::string::npos)
      << missing.err;
}

TEST(StateFile, SavingLeavesNoTemporaryFileBehind) {
  TempDir dir;
  std::string state = dir.path("state");
  ASSERT_EQ(runCepheus({"run", dir.write("app.siddhi", kApp), "--events", dir.write("e.jsonl", kEvents), "--save",
                        state})
                .exitCode,
            0);
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(state).parent_path())) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 3u);  // the app, the events and the state
  EXPECT_TRUE(std::filesystem::exists(state));
}

TEST(StateFile, SavingIntoAMissingDirectoryFailsClearly) {
  TempDir dir;
  ProcessResult result = runCepheus({"run", dir.write("app.siddhi", kApp), "--events",
                                     dir.write("e.jsonl", kEvents), "--save", dir.path("no/such/dir/state")});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.err.find("error: cannot write: No such file or directory"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace cepheus::test
