// A bearer token guards every route but /health (401, and nothing changes); every request body
// has a size limit (413).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;

const std::string kApp = "@app:name('Guarded')\ndefine stream S (a int);\nfrom S select a insert into O;\n";

std::vector<std::string> withToken(const std::filesystem::path& file) {
  std::ofstream(file) << "s3cret-token\n";
  return {"--token-file", file.string(), "--max-body", "4096"};
}

TEST(AuthAndLimits, EveryRouteButHealthNeedsTheToken) {
  std::filesystem::path tokenFile = std::filesystem::temp_directory_path() / ("cepheus-token-" + std::to_string(::getpid()));
  ServerProcess server(withToken(tokenFile));
  server.start();
  HttpClient anonymous = server.http();
  HttpClient wrong = server.http("not-the-token");
  HttpClient right = server.http("s3cret-token");
  EXPECT_EQ(anonymous.get("/health").status, 200);
  for (const HttpClient* client : {&anonymous, &wrong}) {
    Reply deploy = client->post("/siddhi-apps", kApp);
    EXPECT_EQ(deploy.status, 401);
    EXPECT_EQ(Json::parse(deploy.body)["type"], "error");
    EXPECT_EQ(deploy.headers["www-authenticate"], "Bearer");
    EXPECT_EQ(client->get("/siddhi-apps").status, 401);
    EXPECT_EQ(client->get("/metrics").status, 401);
    EXPECT_EQ(client->put("/siddhi-apps", kApp).status, 401);
  }
  EXPECT_EQ(right.get("/siddhi-apps").body, "[]");  // nothing was deployed
  ASSERT_EQ(right.post("/siddhi-apps", kApp).status, 201);
  EXPECT_EQ(anonymous.del("/siddhi-apps/Guarded").status, 401);
  EXPECT_EQ(anonymous.post("/siddhi-apps/Guarded/streams/S", "{\"data\":[1]}").status, 401);
  EXPECT_EQ(anonymous.get("/siddhi-apps/Guarded/streams/S/tail").status, 401);
  EXPECT_EQ(Json::parse(right.get("/siddhi-apps/Guarded/elements").body)["streams"][0]["events"], 0);
  EXPECT_EQ(right.get("/siddhi-apps").body, "[\"Guarded\"]");
  std::filesystem::remove(tokenFile);
}

TEST(AuthAndLimits, ABodyOverTheLimitIs413) {
  ServerProcess server({"--max-body", "4096"});
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.post("/siddhi-apps", kApp).status, 201);
  std::string big;
  while (big.size() <= 4096) big += "{\"data\":[1]}\n";
  Reply tooLarge = http.post("/siddhi-apps/Guarded/streams/S", big, "application/x-ndjson");
  EXPECT_EQ(tooLarge.status, 413);
  EXPECT_EQ(Json::parse(tooLarge.body)["type"], "error");
  EXPECT_EQ(http.post("/siddhi-apps", std::string(5000, ' ') + kApp).status, 413);
  EXPECT_EQ(Json::parse(http.get("/siddhi-apps/Guarded/elements").body)["streams"][0]["events"], 0);
  // Under the limit it goes through, on a new connection.
  EXPECT_EQ(http.post("/siddhi-apps/Guarded/streams/S", "{\"data\":[1]}").status, 200);
}

}  // namespace
}  // namespace cepheus::test
