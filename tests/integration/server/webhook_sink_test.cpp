// The http sink against a real receiver that fails on purpose (500s, answers slower than the
// timeout, refusals, a receiver down for 5 s), across a restart of the server: every event is
// delivered or dead-lettered, none lost; an event never travels under two keys; with
// max.in.flight=1 the receiver sees the stream's order.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "integration/server/support/server_process.h"
#include "integration/server/support/webhook_receiver.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;
using namespace std::chrono_literals;

std::string app(const std::string& url, const std::string& options, const std::string& streamAnnotations = "") {
  return "@app:name('Hooks')\n"
         "define stream Orders (id long, amount double);\n" +
         streamAnnotations + "@sink(type='http', publisher.url='" + url +
         "', retry.backoff.initial='20 ms', retry.backoff.max='200 ms', " + options +
         ", @map(type='json'))\n"
         "define stream Alerts (id long, amount double);\n"
         "from Orders[amount > 0.0] select id, amount insert into Alerts;\n";
}

std::string orders(int from, int to) {
  std::string body;
  for (int id = from; id <= to; ++id) body += "{\"data\":[" + std::to_string(id) + "," + std::to_string(id) + ".5]}\n";
  return body;
}

// The ids of the events a request carries ({"event":{...}} or an array of them).
std::vector<int64_t> idsOf(const std::string& body) {
  Json json = Json::parse(body);
  std::vector<int64_t> ids;
  if (json.is_array()) {
    for (const Json& e : json) ids.push_back(e["event"]["id"].get<int64_t>());
  } else {
    ids.push_back(json["event"]["id"].get<int64_t>());
  }
  return ids;
}

// Every id of [1, n] delivered, and no id seen under two keys in any attempt.
void expectExactlyOncePerKey(const WebhookReceiver& receiver, int n) {
  std::map<int64_t, std::set<std::string>> keys;
  std::map<std::string, std::string> bodyOfKey;
  for (const Received& r : receiver.received()) {
    std::string key = r.headers.at("idempotency-key");
    EXPECT_EQ(r.headers.at("webhook-id"), key);
    auto [it, fresh] = bodyOfKey.emplace(key, r.body);
    EXPECT_EQ(it->second, r.body) << "a retry of " << key << " carried another body";
    for (int64_t id : idsOf(r.body)) keys[id].insert(key);
  }
  std::set<int64_t> delivered;
  for (const Received& r : receiver.delivered())
    for (int64_t id : idsOf(r.body)) delivered.insert(id);
  for (int id = 1; id <= n; ++id) {
    EXPECT_TRUE(delivered.count(id)) << "event " << id << " was not delivered";
    EXPECT_LE(keys[id].size(), 1u) << "event " << id << " travelled under " << keys[id].size() << " keys";
  }
  EXPECT_EQ(delivered.size(), static_cast<size_t>(n));
}

size_t deliveredEvents(const WebhookReceiver& receiver) {
  std::set<int64_t> ids;
  for (const Received& r : receiver.delivered())
    for (int64_t id : idsOf(r.body)) ids.insert(id);
  return ids.size();
}

