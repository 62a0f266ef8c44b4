// The crash test: a fraud app (a pattern in a partition by card) reads 200 000 transactions from
// Kafka and writes its alerts to a Kafka topic and to a webhook receiver, while the server is
// killed with SIGKILL at five random moments and restarted from its --state each time. At the
// end the alert topic and the receiver (which keeps one request per Idempotency-Key, as a
// receiver of idempotent webhooks does) hold exactly the alerts of an uninterrupted run: those
// `cepheus run` prints for the same transactions. Every wait is bounded.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "integration/kafka/kafka_support.h"
#include "integration/server/support/server_process.h"
#include "integration/server/support/webhook_receiver.h"

namespace cepheus::test {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

constexpr int kTransactions = 200'000;
constexpr int kCards = 2'000;
constexpr int64_t kStart = 1'700'000'000'000;

// Playback on the records' timestamps, and a `within` longer than the whole input: the alerts
// of a card depend only on that card's transactions, which are in one partition, in order.
std::string fraudApp(const std::string& hook) {
  return R"(
@app:name('Fraud')
@app:playback
@source(type='kafka', topic.list='txns', group.id='fraud', use.record.timestamp='true',
        optional.configuration='fetch.wait.max.ms:10,session.timeout.ms:6000,heartbeat.interval.ms:500',
        @map(type='json'))
define stream Txn (card string, amount double, seq long);
@sink(type='kafka', topic='alerts', key='{{card}}', @map(type='json'))
@sink(type='http', publisher.url=')" + hook + R"(', max.in.flight='4', @map(type='json'))
define stream Alert (card string, first long, second long, total double);
partition with (card of Txn)
begin
  from every e1=Txn[amount > 900] -> e2=Txn[amount > 900] within 1 hour
  select e1.card as card, e1.seq as first, e2.seq as second, e1.amount + e2.amount as total
  insert into Alert;
end;
)";
}

struct Transaction {
  std::string card;
  double amount;
  int64_t seq;
  int64_t timestamp;
};

std::vector<Transaction> transactions() {
  std::mt19937_64 random(42);
  std::vector<Transaction> out;
  for (int64_t i = 0; i < kTransactions; ++i) {
    std::string card = "card-" + std::to_string(random() % kCards);
    double amount = static_cast<double>(random() % 10'000) / 10.0;  // 10% of them above 900
    out.push_back({card, amount, i, kStart + i});
  }
  return out;
}

std::string body(const Transaction& t) {
  return Json{{"card", t.card}, {"amount", t.amount}, {"seq", t.seq}}.dump();
}

// The alerts of an uninterrupted run: `cepheus run` over the same transactions.
std::multiset<std::string> expectedAlerts(const std::vector<Transaction>& txns, const std::string& app) {
  char dir[] = "/tmp/cepheus-kill-nine-XXXXXX";
  std::string root = ::mkdtemp(dir);
  {
    std::ofstream(root + "/fraud.siddhi") << app;
    std::ofstream events(root + "/events.jsonl");
    for (const Transaction& t : txns)
      events << Json{{"stream", "Txn"}, {"ts", t.timestamp}, {"data", {t.card, t.amount, t.seq}}}.dump() << "\n";
  }
  std::string command = std::string(CEPHEUS_BINARY) + " run " + root + "/fraud.siddhi --events " + root + "/events.jsonl";
  std::multiset<std::string> alerts;
  FILE* pipe = ::popen(command.c_str(), "r");
  char line[4096];
  while (pipe && std::fgets(line, sizeof line, pipe)) {
    Json event = Json::parse(line);
    if (event.value("stream", "") != "Alert") continue;
    const Json& d = event.at("data");
    alerts.insert(Json{{"event", {{"card", d[0]}, {"first", d[1]}, {"second", d[2]}, {"total", d[3]}}}}.dump());
  }
  if (pipe) ::pclose(pipe);
  std::filesystem::remove_all(root);
  return alerts;
}

std::string normalized(const std::string& json) { return Json::parse(json).dump(); }

TEST(KillNine, AlertsAreExactlyThoseOfAnUninterruptedRunAfterFiveKills) {
  std::vector<Transaction> txns = transactions();
  WebhookReceiver receiver;
  std::string app = fraudApp(receiver.url());
  std::multiset<std::string> expected = expectedAlerts(txns, app);
  ASSERT_GT(expected.size(), 10'000u);

  KafkaDev kafka({"txns:4", "alerts:2"});
  ServerProcess server({"--kafka", kafka.bootstrap(), "--snapshot-interval", "300"});
  server.writeApp("fraud.siddhi", app);
  server.start();

  // The transactions arrive over about 40 s, keyed by card, while the server is killed.
  std::thread producer([&] {
    constexpr size_t kChunk = 5'000;
    for (size_t from = 0; from < txns.size(); from += kChunk) {
      std::vector<Outgoing> chunk;
      for (size_t i = from; i < std::min(txns.size(), from + kChunk); ++i)
        chunk.push_back({"txns", txns[i].card, body(txns[i]), txns[i].timestamp});
      produce(kafka.bootstrap(), chunk);
      std::this_thread::sleep_for(1s);
    }
  });
  std::mt19937 random(std::random_device{}());
  for (int kill = 0; kill < 5; ++kill) {
    // Once it has joined the group and reads (its first join takes seconds on this broker).
    std::this_thread::sleep_for(std::chrono::milliseconds(6'000 + random() % 3'000));
    server.stop(SIGKILL);
    server.start();
  }
  producer.join();

  auto alertsInTopic = [&] { return readTopic(kafka.bootstrap(), "alerts", 20s); };
  auto uniqueDelivered = [&] {
    std::map<std::string, std::string> byKey;
    for (const Received& r : receiver.delivered()) byKey.emplace(r.headers.at("idempotency-key"), r.body);
    return byKey;
  };
  EXPECT_TRUE(eventually([&] { return alertsInTopic().size() >= expected.size() && uniqueDelivered().size() >= expected.size(); }, 120s))
      << server.log();
  for (const std::string& line : splitLines(server.http().get("/metrics").body))
    if (line.rfind("cepheus_sink_", 0) == 0 && line.find("type=\"http\"") != std::string::npos) std::cerr << line << "\n";
  std::this_thread::sleep_for(2s);  // anything extra would show now

  std::multiset<std::string> inTopic;
  for (const Record& record : alertsInTopic()) inTopic.insert(normalized(record.value));
  std::multiset<std::string> atReceiver;
  for (const auto& [key, text] : uniqueDelivered()) atReceiver.insert(normalized(text));
  std::multiset<std::string> normalizedExpected;
  for (const std::string& alert : expected) normalizedExpected.insert(normalized(alert));
  EXPECT_EQ(inTopic.size(), normalizedExpected.size());
  EXPECT_TRUE(inTopic == normalizedExpected) << "the alert topic differs from the uninterrupted run";
  EXPECT_EQ(atReceiver.size(), normalizedExpected.size());
  EXPECT_TRUE(atReceiver == normalizedExpected) << "the webhook receiver differs from the uninterrupted run";
  EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace cepheus::test
