// The kafka source and sink against the embedded broker (`cepheus kafka-dev`), through a real
// `cepheus serve`: the options, malformed messages, a broker outage. Every wait is bounded.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "integration/kafka/kafka_support.h"
#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using namespace std::chrono_literals;

// Against the mock broker: fetches answered within 10 ms, group rejoins within seconds.
const char kClient[] = "optional.configuration='fetch.wait.max.ms:10,session.timeout.ms:6000,heartbeat.interval.ms:500'";

size_t countIn(const std::string& bootstrap, const std::string& topic) { return readTopic(bootstrap, topic, 5s).size(); }

TEST(KafkaTransports, SourceMapsJsonCsvAndTransportPropertiesSinkWritesKeysTopicsAndHeaders) {
  KafkaDev kafka({"orders:2", "rows:1", "out-IBM:1", "out-MSFT:1", "fixed:3"});
  ServerProcess server({"--kafka", kafka.bootstrap()});
  server.writeApp("t.siddhi", std::string(R"(
@app:name('T')
@source(type='kafka', topic.list='orders', group.id='t1', )") + kClient + R"(, @map(type='json'))
define stream Orders (symbol string, price double, qty int);
@source(type='kafka', topic.list='rows', group.id='t2', partition.no.list='0', )" + kClient + R"(,
        @map(type='csv', @attributes(price='2', symbol='0', topic='trp:topic', offset='trp:offset', key='trp:key')))
define stream Rows (symbol string, price double, topic string, offset long, key string);
@sink(type='kafka', topic='out-{{symbol}}', key='{{symbol}}-{{qty}}', @map(type='json'))
define stream ByTopic (symbol string, qty int);
@sink(type='kafka', topic='fixed', partition.no='2', @map(type='text'))
define stream Fixed (symbol string, price double, topic string, offset long, key string);
from Orders select symbol, qty insert into ByTopic;
from Rows select * insert into Fixed;
)");
  server.start();
  ASSERT_TRUE(produce(kafka.bootstrap(), {{"orders", "k", R"({"event":{"symbol":"IBM","price":10.5,"qty":1}})"},
                                          {"orders", "k", R"({"symbol":"MSFT","qty":2,"price":3,"extra":true})"},
                                          {"orders", "k", R"([{"symbol":"IBM","price":1,"qty":3},{"event":{"symbol":"MSFT","price":2,"qty":4}}])"},
                                          {"rows", "row-key", "IBM,x,99.5"},
                                          {"rows", std::nullopt, "\"A, B\",y,1"}}));
  ASSERT_TRUE(eventually([&] { return countIn(kafka.bootstrap(), "out-IBM") == 2 && countIn(kafka.bootstrap(), "fixed") == 2; }, 30s));
  ASSERT_TRUE(eventually([&] { return countIn(kafka.bootstrap(), "out-MSFT") == 2; }, 10s));
  std::vector<Record> ibm = readTopic(kafka.bootstrap(), "out-IBM");
  ASSERT_EQ(ibm.size(), 2u);
  EXPECT_EQ(ibm[0].value, R"({"event":{"symbol":"IBM","qty":1}})");
  EXPECT_EQ(ibm[0].key, "IBM-1");
  EXPECT_EQ(ibm[1].key, "IBM-3");
  EXPECT_EQ(ibm[0].headers.count("cepheus-id"), 1u);
  EXPECT_NE(ibm[0].headers["cepheus-id"], ibm[1].headers["cepheus-id"]);

  std::vector<Record> fixed = readTopic(kafka.bootstrap(), "fixed");
  ASSERT_EQ(fixed.size(), 2u);
  EXPECT_EQ(fixed[0].partition, 2);
  EXPECT_FALSE(fixed[0].key.has_value());
  EXPECT_EQ(fixed[0].value, "symbol:\"IBM\",\nprice:99.5,\ntopic:\"rows\",\noffset:0,\nkey:\"row-key\"");
  EXPECT_EQ(fixed[1].value, "symbol:\"A, B\",\nprice:1.0,\ntopic:\"rows\",\noffset:1,\nkey:null");

  // A templated topic no client can write (longer than librdkafka takes): that record is given
  // up on and kept as a dead letter, the records after it go on.
  const std::string longSymbol(600, 'L');
  ASSERT_TRUE(produce(kafka.bootstrap(), {{"orders", "k", R"({"event":{"symbol":")" + longSymbol + R"(","price":1,"qty":5}})"},
                                          {"orders", "k", R"({"event":{"symbol":"IBM","price":1,"qty":6}})"}}));
  ASSERT_TRUE(eventually([&] { return countIn(kafka.bootstrap(), "out-IBM") == 3; }, 30s));
  HttpClient http = server.http();
  nlohmann::json letters;
  ASSERT_TRUE(eventually([&] {
    letters = nlohmann::json::parse(http.get("/siddhi-apps/T/dead-letters").body)["deadLetters"];
    return letters.size() == 1;
  }, 10s)) << letters.dump();
  EXPECT_NE(letters[0]["error"].get<std::string>().find("no such topic can be written"), std::string::npos) << letters.dump();
  EXPECT_EQ(letters[0]["url"], "kafka://out-" + longSymbol);
  EXPECT_EQ(server.stop(), 0);
}

TEST(KafkaTransports, MalformedMessagesAreCountedLoggedAndDeadLetteredWithoutStoppingTheRest) {
  KafkaDev kafka({"in:1", "dead:1", "out:1"});
  ServerProcess server({"--kafka", kafka.bootstrap()});
  server.writeApp("m.siddhi", std::string(R"(
@app:name('M')
@OnError(action='STREAM')
@source(type='kafka', topic.list='in', group.id='m', dead.letter.topic='dead', on.error='STREAM', )") + kClient + R"(, @map(type='json'))
define stream In (id int, name string);
@sink(type='kafka', topic='out', @map(type='json'))
define stream Out (id int);
@sink(type='kafka', topic='out', @map(type='json'))
define stream Faults (error object);
from In select id insert into Out;
from !In select _error as error insert into Faults;
)");
  server.start();
  ASSERT_TRUE(produce(kafka.bootstrap(), {{"in", std::nullopt, R"({"id":1,"name":"a"})"},
                                          {"in", std::nullopt, "{not json"},
                                          {"in", std::nullopt, R"({"id":"two","name":"b"})"},
                                          {"in", std::nullopt, R"({"name":"no id"})"},
                                          {"in", std::nullopt, R"({"id":5,"name":"e"})"}}));
  ASSERT_TRUE(eventually([&] { return countIn(kafka.bootstrap(), "out") == 5 && countIn(kafka.bootstrap(), "dead") == 3; }, 30s))
      << server.log() << countIn(kafka.bootstrap(), "out") << " " << countIn(kafka.bootstrap(), "dead");
  std::multiset<std::string> out;
  for (const Record& record : readTopic(kafka.bootstrap(), "out")) out.insert(record.value);
  EXPECT_EQ(out.count(R"({"event":{"id":1}})"), 1u);
  EXPECT_EQ(out.count(R"({"event":{"id":5}})"), 1u);
  std::vector<Record> dead = readTopic(kafka.bootstrap(), "dead");
  ASSERT_EQ(dead.size(), 3u);
  EXPECT_EQ(dead[0].value, "{not json");
  EXPECT_EQ(dead[0].headers["cepheus-topic"], "in");
  EXPECT_EQ(dead[0].headers["cepheus-offset"], "1");
  EXPECT_NE(dead[1].headers["cepheus-error"].find("attribute 'id' expects an integer"), std::string::npos);
  EXPECT_NE(dead[2].headers["cepheus-error"].find("attribute 'id' is missing"), std::string::npos);
  EXPECT_TRUE(server.waitForLog("malformed message at in/0@1"));
  std::string metrics = server.http().get("/metrics").body;
  EXPECT_NE(metrics.find("cepheus_source_malformed_total{app=\"M\",stream=\"In\",source=\"In/0\",type=\"kafka\"} 3"),
            std::string::npos) << metrics;
  EXPECT_NE(metrics.find("cepheus_source_events_total{app=\"M\",stream=\"In\",source=\"In/0\",type=\"kafka\"} 2"),
            std::string::npos);
  EXPECT_EQ(server.stop(), 0);
}

TEST(KafkaTransports, ABrokerDownForTenSecondsLosesNothingTheSinkKeepsAndThenDelivers) {
  KafkaDev kafka({"alerts:1"});
  ServerProcess server({"--kafka", kafka.bootstrap()});
  server.writeApp("o.siddhi", R"(
@app:name('O')
define stream In (n int);
@sink(type='kafka', topic='alerts', @map(type='json'))
define stream Alerts (n int);
from In select n insert into Alerts;
)");
  server.start();
  auto send = [&](int from, int to) {
    std::string body;
    for (int i = from; i < to; ++i) body += "{\"data\":[" + std::to_string(i) + "]}\n";
    return server.http().post("/siddhi-apps/O/streams/In", body).status;
  };
  ASSERT_EQ(send(0, 50), 200);
  ASSERT_TRUE(eventually([&] { return countIn(kafka.bootstrap(), "alerts") == 50; }, 20s));
  kafka.command("down all");
  std::this_thread::sleep_for(500ms);
  ASSERT_EQ(send(50, 150), 200);  // taken while the broker is away
  std::this_thread::sleep_for(10s);
  kafka.command("up all");
  ASSERT_TRUE(eventually([&] { return countIn(kafka.bootstrap(), "alerts") >= 150; }, 60s));
  std::this_thread::sleep_for(1s);
  std::vector<Record> alerts = readTopic(kafka.bootstrap(), "alerts");
  ASSERT_EQ(alerts.size(), 150u);  // each once
  for (int i = 0; i < 150; ++i) EXPECT_EQ(alerts[static_cast<size_t>(i)].value, "{\"event\":{\"n\":" + std::to_string(i) + "}}");
  EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace cepheus::test