std::string readWholeFileForTest(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Json sinkCounters(const ServerProcess& server) {
  return Json::parse(server.http().get("/siddhi-apps/Hooks/elements").body)["sinks"][0];
}

TEST(WebhookSink, Failures500sAndTimeoutsLoseNothingAndKeepKeys) {
  WebhookReceiver receiver;
  receiver.behave([](const Received&, size_t n) {
    if (n % 3 == 0) return Answer{500};
    if (n % 7 == 1) return Answer{200, 400ms};  // slower than the timeout: the sink tries again
    return Answer{200};
  });
  ServerProcess server;
  server.writeApp("hooks.siddhi", app(receiver.url(), "max.in.flight='4', timeout='150 ms', retry.max='20'"));
  server.start();
  ASSERT_EQ(server.http().post("/siddhi-apps/Hooks/streams/Orders", orders(1, 150)).status, 200);
  ASSERT_TRUE(eventually([&] { return deliveredEvents(receiver) == 150; }, 60s)) << deliveredEvents(receiver);
  expectExactlyOncePerKey(receiver, 150);
  ASSERT_TRUE(eventually([&] { return sinkCounters(server)["queued"] == 0; }));
  Json counters = sinkCounters(server);
  EXPECT_EQ(counters["published"], 150);
  EXPECT_GT(counters["retries"], 0);
  EXPECT_EQ(counters["deadLetters"], 0);
}

TEST(WebhookSink, MaxInFlightOneKeepsTheOrderThroughFailures) {
  WebhookReceiver receiver;
  receiver.behave([](const Received&, size_t n) { return Answer{n % 4 == 2 || n % 5 == 0 ? 503 : 200}; });
  ServerProcess server;
  server.writeApp("hooks.siddhi", app(receiver.url(), "max.in.flight='1', retry.max='20'"));
  server.start();
  for (int batch = 0; batch < 4; ++batch)
    ASSERT_EQ(server.http().post("/siddhi-apps/Hooks/streams/Orders", orders(batch * 25 + 1, batch * 25 + 25)).status, 200);
  ASSERT_TRUE(eventually([&] { return deliveredEvents(receiver) == 100; }, 60s));
  std::vector<int64_t> order;
  for (const Received& r : receiver.delivered()) order.push_back(idsOf(r.body)[0]);
  ASSERT_EQ(order.size(), 100u);
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], static_cast<int64_t>(i + 1));
  expectExactlyOncePerKey(receiver, 100);
}

TEST(WebhookSink, AReceiverDownForFiveSecondsGetsEverythingAfterwards) {
  WebhookReceiver receiver;
  receiver.down();
  ServerProcess server;
  server.writeApp("hooks.siddhi", app(receiver.url(), "max.in.flight='8', timeout='1 sec', retry.max='100'"));
  server.start();
  ASSERT_EQ(server.http().post("/siddhi-apps/Hooks/streams/Orders", orders(1, 60)).status, 200);
  std::this_thread::sleep_for(5s);
  EXPECT_GT(sinkCounters(server)["errors"], 0);
  EXPECT_EQ(sinkCounters(server)["deadLetters"], 0);
  receiver.up();
  ASSERT_TRUE(eventually([&] { return deliveredEvents(receiver) == 60; }, 30s));
  expectExactlyOncePerKey(receiver, 60);
}

TEST(WebhookSink, DeadLettersAfterRetryMaxAndReplayWithTheSameKeys) {
  WebhookReceiver receiver;
  receiver.behave([](const Received& r, size_t) { return Answer{r.body.find("\"id\":3,") != std::string::npos ? 400 : 500}; });
  ServerProcess server;
  server.writeApp("hooks.siddhi", app(receiver.url(), "max.in.flight='2', retry.max='2'"));
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.post("/siddhi-apps/Hooks/streams/Orders", orders(1, 5)).status, 200);
  Json letters;
  ASSERT_TRUE(eventually([&] {
    letters = Json::parse(http.get("/siddhi-apps/Hooks/dead-letters").body)["deadLetters"];
    return letters.size() == 5;
  }, 30s)) << letters.dump();
  std::map<int64_t, std::string> keyOfId;
  for (const Json& letter : letters) {
    int64_t id = letter["events"][0]["data"][0].get<int64_t>();
    keyOfId[id] = letter["id"];
    EXPECT_EQ(letter["sink"], "Alerts/0");
    // A 400 is refused at once; a 500 is tried retry.max more times.
    EXPECT_EQ(letter["attempts"], id == 3 ? 1 : 3) << letter.dump();
  }
  EXPECT_EQ(sinkCounters(server)["deadLetters"], 5);
  EXPECT_EQ(receiver.received().size(), 13u);  // 4 events x 3 attempts + 1

  receiver.behave([](const Received&, size_t) { return Answer{200}; });
  Reply replay = http.post("/siddhi-apps/Hooks/dead-letters/replay", "");
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(Json::parse(replay.body)["replayed"], 5);
  ASSERT_TRUE(eventually([&] { return deliveredEvents(receiver) == 5; }, 20s));
  for (const Received& r : receiver.delivered()) EXPECT_EQ(r.headers.at("idempotency-key"), keyOfId[idsOf(r.body)[0]]);
  EXPECT_EQ(Json::parse(http.get("/siddhi-apps/Hooks/dead-letters").body)["deadLetters"].size(), 0u);
}

