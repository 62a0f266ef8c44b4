#include "io/sinks/http/http_sink.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "codec/stream_events.h"
#include "io/dead_letters.h"
#include "io/message_ids.h"
#include "io/net/http_client.h"
#include "io/net/io_threads.h"
#include "io/sinks/http/event_encoder.h"
#include "io/sinks/http/retry_policy.h"
#include "io/sinks/http/webhook_signature.h"

namespace cepheus::io {

namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

int64_t epochMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Request {
  std::string key;
  std::string method;
  std::string url;
  Headers headers;  // the annotation's, rendered; the generated ones are added per attempt
  std::string body;
  std::vector<DeadEvent> events;
  int failures = 0;
  Clock::time_point due{};
  Clock::time_point published{};  // of its first event, for the end-to-end latency
  std::string lastError;
};
using RequestPtr = std::shared_ptr<Request>;

struct Item {
  DeadEvent event;
  EventEncoder::Encoded encoded;
  Clock::time_point published;
};

enum class OnError { DeadLetter, Stream, Log, Wait };

OnError onErrorOf(const std::string& text) {
  if (text == "STREAM") return OnError::Stream;
  if (text == "LOG") return OnError::Log;
  if (text == "WAIT") return OnError::Wait;
  return OnError::DeadLetter;
}

size_t optionNumber(const TransportInfo& info, const std::string& key, size_t fallback) {
  std::string text = info.option(key);
  return text.empty() ? fallback : static_cast<size_t>(std::stoull(text));
}

bool hasHeader(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < key.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(key[i])) != std::tolower(static_cast<unsigned char>(name[i]))) same = false;
    if (same) return true;
  }
  return false;
}

