// POST /stores/query against the real server on loopback: an app's table, named window and
// incremental aggregation filled over the ingest route, read and changed by on-demand queries,
// and every error the route answers.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;

const std::string kApp =
    "@app:name('Stock')\n"
    "define stream Deliveries (item string, shop string, qty long);\n"
    "define table Stock (item string, shop string, qty long);\n"
    "define window Recent (item string, qty long) length(2);\n"
    "from Deliveries insert into Stock;\n"
    "from Deliveries select item, qty insert into Recent;\n";

const std::string kDeliveries =
    "{\"data\":[\"tv\",\"north\",3]}\n"
    "{\"data\":[\"radio\",\"south\",7]}\n"
    "{\"data\":[\"lamp\",\"north\",5]}\n"
    "{\"data\":[\"fan\",\"south\",1]}\n";

Json json(const Reply& reply) { return Json::parse(reply.body); }

Reply storeQuery(const HttpClient& http, const std::string& app, const std::string& query) {
  return http.post("/stores/query", Json{{"appName", app}, {"query", query}}.dump(), "application/json");
}

// The records of a query that must succeed.
Json records(const HttpClient& http, const std::string& query, const std::string& app = "Stock") {
  Reply reply = storeQuery(http, app, query);
  EXPECT_EQ(reply.status, 200) << query << ": " << reply.body;
  if (reply.status != 200) return Json();
  return json(reply)["records"];
}

class StoreQuery : public ::testing::Test {
 protected:
  void SetUp() override {
    server.start();
    ASSERT_EQ(http().post("/siddhi-apps", kApp).status, 201);
    Reply ingest = http().post("/siddhi-apps/Stock/streams/Deliveries", kDeliveries, "application/x-ndjson");
    ASSERT_EQ(ingest.status, 200) << ingest.body;
    ASSERT_EQ(json(ingest)["accepted"], 4) << ingest.body;
  }
  HttpClient http() const { return server.http(); }
  ServerProcess server;
};

TEST_F(StoreQuery, ATableAnswersItsRowsWithTheirColumns) {
  Reply reply = storeQuery(http(), "Stock", "from Stock select item, qty order by qty desc");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json(reply)["records"], Json::parse(R"([["radio",7],["lamp",5],["tv",3],["fan",1]])"));
  EXPECT_EQ(json(reply)["columns"], Json::parse(R"([{"name":"item","type":"string"},{"name":"qty","type":"long"}])"));
  // `from T` alone: every row as stored, in the order it came.
  EXPECT_EQ(records(http(), "from Stock"),
            Json::parse(R"([["tv","north",3],["radio","south",7],["lamp","north",5],["fan","south",1]])"));
  EXPECT_EQ(records(http(), "from Stock on qty > 100L select item"), Json::array());
}

TEST_F(StoreQuery, AnAggregateWithGroupBy) {
  Reply reply = storeQuery(http(), "Stock",
                           "from Stock select shop, sum(qty) as total, count() as items group by shop order by shop");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json(reply)["records"], Json::parse(R"([["north",8,2],["south",8,2]])"));
  EXPECT_EQ(json(reply)["columns"][1], Json::parse(R"({"name":"total","type":"long"})"));
  EXPECT_EQ(records(http(), "from Stock on shop == 'north' select max(qty) as most"), Json::parse("[[5]]"));
}

TEST_F(StoreQuery, ANamedWindowAnswersWhatItHolds) {
  EXPECT_EQ(records(http(), "from Recent select item, qty"), Json::parse(R"([["lamp",5],["fan",1]])"));
  ASSERT_EQ(http().post("/siddhi-apps/Stock/streams/Deliveries", "{\"data\":[\"oven\",\"north\",2]}").status, 200);
  EXPECT_EQ(records(http(), "from Recent select item"), Json::parse(R"([["fan"],["oven"]])"));
}

