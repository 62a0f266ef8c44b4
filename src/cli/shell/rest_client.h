// The shell's client of the server's REST API: blocking requests, and a streamed response read
// line by line (the live tail). One connection per request: a shell sends a request at a time,
// and a fresh connection never meets one the server has closed.
//
// Why not io::HttpClient (the sinks' client): it completes on a network thread and answers only
// a status, never a body, and it cannot hand over a response as it streams in. The shell needs
// the body, and waits in the foreground where Ctrl-C must be able to cancel the wait. So this
// client polls the socket itself (looking at the Ctrl-C flag between polls) and lets Beast's
// parser read the responses; Beast stays in rest_client.cpp.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "io/net/url.h"

namespace cepheus::cli::shell {

struct RestResponse {
  int status = 0;     // 0: no answer; `error` says why
  std::string body;
  std::string contentType;
  std::string error;  // "connection refused", "timed out", "interrupted", ...
};

class RestClient {
 public:
  // `server`: "http://host:port" (or "host:port"); throws std::invalid_argument otherwise.
  RestClient(const std::string& server, std::string token);

  RestResponse get(const std::string& target) const { return call("GET", target, "", ""); }
  RestResponse call(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& contentType) const;

  // Sends a GET and hands every complete line of the answer's body to `line` as it arrives,
  // until the server ends it, `line` returns false, or Ctrl-C is pressed. The response's status
  // and, when it is not 200, its body.
  RestResponse stream(const std::string& target, const std::function<bool(const std::string&)>& line) const;

  const std::string& server() const { return server_; }

  std::chrono::milliseconds timeout{30'000};

 private:
  RestResponse exchange(const std::string& method, const std::string& target, const std::string& body,
                        const std::string& contentType,
                        const std::function<bool(const std::string&)>* lines) const;

  io::Url url_;
  std::string server_;  // as shown: "http://127.0.0.1:9090"
  std::string token_;
};

// "127.0.0.1:9090" -> "http://127.0.0.1:9090"; a trailing "/" is dropped.
std::string normalizeServer(const std::string& text);

}  // namespace cepheus::cli::shell