// Everything the sink shares with the callbacks of its requests and timers, which may outlive
// the Sink object by the time a cancelled request comes back.
class Core : public std::enable_shared_from_this<Core> {
 public:
  Core(const TransportInfo& info, SinkEnvironment environment, std::string sinkId,
       std::shared_ptr<SinkCounters> counters)
      : env_(std::move(environment)),
        sinkId_(std::move(sinkId)),
        countersOwner_(std::move(counters)),
        counters_(*countersOwner_),
        encoder_(info, env_.stream),
        ids_(env_.appName, sinkId_),
        random_(std::random_device{}()) {
    maxInFlight_ = optionNumber(info, "max.in.flight", 16);
    batchSize_ = optionNumber(info, "batch.size", 1);
    queueMax_ = optionNumber(info, "queue.max", 100'000);
    timeout_ = std::chrono::milliseconds(optionNumber(info, "timeout", 10'000));
    retry_.maxRetries = static_cast<int>(optionNumber(info, "retry.max", 10));
    retry_.initial = std::chrono::milliseconds(optionNumber(info, "retry.backoff.initial", 100));
    retry_.maximum = std::chrono::milliseconds(optionNumber(info, "retry.backoff.max", 10'000));
    onError_ = onErrorOf(info.option("on.error", "DEAD_LETTER"));
    if (onError_ == OnError::Wait) retry_.maxRetries = -1;
    method_ = info.option("method", "POST");
    secret_ = info.option("signing.secret");
    if (info.has("basic.auth.username"))
      basicAuth_ = "Basic " + base64Encode(info.option("basic.auth.username") + ":" + info.option("basic.auth.password"));
    TlsSettings tls;
    tls.verify = info.option("https.verify", "true") == "true";
    tls.caFile = info.option("https.ca.file");
    client_ = std::make_unique<HttpClient>(*env_.io, tls);
  }

  void publish(std::span<const EventView> events) {
    std::vector<Item> items;
    items.reserve(events.size());
    size_t width = env_.stream.attributes.size();
    Clock::time_point now = Clock::now();
    for (const EventView& view : events) {
      std::span<const Value> data(view.data, width);
      items.push_back({{view.timestamp, dataJson(data)}, encoder_.encode(data), now});
    }
    std::vector<std::pair<RequestPtr, std::string>> refused;
    {
      std::lock_guard lock(mutex_);
      for (Item& item : items) {
        counters_.published.fetch_add(1, std::memory_order_relaxed);
        counters_.queued.fetch_add(1, std::memory_order_relaxed);
        if (static_cast<size_t>(counters_.queued.load(std::memory_order_relaxed)) > queueMax_) {
          std::vector<Item> one;
          one.push_back(std::move(item));
          refused.emplace_back(formRequest(one, 0, 1), "the sink's queue is full (queue.max=" + std::to_string(queueMax_) + ")");
          continue;
        }
        items_.push_back(std::move(item));
      }
      kickLocked();
    }
    for (auto& [request, reason] : refused) giveUp(request, reason);
  }

  void stop(Clock::time_point deadline) {
    {
      std::unique_lock lock(mutex_);
      if (stopped_) return;
      settled_.wait_until(lock, deadline, [&] { return idleLocked(); });
      stopped_ = true;
    }
    client_->close();  // what is still in flight comes back cancelled and stays pending
    std::unique_lock lock(mutex_);
    settled_.wait_for(lock, std::chrono::seconds(2), [&] { return inFlight_.empty(); });
  }

  // Also what checkpoints keep: the pending requests (formed now, so that they have their keys)
  // and where the request keys go on (io/message_ids.h).
  std::string saveState() {
    std::lock_guard lock(mutex_);
    std::vector<RequestPtr> pending = pendingLocked();
    Json requests = Json::array();
    for (const RequestPtr& request : pending) {
      Json headers = Json::array();
      for (const auto& [name, value] : request->headers) headers.push_back({name, value});
      Json events = Json::array();
      for (const DeadEvent& event : request->events) events.push_back({{"ts", event.timestamp}, {"data", event.data}});
      requests.push_back({{"key", request->key},
                          {"method", request->method},
                          {"url", request->url},
                          {"headers", headers},
                          {"body", request->body},
                          {"failures", request->failures},
                          {"events", events}});
    }
    return Json{{"format", 1}, {"ids", ids_.save()}, {"requests", requests}}.dump(-1, ' ', false,
                                                                                      Json::error_handler_t::replace);
  }

  void restoreState(std::string_view state) {
    Json json = Json::parse(state, nullptr, false);
    if (!json.is_object() || json.value("format", 0) != 1) throw std::invalid_argument("not the state of an http sink");
    if (json.contains("ids")) {
      std::lock_guard lock(mutex_);
      ids_.restore(json.at("ids").get<std::string>());
    }
    std::vector<RequestPtr> restored;
    for (const Json& entry : json.at("requests")) {
      auto request = std::make_shared<Request>();
      request->key = entry.at("key").get<std::string>();
      request->method = entry.at("method").get<std::string>();
      request->url = entry.at("url").get<std::string>();
      for (const Json& header : entry.at("headers"))
        request->headers.emplace_back(header.at(0).get<std::string>(), header.at(1).get<std::string>());
      request->body = entry.at("body").get<std::string>();
      request->failures = entry.value("failures", 0);
      for (const Json& event : entry.at("events"))
        request->events.push_back({event.at("ts").get<int64_t>(), event.at("data").get<std::string>()});
      request->published = Clock::now();
      restored.push_back(std::move(request));
    }
    std::lock_guard lock(mutex_);
    for (auto it = restored.rbegin(); it != restored.rend(); ++it) {
      counters_.queued.fetch_add(static_cast<int64_t>((*it)->events.size()), std::memory_order_relaxed);
      ready_.push_front(*it);
    }
    kickLocked();
  }

  bool replay(const DeadLetter& letter) {
    auto request = std::make_shared<Request>();
    request->key = letter.id;
    request->method = letter.method;
    request->url = letter.url;
    request->headers = letter.headers;
    request->body = letter.body;
    request->events = letter.events;
    request->published = Clock::now();
    std::lock_guard lock(mutex_);
    if (stopped_) return false;
    counters_.queued.fetch_add(static_cast<int64_t>(request->events.size()), std::memory_order_relaxed);
    ready_.push_back(std::move(request));
    kickLocked();
    return true;
  }

  void abandonPending(const std::string& reason) {
    std::vector<RequestPtr> pending;
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
      pending = pendingLocked();
    }
    for (const RequestPtr& request : pending) giveUp(request, reason);
  }

 private:
  bool idleLocked() const { return items_.empty() && ready_.empty() && waiting_.empty() && inFlight_.empty(); }

  // Everything not delivered, oldest first, with the waiting items formed into requests (so
  // that they have their keys from now on). A stopped sink hands them over; a running one (a
  // checkpoint) keeps sending them.
  std::vector<RequestPtr> pendingLocked() {
    while (!items_.empty()) ready_.push_back(takeRequestLocked());
    std::vector<RequestPtr> pending(inFlight_.begin(), inFlight_.end());
    pending.insert(pending.end(), waiting_.begin(), waiting_.end());
    pending.insert(pending.end(), ready_.begin(), ready_.end());
    if (stopped_) {
      inFlight_.clear();
      waiting_.clear();
      ready_.clear();
    } else {
      kickLocked();
    }
    return pending;
  }

  void kickLocked() {
    if (dispatchPosted_ || stopped_) return;
    dispatchPosted_ = true;
    env_.io->post([self = shared_from_this()] {
      std::lock_guard lock(self->mutex_);
      self->dispatchPosted_ = false;
      self->dispatchLocked();
    });
  }

  // Up to batch.size items from the front with the same URL and headers.
  RequestPtr takeRequestLocked() {
    size_t count = 1;
    while (count < batchSize_ && count < items_.size() && items_[count].encoded.url == items_[0].encoded.url &&
           items_[count].encoded.headers == items_[0].encoded.headers)
      ++count;
    std::vector<Item> taken(std::make_move_iterator(items_.begin()), std::make_move_iterator(items_.begin() + count));
    items_.erase(items_.begin(), items_.begin() + count);
    return formRequest(taken, 0, count);
  }

  RequestPtr formRequest(std::vector<Item>& items, size_t from, size_t count) {
    auto request = std::make_shared<Request>();
    // The key is made from the request itself (io/message_ids.h): after a crash, the replayed
    // request gets the key it had, and the receiver can tell it already has it. Saved requests
    // keep the keys they were given.
    uint64_t content = ids_.contentHash(items[from].encoded.url);
    for (size_t i = from; i < from + count; ++i) content = ids_.contentHash(items[i].encoded.body, content * 31);
    request->key = "msg_" + ids_.nextOfHash(content, items[from].event.timestamp);
    for (char& c : request->key)
      if (c == ':') c = '_';
    request->method = method_;
    request->url = items[from].encoded.url;
    request->headers = items[from].encoded.headers;
    request->published = items[from].published;
    if (batchSize_ == 1) {
      request->body = std::move(items[from].encoded.body);
    } else {
      std::vector<const std::string*> bodies;
      for (size_t i = from; i < from + count; ++i) bodies.push_back(&items[i].encoded.body);
      request->body = encoder_.batchBody(bodies);
    }
    for (size_t i = from; i < from + count; ++i) request->events.push_back(std::move(items[i].event));
    return request;
  }

  void dispatchLocked() {
    if (stopped_) return;
    Clock::time_point now = Clock::now();
    // Retries that are due first: they are older than anything not sent yet.
    for (auto it = waiting_.begin(); it != waiting_.end() && inFlight_.size() < maxInFlight_;) {
      if ((*it)->due <= now) {
        RequestPtr request = *it;
        it = waiting_.erase(it);
        sendLocked(request);
      } else {
        ++it;
      }
    }
    // New requests only while fewer than max.in.flight are outstanding, those awaiting a retry
    // included: with max.in.flight=1 nothing overtakes a request that failed.
    while (inFlight_.size() + waiting_.size() < maxInFlight_ && (!ready_.empty() || !items_.empty())) {
      RequestPtr request;
      if (!ready_.empty()) {
        request = ready_.front();
        ready_.pop_front();
      } else {
        request = takeRequestLocked();
      }
      sendLocked(request);
    }
    if (!waiting_.empty()) {
      Clock::time_point earliest = waiting_.front()->due;
      for (const RequestPtr& request : waiting_) earliest = std::min(earliest, request->due);
      if (!timerArmed_ || earliest < timerAt_) {
        timerArmed_ = true;
        timerAt_ = earliest;
        auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(earliest - now) + std::chrono::milliseconds(1);
        env_.io->after(delay, [weak = weak_from_this()] {
          if (auto self = weak.lock()) {
            std::lock_guard lock(self->mutex_);
            self->timerArmed_ = false;
            self->dispatchLocked();
          }
        });
      }
    }
    if (idleLocked()) settled_.notify_all();
  }

  void sendLocked(const RequestPtr& request) {
    std::optional<Url> url = Url::parse(request->url);
    if (!url) {
      // Only a template can make a URL invalid (the analyzer checked the annotation's).
      env_.io->post([self = shared_from_this(), request] { self->giveUp(request, "invalid URL '" + request->url + "'"); });
      return;
    }
    HttpCall call;
    call.method = request->method;
    call.url = std::move(*url);
    call.timeout = timeout_;
    call.headers = request->headers;
    if (!hasHeader(call.headers, "Content-Type")) call.headers.emplace_back("Content-Type", encoder_.contentType());
    if (!basicAuth_.empty() && !hasHeader(call.headers, "Authorization")) call.headers.emplace_back("Authorization", basicAuth_);
    call.headers.emplace_back("Idempotency-Key", request->key);
    call.headers.emplace_back("webhook-id", request->key);
    if (!secret_.empty()) {
      int64_t seconds = epochMillis() / 1000;
      call.headers.emplace_back("webhook-timestamp", std::to_string(seconds));
      call.headers.emplace_back("webhook-signature", webhookSignature(secret_, request->key, seconds, request->body));
    }
    call.body = request->body;
    inFlight_.push_back(request);
    counters_.requests.fetch_add(1, std::memory_order_relaxed);
    counters_.inFlight.fetch_add(1, std::memory_order_relaxed);
    if (request->failures > 0) counters_.retries.fetch_add(1, std::memory_order_relaxed);
    Clock::time_point sentAt = Clock::now();
    client_->send(std::move(call), [self = shared_from_this(), request, sentAt](HttpResult result) {
      self->completed(request, result, sentAt);
    });
  }

  void completed(const RequestPtr& request, const HttpResult& result, Clock::time_point sentAt) {
    RequestPtr refused;
    {
      std::lock_guard lock(mutex_);
      counters_.inFlight.fetch_sub(1, std::memory_order_relaxed);
      std::erase(inFlight_, request);
      Clock::time_point now = Clock::now();
      Outcome outcome = classify(result.status);
      if (outcome == Outcome::Delivered) {
        counters_.delivered.fetch_add(request->events.size(), std::memory_order_relaxed);
        counters_.queued.fetch_sub(static_cast<int64_t>(request->events.size()), std::memory_order_relaxed);
        counters_.delivery.record(now - sentAt);
        counters_.endToEnd.record(now - request->published);
      } else if (stopped_ && result.status == 0) {
        ready_.push_front(request);  // cancelled by stop(): still pending, not a failure
      } else {
        counters_.failedAttempts.fetch_add(1, std::memory_order_relaxed);
        request->lastError = result.status ? "HTTP " + std::to_string(result.status) : result.error;
        request->failures++;
        if (outcome == Outcome::Refused || retry_.exhausted(request->failures)) {
          refused = request;
        } else {
          request->due = now + retry_.delay(request->failures, random_);
          waiting_.push_back(request);
        }
      }
      dispatchLocked();
      settled_.notify_all();
    }
    if (refused) {
      std::string why = result.status && classify(result.status) == Outcome::Refused
                            ? "refused with HTTP " + std::to_string(result.status)
                            : "gave up after " + std::to_string(refused->failures) + " attempts: " + refused->lastError;
      giveUp(refused, why);
    }
  }

  // The request's events go to the dead letter; on no lock (it may write a file or post).
  void giveUp(const RequestPtr& request, const std::string& reason) {
    size_t events = request->events.size();
    counters_.deadLetters.fetch_add(events, std::memory_order_relaxed);
    counters_.queued.fetch_sub(static_cast<int64_t>(events), std::memory_order_relaxed);
    if (onError_ == OnError::Stream && env_.toFaultStream) {
      toFaultStream(*request, reason);
      return;
    }
    if ((onError_ == OnError::DeadLetter || onError_ == OnError::Wait) && env_.deadLetters) {
      DeadLetter letter{request->key, sinkId_, reason, request->failures, epochMillis(), request->method,
                        request->url, request->headers, request->body, request->events};
      env_.deadLetters->append(letter);
      spdlog::warn("{}: sink {}: {} event(s) to the dead letters ({}): {}", env_.appName, sinkId_, events,
                   request->key, reason);
      return;
    }
    spdlog::error("{}: sink {}: {} event(s) dropped ({}): {}: {}", env_.appName, sinkId_, events, request->key,
                  reason, request->body);
  }

  void toFaultStream(const Request& request, const std::string& reason) {
    std::string lines;
    for (const DeadEvent& event : request.events)
      lines += "{\"ts\":" + std::to_string(event.timestamp) + ",\"data\":" + event.data + "}\n";
    codec::DecodedBody decoded = codec::decodeStreamBody(lines, env_.stream, 0);
    size_t width = env_.stream.attributes.size();
    std::vector<Value> values;
    std::vector<EventView> views;
    values.reserve(decoded.events.size() * (width + 1));
    for (size_t i = 0; i < decoded.events.size(); ++i) {
      for (size_t k = 0; k < width; ++k) values.push_back(decoded.events.values[i * width + k]);
      values.push_back(Value::ofString(reason));
    }
    for (size_t i = 0; i < decoded.events.size(); ++i)
      views.push_back({decoded.events.timestamps[i], values.data() + i * (width + 1)});
    try {
      env_.toFaultStream(views);
    } catch (const std::exception& error) {
      spdlog::error("{}: sink {}: cannot send to the fault stream: {}", env_.appName, sinkId_, error.what());
    }
  }

  SinkEnvironment env_;
  std::string sinkId_;
  std::shared_ptr<SinkCounters> countersOwner_;
  SinkCounters& counters_;
  EventEncoder encoder_;
  RetryPolicy retry_;
  size_t maxInFlight_ = 16;
  size_t batchSize_ = 1;
  size_t queueMax_ = 100'000;
  std::chrono::milliseconds timeout_{10'000};
  OnError onError_ = OnError::DeadLetter;
  std::string method_;
  std::string secret_;
  std::string basicAuth_;
  MessageIds ids_;
  std::unique_ptr<HttpClient> client_;

  std::mutex mutex_;
  std::condition_variable settled_;
  std::deque<Item> items_;                 // published, not yet in a request
  std::deque<RequestPtr> ready_;           // formed and not sent yet (restored, replayed)
  std::vector<RequestPtr> waiting_;        // failed, awaiting their retry
  std::vector<RequestPtr> inFlight_;
  bool dispatchPosted_ = false;
  bool timerArmed_ = false;
  Clock::time_point timerAt_{};
  bool stopped_ = false;
  std::mt19937_64 random_;
};

class HttpSink final : public Sink {
 public:
  HttpSink(const TransportInfo& info, SinkEnvironment environment) : Sink(info) {
    core_ = std::make_shared<Core>(info, std::move(environment), id(), counters_);
  }
  ~HttpSink() override { core_->stop(Clock::now()); }

  void publish(std::span<const EventView> events) override { core_->publish(events); }
  void stop(Clock::time_point deadline) override { core_->stop(deadline); }
  std::string saveState() override { return core_->saveState(); }
  void restoreState(std::string_view state) override { core_->restoreState(state); }
  bool replay(const DeadLetter& letter) override { return core_->replay(letter); }
  void abandonPending(const std::string& reason) override { core_->abandonPending(reason); }

 private:
  std::shared_ptr<Core> core_;
};

}  // namespace

std::unique_ptr<Sink> makeHttpSink(const TransportInfo& info, SinkEnvironment environment) {
  return std::make_unique<HttpSink>(info, std::move(environment));
}

}  // namespace cepheus::io
