// Without @app:playback the clock is the wall clock: a time window expires its events, a time
// batch closes and an absent pattern state fires while no new event arrives. Shown on a live
// `cepheus run --events -` feed: the test sends one event, keeps stdin open, and waits.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "cli/cli_process.h"

namespace cepheus::test {
namespace {

using Clock = std::chrono::steady_clock;

int64_t wallMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// `cepheus run APP --events -` with pipes on stdin and stdout, for a feed written over time.
class LiveRun {
 public:
  explicit LiveRun(const std::string& app) {
    int in[2], out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      ::close(in[1]);
      ::close(out[0]);
      ::execl(CEPHEUS_BINARY, CEPHEUS_BINARY, "run", app.c_str(), "--events", "-", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    stdin_ = in[1];
    stdout_ = out[0];
  }

  ~LiveRun() {
    closeInput();
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(stdout_);
  }

  void send(const std::string& line) {
    std::string text = line + "\n";
    ASSERT_EQ(::write(stdin_, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  }

  void closeInput() {
    if (stdin_ >= 0) ::close(stdin_);
    stdin_ = -1;
  }

  // The next output line, or "" if none arrives within `limit`.
  std::string readLine(std::chrono::milliseconds limit) {
    auto deadline = Clock::now() + limit;
    while (true) {
      size_t newline = buffered_.find('\n');
      if (newline != std::string::npos) {
        std::string line = buffered_.substr(0, newline);
        buffered_.erase(0, newline + 1);
        return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return "";
      pollfd pfd{stdout_, POLLIN, 0};
      if (::poll(&pfd, 1, static_cast<int>(left)) <= 0) continue;
      char chunk[4096];
      ssize_t n = ::read(stdout_, chunk, sizeof chunk);
      if (n <= 0) return "";
      buffered_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  std::string buffered_;
};

TEST(WallClock, TimeWindowExpiresAndTimeBatchClosesWithoutNewEvents) {
  TempDir dir;
  std::string app = dir.write("app.siddhi",
                              "define stream S (symbol string, volume long);\n"
                              "from S#window.time(1 sec) select symbol insert expired events into Expired;\n"
                              "from S#window.timeBatch(1 sec) select symbol, sum(volume) as total insert into Batches;\n");
  LiveRun run(app);
  auto sent = Clock::now();
  run.send("{\"stream\": \"S\", \"ts\": " + std::to_string(wallMillis()) + ", \"data\": [\"IBM\", 7]}");

  // Both outputs come from the timer thread: no other event is sent, stdin stays open.
  std::string first = run.readLine(std::chrono::seconds(10));
  std::string second = run.readLine(std::chrono::seconds(10));
  auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent).count();
  ASSERT_FALSE(first.empty()) << "no timer-driven output while the feed was idle";
  ASSERT_FALSE(second.empty()) << "only one timer-driven output: " << first;
  std::string both = first + "\n" + second;
  EXPECT_NE(both.find("{\"stream\":\"Expired\""), std::string::npos) << both;
  EXPECT_NE(both.find("\"data\":[\"IBM\"]"), std::string::npos) << both;
  EXPECT_NE(both.find("{\"stream\":\"Batches\""), std::string::npos) << both;
  EXPECT_NE(both.find("\"data\":[\"IBM\",7]"), std::string::npos) << both;
  // Not early: the event stays in the one-second window for (close to) a second.
  EXPECT_GE(waited, 900) << both;
}

TEST(WallClock, AnAbsentStateFiresTwoSecondsAfterItsEventWithNoFurtherEvent) {
  TempDir dir;
  std::string app = dir.write("app.siddhi",
                              "define stream Logins (user string);\n"
                              "define stream Confirmations (user string);\n"
                              "from every e1=Logins -> not Confirmations[user == e1.user] for 2 sec\n"
                              "select e1.user as user insert into Unconfirmed;\n");
  LiveRun run(app);
  auto sent = Clock::now();
  run.send("{\"stream\": \"Logins\", \"ts\": " + std::to_string(wallMillis()) + ", \"data\": [\"ann\"]}");
  run.send("{\"stream\": \"Logins\", \"ts\": " + std::to_string(wallMillis()) + ", \"data\": [\"bob\"]}");
  run.send("{\"stream\": \"Confirmations\", \"ts\": " + std::to_string(wallMillis()) + ", \"data\": [\"bob\"]}");

  // Only ann is unconfirmed; the output comes from the timer thread, stdin stays open.
  std::string line = run.readLine(std::chrono::seconds(10));
  auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent).count();
  ASSERT_FALSE(line.empty()) << "the absent state did not fire while the feed was idle";
  EXPECT_NE(line.find("{\"stream\":\"Unconfirmed\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"data\":[\"ann\"]"), std::string::npos) << line;
  EXPECT_GE(waited, 1900) << line;  // not early
  EXPECT_EQ(run.readLine(std::chrono::milliseconds(1500)), "") << "bob confirmed in time";
}

}  // namespace
}  // namespace cepheus::test
