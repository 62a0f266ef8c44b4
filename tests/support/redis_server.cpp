#include "support/redis_server.h"

#include <arpa/inet.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>

namespace cepheus::testing {

namespace {

std::string replyText(const redisReply* r) {
  switch (r->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS: return std::string(r->str, r->len);
    case REDIS_REPLY_ERROR: return std::string(r->str, r->len);
    case REDIS_REPLY_INTEGER: return std::to_string(r->integer);
    case REDIS_REPLY_NIL: return "(nil)";
    case REDIS_REPLY_ARRAY: {
      std::string all;
      for (size_t i = 0; i < r->elements; ++i) all += (i ? "\n" : "") + replyText(r->element[i]);
      return all;
    }
  }
  return "?";
}

}  // namespace

// A port nobody listens on now: bound to 127.0.0.1:0 and let go.
int freeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error("cannot find a free loopback port");
  ::close(fd);
  return ntohs(address.sin_port);
}

RedisServer::RedisServer(Options options) : options_(std::move(options)) {
  if (options_.tcp) port_ = freeLoopbackPort();
  std::random_device random;
  dir_ = std::filesystem::temp_directory_path() / ("cepheus-redis-" + std::to_string(::getpid()) + "-" +
                                                  std::to_string(random()));
  std::filesystem::create_directories(dir_);
  socket_ = (dir_ / "redis.sock").string();
  start();
}

RedisServer::~RedisServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void RedisServer::start() {
  std::vector<std::string> args{"redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                                "--unixsocket", socket_, "--unixsocketperm", "700", "--save", "", "--appendonly", "no",
                                "--dir", dir_.string(), "--logfile", (dir_ / "redis.log").string()};
  if (!options_.password.empty()) {
    args.push_back("--requirepass");
    args.push_back(options_.password);
  }
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp("redis-server", argv.data());
    ::_exit(127);
  }
  for (int attempt = 0; attempt < 100; ++attempt) {
    try {
      if (command({"PING"}) == "PONG") return;
    } catch (const std::runtime_error&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("redis-server did not answer PING on " + socket_);
}

void RedisServer::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
  std::error_code ignored;
  std::filesystem::remove(socket_, ignored);
}

void RedisServer::pause() {
  if (pid_ > 0) ::kill(pid_, SIGSTOP);
}

void RedisServer::resume() {
  if (pid_ > 0) ::kill(pid_, SIGCONT);
}

std::string RedisServer::storeOptions() const {
  std::string where = options_.tcp ? "type='redis', host='127.0.0.1', port='" + std::to_string(port_) + "'"
                                   : "type='redis', socket='" + socket_ + "'";
  return options_.password.empty() ? where : where + ", password='" + options_.password + "'";
}

std::string RedisServer::command(const std::vector<std::string>& args) const {
  timeval limit{2, 0};
  redisContext* c = redisConnectUnixWithTimeout(socket_.c_str(), limit);
  if (!c || c->err) {
    if (c) redisFree(c);
    throw std::runtime_error("cannot reach redis at " + socket_);
  }
  if (!options_.password.empty()) {
    auto* auth = static_cast<redisReply*>(redisCommand(c, "AUTH %s", options_.password.c_str()));
    if (auth) freeReplyObject(auth);
  }
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const std::string& a : args) {
    argv.push_back(a.data());
    lengths.push_back(a.size());
  }
  auto* reply = static_cast<redisReply*>(redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  if (!reply) {
    redisFree(c);
    throw std::runtime_error("redis at " + socket_ + " did not answer");
  }
  std::string text = replyText(reply);
  freeReplyObject(reply);
  redisFree(c);
  return text;
}

}  // namespace cepheus::testing