TEST(WebhookSink, OnErrorStreamSendsWhatFailedToTheFaultStream) {
  WebhookReceiver receiver;
  receiver.behave([](const Received&, size_t) { return Answer{500}; });
  ServerProcess server;
  server.writeApp("hooks.siddhi",
                  app(receiver.url(), "retry.max='1', on.error='STREAM'", "@OnError(action='STREAM')\n"));
  server.start();
  HttpClient http = server.http();
  std::string text;
  std::thread reader([&] {
    text = http.stream("/siddhi-apps/Hooks/streams/%21Alerts/tail", 20s,
                       [](const std::string& t) { return splitLines(t).size() >= 2; });
  });
  ASSERT_TRUE(eventually([&] {
    Json elements = Json::parse(http.get("/siddhi-apps/Hooks/elements").body);
    for (const Json& s : elements["streams"])
      if (s["name"] == "!Alerts" && s["tails"] == 1) return true;
    return false;
  }));
  ASSERT_EQ(http.post("/siddhi-apps/Hooks/streams/Orders", orders(1, 2)).status, 200);
  reader.join();
  auto lines = splitLines(text);
  ASSERT_EQ(lines.size(), 2u) << text;
  Json fault = Json::parse(lines[0]);
  EXPECT_EQ(fault["stream"], "!Alerts");
  EXPECT_EQ(fault["data"].size(), 3u);
  EXPECT_NE(fault["data"][2].get<std::string>().find("HTTP 500"), std::string::npos) << lines[0];
  EXPECT_EQ(Json::parse(http.get("/siddhi-apps/Hooks/dead-letters").body)["deadLetters"].size(), 0u);
}

TEST(WebhookSink, SignedRequestsWithTemplatesInUrlAndHeaders) {
  WebhookReceiver receiver;
  ServerProcess server;
  server.writeApp("hooks.siddhi", app(receiver.url("/orders/{{id}}"),
                                      "signing.secret='plain-secret', headers=\"'X-Rule:{{amount}}'\""));
  server.start();
  ASSERT_EQ(server.http().post("/siddhi-apps/Hooks/streams/Orders", orders(1, 20)).status, 200);
  ASSERT_TRUE(eventually([&] { return deliveredEvents(receiver) == 20; }, 20s));
  expectExactlyOncePerKey(receiver, 20);
  for (const Received& r : receiver.delivered()) {
    int64_t id = idsOf(r.body)[0];
    EXPECT_EQ(r.body, "{\"event\":{\"id\":" + std::to_string(id) + ",\"amount\":" + std::to_string(id) + ".5}}");
    EXPECT_EQ(r.path, "/orders/" + std::to_string(id));
    EXPECT_EQ(r.headers.at("x-rule"), std::to_string(id) + ".5");
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
    EXPECT_EQ(r.headers.at("webhook-signature"), webhookSignature("plain-secret", r));
  }
}

TEST(WebhookSink, TextMapsPayloadTemplatesMethodAndBasicAuth) {
  WebhookReceiver receiver;
  ServerProcess server;
  server.writeApp("maps.siddhi",
                  "@app:name('Maps')\n"
                  "define stream Orders (id long, note string);\n"
                  "@sink(type='http', publisher.url='" + receiver.url("/text") + "', @map(type='text'))\n"
                  "@sink(type='http', publisher.url='" + receiver.url("/payload") +
                      "', method='PUT', basic.auth.username='ops', basic.auth.password='s3cret',\n"
                      "      @map(type='json', @payload('{\"order\":{{id}},\"note\":\"{{note}}\"}')))\n"
                  "define stream Alerts (id long, note string);\n"
                  "from Orders select id, note insert into Alerts;\n");
  server.start();
  Reply ingest = server.http().post("/siddhi-apps/Maps/streams/Orders", "{\"data\":[7,\"late\"]}\n");
  ASSERT_EQ(ingest.status, 200) << ingest.body;
  ASSERT_TRUE(eventually([&] { return receiver.delivered().size() == 2; }, 20s)) << server.log();
  std::map<std::string, Received> byPath;
  for (const Received& r : receiver.delivered()) byPath[r.path] = r;
  ASSERT_EQ(byPath.count("/text"), 1u);
  EXPECT_EQ(byPath["/text"].method, "POST");
  EXPECT_EQ(byPath["/text"].body, "id:7,\nnote:\"late\"");
  EXPECT_EQ(byPath["/text"].headers.at("content-type"), "text/plain");
  ASSERT_EQ(byPath.count("/payload"), 1u);
  EXPECT_EQ(byPath["/payload"].method, "PUT");
  EXPECT_EQ(byPath["/payload"].body, "{\"order\":7,\"note\":\"late\"}");
  EXPECT_EQ(byPath["/payload"].headers.at("authorization"), "Basic b3BzOnMzY3JldA==");  // ops:s3cret
  // The password is not shown by the elements route.
  std::string elements = server.http().get("/siddhi-apps/Maps/elements").body;
  EXPECT_EQ(elements.find("s3cret"), std::string::npos) << elements;
}