TEST_F(StoreQuery, ChangesToATableAnswerNoRowsAndLast) {
  Reply update = storeQuery(http(), "Stock", "update Stock set Stock.qty = 0L on Stock.item == 'tv'");
  ASSERT_EQ(update.status, 200) << update.body;
  EXPECT_EQ(json(update), Json::parse(R"({"records":[],"columns":[]})"));
  EXPECT_EQ(records(http(), "from Stock on item == 'tv' select qty"), Json::parse("[[0]]"));

  EXPECT_EQ(storeQuery(http(), "Stock", "select 'kettle' as item, 'east' as shop, 9L as qty insert into Stock").status,
            200);
  EXPECT_EQ(storeQuery(http(), "Stock", "delete Stock on Stock.shop == 'south'").status, 200);
  EXPECT_EQ(records(http(), "from Stock select item order by item"), Json::parse(R"([["kettle"],["lamp"],["tv"]])"));
  // Events that arrive afterwards land in the changed table.
  ASSERT_EQ(http().post("/siddhi-apps/Stock/streams/Deliveries", "{\"data\":[\"fan\",\"east\",4]}").status, 200);
  EXPECT_EQ(records(http(), "from Stock on shop == 'east' select item, qty order by item"),
            Json::parse(R"([["fan",4],["kettle",9]])"));
}

TEST_F(StoreQuery, ARejectedQueryIs400WithItsPlace) {
  Reply unknown = storeQuery(http(), "Stock", "from Stock\nselect item, price");
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  Json body = json(unknown);
  EXPECT_EQ(body["type"], "error");
  ASSERT_EQ(body["diagnostics"].size(), 1u) << unknown.body;
  EXPECT_EQ(body["diagnostics"][0]["line"], 2);
  EXPECT_EQ(body["diagnostics"][0]["column"], 14);
  std::string message = body["message"];
  EXPECT_EQ(message.rfind("2:14: ", 0), 0u) << message;
  EXPECT_NE(message.find("price"), std::string::npos) << message;

  Reply syntax = storeQuery(http(), "Stock", "from Stock selec item");
  EXPECT_EQ(syntax.status, 400) << syntax.body;
  EXPECT_EQ(json(syntax)["diagnostics"][0]["line"], 1);

  // A stream holds nothing to read.
  Reply stream = storeQuery(http(), "Stock", "from Deliveries");
  ASSERT_EQ(stream.status, 400) << stream.body;
  EXPECT_EQ(json(stream)["message"],
            "1:1: 'Deliveries' is a stream: on-demand queries read tables, named windows and aggregations");
  // A named window is read, not changed.
  EXPECT_EQ(storeQuery(http(), "Stock", "delete Recent on Recent.qty > 1L").status, 400);
  // Nothing was changed by the rejected queries.
  EXPECT_EQ(records(http(), "from Stock select count() as n"), Json::parse("[[4]]"));
}

TEST_F(StoreQuery, BadRequestsAndUnknownApps) {
  Reply unknown = storeQuery(http(), "Nope", "from Stock");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(json(unknown)["type"], "error");
  EXPECT_NE(json(unknown)["message"].get<std::string>().find("Nope"), std::string::npos);
  for (const std::string& body : {std::string("not json"), std::string("[1,2]"), std::string("{\"appName\":\"Stock\"}"),
                                  std::string("{\"query\":\"from Stock\"}"),
                                  std::string("{\"appName\":\"Stock\",\"query\":7}"),
                                  std::string("{\"appName\":\"\",\"query\":\"from Stock\"}"),
                                  std::string("{\"appName\":\"Stock\",\"query\":\"  \"}"),
                                  std::string("{\"appName\":\"Stock\",\"query\":\"from Stock\""), std::string()}) {
    Reply reply = http().post("/stores/query", body, "application/json");
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(json(reply)["type"], "error") << body;
  }
  EXPECT_EQ(http().get("/stores/query").status, 405);
  // After an undeploy the app is unknown.
  ASSERT_EQ(http().del("/siddhi-apps/Stock").status, 200);
  EXPECT_EQ(storeQuery(http(), "Stock", "from Stock").status, 404);
}

TEST_F(StoreQuery, QueriesRunBesideIngestOnOtherConnections) {
  // One thread ingests 50 batches of 10 while this one queries the count: each count is whole
  // batches (a query runs between two events, never inside a batch's send), never falls, and
  // ends at all of them.
  constexpr int kBatches = 50;
  std::atomic<int> failedIngests{0};
  std::thread feeder([&] {
    HttpClient feed = server.http();
    for (int b = 0; b < kBatches; ++b) {
      std::string lines;
      for (int i = 0; i < 10; ++i) lines += "{\"data\":[\"item" + std::to_string(b) + "\",\"west\",1]}\n";
      if (feed.post("/siddhi-apps/Stock/streams/Deliveries", lines, "application/x-ndjson").status != 200) ++failedIngests;
    }
  });
  int64_t last = 0;
  bool fell = false;
  bool partBatch = false;
  for (int i = 0; i < 200 && last < kBatches * 10; ++i) {
    Json rows = records(http(), "from Stock on shop == 'west' select count() as n");
    int64_t now = rows.empty() ? 0 : rows[0][0].get<int64_t>();
    if (now < last) fell = true;
    if (now % 10 != 0) partBatch = true;
    last = now;
  }
  feeder.join();
  EXPECT_EQ(failedIngests, 0);
  EXPECT_FALSE(fell);
  EXPECT_FALSE(partBatch);
  EXPECT_EQ(records(http(), "from Stock on shop == 'west' select count() as n"), Json::parse("[[500]]"));
}

