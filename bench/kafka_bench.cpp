// Kafka's figures (docs/performance.md, "Kafka"). It measures, it does not assert.
//
//   kafka_bench CEPHEUS [decode|e2e|all] [--events N] [--runs R] [--pass PERCENT]
//               [--sink-broker same|separate] [--sink-options 'key:value,...'] [--pass-through yes]
//
// decode  the json source mapper alone (src/io/mappers), 100-byte events in Siddhi's
//         {"event":{...}} form: events/s on one core
// e2e     on one embedded broker (`cepheus kafka-dev`, 16 partitions): a raw librdkafka
//         consumer's rate on the topic, then `cepheus serve`'s end to end (kafka source, JSON in,
//         a filter letting --pass percent through (default 100), kafka sink, JSON out) on the
//         same topic in the same run. Both first take 1000 records untimed (connections made,
//         the idempotent producer's id fetched), then are timed from the moment the producer
//         starts until the last record is read (raw), or until Cepheus has written every output
//         and (with --pass below 100, checkpoints every 200 ms) committed every input record.
//         --pass-through yes: in each run also librdkafka alone, passing the records on unchanged
//         with and without an id header (passThroughRate): what any server built on it can reach.
// Each rate is the median of R runs (3 by default). The server's CPU time (user + system, from
// /proc) over the timed part, per record, is printed too: the machine's load moves the rates
// more than it moves that. So is each run's CPU of this process (the producer, and the raw
// consumer) and of the broker, because on two cores all of them share the machine.
#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "bench_process.h"
#include "io/mappers/source_mapper.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

std::string binary;
constexpr size_t kWarmUp = 1000;  // records each measurement starts with, not timed
// --snapshot-interval of the server: 200 ms, so that a filter's commits come soon enough to time
// (--pass below 100); the server's default (10 s) otherwise.
std::string snapshotInterval = "10000";
int passPercent = 100;  // --pass: the share of events the filter lets through
std::string sinkOptions;
bool passThrough = false;  // --pass-through yes: also time librdkafka alone passing the records on
bool separateSinkBroker = false;  // --sink-broker separate  // --sink-options: more options of the kafka sink ("linger.ms:50" style)

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::string event(size_t i) {
  // About 100 bytes: {"event":{"symbol":"SYM0042","price":123.25,"volume":12345,"exchange":"NYSE"}}
  char text[160];
  std::snprintf(text, sizeof text, R"({"event":{"symbol":"SYM%04zu","price":%zu.25,"volume":%zu,"exchange":"NYSE-ARCA"}})",
                i % 5000, 100 + i % 900, 10000 + i % 90000);
  return text;
}

const char kSchema[] = "define stream Trades (symbol string, price double, volume long, exchange string);";

double decodeRate(size_t events) {
  cepheus::StreamInfo stream;
  stream.name = "Trades";
  stream.attributes = {{"symbol", cepheus::Type::String},
                       {"price", cepheus::Type::Double},
                       {"volume", cepheus::Type::Long},
                       {"exchange", cepheus::Type::String}};
  cepheus::TransportInfo info;
  info.direction = cepheus::TransportInfo::Direction::Source;
  info.type = "kafka";
  info.mapType = "json";
  auto mapper = cepheus::io::makeSourceMapper(info, stream);
  std::vector<std::string> messages;
  for (size_t i = 0; i < 4096; ++i) messages.push_back(event(i));
  cepheus::codec::EventBatch batch;
  batch.width = 4;
  std::string error;
  cepheus::io::MessageContext context;
  auto start = Clock::now();
  for (size_t i = 0; i < events; ++i) {
    if (batch.size() == 1024) {
      batch.timestamps.clear();
      batch.values.clear();
    }
    if (!mapper->decode(messages[i & 4095], context, 0, batch, error)) {
      std::fprintf(stderr, "decode failed: %s\n", error.c_str());
      std::exit(1);
    }
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(events) / seconds;
}

struct Child {
  pid_t pid = -1;
  void stop() {
    if (pid <= 0) return;
    ::kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 500 && ::waitpid(pid, &status, WNOHANG) == 0; ++i) std::this_thread::sleep_for(10ms);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    pid = -1;
  }
};

Child spawn(std::vector<std::string> args, const fs::path& log) { return Child{bench::spawnLogged(std::move(args), log)}; }

using bench::cpuSeconds;
using bench::readFile;
using bench::waitFor;

using Settings = std::vector<std::pair<std::string, std::string>>;

