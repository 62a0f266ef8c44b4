// Runs `cepheus serve` as a real process on a loopback port (--listen 127.0.0.1:0, the port read
// from --port-file), with its deployment and state directories in a temporary folder, and talks
// to it over HTTP. Every wait is bounded.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace cepheus::test {

struct Reply {
  int status = 0;  // 0: no answer (connection refused, timed out)
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
};

// A plain HTTP/1.1 client on loopback (cpp-httplib, kept in server_process.cpp).
class HttpClient {
 public:
  explicit HttpClient(int port, std::string token = "") : port_(port), token_(std::move(token)) {}
  Reply get(const std::string& path, const std::map<std::string, std::string>& headers = {}) const;
  Reply post(const std::string& path, const std::string& body, const std::string& contentType = "text/plain",
             const std::map<std::string, std::string>& headers = {}) const;
  Reply put(const std::string& path, const std::string& body) const;
  Reply del(const std::string& path) const;
  // Reads a streamed response for at most `wait`, or until `enough` says so; the text read.
  std::string stream(const std::string& path, std::chrono::milliseconds wait,
                     const std::function<bool(const std::string&)>& enough,
                     const std::map<std::string, std::string>& headers = {}) const;

 private:
  int port_;
  std::string token_;
};

class ServerProcess {
 public:
  // A folder with apps/ (the deployment directory) and state/; `extra` are more arguments.
  explicit ServerProcess(std::vector<std::string> extra = {});
  ~ServerProcess();  // kills the server if it still runs, removes the folder
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts it and waits (at most 30 s) until /health says ready. Can be called again after stop().
  void start();
  // SIGTERM (or `signal`) and wait (at most 30 s) for it to exit; its exit code.
  int stop(int signal = 15);
  bool running() const;

  int port() const { return port_; }
  HttpClient http(const std::string& token = "") const { return HttpClient(port_, token); }
  std::string log() const;
  // Waits until the log has `text` (at most `wait`); whether it did.
  bool waitForLog(const std::string& text, std::chrono::milliseconds wait = std::chrono::seconds(10)) const;

  std::filesystem::path appsDir() const { return root_ / "apps"; }
  std::filesystem::path stateDir() const { return root_ / "state"; }
  std::filesystem::path root() const { return root_; }
  void writeApp(const std::string& file, const std::string& text) const;

 private:
  std::filesystem::path root_;
  std::vector<std::string> extra_;
  mutable pid_t pid_ = -1;
  mutable int exitCode_ = -1;  // once it exited
  int port_ = 0;
  int starts_ = 0;
};

// Polls `condition` every 20 ms for at most `wait`; whether it came true.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds wait = std::chrono::seconds(10));

std::vector<std::string> splitLines(const std::string& text);

}  // namespace cepheus::test