TEST(WebhookSink, HttpsToAReceiverWhoseCertificateItTrusts) {
  ServerProcess folder;  // for the certificate; the server comes after the receiver, so it stops first
  TlsFiles tls = writeSelfSignedCertificate(folder.root().string());
  WebhookReceiver receiver(tls);
  ServerProcess server;
  server.writeApp("hooks.siddhi", app(receiver.url(), "https.ca.file='" + tls.certificate + "', signing.secret='s'"));
  server.start();
  ASSERT_EQ(server.http().post("/siddhi-apps/Hooks/streams/Orders", orders(1, 5)).status, 200);
  ASSERT_TRUE(eventually([&] { return deliveredEvents(receiver) == 5; }, 20s)) << sinkCounters(server).dump();
  expectExactlyOncePerKey(receiver, 5);
}

TEST(WebhookSink, HttpsRefusesACertificateItDoesNotTrust) {
  ServerProcess folder;  // for the certificate; the server comes after the receiver, so it stops first
  TlsFiles tls = writeSelfSignedCertificate(folder.root().string());
  WebhookReceiver receiver(tls);
  ServerProcess server;
  // Verified against the system's CAs, which did not sign it: nothing reaches the receiver.
  server.writeApp("hooks.siddhi", app(receiver.url(), "retry.max='1'"));
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.post("/siddhi-apps/Hooks/streams/Orders", orders(1, 1)).status, 200);
  Json letters;
  ASSERT_TRUE(eventually([&] {
    letters = Json::parse(http.get("/siddhi-apps/Hooks/dead-letters").body)["deadLetters"];
    return letters.size() == 1;
  }, 20s)) << sinkCounters(server).dump();
  EXPECT_NE(letters[0]["error"].get<std::string>().find("certificate"), std::string::npos) << letters.dump();
  EXPECT_TRUE(receiver.received().empty());

  // https.verify='false' sends anyway (for tests against such receivers).
  server.writeApp("hooks.siddhi", app(receiver.url(), "https.verify='false'"));
  ASSERT_TRUE(server.waitForLog("updated Hooks"));
  ASSERT_EQ(http.post("/siddhi-apps/Hooks/streams/Orders", orders(2, 2)).status, 200);
  ASSERT_TRUE(eventually([&] { return receiver.delivered().size() == 1; }, 20s)) << sinkCounters(server).dump();
}

TEST(WebhookSink, BatchesCarryUpToBatchSizeEventsAsAJsonArray) {
  // The receiver holds the first request until the test has queued 39 more events behind it, so
  // the batches that follow are known: 10 + 10 + 10 + 9 (the hold is bounded: 20 s at most).
  auto gate = std::make_shared<Gate>();
  WebhookReceiver receiver;
  receiver.behave([gate](const Received&, size_t n) { return Answer{200, 0ms, n == 0 ? gate : nullptr}; });
  struct OpenOnExit {
    std::shared_ptr<Gate> gate;
    ~OpenOnExit() { gate->open(); }  // a failed assertion does not leave the receiver waiting
  } openOnExit{gate};
  ServerProcess server;
  server.writeApp("hooks.siddhi", app(receiver.url(), "batch.size='10', max.in.flight='1'"));
  server.start();
  ASSERT_EQ(server.http().post("/siddhi-apps/Hooks/streams/Orders", orders(1, 1)).status, 200);
  ASSERT_TRUE(eventually([&] { return sinkCounters(server)["inFlight"] == 1; })) << sinkCounters(server).dump();
  ASSERT_EQ(server.http().post("/siddhi-apps/Hooks/streams/Orders", orders(2, 40)).status, 200);
  ASSERT_TRUE(eventually([&] { return sinkCounters(server)["queued"] == 40; })) << sinkCounters(server).dump();
  gate->open();
  ASSERT_TRUE(eventually([&] { return deliveredEvents(receiver) == 40; }, 20s));
  expectExactlyOncePerKey(receiver, 40);
  std::vector<size_t> sizes;
  std::vector<int64_t> order;
  for (const Received& r : receiver.delivered()) {
    EXPECT_TRUE(Json::parse(r.body).is_array()) << r.body;
    std::vector<int64_t> ids = idsOf(r.body);
    sizes.push_back(ids.size());
    order.insert(order.end(), ids.begin(), ids.end());
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{1, 10, 10, 10, 9}));
  ASSERT_EQ(order.size(), 40u);
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], static_cast<int64_t>(i + 1));
}