// `deliveryReport`: a producer's callback for each record's report.
rd_kafka_t* client(rd_kafka_type_t type, const Settings& settings,
                   void (*deliveryReport)(rd_kafka_t*, const rd_kafka_message_t*, void*) = nullptr) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  for (auto& [key, value] : settings) rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error, sizeof error);
  if (deliveryReport) rd_kafka_conf_set_dr_msg_cb(conf, deliveryReport);
  return rd_kafka_new(type, conf, error, sizeof error);
}

// A consumer of the topic's 16 partitions from their first record, assigned (no rebalance).
rd_kafka_t* consumerFromStart(const std::string& bootstrap, const std::string& group, const std::string& topic,
                              const Settings& more = {}) {
  Settings settings = {{"bootstrap.servers", bootstrap},
                       {"group.id", group},
                       {"auto.offset.reset", "earliest"},
                       {"fetch.wait.max.ms", "10"},
                       {"log_level", "2"}};
  settings.insert(settings.end(), more.begin(), more.end());
  rd_kafka_t* consumer = client(RD_KAFKA_CONSUMER, settings);
  rd_kafka_poll_set_consumer(consumer);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(16);
  for (int p = 0; p < 16; ++p) rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  rd_kafka_assign(consumer, list);
  rd_kafka_topic_partition_list_destroy(list);
  return consumer;
}

