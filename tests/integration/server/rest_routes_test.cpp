// Every REST route of `cepheus serve` and its errors, against the real server on loopback.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;

const std::string kApp =
    "@app:name('Shop')\n"
    "define stream Orders (item string, price double);\n"
    "@info(name='big') from Orders[price > 100.0] select item, price insert into BigOrders;\n"
    "@info(name='count') from Orders#window.length(3) select count() as n insert into Counts;\n"
    "@info(name='sum') from Orders#window.length(5) select sum(price) as total insert into Sums;\n";

Json json(const Reply& reply) { return Json::parse(reply.body); }

TEST(RestRoutes, HealthAnswersWithoutApps) {
  ServerProcess server;
  server.start();
  Reply health = server.http().get("/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(json(health)["status"], "ok");
  EXPECT_EQ(json(health)["apps"], 0);
  EXPECT_EQ(json(server.http().get("/siddhi-apps")), Json::array());
}

TEST(RestRoutes, DeployListGetStatusDelete) {
  ServerProcess server;
  server.start();
  HttpClient http = server.http();
  Reply created = http.post("/siddhi-apps", kApp);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(json(created)["type"], "success");
  EXPECT_EQ(json(created)["name"], "Shop");

  Reply again = http.post("/siddhi-apps", kApp);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(json(again)["type"], "error");

  EXPECT_EQ(json(http.get("/siddhi-apps")), Json::array({"Shop"}));
  EXPECT_EQ(json(http.get("/siddhi-apps?isActive=true")), Json::array({"Shop"}));
  EXPECT_EQ(json(http.get("/siddhi-apps?isActive=false")), Json::array());
  EXPECT_EQ(http.get("/siddhi-apps?isActive=maybe").status, 400);
  EXPECT_EQ(json(http.get("/siddhi-apps/Shop"))["content"], kApp);
  EXPECT_EQ(http.get("/siddhi-apps/Shop", {{"Accept", "text/plain"}}).body, kApp);
  EXPECT_EQ(json(http.get("/siddhi-apps/Shop/status"))["status"], "active");
  EXPECT_EQ(http.get("/siddhi-apps/Nope").status, 404);
  EXPECT_EQ(http.get("/siddhi-apps/Nope/status").status, 404);

  // A REST deploy is written to the deployment directory.
  EXPECT_TRUE(std::filesystem::exists(server.appsDir() / "Shop.siddhi"));

  Reply deleted = http.del("/siddhi-apps/Shop");
  EXPECT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(http.del("/siddhi-apps/Shop").status, 404);
  EXPECT_EQ(json(http.get("/siddhi-apps")), Json::array());
  EXPECT_FALSE(std::filesystem::exists(server.appsDir() / "Shop.siddhi"));
}

TEST(RestRoutes, AnInvalidAppIsRefusedWithItsDiagnostics) {
  ServerProcess server;
  server.start();
  Reply refused = server.http().post("/siddhi-apps",
                                     "@app:name('Bad')\ndefine stream S (a int);\nfrom S select b insert into O;\n");
  ASSERT_EQ(refused.status, 400);
  Json body = json(refused);
  EXPECT_EQ(body["type"], "error");
  EXPECT_FALSE(body["message"].get<std::string>().empty());
  ASSERT_EQ(body["diagnostics"].size(), 1u);
  EXPECT_EQ(body["diagnostics"][0]["line"], 3);
  EXPECT_EQ(body["diagnostics"][0]["column"], 15);
  EXPECT_NE(body["diagnostics"][0]["message"].get<std::string>().find("'b'"), std::string::npos);
  EXPECT_EQ(json(server.http().get("/siddhi-apps")), Json::array());
  EXPECT_EQ(server.http().post("/siddhi-apps", "").status, 400);
  // Over REST an app needs a name (a file of the deployment directory is named by its file).
  Reply unnamed = server.http().post("/siddhi-apps", "define stream S (a int);\nfrom S select a insert into O;\n");
  EXPECT_EQ(unnamed.status, 400);
  EXPECT_NE(json(unnamed)["message"].get<std::string>().find("@app:name"), std::string::npos);
}

TEST(RestRoutes, PutUpdatesKeepingTheStateOfUnchangedQueries) {
  ServerProcess server;
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.put("/siddhi-apps", kApp).status, 201);
  ASSERT_EQ(http.post("/siddhi-apps/Shop/streams/Orders",
                      "{\"data\":[\"a\",1.0]}\n{\"data\":[\"b\",2.0]}\n", "application/json").status, 200);
  std::string edited = kApp;
  edited.replace(edited.find("length(5)"), 9, "length(6)");
  Reply updated = http.put("/siddhi-apps", edited);
  ASSERT_EQ(updated.status, 200) << updated.body;
  Json body = json(updated);
  EXPECT_EQ(body["fresh"], Json::array({"query 'sum'"}));
  EXPECT_EQ(body["restored"], Json::array({"query 'count'"}));
  // The window kept its two events: the next one counts three.
  std::string tail;
  std::thread reader([&] {
    tail = http.stream("/siddhi-apps/Shop/streams/Counts/tail", std::chrono::seconds(10),
                       [](const std::string& text) { return text.find('\n') != std::string::npos; });
  });
  ASSERT_TRUE(eventually([&] { return json(http.get("/siddhi-apps/Shop/elements"))["streams"][2]["tails"] == 1; }));
  ASSERT_EQ(http.post("/siddhi-apps/Shop/streams/Orders", "{\"data\":[\"c\",3.0]}", "application/json").status, 200);
  reader.join();
  EXPECT_NE(tail.find("\"data\":[3]"), std::string::npos) << tail;
  EXPECT_EQ(json(http.put("/siddhi-apps", edited))["message"], "app 'Shop' is unchanged");
}

