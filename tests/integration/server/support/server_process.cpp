#include "integration/server/support/server_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <httplib.h>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/child_process.h"

namespace cepheus::test {

namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

httplib::Client client(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(5);
  c.set_read_timeout(20);
  c.set_write_timeout(20);
  return c;
}

httplib::Headers headersOf(const std::map<std::string, std::string>& headers, const std::string& token) {
  httplib::Headers out;
  for (const auto& [name, value] : headers) out.emplace(name, value);
  if (!token.empty() && !headers.count("Authorization")) out.emplace("Authorization", "Bearer " + token);
  return out;
}

Reply replyOf(const httplib::Result& result) {
  Reply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.body = result->body;
  for (const auto& [name, value] : result->headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[lower] = value;
  }
  return reply;
}

}  // namespace

Reply HttpClient::get(const std::string& path, const std::map<std::string, std::string>& headers) const {
  return replyOf(client(port_).Get(path.c_str(), headersOf(headers, token_)));
}

Reply HttpClient::post(const std::string& path, const std::string& body, const std::string& contentType,
                       const std::map<std::string, std::string>& headers) const {
  return replyOf(client(port_).Post(path.c_str(), headersOf(headers, token_), body, contentType.c_str()));
}

Reply HttpClient::put(const std::string& path, const std::string& body) const {
  return replyOf(client(port_).Put(path.c_str(), headersOf({}, token_), body, "text/plain"));
}

Reply HttpClient::del(const std::string& path) const {
  return replyOf(client(port_).Delete(path.c_str(), headersOf({}, token_)));
}

std::string HttpClient::stream(const std::string& path, std::chrono::milliseconds wait,
                               const std::function<bool(const std::string&)>& enough,
                               const std::map<std::string, std::string>& headers) const {
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + wait;
  httplib::Client c("127.0.0.1", port_);
  c.set_connection_timeout(5);
  c.set_read_timeout(std::chrono::duration_cast<std::chrono::seconds>(wait).count() + 1);
  c.Get(path.c_str(), headersOf(headers, token_), [&](const char* data, size_t length) {
    text.append(data, length);
    return !enough(text) && std::chrono::steady_clock::now() < deadline;
  });
  return text;
}

ServerProcess::ServerProcess(std::vector<std::string> extra) : extra_(std::move(extra)) {
  std::string pattern = (fs::temp_directory_path() / "cepheus-server-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
  fs::create_directories(appsDir());
}

ServerProcess::~ServerProcess() {
  if (running()) stop(SIGKILL);
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

void ServerProcess::writeApp(const std::string& file, const std::string& text) const {
  fs::path temporary = root_ / (file + ".writing");
  std::ofstream(temporary, std::ios::binary) << text;
  fs::rename(temporary, appsDir() / file);  // whole, as an editor's save would
}

void ServerProcess::start() {
  fs::path portFile = root_ / "port";
  std::error_code ignored;
  fs::remove(portFile, ignored);
  std::vector<std::string> args = {CEPHEUS_BINARY, "serve", "--listen", "127.0.0.1:0", "--port-file", portFile.string(),
                                   "--apps", appsDir().string(), "--state", stateDir().string(),
                                   "--watch-interval", "100", "--workers", "2"};
  args.insert(args.end(), extra_.begin(), extra_.end());
  std::string logPath = (root_ / ("server-" + std::to_string(++starts_) + ".log")).string();
  pid_ = testing::spawnLogged(args, logPath);
  if (pid_ < 0) throw std::runtime_error("fork failed");
  bool up = eventually([&] { return fs::exists(portFile) || !running(); }, std::chrono::seconds(30));
  if (!up || !running()) throw std::runtime_error("the server did not start:\n" + log());
  port_ = std::stoi(readFile(portFile));
  if (!eventually([&] { return http().get("/health").body.find("\"ready\":true") != std::string::npos; },
                  std::chrono::seconds(30)))
    throw std::runtime_error("the server did not get ready:\n" + log());
}

int ServerProcess::stop(int signal) {
  if (!running()) return exitCode_;
  ::kill(pid_, signal);
  if (!eventually([&] { return !running(); }, std::chrono::seconds(30))) {
    ::kill(pid_, SIGKILL);
    eventually([&] { return !running(); }, std::chrono::seconds(5));
  }
  return exitCode_;
}

bool ServerProcess::running() const {
  if (pid_ <= 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return true;
  exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  pid_ = -1;
  return false;
}

std::string ServerProcess::log() const {
  std::string all;
  for (int i = 1; i <= starts_; ++i) all += readFile(root_ / ("server-" + std::to_string(i) + ".log"));
  return all;
}

bool ServerProcess::waitForLog(const std::string& text, std::chrono::milliseconds wait) const {
  return eventually([&] { return log().find(text) != std::string::npos; }, wait);
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds wait) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace cepheus::test
