// An HTTP/1.1 client for the sinks: keep-alive connections pooled per origin, a timeout per
// request (connect, write and read together), https through OpenSSL. Boost.Beast stays in
// http_client.cpp. Calls complete on a network thread of IoThreads.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/net/url.h"

namespace cepheus::io {

class IoThreads;

struct HttpCall {
  std::string method = "POST";
  Url url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
};

struct HttpResult {
  int status = 0;     // 0: no response; `error` says why (refused, timed out, reset)
  std::string error;
};

struct TlsSettings {
  bool verify = true;  // the peer's certificate and host name
  std::string caFile;  // PEM bundle; empty: the system's
};

class HttpClient {
 public:
  HttpClient(IoThreads& io, TlsSettings tls);
  ~HttpClient();  // closes every connection
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends the request on an idle connection to its origin, or on a new one; `done` runs on a
  // network thread with the status or the error. A request whose reused connection turns out
  // closed by the server before any answer is sent once more on a fresh connection.
  void send(HttpCall call, std::function<void(HttpResult)> done);
  // Closes the idle connections and cancels those in use (their calls complete with an error).
  void close();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace cepheus::io
