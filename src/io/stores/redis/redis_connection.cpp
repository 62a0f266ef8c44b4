#include "io/stores/redis/redis_connection.h"

#include <hiredis/hiredis.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

namespace cepheus::io {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kMaxBackoff{1000};

timeval toTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

// Writing to a server that died raises SIGPIPE, which would end the process: it is blocked on
// this thread while a batch is written and read, and one raised meanwhile is taken off.
class NoSigpipe {
 public:
  NoSigpipe() {
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, &old_);
    sigset_t pending;
    sigpending(&pending);
    wasPending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  ~NoSigpipe() {
    if (!wasPending_) {
      sigset_t pending;
      sigpending(&pending);
      if (sigismember(&pending, SIGPIPE) == 1) {
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        timespec now{0, 0};
        sigtimedwait(&pipe, nullptr, &now);
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  NoSigpipe(const NoSigpipe&) = delete;
  NoSigpipe& operator=(const NoSigpipe&) = delete;

 private:
  sigset_t old_;
  bool wasPending_ = false;
};

struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

// On stderr: `cepheus run` prints events on stdout.
spdlog::logger& log() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto existing = spdlog::get("redis");
    return existing ? existing : spdlog::stderr_color_mt("redis");
  }();
  return *logger;
}

}  // namespace

RedisConnection::RedisConnection(Options options) : options_(std::move(options)) {}

RedisConnection::~RedisConnection() { disconnect(); }

std::string RedisConnection::where() const {
  if (!options_.socket.empty()) return "redis at " + options_.socket;
  return "redis at " + options_.host + ":" + std::to_string(options_.port);
}

TableStoreCounters RedisConnection::counters() const {
  return {roundTrips_.load(), keys_.load(), waits_.load(), failures_.load(), reconnects_.load()};
}

void RedisConnection::disconnect() {
  if (context_) redisFree(context_);
  context_ = nullptr;
}

bool RedisConnection::connect(std::string& why) {
  // A connect or a reply that takes longer than this counts as the server being away.
  const timeval limit = toTimeval(std::min(options_.timeout, std::chrono::milliseconds(1000)));
  redisContext* c = options_.socket.empty() ? redisConnectWithTimeout(options_.host.c_str(), options_.port, limit)
                                            : redisConnectUnixWithTimeout(options_.socket.c_str(), limit);
  if (!c || c->err) {
    why = c ? c->errstr : "cannot allocate a connection";
    if (c) redisFree(c);
    return false;
  }
  redisSetTimeout(c, limit);
  auto command = [&](std::vector<std::string> args) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const std::string& a : args) {
      argv.push_back(a.data());
      lengths.push_back(a.size());
    }
    ReplyPtr reply(static_cast<redisReply*>(
        redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lengths.data())));
    if (!reply) {
      why = c->errstr;
      return false;
    }
    if (reply->type == REDIS_REPLY_ERROR) {
      why = std::string(args[0]) + " refused: " + std::string(reply->str, reply->len);
      return false;
    }
    return true;
  };
  if ((!options_.password.empty() && !command({"AUTH", options_.password})) ||
      (options_.database != 0 && !command({"SELECT", std::to_string(options_.database)}))) {
    redisFree(c);
    return false;
  }
  context_ = c;
  if (everConnected_) ++reconnects_;
  everConnected_ = true;
  return true;
}

bool RedisConnection::exchange(size_t count, const std::function<void(redisContext*, size_t)>& append,
                               const std::function<void(size_t, const redisReply*)>& take, std::string& why) {
  NoSigpipe quiet;
  auto failed = [&] {
    why = context_->errstr[0] ? context_->errstr : "the connection closed";
    disconnect();
    return false;
  };
  // Commands go out every kFlushEvery, so Redis works on the first ones while the rest are
  // formatted, and replies are taken as they arrive, while Redis works on the last ones.
  constexpr size_t kFlushEvery = 64;
  for (size_t i = 0; i < count; ++i) {
    append(context_, i);
    if ((i + 1) % kFlushEvery == 0 || i + 1 == count) {
      int done = 0;
      while (!done)
        if (redisBufferWrite(context_, &done) != REDIS_OK) return failed();
    }
  }
  ++roundTrips_;
  // Every reply is read even when one is refused, so the connection stays in step with the
  // server; the first refusal is thrown once all are in.
  std::exception_ptr refused;
  for (size_t i = 0; i < count; ++i) {
    void* reply = nullptr;
    if (redisGetReply(context_, &reply) != REDIS_OK || !reply) return failed();
    ReplyPtr r(static_cast<redisReply*>(reply));
    if (refused) continue;
    try {
      if (r->type == REDIS_REPLY_ERROR)
        throw TableStoreError(where() + " refused a command: " + std::string(r->str, r->len));
      take(i, r.get());
    } catch (const TableStoreError&) {
      refused = std::current_exception();
    }
  }
  if (refused) std::rethrow_exception(refused);
  return true;
}

void RedisConnection::run(size_t count, const std::function<void(redisContext*, size_t)>& append,
                          const std::function<void(size_t, const redisReply*)>& take) {
  if (count == 0) return;
  std::string why;
  if (down_) {
    // Gave up already: one attempt, when the backoff allows, and no waiting.
    if (Clock::now() < nextAttempt_) {
      ++failures_;
      throw TableStoreError(where() + " is unavailable: " + lastWhy_ + " (waited " +
                            std::to_string(options_.timeout.count()) + " ms; reconnecting)");
    }
    if ((context_ || connect(why)) && exchange(count, append, take, why)) {
      log().info("{} is back", where());
      down_ = false;
      downBackoff_ = std::chrono::milliseconds(50);
      return;
    }
    downBackoff_ = std::min(downBackoff_ * 2, kMaxBackoff);
    nextAttempt_ = Clock::now() + downBackoff_;
    ++failures_;
    lastWhy_ = why;
    throw TableStoreError(where() + " is unavailable: " + why + " (waited " + std::to_string(options_.timeout.count()) +
                          " ms; reconnecting)");
  }
  const auto deadline = Clock::now() + options_.timeout;
  std::chrono::milliseconds backoff{10};
  bool waited = false;
  for (;;) {
    if ((context_ || connect(why)) && exchange(count, append, take, why)) return;
    if (!waited) {
      waited = true;
      ++waits_;
      log().warn("{} is away ({}): waiting up to {} ms", where(), why, options_.timeout.count());
    }
    auto now = Clock::now();
    if (now >= deadline) break;
    std::this_thread::sleep_for(std::min<Clock::duration>(backoff, deadline - now));
    backoff = std::min(backoff * 2, kMaxBackoff);
  }
  down_ = true;
  nextAttempt_ = Clock::now() + downBackoff_;
  ++failures_;
  log().error("{} is unavailable after {} ms: {}; events that need it go to the fault route", where(),
                options_.timeout.count(), why);
  lastWhy_ = why;
  throw TableStoreError(where() + " is unavailable: " + why + " (waited " + std::to_string(options_.timeout.count()) +
                        " ms)");
}

}  // namespace cepheus::io
