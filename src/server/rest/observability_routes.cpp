// GET /health (open, no token needed), GET /metrics (Prometheus text), and
// GET /siddhi-apps/{name}/elements: streams with schemas, queries, sources, sinks and their
// counters.
#include <nlohmann/json.hpp>

#include "server/metrics/prometheus.h"
#include "server/rest/server_context.h"

namespace cepheus::server {

using Json = nlohmann::json;

namespace {

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

bool secret(const std::string& key) { return key == "signing.secret" || key == "basic.auth.password"; }

Json optionsJson(const TransportOptions& options) {
  Json out = Json::object();
  for (const auto& [key, value] : options) out[key] = secret(key) ? "***" : value;
  return out;
}

}  // namespace

void addObservabilityRoutes(Router& router, ServerContext& context) {
  router.add(
      "GET", "/health",
      [&context](HttpRequest&, const PathParams&) {
        return jsonResponse(200, dump(Json{{"status", "ok"},
                                           {"ready", context.ready.load()},
                                           {"apps", context.registry.names().size()}}));
      },
      true);
  router.add("GET", "/metrics", [&context](HttpRequest&, const PathParams&) {
    HttpResponse response;
    response.contentType = "text/plain; version=0.0.4; charset=utf-8";
    response.body = renderMetrics(context);
    return response;
  });
  router.add("GET", "/siddhi-apps/{name}/elements", [&context](HttpRequest&, const PathParams& params) {
    auto host = context.registry.find(params.at("name"));
    if (!host) return errorResponse(404, "no app named '" + params.at("name") + "'");
    Json streams = Json::array();
    std::map<std::string, uint64_t> events;
    for (const auto& observer : host->observers()) {
      Json attributes = Json::array();
      for (const AttributeInfo& a : observer->stream().attributes)
        attributes.push_back({{"name", a.name}, {"type", typeName(a.type)}});
      events[observer->stream().name] = observer->events();
      streams.push_back({{"name", observer->stream().name},
                         {"attributes", attributes},
                         {"events", observer->events()},
                         {"ingested", observer->ingested.load()},
                         {"rejected", observer->rejected.load()},
                         {"tails", observer->tails()}});
    }
    Json queries = Json::array();
    std::map<std::string, int> writers;
    auto list = host->queries();
    for (const QueryInfo& q : list) ++writers[q.output];
    for (const QueryInfo& q : list) {
      Json query = {{"name", q.name}, {"input", q.input}, {"output", q.output}, {"eventsIn", events[q.input]}};
      if (writers[q.output] == 1) query["eventsOut"] = events[q.output];
      queries.push_back(query);
    }
    Json sources = Json::array();
    auto endpoints = host->sourceEndpoints();
    Json sinks = Json::array();
    for (const auto& sink : host->sinks()) {
      io::SinkCounters& c = sink->counters();
      sinks.push_back({{"id", sink->id()},
                       {"type", sink->type()},
                       {"stream", sink->info().stream},
                       {"options", optionsJson(sink->info().options)},
                       {"map", sink->info().mapType},
                       {"published", c.published.load()},
                       {"delivered", c.delivered.load()},
                       {"requests", c.requests.load()},
                       {"errors", c.failedAttempts.load()},
                       {"retries", c.retries.load()},
                       {"deadLetters", c.deadLetters.load()},
                       {"queued", c.queued.load()},
                       {"inFlight", c.inFlight.load()}});
    }
    size_t i = 0;
    host->withApp([&](App& app) {
      for (const TransportInfo& info : app.transports()) {
        if (info.direction != TransportInfo::Direction::Source) continue;
        sources.push_back({{"type", info.type},
                           {"stream", info.stream},
                           {"options", optionsJson(info.options)},
                           {"endpoint", i < endpoints.size() ? endpoints[i] : ""}});
        ++i;
      }
      return 0;
    });
    return jsonResponse(200, dump(Json{{"name", host->name()}, {"streams", streams}, {"queries", queries},
                                       {"sources", sources}, {"sinks", sinks}}));
  });
}

}  // namespace cepheus::server
