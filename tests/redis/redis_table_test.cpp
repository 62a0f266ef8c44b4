// Tables on a real redis-server (tests/redis/redis_server.h): every table operation gives the
// rows an in-memory table gives, the rows are hashes other systems can read and write, a
// chunk's lookups go in one round trip, and Redis going away delays or faults events, never
// crashes the app or joins them wrongly.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cepheus/engine.h"
#include "io/stores/redis/redis_table_store.h"
#include "io/stores/table_stores.h"
#include "support/redis_server.h"

namespace cepheus {
namespace {

using testing::RedisServer;

std::string text(int64_t, std::span<const Value> row) {
  std::string line;
  for (const Value& v : row) line += (line.empty() ? "" : ",") + v.toString();
  return line;
}

struct Played {
  std::vector<std::string> out;     // every event of the output streams, "Stream: values"
  std::vector<std::string> faults;  // !Q's events: the _error
};

// An event: stream and values.
struct Event {
  std::string stream;
  std::vector<Value> data;
};

Value s(const char* v) { return Value::ofString(v); }
Value d(double v) { return Value::ofDouble(v); }
Value i(int v) { return Value::ofInt(v); }

// Registers the Redis store and keeps the last one made, for its counters.
struct RedisEngine {
  explicit RedisEngine(EngineOptions options = {}) : engine(std::move(options)) {
    engine.tableStores().add("redis", [this](const TableStoreSpec& spec) {
      last = io::makeRedisTableStore(spec);
      return last;
    });
  }
  Engine engine;
  std::shared_ptr<TableStore> last;
};

// Deploys `app`, sends `events` one at a time, or in batches of `batch` consecutive events of
// the same stream (one send of a span), and collects what the output streams and !Q receive.
Played play(Engine& engine, const std::string& app, const std::vector<Event>& events, size_t batch = 1) {
  std::unique_ptr<App> deployed = engine.deploy(app);
  Played run;
  for (const std::string& stream : deployed->outputStreams())
    deployed->subscribe(stream, [&run, stream](int64_t ts, std::span<const Value> row) {
      run.out.push_back(stream + ": " + text(ts, row));
    });
  for (const StreamInfo& stream : deployed->streams())
    if (stream.name == "!Q")
      deployed->subscribe("!Q", [&run](int64_t, std::span<const Value> row) {
        run.faults.push_back(std::string(row.back().isString() ? row.back().asString() : row.back().toString()));
      });
  int64_t ts = 1000;
  for (size_t at = 0; at < events.size();) {
    size_t end = at + 1;
    while (end < events.size() && end - at < batch && events[end].stream == events[at].stream) ++end;
    std::vector<EventView> views;
    for (size_t k = at; k < end; ++k) views.push_back({ts++, events[k].data.data()});
    deployed->input(events[at].stream).send(views);
    at = end;
  }
  return run;
}

const char* kOperations =
    "define stream Add (id string, price double, qty int);\n"
    "define stream Upd (id string, price double);\n"
    "define stream Ups (id string, price double, qty int);\n"
    "define stream Del (id string);\n"
    "define stream Q (id string);\n"
    "%STORE% %KEY% define table T (id string, price double, qty int);\n"
    "from Add insert into T;\n"
    "from Upd update T set T.price = price on T.id == id;\n"
    "from Ups update or insert into T set T.price = price, T.qty = T.qty + qty on T.id == id;\n"
    "from Del delete T on T.id == id;\n"
    "from Q join T on Q.id == T.id select Q.id, T.price, T.qty insert into Out;\n"
    "from Q[T.id == id in T] select id insert into Known;\n"
    "from Q join T on T.price > 2.0 select Q.id, T.id as row insert into Dear;\n";

std::string appWith(const std::string& store, const std::string& key) {
  std::string app = kOperations;
  app.replace(app.find("%STORE%"), 7, store);
  app.replace(app.find("%KEY%"), 5, key);
  return app;
}

std::vector<Event> operationEvents() {
  return {
      {"Add", {s("a"), d(1.5), i(1)}}, {"Add", {s("b"), d(2.5), i(2)}}, {"Add", {s("c"), d(3.5), i(3)}},
      {"Add", {s("b"), d(9.5), i(9)}},  // a second 'b': dropped with a primary key, kept without
      {"Q", {s("a")}},  {"Q", {s("b")}},  {"Q", {s("z")}},
      {"Upd", {s("a"), d(4.0)}},  {"Q", {s("a")}},
      {"Ups", {s("c"), d(0.5), i(10)}}, {"Ups", {s("d"), d(7.0), i(4)}}, {"Q", {s("c")}}, {"Q", {s("d")}},
      {"Del", {s("b")}},  {"Q", {s("b")}}, {"Q", {s("a")}}, {"Q", {s("d")}},
  };
}

class RedisTables : public ::testing::Test {
 protected:
  RedisServer redis;
  std::string store() const { return "@store(" + redis.storeOptions() + ")"; }
};

TEST_F(RedisTables, EveryOperationGivesTheRowsOfAnInMemoryTable) {
  // Without a cache, with one smaller than the table (rows evicted while the app runs), and with
  // one that holds it all.
  const std::vector<std::string> caches = {"", ", @cache(size='2')", ", @cache(size='100', retention.period='1 min')"};
  for (const std::string key : {"@PrimaryKey('id')", "", "@Index('id')"}) {
    for (const std::string& cache : caches) {
      for (size_t batch : {1, 4}) {
        SCOPED_TRACE("key " + key + ", cache " + cache + ", batch " + std::to_string(batch));
        redis.command({"FLUSHALL"});
        Engine memory;
        RedisEngine onRedis;
        Played expected = play(memory, appWith("", key), operationEvents(), batch);
        Played got = play(onRedis.engine, appWith("@store(" + redis.storeOptions() + cache + ")", key),
                          operationEvents(), batch);
        EXPECT_EQ(got.out, expected.out);
        EXPECT_FALSE(expected.out.empty());
      }
    }
  }
}

// A chunk that reads and writes the same table: each probe sees the writes of the rows before
// it, as in memory (the prefetch's hints are not taken once the table changed).
TEST_F(RedisTables, ReadsAndWritesInOneChunkSeeEachOtherInOrder) {
  const std::string app =
      "define stream S (id string, v int);\n%STORE% @PrimaryKey('id') define table T (id string, v int);\n"
      "from S join T on S.id == T.id select S.id, T.v insert into Before;\n"
      "from S update or insert into T set T.v = T.v + v on T.id == id;\n"
      "from S join T on S.id == T.id select S.id, T.v insert into After;\n"
      // A batch window hands the join several rows at once, and the join's own output writes
      // the table between them.
      "from S#window.lengthBatch(3) join T on S.id == T.id select S.id, T.v + 100 as v "
      "update or insert into T set T.v = v on T.id == id;\n"
      "from S#window.lengthBatch(3) join T on S.id == T.id select S.id, T.v insert into Batched;\n";
  auto with = [&](const std::string& store) {
    std::string text = app;
    text.replace(text.find("%STORE%"), 7, store);
    return text;
  };
  std::vector<Event> events;
  for (int k = 0; k < 12; ++k) events.push_back({"S", {Value::ofString(k % 3 ? "a" : "b"), i(k)}});
  for (const std::string cache : {"", ", @cache(size='10')"}) {
    SCOPED_TRACE(cache);
    redis.command({"FLUSHALL"});
    Engine memory;
    RedisEngine onRedis;
    Played expected = play(memory, with(""), events, 6);
    Played got = play(onRedis.engine, with("@store(" + redis.storeOptions() + cache + ")"), events, 6);
    EXPECT_EQ(got.out, expected.out);
    EXPECT_GT(expected.out.size(), 12u);
  }
}

TEST_F(RedisTables, RowsAreHashesAndAnOrderedSetOfTheirKeys) {
  RedisEngine onRedis;
  play(onRedis.engine,
       "define stream Add (id string, price double, qty int, ok bool);\n" + store() +
           " @PrimaryKey('id') define table T (id string, price double, qty int, ok bool);\nfrom Add insert into T;",
       {{"Add", {s("x"), d(0.1), i(7), Value::ofBool(true)}}, {"Add", {s("y"), Value(), i(8), Value::ofBool(false)}}});
  EXPECT_EQ(redis.command({"ZRANGE", "T", "0", "-1"}), "T:x\nT:y");
  EXPECT_EQ(redis.command({"HMGET", "T:x", "id", "price", "qty", "ok"}), "x\n0.1\n7\ntrue");
  // A null attribute is a missing field.
  EXPECT_EQ(redis.command({"HEXISTS", "T:y", "price"}), "0");
  // table.name chooses the prefix; a table without a primary key numbers its rows.
  play(onRedis.engine,
       "define stream Add (id string);\n@store(" + redis.storeOptions() +
           ", table.name='ref') define table U (id string);\nfrom Add insert into U;",
       {{"Add", {s("p")}}, {"Add", {s("p")}}});
  EXPECT_EQ(redis.command({"ZRANGE", "ref", "0", "-1"}), "ref:#1\nref:#2");
}

TEST_F(RedisTables, RowsWrittenByOthersAreSeenByTheNextChunk) {
  RedisEngine onRedis;
  std::unique_ptr<App> app = onRedis.engine.deploy(
      "define stream Q (ip string);\n" + store() + " @PrimaryKey('ip') define table Geo (ip string, country string);\n"
      "from Q join Geo on Q.ip == Geo.ip select Q.ip, Geo.country insert into Out;\n"
      "from Q[not (Geo.ip == ip in Geo)] select ip insert into Unknown;");
  std::vector<std::string> out;
  app->subscribe("Out", [&](int64_t ts, std::span<const Value> row) { out.push_back(text(ts, row)); });
  app->subscribe("Unknown", [&](int64_t ts, std::span<const Value> row) { out.push_back("? " + text(ts, row)); });
  app->input("Q").send(1, {s("1.2.3.4")});
  // Another system writes the row, without the key field: the key says it.
  redis.command({"HSET", "Geo:1.2.3.4", "country", "NZ"});
  app->input("Q").send(2, {s("1.2.3.4")});
  redis.command({"HSET", "Geo:1.2.3.4", "country", "AU"});
  app->input("Q").send(3, {s("1.2.3.4")});
  redis.command({"DEL", "Geo:1.2.3.4"});
  app->input("Q").send(4, {s("1.2.3.4")});
  EXPECT_EQ(out, (std::vector<std::string>{"? 1.2.3.4", "1.2.3.4,NZ", "1.2.3.4,AU", "? 1.2.3.4"}));
}

TEST_F(RedisTables, ACachedRowIsBelievedForItsRetentionPeriod) {
  auto clock = std::make_shared<ManualClock>(0);
  EngineOptions options;
  options.time = clock;
  RedisEngine onRedis(options);
  std::unique_ptr<App> app = onRedis.engine.deploy(
      "define stream Q (ip string);\n@store(" + redis.storeOptions() +
      ", @cache(size='100', retention.period='10 sec')) @PrimaryKey('ip') define table Geo (ip string, country string);\n"
      "from Q join Geo on Q.ip == Geo.ip select Geo.country insert into Out;");
  std::vector<std::string> out;
  app->subscribe("Out", [&](int64_t ts, std::span<const Value> row) { out.push_back(text(ts, row)); });
  redis.command({"HSET", "Geo:a", "country", "NZ"});
  app->input("Q").send(1, {s("a")});
  uint64_t trips = onRedis.last->counters().roundTrips;
  redis.command({"HSET", "Geo:a", "country", "AU"});
  clock->advance(9'000);
  app->input("Q").send(2, {s("a")});  // from the cache: no round trip, the old value
  EXPECT_EQ(onRedis.last->counters().roundTrips, trips);
  clock->advance(1'000);
  app->input("Q").send(3, {s("a")});  // retention over: read again
  EXPECT_EQ(out, (std::vector<std::string>{"NZ", "NZ", "AU"}));
  EXPECT_EQ(onRedis.last->counters().roundTrips, trips + 1);
}

TEST_F(RedisTables, AChunkLooksUpAllItsKeysInOneRoundTrip) {
  for (int k = 0; k < 50; ++k) redis.command({"HSET", "T:k" + std::to_string(k), "v", std::to_string(k)});
  RedisEngine onRedis;
  std::unique_ptr<App> app = onRedis.engine.deploy(
      "define stream Q (id string);\n" + store() + " @PrimaryKey('id') define table T (id string, v int);\n"
      "from Q join T on Q.id == T.id select T.v insert into Out;");
  std::vector<std::string> out;
  app->subscribe("Out", [&](int64_t ts, std::span<const Value> row) { out.push_back(text(ts, row)); });
  std::vector<std::vector<Value>> rows;
  for (int k = 0; k < 100; ++k) rows.push_back({Value::ofString("k" + std::to_string((k * 7) % 60))});
  std::vector<EventView> views;
  for (const auto& row : rows) views.push_back({1, row.data()});
  app->input("Q").send(views);
  EXPECT_EQ(onRedis.last->counters().roundTrips, 1u);
  // The joined rows in the order of the events, keys Redis does not have joining nothing.
  std::vector<std::string> expected;
  for (int k = 0; k < 100; ++k)
    if ((k * 7) % 60 < 50) expected.push_back(std::to_string((k * 7) % 60));
  EXPECT_EQ(out, expected);
}

TEST_F(RedisTables, AnInConditionLooksUpAChunkInOneRoundTrip) {
  for (int k = 0; k < 50; k += 2) redis.command({"HSET", "Blocked:c" + std::to_string(k), "why", "stolen"});
  RedisEngine onRedis;
  std::unique_ptr<App> app = onRedis.engine.deploy(
      "define stream Pay (card string);\n" + store() +
      " @PrimaryKey('card') define table Blocked (card string, why string);\n"
      "from Pay[not (Blocked.card == card in Blocked)] select card insert into Passed;");
  std::vector<std::string> out;
  app->subscribe("Passed", [&](int64_t ts, std::span<const Value> row) { out.push_back(text(ts, row)); });
  std::vector<std::vector<Value>> rows;
  for (int k = 0; k < 100; ++k) rows.push_back({Value::ofString("c" + std::to_string(k % 60))});
  std::vector<EventView> views;
  for (const auto& row : rows) views.push_back({1, row.data()});
  app->input("Pay").send(views);
  EXPECT_EQ(onRedis.last->counters().roundTrips, 1u);
  std::vector<std::string> expected;
  for (int k = 0; k < 100; ++k)
    if (k % 60 >= 50 || (k % 60) % 2 == 1) expected.push_back("c" + std::to_string(k % 60));
  EXPECT_EQ(out, expected);
}

TEST_F(RedisTables, OnDemandQueriesReadAndChangeTheStore) {
  RedisEngine onRedis;
  std::unique_ptr<App> app = onRedis.engine.deploy(
      "define stream Add (id string, v int);\n" + store() + " @PrimaryKey('id') define table T (id string, v int);\n"
      "from Add insert into T;");
  app->input("Add").send(1, {s("a"), i(1)});
  app->input("Add").send(2, {s("b"), i(2)});
  app->query("select 'c' as id, 3 as v insert into T;");
  app->query("select 20 as v update T set T.v = v on T.id == 'b';");
  app->query("delete T on T.id == 'a';");
  QueryResult all = app->query("from T select id, v;");
  std::vector<std::string> rows;
  for (const auto& row : all.rows) rows.push_back(text(0, row));
  EXPECT_EQ(rows, (std::vector<std::string>{"b,20", "c,3"}));
  EXPECT_EQ(redis.command({"HGET", "T:b", "v"}), "20");
}

TEST_F(RedisTables, ASnapshotHoldsNothingAndARestoredAppReadsTheStore) {
  RedisEngine onRedis;
  const std::string text_ = "@app:name('A') define stream Add (id string, v int); define stream Q (id string);\n" +
                            store() + " @PrimaryKey('id') define table T (id string, v int);\n"
                            "from Add insert into T; from Q join T on Q.id == T.id select T.v insert into Out;";
  std::vector<uint8_t> saved;
  {
    std::unique_ptr<App> app = onRedis.engine.deploy(text_);
    app->input("Add").send(1, {s("a"), i(5)});
    saved = app->snapshot();
  }
  std::unique_ptr<App> again = onRedis.engine.deploy(text_);
  RestoreReport report = again->restore(saved);
  std::vector<std::string> out;
  again->subscribe("Out", [&](int64_t ts, std::span<const Value> row) { out.push_back(text(ts, row)); });
  again->input("Q").send(2, {s("a")});
  EXPECT_EQ(out, std::vector<std::string>{"5"});
}

TEST_F(RedisTables, ValuesOtherSystemsWroteWrongGoToTheFaultRoute) {
  RedisEngine onRedis;
  redis.command({"HSET", "T:a", "v", "many"});
  Played run = play(onRedis.engine,
                 "@OnError(action='STREAM') define stream Q (id string);\n" + store() +
                     " @PrimaryKey('id') define table T (id string, v int);\n"
                     "from Q join T on Q.id == T.id select T.v insert into Out;",
                 {{"Q", {s("a")}}});
  EXPECT_TRUE(run.out.empty());
  ASSERT_EQ(run.faults.size(), 1u);
  EXPECT_NE(run.faults[0].find("field 'v' of 'T:a' holds 'many', which is not an int"), std::string::npos)
      << run.faults[0];
}

const char* kLookup =
    "@OnError(action='STREAM') define stream Q (id string);\n"
    "%STORE% @PrimaryKey('id') define table T (id string, v int);\n"
    "from Q join T on Q.id == T.id select Q.id, T.v insert into Out;";

std::string lookupApp(const std::string& options) {
  std::string app = kLookup;
  app.replace(app.find("%STORE%"), 7, "@store(" + options + ")");
  return app;
}

TEST_F(RedisTables, EventsWaitForASlowRedisAndGoOnWhenItAnswers) {
  redis.command({"HSET", "T:a", "v", "1"});
  RedisEngine onRedis;
  std::unique_ptr<App> app = onRedis.engine.deploy(lookupApp(redis.storeOptions() + ", timeout='20 sec'"));
  std::vector<std::string> out, faults;
  app->subscribe("Out", [&](int64_t ts, std::span<const Value> row) { out.push_back(text(ts, row)); });
  app->subscribe("!Q", [&](int64_t ts, std::span<const Value> row) { faults.push_back(text(ts, row)); });
  app->input("Q").send(1, {s("a")});
  redis.pause();
  std::thread wake([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    redis.resume();
  });
  app->input("Q").send(2, {s("a")});  // waits until Redis answers
  wake.join();
  EXPECT_EQ(out, (std::vector<std::string>{"a,1", "a,1"}));
  EXPECT_TRUE(faults.empty());
}

TEST_F(RedisTables, WhenRedisIsGoneEventsGoToTheFaultRouteAndJoinAgainWhenItIsBack) {
  RedisEngine onRedis;
  std::unique_ptr<App> app = onRedis.engine.deploy(lookupApp(redis.storeOptions() + ", timeout='200 ms'"));
  std::vector<std::string> out, faults;
  app->subscribe("Out", [&](int64_t ts, std::span<const Value> row) { out.push_back(text(ts, row)); });
  app->subscribe("!Q", [&](int64_t, std::span<const Value> row) {
    faults.push_back(std::string(row.back().asString()));
  });
  redis.command({"HSET", "T:a", "v", "1"});
  app->input("Q").send(1, {s("a")});
  redis.kill();
  app->input("Q").send(2, {s("a")});  // waits 200 ms, then the fault route
  app->input("Q").send(3, {s("a")});  // at once: Redis is known to be away
  ASSERT_EQ(faults.size(), 2u);
  for (const std::string& fault : faults) {
    EXPECT_EQ(fault.find("table 'T': redis at " + redis.socket() + " is unavailable: "), 0u) << fault;
    EXPECT_NE(fault.find("(waited 200 ms"), std::string::npos) << fault;
  }
  EXPECT_EQ(onRedis.last->counters().waits, 1u);
  EXPECT_GE(onRedis.last->counters().failures, 2u);
  redis.start();
  redis.command({"HSET", "T:a", "v", "2"});
  // The reconnect backoff is at most a second: within 100 tries of 50 ms it joins again.
  for (int attempt = 0; attempt < 100 && out.size() < 2; ++attempt) {
    app->input("Q").send(4 + attempt, {s("a")});
    if (out.size() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], "a,1");
  EXPECT_EQ(out[1], "a,2");
  EXPECT_GE(onRedis.last->counters().reconnects, 1u);
}

TEST(RedisOverTcp, HostPortAndPasswordReachAServerThatRequiresIt) {
  RedisServer secured(RedisServer::Options{true, "s3cret"});
  secured.command({"HSET", "T:a", "v", "7"});
  RedisEngine onRedis;
  Played run = play(onRedis.engine, lookupApp(secured.storeOptions()), {{"Q", {s("a")}}});
  EXPECT_EQ(run.out, std::vector<std::string>{"Out: a,7"});
  // The wrong password: the lookup fails with Redis's reason, the event goes to the fault route.
  Played refused = play(onRedis.engine,
                        lookupApp("type='redis', host='localhost', port='" + std::to_string(secured.port()) +
                                  "', password='wrong', timeout='100 ms'"),
                        {{"Q", {s("a")}}});
  EXPECT_TRUE(refused.out.empty());
  ASSERT_EQ(refused.faults.size(), 1u);
  EXPECT_NE(refused.faults[0].find("AUTH refused"), std::string::npos) << refused.faults[0];
}

// Inserts of a chunk go in one pipeline; when Redis is away they are refused (logged, as a row
// with a primary key held is) and leave nothing behind, and inserts work again once it is back.
TEST_F(RedisTables, InsertsOfAChunkGoInOneRoundTripAndARefusedBatchLeavesNothing) {
  RedisEngine onRedis;
  std::unique_ptr<App> app = onRedis.engine.deploy(
      "define stream Add (id string, v int); define stream Q (id string);\n@store(" + redis.storeOptions() +
      ", timeout='100 ms') @PrimaryKey('id') define table T (id string, v int);\n"
      "from Add insert into T;\nfrom Q join T on Q.id == T.id select T.id, T.v insert into Out;");
  std::vector<std::string> out;
  app->subscribe("Out", [&](int64_t ts, std::span<const Value> row) { out.push_back(text(ts, row)); });
  auto addAll = [&](std::vector<std::vector<Value>> rows) {
    std::vector<EventView> views;
    for (const auto& row : rows) views.push_back({1, row.data()});
    app->input("Add").send(views);
  };
  addAll({{s("a"), i(1)}, {s("b"), i(2)}, {s("a"), i(3)}});  // the second 'a' is refused, as in memory
  EXPECT_EQ(redis.command({"ZRANGE", "T", "0", "-1"}), "T:a\nT:b");
  EXPECT_EQ(redis.command({"HGET", "T:a", "v"}), "1");
  // One round trip to read the keys the inserts check, one for the inserts.
  EXPECT_EQ(onRedis.last->counters().roundTrips, 2u);
  redis.kill();
  addAll({{s("c"), i(3)}, {s("d"), i(4)}});
  redis.start();
  for (int attempt = 0; attempt < 100; ++attempt) {  // past the reconnect backoff (at most 1 s)
    app->input("Q").send(2, {s("c")});
    if (onRedis.last->counters().reconnects > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(out.empty());  // 'c' was never written
  addAll({{s("c"), i(5)}});
  app->input("Q").send(3, {s("c")});
  EXPECT_EQ(out, std::vector<std::string>{"c,5"});
}

TEST_F(RedisTables, TheStoreRefusesOptionsItCannotUse) {
  RedisEngine onRedis;
  auto error = [&](const std::string& options) {
    try {
      onRedis.engine.deploy(lookupApp(options));
    } catch (const DeployError& e) {
      return e.diagnostics().at(0).message;
    }
    return std::string("deployed");
  };
  EXPECT_EQ(error("type='redis', cluster.mode='true'"),
            "table 'T': cluster.mode='true' is not supported: a Redis table talks to one server (host, port or socket)");
  EXPECT_EQ(error("type='redis', port='high'"), "table 'T': port must be a number from 1 to 65535, found 'high'");
  EXPECT_EQ(error("type='redis', colour='red'"),
            "table 'T': @store(type='redis') has no option 'colour' (it takes host, port, password, table.name, "
            "cluster.mode, socket, database, timeout)");
}

}  // namespace
}  // namespace cepheus