TEST(RestRoutes, ElementsListStreamsQueriesAndCounters) {
  ServerProcess server;
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.post("/siddhi-apps", kApp).status, 201);
  ASSERT_EQ(http.post("/siddhi-apps/Shop/streams/Orders", "[{\"data\":[\"tv\",900.0]},{\"data\":[\"pen\",2.0]}]",
                      "application/json").status, 200);
  Json elements = json(http.get("/siddhi-apps/Shop/elements"));
  EXPECT_EQ(elements["name"], "Shop");
  ASSERT_EQ(elements["streams"].size(), 4u);
  EXPECT_EQ(elements["streams"][0]["name"], "Orders");
  EXPECT_EQ(elements["streams"][0]["attributes"][1], (Json{{"name", "price"}, {"type", "double"}}));
  EXPECT_EQ(elements["streams"][0]["events"], 2);
  EXPECT_EQ(elements["streams"][0]["ingested"], 2);
  ASSERT_EQ(elements["queries"].size(), 3u);
  EXPECT_EQ(elements["queries"][0], (Json{{"name", "big"}, {"input", "Orders"}, {"output", "BigOrders"},
                                          {"eventsIn", 2}, {"eventsOut", 1}}));
  EXPECT_EQ(http.get("/siddhi-apps/Nope/elements").status, 404);
}

