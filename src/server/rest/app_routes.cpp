// The Siddhi runner's app routes, with its request and response shapes:
//   POST /siddhi-apps (text/plain)       201 | 400 {"type":"error","message","diagnostics"} | 409
//   PUT /siddhi-apps                     200 updated (with what kept its state) | 201 created
//   GET /siddhi-apps[?isActive=true|false]   ["name", ...]
//   GET /siddhi-apps/{name}              {"content": TEXT} (text/plain with Accept: text/plain)
//   DELETE /siddhi-apps/{name}           200 | 404
//   GET /siddhi-apps/{name}/status       {"status":"active"|"inactive"}
#include <nlohmann/json.hpp>

#include "server/rest/server_context.h"

namespace cepheus::server {

using Json = nlohmann::json;

namespace {

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json diagnosticsArray(const Diagnostics& diagnostics) {
  Json out = Json::array();
  for (const Diagnostic& d : diagnostics)
    out.push_back({{"line", d.line}, {"column", d.col}, {"message", d.message}, {"severity", d.isError() ? "error" : "warning"}});
  return out;
}

HttpResponse deployResponse(const DeployResult& result) {
  Json json;
  Json warnings = diagnosticsArray(result.diagnostics);
  switch (result.kind) {
    case DeployResult::Kind::Invalid:
      json = {{"type", "error"}, {"message", result.message}, {"diagnostics", warnings}};
      return jsonResponse(400, dump(json));
    case DeployResult::Kind::Conflict:
      json = {{"type", "error"}, {"message", result.message}};
      return jsonResponse(409, dump(json));
    case DeployResult::Kind::Created:
      json = {{"type", "success"}, {"message", result.message}, {"name", result.name}, {"warnings", warnings}};
      return jsonResponse(201, dump(json));
    case DeployResult::Kind::Updated:
    case DeployResult::Kind::Unchanged:
      json = {{"type", "success"},      {"message", result.message}, {"name", result.name},
              {"restored", result.restored}, {"fresh", result.fresh},    {"warnings", warnings}};
      return jsonResponse(200, dump(json));
  }
  return errorResponse(500, "unknown deploy result");
}

HttpResponse deploy(ServerContext& context, HttpRequest& request, DeployRequest::Mode mode) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos)
    return errorResponse(400, "the request body must be the app's SiddhiQL text (Content-Type: text/plain)");
  return deployResponse(context.registry.deploy({request.body, {}, mode}));
}

}  // namespace

std::string diagnosticsJson(const Diagnostics& diagnostics) { return dump(diagnosticsArray(diagnostics)); }

void addAppRoutes(Router& router, ServerContext& context) {
  router.add("POST", "/siddhi-apps", [&context](HttpRequest& request, const PathParams&) {
    return deploy(context, request, DeployRequest::Mode::Create);
  });
  router.add("PUT", "/siddhi-apps", [&context](HttpRequest& request, const PathParams&) {
    return deploy(context, request, DeployRequest::Mode::CreateOrUpdate);
  });
  router.add("GET", "/siddhi-apps", [&context](HttpRequest& request, const PathParams&) {
    std::string active = request.parameter("isActive");
    if (!active.empty() && active != "true" && active != "false")
      return errorResponse(400, "isActive must be true or false, got '" + active + "'");
    Json names = Json::array();
    if (active != "false")
      for (const std::string& name : context.registry.names()) names.push_back(name);
    if (active != "true")
      for (const InactiveApp& app : context.registry.inactive()) names.push_back(app.name);
    return jsonResponse(200, dump(names));
  });
  router.add("GET", "/siddhi-apps/{name}", [&context](HttpRequest& request, const PathParams& params) {
    auto host = context.registry.find(params.at("name"));
    if (!host) return errorResponse(404, "no app named '" + params.at("name") + "'");
    if (request.header("accept").find("text/plain") != std::string::npos) {
      HttpResponse response;
      response.contentType = "text/plain; charset=utf-8";
      response.body = host->text();
      return response;
    }
    return jsonResponse(200, dump(Json{{"content", host->text()}}));
  });
  router.add("DELETE", "/siddhi-apps/{name}", [&context](HttpRequest&, const PathParams& params) {
    if (!context.registry.undeploy(params.at("name"), true))
      return errorResponse(404, "no app named '" + params.at("name") + "'");
    return successResponse(200, "app '" + params.at("name") + "' undeployed");
  });
  router.add("GET", "/siddhi-apps/{name}/status", [&context](HttpRequest&, const PathParams& params) {
    const std::string& name = params.at("name");
    if (context.registry.find(name)) return jsonResponse(200, dump(Json{{"status", "active"}}));
    for (const InactiveApp& app : context.registry.inactive())
      if (app.name == name)
        return jsonResponse(200, dump(Json{{"status", "inactive"}, {"diagnostics", diagnosticsArray(app.diagnostics)}}));
    return errorResponse(404, "no app named '" + name + "'");
  });
}

}  // namespace cepheus::server
