#include "server/rest/router.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace cepheus::server {

using Json = nlohmann::json;

std::string jsonText(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

HttpResponse jsonResponse(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse errorResponse(int status, const std::string& message) {
  return jsonResponse(status, jsonText(Json{{"type", "error"}, {"message", message}}));
}

HttpResponse successResponse(int status, const std::string& message, const std::string& extraMembers) {
  Json json = {{"type", "success"}, {"message", message}};
  if (!extraMembers.empty()) {
    Json extra = Json::parse(extraMembers, nullptr, false);
    if (extra.is_object())
      for (auto& [key, value] : extra.items()) json[key] = value;
  }
  return jsonResponse(status, jsonText(json));
}

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> segments;
  size_t from = 0;
  while (from <= path.size()) {
    size_t end = path.find('/', from);
    if (end == std::string::npos) end = path.size();
    if (end > from) segments.push_back(path.substr(from, end - from));
    from = end + 1;
  }
  return segments;
}

void Router::add(const std::string& method, const std::string& pattern, RouteHandler handler, bool open) {
  routes_.push_back({method, splitPath(pattern), std::move(handler), open});
}

bool Router::authorized(const HttpRequest& request) const {
  if (token_.empty()) return true;
  std::string given = request.header("authorization");
  std::string expected = "Bearer " + token_;
  // Compared in time that does not depend on where they differ.
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < expected.size(); ++i)
    difference |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  return difference == 0;
}

HttpResponse Router::handle(HttpRequest& request) const {
  std::vector<std::string> segments = splitPath(request.path);
  bool pathExists = false;
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    PathParams params;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& part = route.segments[i];
      if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
        params[part.substr(1, part.size() - 2)] = segments[i];
      } else if (part != segments[i]) {
        match = false;
      }
    }
    if (!match) continue;
    pathExists = true;
    if (route.method != request.method) {
      allowed.push_back(route.method);
      continue;
    }
    if (!route.open && !authorized(request)) {
      HttpResponse response = errorResponse(401, "this route needs the header 'Authorization: Bearer TOKEN' with the "
                                                 "server's token");
      response.headers.emplace_back("WWW-Authenticate", "Bearer");
      return response;
    }
    return route.handler(request, params);
  }
  if (pathExists) {
    std::string list;
    for (const std::string& method : allowed) list += (list.empty() ? "" : ", ") + method;
    HttpResponse response = errorResponse(405, "method " + request.method + " is not allowed on " + request.path +
                                                   " (allowed: " + list + ")");
    response.headers.emplace_back("Allow", list);
    return response;
  }
  if (fallback_) {
    if (!authorized(request)) {
      HttpResponse response = errorResponse(401, "this route needs the header 'Authorization: Bearer TOKEN'");
      response.headers.emplace_back("WWW-Authenticate", "Bearer");
      return response;
    }
    if (auto response = fallback_(request)) return *response;
  }
  return errorResponse(404, "no route " + request.method + " " + request.path + " (see docs/server.md)");
}

}  // namespace cepheus::server
