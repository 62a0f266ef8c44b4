// Ingest (JSON lines, a JSON array, Cepheus's and Siddhi's event forms, every rejected event
// reported with its index and nothing half-applied) and the live tail (JSON lines, SSE).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;

const std::string kApp =
    "@app:name('Feed')\n"
    "define stream Trades (symbol string, price double, volume long);\n"
    "from Trades[volume > 100] select symbol, price insert into Big;\n";

class IngestTail : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.writeApp("feed.siddhi", kApp);
    server_.start();
  }
  // Tails the stream while `send` runs; the lines read until `lines` came (at most 10 s).
  std::vector<std::string> tailWhile(const std::string& stream, size_t lines, const std::function<void()>& send,
                                     const std::map<std::string, std::string>& headers = {}) {
    HttpClient http = server_.http();
    std::string text;
    std::thread reader([&] {
      text = http.stream("/siddhi-apps/Feed/streams/" + stream + "/tail", std::chrono::seconds(10),
                         [&](const std::string& t) { return splitLines(t).size() >= lines; }, headers);
    });
    EXPECT_TRUE(eventually([&] {
      Json elements = Json::parse(http.get("/siddhi-apps/Feed/elements").body);
      for (const Json& s : elements["streams"])
        if (s["name"] == stream && s["tails"] == 1) return true;
      return false;
    }));
    send();
    reader.join();
    return splitLines(text);
  }
  ServerProcess server_;
};

TEST_F(IngestTail, JsonLinesInEitherFormReachTheTail) {
  HttpClient http = server_.http();
  auto lines = tailWhile("Big", 2, [&] {
    Reply reply = http.post("/siddhi-apps/Feed/streams/Trades",
                            "{\"ts\":1000,\"data\":[\"IBM\",10.5,500]}\n"
                            "\n"
                            "{\"event\":{\"volume\":50,\"symbol\":\"SMALL\",\"price\":1.0}}\n"
                            "{\"stream\":\"Trades\",\"event\":{\"symbol\":\"AAPL\",\"price\":2.5,\"volume\":900}}\n",
                            "application/x-ndjson");
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body), (Json{{"accepted", 3}, {"rejected", Json::array()}}));
  });
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "{\"stream\":\"Big\",\"ts\":1000,\"data\":[\"IBM\",10.5]}");
  EXPECT_NE(lines[1].find("[\"AAPL\",2.5]"), std::string::npos);
}

TEST_F(IngestTail, AnArrayOfEventsAndServerSentEvents) {
  HttpClient http = server_.http();
  auto lines = tailWhile(
      "Trades", 2,
      [&] {
        Reply reply = http.post("/siddhi-apps/Feed/streams/Trades",
                                "[{\"ts\":5,\"data\":[\"A\",1.0,1]}, {\"ts\":6,\"data\":[\"B\",2.0,2]}]", "application/json");
        EXPECT_EQ(reply.status, 200) << reply.body;
      },
      {{"Accept", "text/event-stream"}});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "data: {\"stream\":\"Trades\",\"ts\":5,\"data\":[\"A\",1.0,1]}");
}

TEST_F(IngestTail, EveryRejectedEventIsNamedAndNoneIsSent) {
  HttpClient http = server_.http();
  Reply reply = http.post("/siddhi-apps/Feed/streams/Trades",
                          "{\"data\":[\"OK\",1.0,500]}\n"
                          "{\"data\":[\"X\",\"cheap\",500]}\n"
                          "not json\n"
                          "{\"data\":[\"Y\",1.0]}\n"
                          "{\"event\":{\"symbol\":\"Z\",\"price\":1.0}}\n",
                          "application/x-ndjson");
  ASSERT_EQ(reply.status, 400) << reply.body;
  Json body = Json::parse(reply.body);
  EXPECT_EQ(body["accepted"], 0);
  ASSERT_EQ(body["rejected"].size(), 4u);
  EXPECT_EQ(body["rejected"][0]["index"], 1);
  EXPECT_EQ(body["rejected"][0]["line"], 2);
  EXPECT_NE(body["rejected"][0]["message"].get<std::string>().find("\"price\""), std::string::npos);
  EXPECT_EQ(body["rejected"][1]["index"], 2);
  EXPECT_NE(body["rejected"][1]["message"].get<std::string>().find("invalid JSON"), std::string::npos);
  EXPECT_NE(body["rejected"][2]["message"].get<std::string>().find("3 attributes"), std::string::npos);
  EXPECT_NE(body["rejected"][3]["message"].get<std::string>().find("missing attribute \"volume\""), std::string::npos);
  Json elements = Json::parse(http.get("/siddhi-apps/Feed/elements").body);
  EXPECT_EQ(elements["streams"][0]["events"], 0);  // not even the valid first one went in
  EXPECT_EQ(elements["streams"][0]["rejected"], 4);

  // ?partial=true sends the valid ones and still names the others.
  Reply partial = http.post("/siddhi-apps/Feed/streams/Trades?partial=true",
                            "{\"data\":[\"OK\",1.0,500]}\n{\"data\":[\"X\",\"cheap\",500]}\n", "application/x-ndjson");
  EXPECT_EQ(partial.status, 200);
  EXPECT_EQ(Json::parse(partial.body)["accepted"], 1);
  EXPECT_EQ(Json::parse(partial.body)["rejected"].size(), 1u);
}

TEST_F(IngestTail, UnknownAppsStreamsAndBodiesAreErrors) {
  HttpClient http = server_.http();
  EXPECT_EQ(http.post("/siddhi-apps/Nope/streams/Trades", "{\"data\":[\"A\",1.0,1]}").status, 404);
  Reply stream = http.post("/siddhi-apps/Feed/streams/Trade", "{\"data\":[\"A\",1.0,1]}");
  EXPECT_EQ(stream.status, 404);
  EXPECT_NE(Json::parse(stream.body)["message"].get<std::string>().find("Trades"), std::string::npos);
  EXPECT_EQ(http.post("/siddhi-apps/Feed/streams/Trades", "").status, 400);
  EXPECT_EQ(http.post("/siddhi-apps/Feed/streams/Trades", "[{\"data\":").status, 400);
  EXPECT_EQ(http.get("/siddhi-apps/Feed/streams/Nope/tail").status, 404);
}

TEST_F(IngestTail, ATailEndsWhenItsClientGoes) {
  HttpClient http = server_.http();
  for (int round = 0; round < 3; ++round) {
    auto lines = tailWhile("Trades", 1, [&] { http.post("/siddhi-apps/Feed/streams/Trades", "{\"data\":[\"A\",1.0,1]}"); });
    EXPECT_EQ(lines.size(), 1u);
  }
  EXPECT_TRUE(eventually([&] {
    return Json::parse(http.get("/siddhi-apps/Feed/elements").body)["streams"][0]["tails"] == 0;
  }));
}

}  // namespace
}  // namespace cepheus::test
