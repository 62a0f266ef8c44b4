// State and dead letters.
//   POST /siddhi-apps/{name}/backup                 snapshot now: {"type":"success","revision":R}
//   POST /siddhi-apps/{name}/restore[?revision=R]   load a revision (the latest without R)
//   GET  /siddhi-apps/{name}/dead-letters           {"deadLetters":[...]} (io/dead_letters.h)
//   POST /siddhi-apps/{name}/dead-letters/replay[?id=ID]   hand them back to their sinks
#include <nlohmann/json.hpp>

#include "io/dead_letters.h"
#include "server/rest/server_context.h"

namespace cepheus::server {

using Json = nlohmann::json;

namespace {

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

HttpResponse noState() {
  return errorResponse(409, "the server keeps no state: start it with --state DIR");
}

}  // namespace

void addStateRoutes(Router& router, ServerContext& context) {
  router.add("POST", "/siddhi-apps/{name}/backup", [&context](HttpRequest&, const PathParams& params) {
    const std::string& name = params.at("name");
    auto host = context.registry.find(name);
    if (!host) return errorResponse(404, "no app named '" + name + "'");
    if (!context.state) return noState();
    std::vector<uint8_t> bytes = host->withApp([](App& app) { return app.snapshot(); });
    std::string revision = context.state->saveRevision(name, bytes);
    return successResponse(200, "state of '" + name + "' saved as revision " + revision,
                           dump(Json{{"revision", revision}, {"bytes", bytes.size()}}));
  });
  router.add("POST", "/siddhi-apps/{name}/restore", [&context](HttpRequest& request, const PathParams& params) {
    const std::string& name = params.at("name");
    auto host = context.registry.find(name);
    if (!host) return errorResponse(404, "no app named '" + name + "'");
    if (!context.state) return noState();
    std::string revision = request.parameter("revision");
    if (revision.empty()) {
      std::vector<std::string> all = context.state->revisions(name);
      if (all.empty()) return errorResponse(404, "app '" + name + "' has no revision (POST .../backup makes one)");
      revision = all.back();
    }
    auto bytes = context.state->loadRevision(name, revision);
    if (!bytes) return errorResponse(404, "app '" + name + "' has no revision '" + revision + "'");
    try {
      RestoreReport report = host->withAppExclusive([&](App& app) { return app.restore(*bytes); });
      return successResponse(200, "state of '" + name + "' restored to revision " + revision,
                             dump(Json{{"revision", revision}, {"restored", report.restored}, {"fresh", report.fresh},
                                       {"dropped", report.dropped}}));
    } catch (const SnapshotError& error) {
      return errorResponse(409, "revision " + revision + " cannot be restored: " + error.what());
    }
  });
  router.add("GET", "/siddhi-apps/{name}/dead-letters", [&context](HttpRequest&, const PathParams& params) {
    auto host = context.registry.find(params.at("name"));
    if (!host) return errorResponse(404, "no app named '" + params.at("name") + "'");
    if (!host->deadLetters()) return noState();
    std::string body = "{\"deadLetters\":[";
    bool first = true;
    for (const io::DeadLetter& letter : host->deadLetters()->list()) {
      if (!first) body += ',';
      first = false;
      body += io::deadLetterJson(letter);
    }
    body += "]}";
    return jsonResponse(200, body);
  });
  router.add("POST", "/siddhi-apps/{name}/dead-letters/replay", [&context](HttpRequest& request, const PathParams& params) {
    auto host = context.registry.find(params.at("name"));
    if (!host) return errorResponse(404, "no app named '" + params.at("name") + "'");
    if (!host->deadLetters()) return noState();
    std::string id = request.parameter("id");
    std::vector<io::DeadLetter> letters =
        host->deadLetters()->take([&](const io::DeadLetter& letter) { return id.empty() || letter.id == id; });
    if (!id.empty() && letters.empty()) return errorResponse(404, "no dead letter with id '" + id + "'");
    size_t replayed = 0;
    size_t events = 0;
    std::vector<io::DeadLetter> kept;
    for (const io::DeadLetter& letter : letters) {
      auto sink = host->findSink(letter.sink);
      if (sink && sink->replay(letter)) {
        ++replayed;
        events += letter.events.size();
      } else {
        kept.push_back(letter);
      }
    }
    host->deadLetters()->putBack(kept);
    return successResponse(200, std::to_string(replayed) + " dead letter(s) handed back to their sinks",
                           dump(Json{{"replayed", replayed}, {"events", events}, {"kept", kept.size()}}));
  });
}

}  // namespace cepheus::server
