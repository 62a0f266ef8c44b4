// The deployment directory: a new file deploys, an edit updates (keeping unchanged queries'
// state), a broken edit is logged as FILE:LINE:COL: error: and the previous version keeps
// running, a removed file undeploys, and a restart brings back what was running.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;

const std::string kApp =
    "@app:name('Dir')\n"
    "define stream S (a int);\n"
    "@info(name='total') from S#window.length(10) select sum(a) as total insert into Totals;\n"
    "@info(name='copy') from S select a insert into Copies;\n";

std::vector<std::string> apps(const ServerProcess& server) {
  return Json::parse(server.http().get("/siddhi-apps").body).get<std::vector<std::string>>();
}

// The next total after sending `a`, read from a tail.
std::string totalAfter(const ServerProcess& server, int a) {
  HttpClient http = server.http();
  std::string text;
  std::thread reader([&] {
    text = http.stream("/siddhi-apps/Dir/streams/Totals/tail", std::chrono::seconds(10),
                       [](const std::string& t) { return t.find('\n') != std::string::npos; });
  });
  eventually([&] {
    Json elements = Json::parse(http.get("/siddhi-apps/Dir/elements").body);
    for (const Json& s : elements["streams"])
      if (s["name"] == "Totals" && s["tails"] == 1) return true;
    return false;
  });
  http.post("/siddhi-apps/Dir/streams/S", "{\"data\":[" + std::to_string(a) + "]}");
  reader.join();
  size_t at = text.find("\"data\":[");
  return at == std::string::npos ? text : text.substr(at + 8, text.find(']', at) - at - 8);
}

TEST(DeploymentDirectory, AddEditBrokenEditRemoveRestart) {
  ServerProcess server;
  server.start();
  EXPECT_TRUE(apps(server).empty());

  server.writeApp("dir.siddhi", kApp);
  ASSERT_TRUE(eventually([&] { return apps(server) == std::vector<std::string>{"Dir"}; }));
  EXPECT_EQ(totalAfter(server, 5), "5");

  // An edit of the other query: 'total' keeps its window.
  std::string edited = kApp;
  edited.replace(edited.find("select a insert into Copies"), 27, "select a * 2 as a insert into Copies");
  server.writeApp("dir.siddhi", edited);
  ASSERT_TRUE(server.waitForLog("updated Dir"));
  EXPECT_EQ(totalAfter(server, 7), "12");

  // A broken edit: logged with its place, the running version stays.
  server.writeApp("dir.siddhi", kApp + "from Nowhere select x insert into Y;\n");
  ASSERT_TRUE(server.waitForLog("dir.siddhi:5:6: error: "));
  EXPECT_TRUE(server.waitForLog("the previous version of Dir keeps running"));
  EXPECT_EQ(totalAfter(server, 1), "13");
  EXPECT_EQ(Json::parse(server.http().get("/siddhi-apps/Dir").body)["content"], edited);

  // Mended again; then a restart brings the app back with its state.
  server.writeApp("dir.siddhi", edited);
  ASSERT_TRUE(eventually([&] { return Json::parse(server.http().get("/siddhi-apps/Dir/status").body)["status"] == "active"; }));
  EXPECT_EQ(server.stop(), 0);
  server.start();
  EXPECT_EQ(apps(server), std::vector<std::string>{"Dir"});
  EXPECT_EQ(totalAfter(server, 100), "113");

  std::filesystem::remove(server.appsDir() / "dir.siddhi");
  ASSERT_TRUE(eventually([&] { return apps(server).empty(); }));
  EXPECT_TRUE(server.waitForLog("undeployed Dir"));
}

TEST(DeploymentDirectory, ABrokenNewFileIsInactive) {
  ServerProcess server;
  server.writeApp("broken.siddhi", "define stream S (a int);\nfrom S select b insert into O;\n");
  server.start();
  EXPECT_TRUE(server.waitForLog("broken.siddhi:2:15: error: "));
  EXPECT_EQ(Json::parse(server.http().get("/siddhi-apps?isActive=false").body), Json::array({"broken"}));
  EXPECT_EQ(Json::parse(server.http().get("/siddhi-apps/broken/status").body)["status"], "inactive");
  server.writeApp("broken.siddhi", "define stream S (a int);\nfrom S select a insert into O;\n");
  // Without @app:name a file's app is named by the file.
  ASSERT_TRUE(eventually([&] { return Json::parse(server.http().get("/siddhi-apps?isActive=true").body) == Json::array({"broken"}); }));
  EXPECT_EQ(Json::parse(server.http().get("/siddhi-apps?isActive=false").body), Json::array());
}

TEST(DeploymentDirectory, AFileThatRenamesItsAppRunsOnlyTheNewOne) {
  ServerProcess server;
  server.writeApp("dir.siddhi", kApp);
  server.start();
  ASSERT_EQ(apps(server), std::vector<std::string>{"Dir"});
  std::string renamed = kApp;
  renamed.replace(renamed.find("'Dir'"), 5, "'Renamed'");
  server.writeApp("dir.siddhi", renamed);
  ASSERT_TRUE(eventually([&] { return apps(server) == std::vector<std::string>{"Renamed"}; })) << server.log();
  EXPECT_TRUE(server.waitForLog("now names app Renamed instead of Dir"));
  // The file is still Renamed's: removing it leaves nothing running.
  std::filesystem::remove(server.appsDir() / "dir.siddhi");
  ASSERT_TRUE(eventually([&] { return apps(server).empty(); })) << server.log();
}

TEST(DeploymentDirectory, AppsDeployedOverRestComeBackAfterARestart) {
  ServerProcess server;
  server.start();
  ASSERT_EQ(server.http().post("/siddhi-apps", kApp).status, 201);
  EXPECT_EQ(totalAfter(server, 4), "4");
  // The watcher sees the file the deploy wrote and leaves the app alone.
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ(server.log().find("updated Dir"), std::string::npos);
  EXPECT_EQ(server.stop(), 0);
  server.start();
  EXPECT_EQ(apps(server), std::vector<std::string>{"Dir"});
  EXPECT_EQ(totalAfter(server, 6), "10");
}

}  // namespace
}  // namespace cepheus::test
