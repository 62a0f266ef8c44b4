// A Redis table in `cepheus serve`: rows ingested over REST land in Redis, rows other systems
// write there are read by on-demand queries, and /metrics counts the store's round trips.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/server/support/server_process.h"
#include "support/redis_server.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;

TEST(ServerRedisTable, IngestWritesRedisAndQueriesReadWhatOthersWrote) {
  testing::RedisServer redis;
  ServerProcess server;
  server.start();
  const std::string app = "@app:name('Geo')\ndefine stream Add (ip string, country string);\n@store(" +
                          redis.storeOptions() + ") @PrimaryKey('ip') define table Geo (ip string, country string);\n"
                          "from Add insert into Geo;\n";
  Reply deployed = server.http().post("/siddhi-apps", app);
  ASSERT_EQ(deployed.status, 201) << deployed.body;
  Reply ingest = server.http().post("/siddhi-apps/Geo/streams/Add", "{\"data\":[\"1.2.3.4\",\"NZ\"]}\n",
                                    "application/x-ndjson");
  ASSERT_EQ(ingest.status, 200) << ingest.body;
  EXPECT_EQ(redis.command({"HGET", "Geo:1.2.3.4", "country"}), "NZ");

  // Another system adds a row, with its place in the scan order.
  redis.command({"HSET", "Geo:5.6.7.8", "country", "AU"});
  redis.command({"ZADD", "Geo", "NX", "10", "Geo:5.6.7.8"});
  Reply query = server.http().post("/stores/query", Json{{"appName", "Geo"}, {"query", "from Geo select ip, country"}}.dump(),
                                   "application/json");
  ASSERT_EQ(query.status, 200) << query.body;
  EXPECT_EQ(Json::parse(query.body)["records"], Json::parse(R"([["1.2.3.4","NZ"],["5.6.7.8","AU"]])"));

  Reply metrics = server.http().get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("cepheus_table_store_round_trips_total{app=\"Geo\",table=\"Geo\"}"), std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("cepheus_table_store_failures_total{app=\"Geo\",table=\"Geo\"} 0"), std::string::npos);
}

}  // namespace
}  // namespace cepheus::test
