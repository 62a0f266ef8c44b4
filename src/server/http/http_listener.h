// The server's HTTP/1.1 listener (Boost.Beast, confined to http_listener.cpp): keep-alive
// connections, a size limit on every request body (413 before the body is read), chunked
// streamed responses, and a handler called for each request on one of its threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "server/http/http_types.h"

namespace cepheus::server {

struct ListenerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 9090;  // 0: any free port (port() says which)
  size_t threads = 2;
  size_t maxBodyBytes = 16 << 20;
};

class HttpListener {
 public:
  HttpListener(ListenerOptions options, HttpHandler handler);
  ~HttpListener();
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  // Binds and starts accepting; throws std::runtime_error when the address cannot be bound.
  void start();
  uint16_t port() const;
  // Stops accepting, closes every connection (live tails included) and joins the threads.
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace cepheus::server
