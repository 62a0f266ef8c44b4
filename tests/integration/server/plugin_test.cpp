// `cepheus serve --plugin LIB.so`: the example plugin of examples/plugin (the one the run tests
// load) gives the server's apps its functions, whether they come from the deployment directory
// at start or over REST; a plugin that cannot be loaded stops the start with the reason.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;

std::string readExample(const std::string& name) {
  std::ifstream in(std::string(CEPHEUS_SOURCE_DIR) + "/examples/plugin/" + name);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Tails Risk's Scored stream while the example events are ingested; the lines of the tail.
std::vector<std::string> scoreTheExampleEvents(const ServerProcess& server) {
  HttpClient http = server.http();
  std::string text;
  std::thread reader([&] {
    text = http.stream("/siddhi-apps/Risk/streams/Scored/tail", std::chrono::seconds(10),
                       [](const std::string& t) { return splitLines(t).size() >= 3; });
  });
  EXPECT_TRUE(eventually([&] {
    Json elements = Json::parse(http.get("/siddhi-apps/Risk/elements").body);
    for (const Json& s : elements["streams"])
      if (s["name"] == "Scored" && s["tails"] == 1) return true;
    return false;
  }));
  Reply ingest = http.post("/siddhi-apps/Risk/streams/Payments", readExample("risk.events.jsonl"), "application/x-ndjson");
  EXPECT_EQ(ingest.status, 200) << ingest.body;
  EXPECT_EQ(Json::parse(ingest.body)["accepted"], 4) << ingest.body;
  reader.join();
  return splitLines(text);
}

const std::vector<std::string> kScored = {
    R"({"stream":"Scored","ts":1000,"data":["p1",2.0,"low"]})",
    R"({"stream":"Scored","ts":2000,"data":["p2",12.0,"high"]})",
    R"({"stream":"Scored","ts":3000,"data":["p3",null,null]})",
};

TEST(ServePlugin, AnAppOfTheDeploymentDirectoryCallsThePluginsFunctions) {
  ServerProcess server({"--plugin", CEPHEUS_RISK_PLUGIN});
  server.writeApp("risk.siddhi", readExample("risk.siddhi"));
  server.start();
  EXPECT_TRUE(server.waitForLog("loaded: risk:band, risk:score")) << server.log();
  EXPECT_EQ(scoreTheExampleEvents(server), kScored);
}

TEST(ServePlugin, AnAppDeployedOverRestCallsThePluginsFunctions) {
  ServerProcess server({"--plugin", CEPHEUS_RISK_PLUGIN});
  server.start();
  Reply created = server.http().post("/siddhi-apps", readExample("risk.siddhi"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(scoreTheExampleEvents(server), kScored);
}

TEST(ServePlugin, WithoutThePluginTheAppIsRefusedByTheFunctionsName) {
  ServerProcess server;
  server.start();
  Reply refused = server.http().post("/siddhi-apps", readExample("risk.siddhi"));
  ASSERT_EQ(refused.status, 400) << refused.body;
  Json body = Json::parse(refused.body);
  ASSERT_FALSE(body["diagnostics"].empty());
  EXPECT_NE(body["diagnostics"][0]["message"].get<std::string>().find("unknown function 'risk:score'"),
            std::string::npos)
      << refused.body;
}

TEST(ServePlugin, APluginThatCannotBeLoadedStopsTheStart) {
  ServerProcess folder;  // only for a folder that outlives the servers below
  std::string notALibrary = (folder.root() / "fake.so").string();
  std::ofstream(notALibrary) << "not a shared library";
  ServerProcess withFake({"--plugin", notALibrary});
  EXPECT_THROW(withFake.start(), std::runtime_error);
  EXPECT_FALSE(withFake.running());
  EXPECT_EQ(withFake.stop(), 1);
  EXPECT_NE(withFake.log().find("cannot load plugin '" + notALibrary + "'"), std::string::npos) << withFake.log();

  ServerProcess twice({"--plugin", CEPHEUS_RISK_PLUGIN, "--plugin", CEPHEUS_RISK_PLUGIN});
  EXPECT_THROW(twice.start(), std::runtime_error);
  EXPECT_NE(twice.log().find("user function 'risk:score' is already registered"), std::string::npos) << twice.log();
}

TEST(ServePlugin, TheConfigFileListsPlugins) {
  ServerProcess folder;  // only for a folder that outlives the servers below
  std::string config = (folder.root() / "cepheus.yaml").string();
  std::ofstream(config) << "workers: 1\nplugin:\n  - " << CEPHEUS_RISK_PLUGIN << "\n";
  ServerProcess server({"--config", config});
  server.writeApp("risk.siddhi", readExample("risk.siddhi"));
  server.start();
  EXPECT_EQ(scoreTheExampleEvents(server), kScored);

  std::ofstream(config) << "plugin:\n  - [nested]\n";
  ServerProcess broken({"--config", config});
  EXPECT_THROW(broken.start(), std::runtime_error);
  EXPECT_NE(broken.log().find(config + ":2: each plugin must be a path"), std::string::npos) << broken.log();
}

}  // namespace
}  // namespace cepheus::test