// Records first .. first+events-1 of the synthetic stream.
void produceAll(const std::string& bootstrap, const std::string& topic, size_t events, size_t first = 0) {
  rd_kafka_t* producer = client(RD_KAFKA_PRODUCER, {{"bootstrap.servers", bootstrap}, {"linger.ms", "20"}, {"log_level", "2"}});
  for (size_t i = first; i < first + events; ++i) {
    std::string value = event(i);
    std::string key = "k" + std::to_string(i % 5000);
    while (rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_VALUE(value.data(), value.size()), RD_KAFKA_V_KEY(key.data(), key.size()),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(producer, 5);
  }
  rd_kafka_flush(producer, 60'000);
  rd_kafka_destroy(producer);
}

// Records written to the topic: the sum of its high watermarks (the embedded broker drops a
// partition's oldest records past 5 MiB, which moves the low ones).
int64_t topicSize(rd_kafka_t* handle, const std::string& topic, int partitions) {
  int64_t total = 0;
  for (int p = 0; p < partitions; ++p) {
    int64_t low = 0, high = 0;
    if (rd_kafka_query_watermark_offsets(handle, topic.c_str(), p, &low, &high, 2000) == RD_KAFKA_RESP_ERR_NO_ERROR)
      total += high;
  }
  return total;
}

// What the group has committed on the topic (the source commits at each checkpoint).
int64_t consumed(const std::string& bootstrap, const std::string& topic, const std::string& group) {
  rd_kafka_t* handle = client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", bootstrap}, {"group.id", group}, {"log_level", "2"}});
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(16);
  for (int p = 0; p < 16; ++p) rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
  int64_t total = 0;
  if (rd_kafka_committed(handle, list, 2000) == RD_KAFKA_RESP_ERR_NO_ERROR)
    for (int i = 0; i < list->cnt; ++i) total += std::max<int64_t>(0, list->elems[i].offset);
  rd_kafka_topic_partition_list_destroy(list);
  rd_kafka_destroy(handle);
  return total;
}

// Where the machine's CPU goes in a timed part, in microseconds a record: this process (the
// producer, and in the raw part the consumer), the broker (the first `cepheus kafka-dev`), the
// server. On two cores they compete, so a rate follows the sum.
struct CpuShare {
  double bench = 0, broker = 0, server = 0;
};
pid_t brokerPid = -1;
// What a measurement gives: its rate in events/s and the CPU its timed part took.
struct Measured {
  double rate;
  CpuShare cpu;
};

// Measures the CPU of this process, the broker and `server` (-1: none) from construction to take().
class CpuMeter {
 public:
  explicit CpuMeter(pid_t server) : server_(server), bench_(cpuSeconds(::getpid())), broker_(cpuSeconds(brokerPid)),
                                    serverStart_(server > 0 ? cpuSeconds(server) : 0) {}
  CpuShare take(size_t records) const {
    double perRecord = 1e6 / static_cast<double>(records);
    return {(cpuSeconds(::getpid()) - bench_) * perRecord, (cpuSeconds(brokerPid) - broker_) * perRecord,
            server_ > 0 ? (cpuSeconds(server_) - serverStart_) * perRecord : 0};
  }

 private:
  pid_t server_;
  double bench_, broker_, serverStart_;
};

// The timing every measurement shares. First kWarmUp records, untimed: connections made, an
// idempotent producer's first request (it asks the broker for its id) and the first fetches are
// not what is measured. Then `events` more are produced on a thread of their own, timed (with
// the CPU of this process, the broker and `server`, -1 for none) until `waitThrough(n)` returns
// for all of them; it returns once n records have gone all the way.
struct Timed {
  double seconds;
  CpuShare cpu;
};
Timed timeThrough(const std::string& bootstrap, const std::string& topic, size_t events, pid_t server,
                  const std::function<void(size_t)>& waitThrough) {
  produceAll(bootstrap, topic, kWarmUp);
  waitThrough(kWarmUp);
  auto start = Clock::now();
  CpuMeter meter(server);
  std::thread producer([&] { produceAll(bootstrap, topic, events, kWarmUp); });
  waitThrough(kWarmUp + events);
  Timed timed{std::chrono::duration<double>(Clock::now() - start).count(), meter.take(events)};
  producer.join();
  return timed;
}

// A raw consumer of the topic, assigned before the producer starts; events/s.
Measured rawRate(const std::string& bootstrap, const std::string& topic, size_t events) {
  rd_kafka_t* consumer = consumerFromStart(bootstrap, "raw-" + topic, topic);
  size_t seen = 0;
  auto consumeUntil = [&](size_t count) {
    auto deadline = Clock::now() + 300s;
    while (seen < count && Clock::now() < deadline) {
      rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 100);
      if (!message) continue;
      if (!message->err) ++seen;
      rd_kafka_message_destroy(message);
    }
  };
  Timed timed = timeThrough(bootstrap, topic, events, -1, consumeUntil);
  seen -= kWarmUp;
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  return {static_cast<double>(seen) / timed.seconds, timed.cpu};
}

// The floor under any server built on librdkafka: one thread of this process that takes each
// record of `in` (a batch at a time, as the kafka source does) and writes it unchanged to `out`
// with a producer set as the kafka sink's (idempotent, acks=all, linger.ms 5, the payload read
// in place, `header`: an id header a record as the sink's) — no decoding, no query, no
// rendering. Timed as cepheusRate(); events/s until `out` holds every record.
Measured passThroughRate(const std::string& bootstrap, const std::string& in, const std::string& out, size_t events,
                       bool header) {
  rd_kafka_t* consumer = consumerFromStart(bootstrap, "pass-" + in, in,
                                           {{"enable.auto.commit", "false"}, {"queued.min.messages", "10000000"}});
  // Each record read is written from where it is (no copy) and destroyed on its delivery report.
  rd_kafka_t* producer = client(RD_KAFKA_PRODUCER,
                                {{"bootstrap.servers", bootstrap},
                                 {"enable.idempotence", "true"},
                                 {"acks", "all"},
                                 {"linger.ms", "5"},
                                 {"queue.buffering.max.messages", "1000000"},
                                 {"log_level", "2"}},
                                [](rd_kafka_t*, const rd_kafka_message_t* report, void*) {
                                  rd_kafka_message_destroy(static_cast<rd_kafka_message_t*>(report->_private));
                                });
  rd_kafka_topic_t* topic = rd_kafka_topic_new(producer, out.c_str(), nullptr);
  rd_kafka_t* watcher = client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", bootstrap}, {"group.id", "watch"}, {"log_level", "2"}});
  std::atomic<bool> stop{false};
  std::thread passer([&] {
    rd_kafka_queue_t* queue = rd_kafka_queue_get_consumer(consumer);
    std::vector<rd_kafka_message_t*> messages(1000);
    uint64_t seq = 0;
    while (!stop.load(std::memory_order_relaxed)) {
      ssize_t taken = rd_kafka_consume_batch_queue(queue, 10, messages.data(), messages.size());
      for (ssize_t i = 0; i < taken; ++i) {
        rd_kafka_message_t* message = messages[i];
        if (message->err) {
          rd_kafka_message_destroy(message);
        } else {
          char id[32];
          int size = std::snprintf(id, sizeof id, "pass:%llu", static_cast<unsigned long long>(seq++));
          rd_kafka_resp_err_t err;
          while ((err = header ? rd_kafka_producev(producer, RD_KAFKA_V_RKT(topic), RD_KAFKA_V_MSGFLAGS(0),
                                                   RD_KAFKA_V_VALUE(message->payload, message->len),
                                                   RD_KAFKA_V_HEADER("cepheus-id", id, size), RD_KAFKA_V_OPAQUE(message),
                                                   RD_KAFKA_V_END)
                               : rd_kafka_producev(producer, RD_KAFKA_V_RKT(topic), RD_KAFKA_V_MSGFLAGS(0),
                                                   RD_KAFKA_V_VALUE(message->payload, message->len),
                                                   RD_KAFKA_V_OPAQUE(message), RD_KAFKA_V_END)) ==
                 RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(producer, 5);
          if (err) rd_kafka_message_destroy(message);
        }
      }
      rd_kafka_poll(producer, 0);  // delivery reports
    }
    rd_kafka_queue_destroy(queue);
  });
  auto waitUntil = [&](size_t records) { waitFor([&] { return topicSize(watcher, out, 4) >= static_cast<int64_t>(records); }, 300s); };
  Timed timed = timeThrough(bootstrap, in, events, -1, waitUntil);
  stop = true;
  passer.join();
  rd_kafka_flush(producer, 10'000);
  rd_kafka_topic_destroy(topic);
  rd_kafka_destroy(producer);
  rd_kafka_destroy(watcher);
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  return {static_cast<double>(events) / timed.seconds, timed.cpu};
}

// cepheus serve with a kafka source -> filter -> kafka sink app, assigned before the producer
// starts; events/s until the output topic holds them all.
// `outBootstrap`: the broker the sink writes to (the same as the source's, or a second one).
Measured cepheusRate(const std::string& bootstrap, const std::string& outBootstrap, const std::string& in,
                   const std::string& out, size_t events, const fs::path& dir) {
  fs::create_directories(dir / "apps");
  std::ofstream(dir / "apps" / "e2e.siddhi") << "@app:name('E2E')\n"
      << "@source(type='kafka', topic.list='" << in << "', group.id='e2e-" << in
      << "', optional.configuration='fetch.wait.max.ms:10,session.timeout.ms:6000,heartbeat.interval.ms:500',"
      << " @map(type='json'))\n" << kSchema << "\n"
      << "@sink(type='kafka', bootstrap.servers='" << outBootstrap << "', topic='" << out << "', " << sinkOptions
      << "@map(type='json'))\n"
      << "define stream Out (symbol string, price double, volume long);\n"
      << "from Trades[price > 0.0 and volume % 100 < " << passPercent << "] select symbol, price, volume insert into Out;\n";
  Child server = spawn({binary, "serve", "--listen", "127.0.0.1:0", "--apps", (dir / "apps").string(), "--state",
                        (dir / "state").string(), "--kafka", bootstrap, "--snapshot-interval", snapshotInterval},
                       dir / "serve.log");
  waitFor([&] { return readFile(dir / "serve.log").find("partitions assigned") != std::string::npos; }, 60s);
  rd_kafka_t* watcher = client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", outBootstrap}, {"group.id", "watch"}, {"log_level", "2"}});
  // Everything consumed (what the source committed) and everything that passed written.
  auto waitUntil = [&](size_t consumedRecords) {
    int64_t expected = static_cast<int64_t>(consumedRecords) * passPercent / 100;
    waitFor([&] { return topicSize(watcher, out, 4) >= expected; }, 300s);
    if (passPercent < 100) {
      auto deadline = Clock::now() + 300s;
      while (consumed(bootstrap, in, "e2e-" + in) < static_cast<int64_t>(consumedRecords) && Clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    }
  };
  Timed timed = timeThrough(bootstrap, in, events, server.pid, waitUntil);
  rd_kafka_destroy(watcher);
  server.stop();
  return {static_cast<double>(events) / timed.seconds, timed.cpu};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kafka_bench CEPHEUS [decode|e2e|all] [--events N] [--runs R]\n");
    return 2;
  }
  binary = fs::absolute(argv[1]).string();
  std::string mode = argc > 2 && argv[2][0] != '-' ? argv[2] : "all";
  size_t events = 300'000;
  int runs = 3;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--events") events = std::stoul(argv[i + 1]);
    if (std::string(argv[i]) == "--runs") runs = std::stoi(argv[i + 1]);
    if (std::string(argv[i]) == "--pass") passPercent = std::stoi(argv[i + 1]);
    if (passPercent < 100) snapshotInterval = "200";
    if (std::string(argv[i]) == "--pass-through") passThrough = std::string(argv[i + 1]) == "yes";
    if (std::string(argv[i]) == "--sink-broker") separateSinkBroker = std::string(argv[i + 1]) == "separate";
    if (std::string(argv[i]) == "--sink-options") sinkOptions = "optional.configuration='" + std::string(argv[i + 1]) + "', ";
  }
  if (mode == "decode" || mode == "all") {
    std::vector<double> rates;
    for (int r = 0; r < runs; ++r) rates.push_back(decodeRate(5'000'000));
    std::printf("json mapper decode (100-byte events): %.2f M events/s (median of %d)\n", median(rates) / 1e6, runs);
  }
  if (mode == "e2e" || mode == "all") {
    fs::path dir = fs::temp_directory_path() / ("cepheus-kafka-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::vector<std::string> args = {binary, "kafka-dev", "--bootstrap-file", (dir / "bootstrap").string()};
    for (int r = 0; r < runs; ++r) {
      for (std::string kind : {"raw", "in", "out", "hin", "hout", "bin", "bout"}) {
        args.push_back("--topic");
        args.push_back(kind + std::to_string(r) + (kind.find("out") != std::string::npos ? ":4" : ":16"));
      }
    }
    auto startBroker = [&](const std::string& name, std::vector<std::string> brokerArgs) {
      brokerArgs[3] = (dir / name).string();
      Child child = spawn(brokerArgs, dir / (name + ".log"));
      waitFor([&] { return !readFile(dir / name).empty(); }, 20s);
      std::string address = readFile(dir / name);
      address.erase(address.find_last_not_of("\n") + 1);
      return std::make_pair(child, address);
    };
    auto [broker, bootstrap] = startBroker("bootstrap", args);
    brokerPid = broker.pid;
    // --sink-broker separate: the sink writes to a second embedded broker, so that the one
    // thread of the first serves only the input (the embedded broker runs on one thread).
    Child outBroker;
    std::string outBootstrap = bootstrap;
    if (separateSinkBroker) std::tie(outBroker, outBootstrap) = startBroker("out-bootstrap", args);
    std::vector<double> raw, cepheus, ratios, serverCpu, headerRatios, bareRatios;
    for (int r = 0; r < runs; ++r) {
      std::string n = std::to_string(r);
      const Measured rawPart = rawRate(bootstrap, "raw" + n, events);
      const Measured endToEnd = cepheusRate(bootstrap, outBootstrap, "in" + n, "out" + n, events, dir / ("run" + n));
      const double a = rawPart.rate, b = endToEnd.rate;
      raw.push_back(a);
      cepheus.push_back(b);
      ratios.push_back(b / a);
      serverCpu.push_back(endToEnd.cpu.server);
      if (passThrough) {
        const Measured withHeader = passThroughRate(bootstrap, "hin" + n, "hout" + n, events, true);
        const Measured bare = passThroughRate(bootstrap, "bin" + n, "bout" + n, events, false);
        headerRatios.push_back(withHeader.rate / a);
        bareRatios.push_back(bare.rate / a);
        // Its CPU: this process's over the part, less what the end-to-end part's producer took.
        std::printf("  librdkafka pass-through: with an id header %.0f events/s (%.2fx), ~%.2f us of CPU a record; "
                    "without %.0f events/s (%.2fx), ~%.2f us\n",
                    withHeader.rate, withHeader.rate / a, withHeader.cpu.bench - endToEnd.cpu.bench, bare.rate,
                    bare.rate / a, bare.cpu.bench - endToEnd.cpu.bench);
      }
      std::printf("run %d: raw consumer %.0f events/s, cepheus end to end %.0f events/s (%.2fx), server CPU %.2f us a record\n",
                  r, a, b, b / a, endToEnd.cpu.server);
      std::printf("  CPU us a record: raw part: bench %.2f broker %.2f; end to end: bench %.2f broker %.2f server %.2f\n",
                  rawPart.cpu.bench, rawPart.cpu.broker, endToEnd.cpu.bench, endToEnd.cpu.broker, endToEnd.cpu.server);
    }
    std::printf("raw librdkafka consumer: %.0f events/s; cepheus end to end: %.0f events/s; ratio %.2f; server CPU %.2f us a record (medians of %d)\n",
                median(raw), median(cepheus), median(ratios), median(serverCpu), runs);
    if (passThrough)
      std::printf("librdkafka pass-through: ratio %.2f with an id header, %.2f without (medians of %d)\n",
                  median(headerRatios), median(bareRatios), runs);
    broker.stop();
    outBroker.stop();
    fs::remove_all(dir);
  }
  return 0;
}