TEST_F(StoreQuery, TheTableKeepsItsRowsAcrossAnUpdateAndARestart) {
  ASSERT_EQ(storeQuery(http(), "Stock", "update Stock set Stock.qty = 42L on Stock.item == 'fan'").status, 200);
  Reply updated = http().put("/siddhi-apps", kApp + "from Deliveries select item insert into Items;\n");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(json(updated)["restored"], Json::array({"table 'Stock'", "window 'Recent'"})) << updated.body;
  EXPECT_EQ(records(http(), "from Stock on item == 'fan' select qty"), Json::parse("[[42]]"));
  ASSERT_EQ(server.stop(), 0);
  server.start();
  EXPECT_EQ(records(http(), "from Stock on item == 'fan' select qty"), Json::parse("[[42]]"));
  EXPECT_EQ(records(http(), "from Stock select count() as n"), Json::parse("[[4]]"));
  EXPECT_EQ(records(http(), "from Recent select item"), Json::parse(R"([["lamp"],["fan"]])"));
}

TEST(StoreQueryAggregation, AnIncrementalAggregationIsReadByPeriod) {
  ServerProcess server;
  server.start();
  HttpClient http = server.http();
  const std::string app =
      "@app:name('Sales')\n"
      "define stream Sales (item string, amount double, ts long);\n"
      "define aggregation SalesTotals from Sales select item, sum(amount) as total, count() as sales\n"
      "  group by item aggregate by ts every sec ... min;\n";
  ASSERT_EQ(http.post("/siddhi-apps", app).status, 201);
  Reply ingest = http.post("/siddhi-apps/Sales/streams/Sales",
                           "{\"data\":[\"tv\",10.0,1000]}\n{\"data\":[\"tv\",5.5,1500]}\n{\"data\":[\"fan\",2.0,61000]}\n",
                           "application/x-ndjson");
  ASSERT_EQ(ingest.status, 200) << ingest.body;
  Reply reply = storeQuery(http, "Sales",
                           "from SalesTotals within 0L, 3600000L per 'minutes' select AGG_TIMESTAMP, item, total, sales "
                           "order by AGG_TIMESTAMP");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json(reply)["records"], Json::parse(R"([[0,"tv",15.5,2],[60000,"fan",2.0,1]])"));
  EXPECT_EQ(json(reply)["columns"][0]["name"], "AGG_TIMESTAMP");
}

TEST(StoreQueryAuth, TheRouteNeedsTheTokenAndKeepsTheBodyLimit) {
  std::filesystem::path tokenFile =
      std::filesystem::temp_directory_path() / ("cepheus-store-token-" + std::to_string(::getpid()));
  std::ofstream(tokenFile) << "s3cret-token\n";
  ServerProcess server({"--token-file", tokenFile.string(), "--max-body", "4096"});
  server.start();
  HttpClient right = server.http("s3cret-token");
  ASSERT_EQ(right.post("/siddhi-apps", kApp).status, 201);
  ASSERT_EQ(right.post("/siddhi-apps/Stock/streams/Deliveries", kDeliveries, "application/x-ndjson").status, 200);
  const std::string change = Json{{"appName", "Stock"}, {"query", "delete Stock on Stock.qty > 0L"}}.dump();
  for (const HttpClient& client : {server.http(), server.http("wrong")}) {
    Reply refused = client.post("/stores/query", change, "application/json");
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(json(refused)["type"], "error");
  }
  EXPECT_EQ(records(right, "from Stock select count() as n"), Json::parse("[[4]]"));  // nothing deleted
  Reply tooLarge = right.post(
      "/stores/query", Json{{"appName", "Stock"}, {"query", "from Stock" + std::string(5000, ' ')}}.dump(), "application/json");
  EXPECT_EQ(tooLarge.status, 413);
  EXPECT_EQ(json(tooLarge)["type"], "error");
  std::filesystem::remove(tokenFile);
}

}  // namespace
}  // namespace cepheus::test
