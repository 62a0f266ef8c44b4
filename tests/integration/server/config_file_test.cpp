// `cepheus serve --config FILE`: a YAML map of the command line's option names. Its keys apply,
// the command line wins over them, and a wrong key or value stops the start with FILE:LINE.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;

TEST(ConfigFile, ItsKeysApplyAndTheCommandLineWins) {
  ServerProcess folder;  // a folder that outlives the server
  std::ofstream(folder.root() / "token") << "from-the-file\n";
  std::string config = (folder.root() / "cepheus.yaml").string();
  // max-body from the file; workers from the file too, but the command line (2) wins.
  std::ofstream(config) << "# the server's settings\n"
                        << "token-file: " << (folder.root() / "token").string() << "\n"
                        << "max-body: 2048\n"
                        << "workers: 7\n";
  ServerProcess server({"--config", config});
  server.start();
  EXPECT_EQ(server.http().get("/siddhi-apps").status, 401);
  EXPECT_EQ(server.http("from-the-file").get("/siddhi-apps").status, 200);
  EXPECT_EQ(server.http("from-the-file").post("/siddhi-apps", std::string(4096, ' ')).status, 413);
  EXPECT_NE(server.http("from-the-file").get("/metrics").body.find("cepheus_workers 2\n"), std::string::npos);
}

TEST(ConfigFile, AWrongKeyOrValueStopsTheStartWithItsLine) {
  ServerProcess folder;
  std::string config = (folder.root() / "cepheus.yaml").string();
  std::ofstream(config) << "max-body: 4096\nworkerz: 2\n";
  ServerProcess unknown({"--config", config});
  EXPECT_THROW(unknown.start(), std::runtime_error);
  EXPECT_NE(unknown.log().find(config + ":2: unknown option 'workerz'"), std::string::npos) << unknown.log();

  std::ofstream(config) << "max-body: lots\n";
  ServerProcess badValue({"--config", config});
  EXPECT_THROW(badValue.start(), std::runtime_error);
  EXPECT_NE(badValue.log().find(config + ":1: --max-body must be an integer"), std::string::npos) << badValue.log();

  std::ofstream(config) << "listen: [unclosed\n";
  ServerProcess notYaml({"--config", config});
  EXPECT_THROW(notYaml.start(), std::runtime_error);
  EXPECT_NE(notYaml.log().find(config + ":"), std::string::npos) << notYaml.log();
}

}  // namespace
}  // namespace cepheus::test
