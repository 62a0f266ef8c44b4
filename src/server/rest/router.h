// Routes requests to handlers by method and path pattern ("/siddhi-apps/{name}/streams/{stream}"),
// checks the bearer token, and answers what matches nothing with a JSON error (404, or 405 when
// the path exists with other methods).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/http/http_types.h"

namespace cepheus::server {

using PathParams = std::map<std::string, std::string>;
using RouteHandler = std::function<HttpResponse(HttpRequest&, const PathParams&)>;

// {"type":"error","message":...} with the status.
HttpResponse errorResponse(int status, const std::string& message);
// {"type":"success","message":...}, and the members of `extra` (a JSON object's text, or empty).
HttpResponse successResponse(int status, const std::string& message, const std::string& extraMembers = "");
HttpResponse jsonResponse(int status, std::string body);

class Router {
 public:
  // A token (from --token-file): every route but those marked open needs
  // `Authorization: Bearer TOKEN`.
  explicit Router(std::string token) : token_(std::move(token)) {}

  void add(const std::string& method, const std::string& pattern, RouteHandler handler, bool open = false);
  // Requests that match no route go here before the 404 (the http sources' receiver.url paths).
  void fallback(std::function<std::optional<HttpResponse>(HttpRequest&)> handler) { fallback_ = std::move(handler); }

  HttpResponse handle(HttpRequest& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{name}" is a parameter
    RouteHandler handler;
    bool open;
  };
  bool authorized(const HttpRequest& request) const;

  std::string token_;
  std::vector<Route> routes_;
  std::function<std::optional<HttpResponse>(HttpRequest&)> fallback_;
};

std::vector<std::string> splitPath(const std::string& path);

}  // namespace cepheus::server
