// Requests and responses as the routes see them: plain strings, no Beast (http_listener.cpp is
// the only translation unit that speaks HTTP on the wire).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace cepheus::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded, without the query
  std::map<std::string, std::string> query;  // decoded parameters
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& lowerName) const {
    auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string parameter(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

// A response written as it is produced (the live tail): the producer pushes chunks from any
// thread; the connection writes them until the producer closes it or the client goes away.
class ResponseStream {
 public:
  // Queues a chunk; when more than `limit` bytes wait unsent (a client that does not keep up)
  // the chunk is dropped and counted instead, so a slow reader never holds up the app.
  void push(std::string chunk) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      if (closed_) return;
      if (bytes_ + chunk.size() > limit_) {
        ++dropped_;
        return;
      }
      bytes_ += chunk.size();
      chunks_.push_back(std::move(chunk));
      wake = waker_;
    }
    if (wake) wake();
  }
  void close() {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      wake = waker_;
    }
    if (wake) wake();
  }
  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }

  // --- for the connection writing it
  void setWaker(std::function<void()> waker) {
    std::lock_guard lock(mutex_);
    waker_ = std::move(waker);
  }
  // The chunks waiting, and how many were dropped since the last call.
  std::deque<std::string> take(size_t& dropped) {
    std::lock_guard lock(mutex_);
    std::deque<std::string> out;
    out.swap(chunks_);
    bytes_ = 0;
    dropped = dropped_;
    dropped_ = 0;
    return out;
  }
  // The client went away: the producer stops (see onDisconnect).
  void disconnected() {
    std::function<void()> callback;
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      waker_ = nullptr;
      callback = std::move(onDisconnect_);
    }
    if (callback) callback();
  }
  void onDisconnect(std::function<void()> callback) {
    std::lock_guard lock(mutex_);
    onDisconnect_ = std::move(callback);
  }

 private:
  mutable std::mutex mutex_;
  std::deque<std::string> chunks_;
  size_t bytes_ = 0;
  size_t limit_ = 4 << 20;
  size_t dropped_ = 0;
  bool closed_ = false;
  std::function<void()> waker_;
  std::function<void()> onDisconnect_;
};

struct HttpResponse {
  int status = 200;
  std::string contentType = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set for a streamed response: `body` is ignored, chunks come from the stream.
  std::shared_ptr<ResponseStream> stream;
  // For a stream: how each chunk is framed ("data: ...\n\n" for Server-Sent Events).
  bool serverSentEvents = false;
};

using HttpHandler = std::function<HttpResponse(HttpRequest&)>;

}  // namespace cepheus::server
