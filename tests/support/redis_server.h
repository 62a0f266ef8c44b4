// A real redis-server for a test: started on a unix socket in a folder of its own (no TCP
// port, so parallel tests never collide), or on a free loopback port, ready once it answers
// PING, stopped by its PID.
// kill() and start() again on the same socket play Redis going away and coming back.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace cepheus::testing {

class RedisServer {
 public:
  struct Options {
    bool tcp = false;      // on a free loopback port instead of the unix socket
    std::string password;  // --requirepass
  };
  RedisServer() : RedisServer(Options{}) {}
  explicit RedisServer(Options options);
  ~RedisServer();  // stops it and removes its folder
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // Starts it and waits (at most 10 s, 100 polls) for PONG; throws when it does not answer.
  void start();
  // SIGKILL, as a crash; waits for it to be gone. Its data is gone with it (no persistence).
  void kill();
  bool running() const { return pid_ > 0; }
  // SIGSTOP / SIGCONT: a server that is there but does not answer (slow), then answers again.
  void pause();
  void resume();

  const std::string& socket() const { return socket_; }
  int port() const { return port_; }
  // `@store(...)` options that reach it.
  std::string storeOptions() const;
  // Runs one command (as redis-cli would); its reply as text: a string, an integer, "(nil)",
  // an array's elements joined by '\n', or "ERR ...". Throws when Redis cannot be reached.
  std::string command(const std::vector<std::string>& args) const;

 private:
  std::filesystem::path dir_;
  std::string socket_;
  Options options_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace cepheus::testing
