// A stream joined with a Redis table on its primary key: 100,000 rows in a redis-server this
// program starts (a unix socket of its own), events with keys drawn uniformly from them.
//   sync-get     the baseline: one HMGET per event, a round trip each (what a lookup per event
//                costs, here with hiredis directly)
//   no-cache     the join, every chunk's keys read in one pipelined batch
//   warm-cache   the join with @cache holding every row (a pass over all keys before timing)
// Wall-clock events per second of the sending thread (InputHandler::send is synchronous: the
// thread does all the processing and waits for Redis, which runs on the other core), median of
// three runs.
//   bench/redis_join_bench [EVENTS [BATCH [no-cache]]]   (default 1000000 events, 1024 events a send)
#include <hiredis/hiredis.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "cepheus/engine.h"
#include "io/stores/table_stores.h"
#include "support/redis_server.h"

namespace {

using cepheus::EventView;
using cepheus::Value;
using Clock = std::chrono::steady_clock;

constexpr int kRows = 100'000;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string keyOf(int i) { return "user-" + std::to_string(i); }

void loadRows(const std::string& socket) {
  redisContext* c = redisConnectUnix(socket.c_str());
  for (int start = 0; start < kRows; start += 1000) {
    int end = std::min(kRows, start + 1000);
    for (int i = start; i < end; ++i) {
      std::string key = "T:" + keyOf(i), country = i % 3 ? "NZ" : "AU", score = std::to_string(i % 1000);
      const char* argv[] = {"HSET", key.c_str(), "country", country.c_str(), "score", score.c_str()};
      redisAppendCommandArgv(c, 6, argv, nullptr);
    }
    for (int i = start; i < end; ++i) {
      void* reply = nullptr;
      redisGetReply(c, &reply);
      freeReplyObject(reply);
    }
  }
  redisFree(c);
}

double syncGets(const std::string& socket, const std::vector<std::string>& keys, long events) {
  redisContext* c = redisConnectUnix(socket.c_str());
  long found = 0;
  auto start = Clock::now();
  for (long e = 0; e < events; ++e) {
    const std::string key = "T:" + keys[static_cast<size_t>(e) % keys.size()];
    auto* reply = static_cast<redisReply*>(redisCommand(c, "HMGET %s id country score", key.c_str()));
    found += reply && reply->type == REDIS_REPLY_ARRAY;
    freeReplyObject(reply);
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  redisFree(c);
  if (found != events) std::fprintf(stderr, "sync-get: %ld of %ld replies\n", found, events);
  return static_cast<double>(events) / seconds;
}

double threadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// The last join's events per CPU-second of the sending thread: what the engine's side costs,
// whatever else runs on the machine.
double lastCpuRate = 0;

// Events per (wall) second of the join, and the rows joined (all of them: every key is in Redis).
double join(cepheus::App& app, const std::vector<Value>& keys, long events, size_t batch, long& joined) {
  cepheus::InputHandler input = app.input("Q");
  std::vector<EventView> views(batch);
  double cpuStart = threadCpuSeconds();
  auto start = Clock::now();
  for (long sent = 0; sent < events;) {
    size_t n = static_cast<size_t>(std::min<long>(static_cast<long>(batch), events - sent));
    for (size_t i = 0; i < n; ++i)
      views[i] = {1'000 + sent + static_cast<long>(i), &keys[static_cast<size_t>(sent + static_cast<long>(i)) % keys.size()]};
    input.send(std::span<const EventView>(views.data(), n));
    sent += static_cast<long>(n);
  }
  (void)joined;
  lastCpuRate = static_cast<double>(events) / (threadCpuSeconds() - cpuStart);
  return static_cast<double>(events) / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  long events = argc > 1 ? std::stol(argv[1]) : 1'000'000;
  size_t batch = argc > 2 ? std::stoul(argv[2]) : 1024;
  // `no-cache`: only that scenario, for profiling it.
  const bool onlyNoCache = argc > 3 && std::string(argv[3]) == "no-cache";
  cepheus::testing::RedisServer redis;
  loadRows(redis.socket());

  std::mt19937 random(42);
  std::uniform_int_distribution<int> pick(0, kRows - 1);
  std::vector<std::string> keyTexts;
  std::vector<Value> keys;
  for (int i = 0; i < 1 << 20; ++i) {
    keyTexts.push_back(keyOf(pick(random)));
    keys.push_back(Value::ofString(keyTexts.back()));
  }

  const std::string table = " @PrimaryKey('id') define table T (id string, country string, score int);\n";
  const std::string query = "from Q join T on Q.id == T.id select Q.id, T.country, T.score insert into Out;";
  const std::string noCache = "define stream Q (id string);\n@store(" + redis.storeOptions() + ")" + table + query;
  const std::string cached = "define stream Q (id string);\n@store(" + redis.storeOptions() +
                             ", @cache(size='200000', retention.period='10 min'))" + table + query;

  cepheus::Engine engine;
  cepheus::io::registerTableStores(engine.tableStores());
  long joined = 0;
  auto countOut = [&](cepheus::App& app) {
    app.subscribeBatches("Out", [&](std::span<const EventView> out) { joined += static_cast<long>(out.size()); });
  };

  std::vector<double> get, plain, warm;
  long syncEvents = std::min<long>(events / 10, 100'000);
  for (int run = 0; run < 3; ++run) get.push_back(syncGets(redis.socket(), keyTexts, syncEvents));

  auto app = engine.deploy(noCache);
  countOut(*app);
  join(*app, keys, 100'000, batch, joined);  // warm-up
  joined = 0;
  std::vector<double> plainCpu, warmCpu, memoryCpu, warmHotCpu, memoryHotCpu;
  for (int run = 0; run < 3; ++run) {
    plain.push_back(join(*app, keys, events, batch, joined));
    plainCpu.push_back(lastCpuRate);
  }
  long plainJoined = joined;
  if (onlyNoCache) {
    std::printf("no-cache: %.0f events/s, %.0f events/CPU-s (joined %ld)\n", median(plain), median(plainCpu), plainJoined);
    return 0;
  }

  auto cachedApp = engine.deploy(cached);
  countOut(*cachedApp);
  std::vector<Value> everyKey;
  for (int i = 0; i < kRows; ++i) everyKey.push_back(Value::ofString(keyOf(i)));
  join(*cachedApp, everyKey, kRows, batch, joined);  // fills the cache with every row
  joined = 0;
  for (int run = 0; run < 3; ++run) {
    warm.push_back(join(*cachedApp, keys, events * 5, batch, joined));
    warmCpu.push_back(lastCpuRate);
  }
  long warmJoined = joined;

  // The same join on an in-memory table holding the same rows: what the cache is measured
  // against (a table probe of 100,000 rows in random order misses the CPU caches too).
  auto memoryApp = engine.deploy("define stream Q (id string); define stream Add (id string, country string, score int);" +
                                 table + "from Add insert into T;\n" + query);
  countOut(*memoryApp);
  {
    cepheus::InputHandler add = memoryApp->input("Add");
    for (int i = 0; i < kRows; ++i)
      add.send(1, {Value::ofString(keyOf(i)), Value::ofString(i % 3 ? "NZ" : "AU"), Value::ofInt(i % 1000)});
  }
  std::vector<double> memory, warmHot, memoryHot;
  joined = 0;
  for (int run = 0; run < 3; ++run) {
    memory.push_back(join(*memoryApp, keys, events * 5, batch, joined));
    memoryCpu.push_back(lastCpuRate);
  }
  // 4096 keys drawn from the 100,000, as bench/join_bench probes: rows that stay in the CPU's caches.
  std::vector<Value> hot(keys.begin(), keys.begin() + 4096);
  for (int run = 0; run < 3; ++run) {
    warmHot.push_back(join(*cachedApp, hot, events * 5, batch, joined));
    warmHotCpu.push_back(lastCpuRate);
    memoryHot.push_back(join(*memoryApp, hot, events * 5, batch, joined));
    memoryHotCpu.push_back(lastCpuRate);
  }

  std::printf("redis join, %d rows, %zu events a send; events/s (wall) and events per CPU-second of the sender,\n"
              "median of 3 runs\n", kRows, batch);
  std::printf("  %-28s %12s %12s\n", "scenario", "wall", "cpu");
  std::printf("  %-28s %12.0f %12s   (%ld events a run)\n", "sync-get (HMGET per event)", median(get), "", syncEvents);
  std::printf("  %-28s %12.0f %12.0f   %.1fx sync-get (joined %ld of %ld)\n", "no-cache", median(plain),
              median(plainCpu), median(plain) / median(get), plainJoined, 3 * events);
  std::printf("  %-28s %12.0f %12.0f   (joined %ld of %ld)\n", "warm-cache, uniform keys", median(warm),
              median(warmCpu), warmJoined, 15 * events);
  std::printf("  %-28s %12.0f %12.0f\n", "in-memory, uniform keys", median(memory), median(memoryCpu));
  std::printf("  %-28s %12.0f %12.0f\n", "warm-cache, 4096 hot keys", median(warmHot), median(warmHotCpu));
  std::printf("  %-28s %12.0f %12.0f\n", "in-memory, 4096 hot keys", median(memoryHot), median(memoryHotCpu));
  return 0;
}
