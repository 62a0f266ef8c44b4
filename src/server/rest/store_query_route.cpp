// POST /stores/query: the Siddhi runner's on-demand (store) queries, with its request and response
// shapes, plus the result's columns (the shell prints them as headers):
//   {"appName":"Shop","query":"from Stock select item, qty"}
//   200 {"records":[["tv",3],["radio",7]],"columns":[{"name":"item","type":"string"},{"name":"qty","type":"long"}]}
// A change (insert, delete, update, update or insert) answers {"records":[],"columns":[]}.
// Errors: 400 for a body that is not that object, and for a query the app rejects (a syntax
// error, a stream instead of a table, window or aggregation) with the message at line:col of the
// query's text and the diagnostics as deploy errors have them; 404 for an unknown app.
//
// The query runs through App::query, on the app's executor between two events, so it sees every
// event whose ingest request has been answered; the host's gate is held shared, as ingest holds
// it, so an update of the app waits for it and it then reads the new version.
#include <nlohmann/json.hpp>

#include "codec/event_json.h"
#include "server/rest/server_context.h"

namespace cepheus::server {

using Json = nlohmann::json;

namespace {

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Values print as the event JSON prints them (the codec), so a row reads as an event's data does.
std::string resultJson(const QueryResult& result) {
  std::string out = "{\"records\":[";
  for (size_t r = 0; r < result.rows.size(); ++r) {
    if (r > 0) out += ',';
    out += '[';
    for (size_t i = 0; i < result.rows[r].size(); ++i) {
      if (i > 0) out += ',';
      codec::appendValueJson(out, result.rows[r][i]);
    }
    out += ']';
  }
  out += "],\"columns\":[";
  for (size_t i = 0; i < result.schema.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"name\":";
    codec::appendJsonString(out, result.schema[i].name);
    out += ",\"type\":";
    codec::appendJsonString(out, typeName(result.schema[i].type));
    out += '}';
  }
  out += "]}";
  return out;
}

HttpResponse queryRejected(const QueryError& error) {
  Json diagnostics = Json::parse(diagnosticsJson(error.diagnostics()), nullptr, false);
  return jsonResponse(400, dump(Json{{"type", "error"}, {"message", error.what()}, {"diagnostics", diagnostics}}));
}

}  // namespace

void addStoreQueryRoute(Router& router, ServerContext& context) {
  router.add("POST", "/stores/query", [&context](HttpRequest& request, const PathParams&) {
    Json body = Json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body.contains("appName") || !body["appName"].is_string() || !body.contains("query") ||
        !body["query"].is_string())
      return errorResponse(400, "the body must be {\"appName\":\"...\",\"query\":\"...\"}");
    std::string app = body["appName"].get<std::string>();
    std::string query = body["query"].get<std::string>();
    if (app.empty()) return errorResponse(400, "appName must not be empty");
    if (query.find_first_not_of(" \t\r\n") == std::string::npos) return errorResponse(400, "query must not be empty");
    auto host = context.registry.find(app);
    if (!host) return errorResponse(404, "no app named '" + app + "'");
    try {
      QueryResult result = host->withApp([&](App& running) { return running.query(query); });
      return jsonResponse(200, resultJson(result));
    } catch (const QueryError& error) {
      return queryRejected(error);
    } catch (const std::logic_error& error) {
      // The app was undeployed between the lookup and the query (its executor is closed).
      if (!context.registry.find(app)) return errorResponse(404, "no app named '" + app + "'");
      return errorResponse(409, std::string("the query cannot run now: ") + error.what());
    }
  });
}

}  // namespace cepheus::server