TEST(RestRoutes, BackupAndRestoreARevision) {
  ServerProcess server;
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.post("/siddhi-apps", kApp).status, 201);
  http.post("/siddhi-apps/Shop/streams/Orders", "{\"data\":[\"a\",1.0]}", "application/json");
  Reply backup = http.post("/siddhi-apps/Shop/backup", "");
  ASSERT_EQ(backup.status, 200) << backup.body;
  std::string revision = json(backup)["revision"];
  EXPECT_FALSE(revision.empty());
  http.post("/siddhi-apps/Shop/streams/Orders", "{\"data\":[\"b\",1.0]}", "application/json");
  Reply restored = http.post("/siddhi-apps/Shop/restore?revision=" + revision, "");
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(json(http.post("/siddhi-apps/Shop/restore", ""))["revision"], revision);  // the latest
  EXPECT_EQ(http.post("/siddhi-apps/Shop/restore?revision=123", "").status, 404);
  EXPECT_EQ(http.post("/siddhi-apps/Nope/backup", "").status, 404);
  // After the restore the window holds one event again: the next makes two.
  std::string tail;
  std::thread reader([&] {
    tail = http.stream("/siddhi-apps/Shop/streams/Counts/tail", std::chrono::seconds(10),
                       [](const std::string& text) { return text.find('\n') != std::string::npos; });
  });
  ASSERT_TRUE(eventually([&] { return json(http.get("/siddhi-apps/Shop/elements"))["streams"][2]["tails"] == 1; }));
  http.post("/siddhi-apps/Shop/streams/Orders", "{\"data\":[\"c\",1.0]}", "application/json");
  reader.join();
  EXPECT_NE(tail.find("\"data\":[2]"), std::string::npos) << tail;
}

TEST(RestRoutes, UnknownRoutesAndMethodsAreJsonErrors) {
  ServerProcess server;
  server.start();
  Reply missing = server.http().get("/nothing/here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json(missing)["type"], "error");
  Reply method = server.http().del("/health");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.headers["allow"], "GET");
  EXPECT_EQ(json(method)["type"], "error");
}

TEST(RestRoutes, MetricsArePrometheusText) {
  ServerProcess server;
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.post("/siddhi-apps", kApp).status, 201);
  http.post("/siddhi-apps/Shop/streams/Orders", "{\"data\":[\"tv\",900.0]}", "application/json");
  Reply metrics = http.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.headers["content-type"].find("text/plain"), std::string::npos);
  for (const char* line : {"# TYPE cepheus_apps gauge", "cepheus_apps 1",
                           "cepheus_stream_events_total{app=\"Shop\",stream=\"Orders\"} 1",
                           "cepheus_ingest_events_total{app=\"Shop\",stream=\"Orders\"} 1",
                           "cepheus_query_events_out_total{app=\"Shop\",query=\"big\"} 1",
                           "# TYPE cepheus_ingest_request_seconds histogram",
                           "cepheus_ingest_request_seconds_count{app=\"Shop\",stream=\"Orders\"} 1"})
    EXPECT_NE(metrics.body.find(line), std::string::npos) << line << "\n" << metrics.body;
}

TEST(RestRoutes, SigtermSavesTheStateAndARestartRestoresIt) {
  ServerProcess server;
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.post("/siddhi-apps", kApp).status, 201);
  http.post("/siddhi-apps/Shop/streams/Orders", "{\"data\":[\"a\",1.0]}\n{\"data\":[\"b\",1.0]}", "application/json");
  EXPECT_EQ(server.stop(), 0);
  EXPECT_NE(server.log().find("SIGTERM: shutting down"), std::string::npos);
  server.start();
  HttpClient again = server.http();
  EXPECT_EQ(json(again.get("/siddhi-apps")), Json::array({"Shop"}));
  std::string tail;
  std::thread reader([&] {
    tail = again.stream("/siddhi-apps/Shop/streams/Counts/tail", std::chrono::seconds(10),
                        [](const std::string& text) { return text.find('\n') != std::string::npos; });
  });
  ASSERT_TRUE(eventually([&] { return json(again.get("/siddhi-apps/Shop/elements"))["streams"][2]["tails"] == 1; }));
  again.post("/siddhi-apps/Shop/streams/Orders", "{\"data\":[\"c\",1.0]}", "application/json");
  reader.join();
  EXPECT_NE(tail.find("\"data\":[3]"), std::string::npos) << tail;
  EXPECT_EQ(server.stop(SIGINT), 0);
}

}  // namespace
}  // namespace cepheus::test
