// POST /stores/query {"appName":"A","query":"from T select ..."} -> {"records":[[...]...]}: the
// Siddhi runner's on-demand queries read tables, and Cepheus runs no tables yet (the joins and
// tables issue). The route checks its request and the app, then says so with 501; it will
// answer records once tables run.
#include <nlohmann/json.hpp>

#include "server/rest/server_context.h"

namespace cepheus::server {

using Json = nlohmann::json;

void addStoreQueryRoute(Router& router, ServerContext& context) {
  router.add("POST", "/stores/query", [&context](HttpRequest& request, const PathParams&) {
    Json body = Json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body.contains("appName") || !body["appName"].is_string() || !body.contains("query") ||
        !body["query"].is_string())
      return errorResponse(400, "the body must be {\"appName\":\"...\",\"query\":\"...\"}");
    std::string app = body["appName"].get<std::string>();
    if (!context.registry.find(app)) return errorResponse(404, "no app named '" + app + "'");
    return errorResponse(501, "on-demand queries (POST /stores/query) read tables, and Cepheus does not run tables "
                              "yet; this route answers once tables are supported");
  });
}

}  // namespace cepheus::server
