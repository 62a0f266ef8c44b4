// A bounded fuzz run: malformed, truncated and oversized bodies (and bytes that are not HTTP)
// thrown at the deploy and ingest routes, and mangled bodies and query texts at the on-demand
// query route. The server answers each with a JSON error (or takes what happens to be valid),
// stays up, and its app's state changes only by what it accepted.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <random>

#include "integration/server/support/server_process.h"

namespace cepheus::test {
namespace {

using Json = nlohmann::json;

const std::string kApp =
    "@app:name('Fuzz')\n"
    "define stream S (symbol string, price double, volume long, tags object);\n"
    "@info(name='count') from S#window.lengthBatch(1000000) select count() as n insert into Counts;\n";

const std::string kEvents =
    "{\"ts\":1,\"data\":[\"IBM\",10.5,100,{\"a\":[1,2]}]}\n"
    "{\"event\":{\"symbol\":\"X\",\"price\":1e3,\"volume\":-5,\"tags\":null}}\n"
    "[{\"data\":[\"\\u00e9\",0.0,9223372036854775807,\"t\"]}]\n";

std::string mutate(std::string text, std::mt19937& random) {
  std::uniform_int_distribution<int> kind(0, 6);
  auto at = [&](size_t size) { return std::uniform_int_distribution<size_t>(0, size ? size - 1 : 0)(random); };
  switch (kind(random)) {
    case 0: return text.substr(0, at(text.size()));  // truncated
    case 1:
      for (int i = 0; i < 4 && !text.empty(); ++i) text[at(text.size())] = static_cast<char>(random() & 0xFF);
      return text;
    case 2: return text.insert(at(text.size()), std::string(1 + random() % 8, static_cast<char>(random() & 0xFF)));
    case 3: return text.erase(at(text.size()), 1 + random() % 16);
    case 4: return text + text.substr(0, at(text.size()));
    case 5: return std::string(1 + random() % 64, "{}[]\",:0e-\\"[random() % 11]);
    default: {
      size_t from = at(text.size());
      return text.substr(0, from) + text.substr(at(text.size()));
    }
  }
}

bool isJsonError(const Reply& reply) {
  Json body = Json::parse(reply.body, nullptr, false);
  return body.is_object() && body["type"] == "error" && body["message"].is_string();
}

void sendRawBytes(int port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    (void)!::write(fd, bytes.data(), bytes.size());
    timeval timeout{0, 200'000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buffer[512];
    (void)!::read(fd, buffer, sizeof buffer);
  }
  ::close(fd);
}

TEST(FuzzBodies, MalformedTruncatedAndOversizedBodiesLeaveTheServerAndItsStateIntact) {
  ServerProcess server({"--max-body", "65536"});
  server.writeApp("fuzz.siddhi", kApp);
  server.start();
  HttpClient http = server.http();
  std::mt19937 random(20261201);
  uint64_t accepted = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int rounds = 0;
  for (; rounds < 600 && std::chrono::steady_clock::now() < deadline; ++rounds) {
    int target = static_cast<int>(random() % 10);
    if (target < 6) {
      std::string body = random() % 20 == 0 ? std::string(70'000, '[') : mutate(kEvents, random);
      Reply reply = http.post("/siddhi-apps/Fuzz/streams/S", body, "application/x-ndjson");
      ASSERT_NE(reply.status, 0) << "no answer to ingest round " << rounds;
      if (reply.status == 200) {
        accepted += Json::parse(reply.body)["accepted"].get<uint64_t>();
      } else {
        EXPECT_TRUE(reply.status == 400 || reply.status == 413) << reply.status << " " << reply.body;
        EXPECT_TRUE(isJsonError(reply)) << reply.body;
      }
    } else if (target < 9) {
      std::string text = mutate(kApp, random);
      Reply reply = http.post("/siddhi-apps", text);  // never an update of Fuzz: 409 if it is valid
      ASSERT_NE(reply.status, 0) << "no answer to deploy round " << rounds;
      if (reply.status == 201) {
        http.del("/siddhi-apps/" + Json::parse(reply.body)["name"].get<std::string>());
      } else {
        EXPECT_TRUE(reply.status == 400 || reply.status == 409 || reply.status == 413) << reply.status << " " << reply.body;
        EXPECT_TRUE(isJsonError(reply)) << reply.body;
      }
    } else {
      sendRawBytes(server.port(), mutate("POST /siddhi-apps/Fuzz/streams/S HTTP/1.1\r\nContent-Length: 20\r\n\r\n" + kEvents, random));
    }
  }
  EXPECT_GT(rounds, 100);
  EXPECT_TRUE(server.running());
  EXPECT_EQ(http.get("/health").status, 200);
  Json elements = Json::parse(http.get("/siddhi-apps/Fuzz/elements").body);
  EXPECT_EQ(elements["streams"][0]["events"].get<uint64_t>(), accepted);
  EXPECT_EQ(Json::parse(http.get("/siddhi-apps/Fuzz").body)["content"], kApp);
  // The window holds exactly the accepted events: a snapshot round trip through a restart
  // keeps them, and the app still takes a valid event.
  EXPECT_EQ(http.post("/siddhi-apps/Fuzz/streams/S", "{\"data\":[\"A\",1.0,1,null]}").status, 200);
  EXPECT_EQ(server.stop(), 0);
}

TEST(FuzzBodies, MangledOnDemandQueriesAreAnsweredAndChangeNothing) {
  ServerProcess server({"--max-body", "65536"});
  server.writeApp("stock.siddhi",
                  "@app:name('Stock')\n"
                  "define stream In (item string, qty long);\n"
                  "define table Stock (item string, qty long);\n"
                  "define window Recent (item string, qty long) length(3);\n"
                  "from In insert into Stock;\n"
                  "from In insert into Recent;\n");
  server.start();
  HttpClient http = server.http();
  ASSERT_EQ(http.post("/siddhi-apps/Stock/streams/In", "{\"data\":[\"tv\",3]}\n{\"data\":[\"fan\",1]}\n").status, 200);
  // Reads only, so that whatever a mangled text becomes, it cannot change the table.
  const std::vector<std::string> queries = {
      "from Stock on qty > 1L select item, sum(qty) as total group by item having total > 0L order by item limit 5",
      "from Recent as r on r.item == 'tv' select r.item, count() as n",
      "from Stock select item, qty, ifThenElse(qty > 2L, 'many', 'few') as size order by qty desc offset 1"};
  for (const std::string& query : queries)  // each is valid as written
    ASSERT_EQ(http.post("/stores/query", Json{{"appName", "Stock"}, {"query", query}}.dump(), "application/json").status,
              200)
        << query;
  std::mt19937 random(20261202);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int rounds = 0;
  for (; rounds < 500 && std::chrono::steady_clock::now() < deadline; ++rounds) {
    const std::string& query = queries[random() % queries.size()];
    std::string body = Json{{"appName", "Stock"}, {"query", mutate(query, random)}}.dump(-1, ' ', false,
                                                                                         Json::error_handler_t::replace);
    if (random() % 4 == 0) body = mutate(Json{{"appName", "Stock"}, {"query", query}}.dump(), random);
    Reply reply = http.post("/stores/query", body, "application/json");
    ASSERT_NE(reply.status, 0) << "no answer to round " << rounds << ": " << body;
    if (reply.status == 200) {
      Json answer = Json::parse(reply.body, nullptr, false);
      EXPECT_TRUE(answer.is_object() && answer["records"].is_array() && answer["columns"].is_array()) << reply.body;
    } else {
      EXPECT_TRUE(reply.status == 400 || reply.status == 404) << reply.status << " " << body << " " << reply.body;
      EXPECT_TRUE(isJsonError(reply)) << reply.body;
    }
  }
  EXPECT_GT(rounds, 100);
  EXPECT_TRUE(server.running());
  Reply rows = http.post("/stores/query", "{\"appName\":\"Stock\",\"query\":\"from Stock\"}", "application/json");
  EXPECT_EQ(Json::parse(rows.body)["records"], Json::parse(R"([["tv",3],["fan",1]])")) << rows.body;
}

}  // namespace
}  // namespace cepheus::test
