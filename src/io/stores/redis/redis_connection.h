// One blocking hiredis connection to a Redis server, used by one app's thread at a time, that
// sends a batch of commands as one pipeline (one round trip) and survives the server going away:
// a batch that finds it away waits for it, reconnecting with backoff, up to `timeout`, then
// gives up (TableStoreError, with the reason). After giving up once, the connection fails
// batches at once, trying to reconnect at most once per backoff step, until the server answers
// again; so an outage costs each chunk of events a fault, not a wait.
//
// Why blocking, not hiredis's async API on an Asio loop: a table read is part of processing a
// chunk on the app's thread, which cannot go on before the rows are there (the app's order of
// events is the point). Pipelining the chunk's reads gives the one round trip per chunk that
// async calls with many in flight would, with no second thread and no hand-over.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "cepheus/table_store.h"

struct redisContext;
struct redisReply;

namespace cepheus::io {

class RedisConnection {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string socket;  // a unix socket path: used instead of host and port
    std::string password;
    int database = 0;
    std::chrono::milliseconds timeout{5000};  // how long a batch waits for a server that is away
  };

  explicit RedisConnection(Options options);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends `count` commands, each appended by `append(context, i)` (redisAppendCommandArgv),
  // as one pipeline, then hands each reply to `take(i, reply)` in order, once all arrived.
  // A batch that fails on the way is sent again whole after reconnecting, so commands must be
  // safe to repeat. Throws TableStoreError when the server stays away, or answers a command with
  // an error; `take` may throw TableStoreError too.
  void run(size_t count, const std::function<void(redisContext*, size_t)>& append,
           const std::function<void(size_t, const redisReply*)>& take);

  std::string where() const;  // "redis at 127.0.0.1:6379"
  void countKeys(size_t n) { keys_ += n; }  // rows read, for counters()
  TableStoreCounters counters() const;

 private:
  bool connect(std::string& why);
  void disconnect();
  // One attempt: false (and `why`) when the connection failed on the way.
  bool exchange(size_t count, const std::function<void(redisContext*, size_t)>& append,
                const std::function<void(size_t, const redisReply*)>& take, std::string& why);

  Options options_;
  redisContext* context_ = nullptr;
  bool down_ = false;  // gave up on a batch; fail fast until a reconnect works
  std::string lastWhy_;  // why it gave up
  std::chrono::steady_clock::time_point nextAttempt_{};
  std::chrono::milliseconds downBackoff_{50};
  std::atomic<uint64_t> roundTrips_{0}, keys_{0}, waits_{0}, failures_{0}, reconnects_{0};
  bool everConnected_ = false;

};

}  // namespace cepheus::io