TEST(WebhookSink, UndeliveredEventsSurviveARestartWithTheirKeys) {
  WebhookReceiver receiver;
  receiver.behave([](const Received&, size_t) { return Answer{503}; });
  ServerProcess server({"--drain-timeout", "300"});
  server.writeApp("hooks.siddhi", app(receiver.url(), "max.in.flight='4', retry.max='1000'"));
  server.start();
  ASSERT_EQ(server.http().post("/siddhi-apps/Hooks/streams/Orders", orders(1, 30)).status, 200);
  ASSERT_TRUE(eventually([&] { return receiver.received().size() >= 8; }, 20s));
  EXPECT_EQ(server.stop(), 0);
  std::map<int64_t, std::string> keyBefore;
  for (const Received& r : receiver.received()) keyBefore[idsOf(r.body)[0]] = r.headers.at("idempotency-key");
  std::ifstream checkpointFile(server.stateDir() / "apps" / "Hooks" / "checkpoint");
  std::string checkpoint((std::istreambuf_iterator<char>(checkpointFile)), std::istreambuf_iterator<char>());
  EXPECT_NE(checkpoint.find("Alerts/0"), std::string::npos);  // the undelivered requests are kept

  receiver.behave([](const Received&, size_t) { return Answer{200}; });
  server.start();
  EXPECT_TRUE(server.waitForLog("undelivered events resumed"));
  ASSERT_TRUE(eventually([&] { return deliveredEvents(receiver) == 30; }, 30s));
  expectExactlyOncePerKey(receiver, 30);
  for (const Received& r : receiver.delivered()) {
    int64_t id = idsOf(r.body)[0];
    if (keyBefore.count(id)) {
      EXPECT_EQ(r.headers.at("idempotency-key"), keyBefore[id]);
    }
  }
  // New events after the restart get keys no earlier event had.
  ASSERT_EQ(server.http().post("/siddhi-apps/Hooks/streams/Orders", orders(31, 31)).status, 200);
  ASSERT_TRUE(eventually([&] { return deliveredEvents(receiver) == 31; }, 20s));
  std::set<std::string> keys;
  for (const Received& r : receiver.delivered()) keys.insert(r.headers.at("idempotency-key"));
  EXPECT_EQ(keys.size(), 31u);
}

TEST(WebhookSink, AnUndeployedAppsUndeliveredEventsAreDeadLettered) {
  WebhookReceiver receiver;
  receiver.down();
  ServerProcess server;
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.post("/siddhi-apps", app(receiver.url(), "retry.max='1000'")).status, 201);
  ASSERT_EQ(http.post("/siddhi-apps/Hooks/streams/Orders", orders(1, 3)).status, 200);
  ASSERT_TRUE(eventually([&] { return sinkCounters(server)["queued"] == 3; }));
  ASSERT_EQ(http.del("/siddhi-apps/Hooks").status, 200);
  // The dead letters stay under --state after the app is gone.
  std::string letters = readWholeFileForTest(server.stateDir() / "dead-letters" / "Hooks.jsonl");
  EXPECT_EQ(splitLines(letters).size(), 3u) << letters;
  EXPECT_NE(letters.find("the app was undeployed"), std::string::npos) << letters;
}

}  // namespace
}  // namespace cepheus::test
