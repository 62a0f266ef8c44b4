// Two `cepheus serve` processes with the same app and group.id share a topic's partitions: for
// an app partitioned by the record key, their outputs together are one server's; when one
// leaves, the other takes its partitions over where it stopped. Every wait is bounded.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "integration/kafka/kafka_support.h"
#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

const char kSource[] =
    "@source(type='kafka', topic.list='txns', group.id='shared', use.record.timestamp='true', "
    "optional.configuration='fetch.wait.max.ms:10,session.timeout.ms:6000,heartbeat.interval.ms:500', "
    "@map(type='json'))\n";

// A running sum over each card's last three transactions: state per key.
std::string perCardApp() {
  return std::string("@app:name('PerCard')\n@app:playback\n") + kSource +
         "define stream Txn (card string, amount double, seq long);\n"
         "@sink(type='kafka', topic='out', key='{{card}}', @map(type='json'))\n"
         "define stream Sums (card string, seq long, total double);\n"
         "partition with (card of Txn)\nbegin\n"
         "  from Txn#window.length(3) select card, seq, sum(amount) as total insert into Sums;\nend;\n";
}

std::vector<Outgoing> transactions(int from, int to) {
  std::vector<Outgoing> out;
  for (int i = from; i < to; ++i) {
    std::string card = "card-" + std::to_string((i * 7919) % 300);
    out.push_back({"txns", card, Json{{"card", card}, {"amount", (i % 97) * 1.5}, {"seq", i}}.dump(), 1'700'000'000'000 + i});
  }
  return out;
}

std::multiset<std::string> reference(const std::string& app, const std::vector<Outgoing>& records) {
  char dir[] = "/tmp/cepheus-scale-out-XXXXXX";
  std::string root = ::mkdtemp(dir);
  std::ofstream(root + "/app.siddhi") << app;
  {
    std::ofstream events(root + "/events.jsonl");
    for (const Outgoing& r : records) {
      Json value = Json::parse(r.value);
      events << Json{{"stream", "Txn"}, {"ts", r.timestamp}, {"data", {value["card"], value["amount"], value["seq"]}}}.dump()
             << "\n";
    }
  }
  std::multiset<std::string> out;
  std::string command = std::string(CEPHEUS_BINARY) + " run " + root + "/app.siddhi --events " + root + "/events.jsonl";
  FILE* pipe = ::popen(command.c_str(), "r");
  char line[4096];
  while (pipe && std::fgets(line, sizeof line, pipe)) {
    Json event = Json::parse(line);
    const Json& d = event.at("data");
    out.insert(Json{{"event", {{"card", d[0]}, {"seq", d[1]}, {"total", d[2]}}}}.dump());
  }
  if (pipe) ::pclose(pipe);
  std::filesystem::remove_all(root);
  return out;
}

std::multiset<std::string> outputs(const std::string& bootstrap) {
  std::multiset<std::string> out;
  for (const Record& record : readTopic(bootstrap, "out", 20s)) out.insert(Json::parse(record.value).dump());
  return out;
}

double metric(const ServerProcess& server, const std::string& prefix) {
  for (const std::string& line : splitLines(server.http().get("/metrics").body))
    if (line.rfind(prefix, 0) == 0) return std::stod(line.substr(line.rfind(' ') + 1));
  return -1;
}

TEST(ScaleOut, TwoServersInOneGroupShareThePartitionsAndTogetherWriteWhatOneServerWould) {
  KafkaDev kafka({"txns:4", "out:2"});
  std::string app = perCardApp();
  ServerProcess a({"--kafka", kafka.bootstrap()});
  ServerProcess b({"--kafka", kafka.bootstrap()});
  a.writeApp("app.siddhi", app);
  b.writeApp("app.siddhi", app);
  a.start();
  ASSERT_TRUE(a.waitForLog("4 partitions assigned", 30s));
  b.start();
  // The group rebalances: each ends with two of the four partitions.
  ASSERT_TRUE(a.waitForLog("2 partitions assigned", 40s)) << a.log();
  ASSERT_TRUE(b.waitForLog("2 partitions assigned", 40s)) << b.log();

  std::vector<Outgoing> records = transactions(0, 20'000);
  std::multiset<std::string> expected = reference(app, records);
  ASSERT_EQ(expected.size(), records.size());
  ASSERT_TRUE(produce(kafka.bootstrap(), records));
  ASSERT_TRUE(eventually([&] { return outputs(kafka.bootstrap()).size() >= expected.size(); }, 60s));
  std::this_thread::sleep_for(1s);
  EXPECT_TRUE(outputs(kafka.bootstrap()) == expected);
  const std::string events = "cepheus_source_events_total{app=\"PerCard\"";
  double fromA = metric(a, events), fromB = metric(b, events);
  EXPECT_GT(fromA, 0);
  EXPECT_GT(fromB, 0);
  EXPECT_EQ(fromA + fromB, static_cast<double>(records.size()));
  EXPECT_EQ(a.stop(), 0);
  EXPECT_EQ(b.stop(), 0);
}

TEST(ScaleOut, WhenAServerLeavesTheOtherGoesOnFromWhereItStoppedWithNothingLostOrRepeated) {
  KafkaDev kafka({"txns:4", "out:2"});
  std::string app = std::string("@app:name('Relay')\n") + kSource +
                    "define stream Txn (card string, amount double, seq long);\n"
                    "@sink(type='kafka', topic='out', key='{{seq}}', @map(type='json'))\n"
                    "define stream Out (seq long);\n"
                    "from Txn select seq insert into Out;\n";
  ServerProcess a({"--kafka", kafka.bootstrap()});
  ServerProcess b({"--kafka", kafka.bootstrap()});
  a.writeApp("app.siddhi", app);
  b.writeApp("app.siddhi", app);
  a.start();
  ASSERT_TRUE(a.waitForLog("4 partitions assigned", 30s)) << a.log();
  b.start();
  ASSERT_TRUE(a.waitForLog("2 partitions assigned", 40s));
  ASSERT_TRUE(b.waitForLog("2 partitions assigned", 40s));
  ASSERT_TRUE(produce(kafka.bootstrap(), transactions(0, 5'000)));
  ASSERT_TRUE(eventually([&] { return outputs(kafka.bootstrap()).size() >= 5'000; }, 60s));
  EXPECT_EQ(b.stop(), 0);  // leaves the group: its partitions go to a
  ASSERT_TRUE(eventually(
      [&] {
        size_t count = 0;
        for (const std::string& line : splitLines(a.log())) count += line.find("4 partitions assigned") != std::string::npos;
        return count >= 2;
      },
      40s))
      << a.log();
  ASSERT_TRUE(produce(kafka.bootstrap(), transactions(5'000, 10'000)));
  ASSERT_TRUE(eventually([&] { return outputs(kafka.bootstrap()).size() >= 10'000; }, 60s));
  std::this_thread::sleep_for(1s);
  std::multiset<std::string> out = outputs(kafka.bootstrap());
  std::multiset<std::string> expected;
  for (int i = 0; i < 10'000; ++i) expected.insert(Json{{"event", {{"seq", i}}}}.dump());
  EXPECT_EQ(out.size(), expected.size());
  EXPECT_TRUE(out == expected);
  EXPECT_EQ(a.stop(), 0);
}

}  // namespace
}  // namespace cepheus::test
