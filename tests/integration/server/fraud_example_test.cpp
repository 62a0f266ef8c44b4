// The fraud example of queries/ end to end: queries/payment-alerts.siddhi (a window rule and a
// pattern rule, each alerting a signed webhook) deployed from the deployment directory, fed its
// example events over the ingest route, its alerts received by a real receiver here. Only the
// webhook's port changes (the example posts to 9091, where scripts/run.sh starts its receiver).
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "integration/server/support/server_process.h"
#include "integration/server/support/webhook_receiver.h"

namespace cepheus::test {
namespace {

using namespace std::chrono_literals;

std::string readRepositoryFile(const std::string& path) {
  std::ifstream in(std::string(CEPHEUS_SOURCE_DIR) + "/" + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(FraudExample, ThePaymentRulesAlertTheWebhookWithSignedRequests) {
  WebhookReceiver receiver;
  std::string app = readRepositoryFile("queries/payment-alerts.siddhi");
  const std::string examplePort = "http://127.0.0.1:9091";
  ASSERT_NE(app.find(examplePort), std::string::npos);
  for (size_t at = app.find(examplePort); at != std::string::npos; at = app.find(examplePort, at))
    app.replace(at, examplePort.size(), receiver.url(""));
  ServerProcess server;
  server.writeApp("payment-alerts.siddhi", app);
  server.start();
  Reply ingest = server.http().post("/siddhi-apps/PaymentAlerts/streams/Payments",
                                    readRepositoryFile("queries/payment-alerts.events.jsonl"), "application/x-ndjson");
  ASSERT_EQ(ingest.status, 200) << ingest.body;
  EXPECT_EQ(ingest.body, "{\"accepted\":16,\"rejected\":[]}");
  ASSERT_TRUE(eventually([&] { return receiver.delivered().size() >= 5; }, 20s)) << server.log();

  // Each rule's sink keeps its order (max.in.flight=1); the two sinks interleave as they like.
  std::map<std::string, std::vector<std::string>> byRule;
  for (const Received& r : receiver.delivered()) {
    byRule[r.headers.at("x-rule")].push_back(r.path + " " + r.body);
    EXPECT_EQ(r.headers.at("webhook-signature"), webhookSignature("cepheus-example-secret", r)) << r.body;
  }
  EXPECT_EQ(byRule["card-burst"],
            (std::vector<std::string>{
                R"(/alerts/4111-01 {"event":{"card":"4111-01","payments":3,"total":1250.0,"countries":3}})",
                R"(/alerts/4111-01 {"event":{"card":"4111-01","payments":4,"total":1340.0,"countries":3}})",
                R"(/alerts/4111-04 {"event":{"card":"4111-04","payments":3,"total":1230.0,"countries":2}})",
                R"(/alerts/4111-01 {"event":{"card":"4111-01","payments":5,"total":2840.0,"countries":4}})",
            }));
  // The pattern: 4111-01 paid 90 in BE at 5.2 s, then 1500 in CH at 9.4 s.
  EXPECT_EQ(byRule["card-testing"],
            (std::vector<std::string>{
                R"(/alerts/4111-01 {"event":{"card":"4111-01","probe":90.0,"amount":1500.0,"fromCountry":"BE","toCountry":"CH"}})",
            }));
  EXPECT_EQ(receiver.delivered().size(), 5u);
  EXPECT_TRUE(server.waitForLog("PaymentAlerts : CardTesting : Event{timestamp=9400, data=[4111-01, 90.0, 1500.0, BE, CH]"))
      << server.log();
}

}  // namespace
}  // namespace cepheus::test
