// A real HTTP receiver for the webhook tests (cpp-httplib on a loopback port), which answers as
// the test says: a status and a delay per request, or not at all while it is down.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace cepheus::test {

struct Received {
  std::string method;
  std::string path;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  int answered = 0;                            // the status it was answered with
};

// Holds answers back until the test opens it (or the wait given runs out), so a test can line up
// what the sender does behind a request that is still unanswered.
class Gate {
 public:
  void open();
  // Whether it opened within `wait`.
  bool waitOpen(std::chrono::milliseconds wait);

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

struct Answer {
  Answer(int status = 200, std::chrono::milliseconds delay = {}, std::shared_ptr<Gate> holdUntilOpen = nullptr)
      : status(status), delay(delay), holdUntilOpen(std::move(holdUntilOpen)) {}
  int status = 200;
  std::chrono::milliseconds delay{0};
  std::shared_ptr<Gate> holdUntilOpen;  // when set, the answer waits (at most 20 s) for the gate
};

// A self-signed certificate for 127.0.0.1 (an EC key, valid for a day), written as PEM files.
struct TlsFiles {
  std::string certificate;
  std::string key;
};
TlsFiles writeSelfSignedCertificate(const std::string& dir);

// The webhook-signature a Standard Webhooks receiver expects: "v1," + base64 of the
// HMAC-SHA256 of "ID.TIMESTAMP.BODY" under `key` (the secret's bytes).
std::string webhookSignature(const std::string& key, const Received& request);

class WebhookReceiver {
 public:
  WebhookReceiver();  // listening on a free port
  explicit WebhookReceiver(TlsFiles tls);  // the same over https
  ~WebhookReceiver();

  int port() const { return port_; }
  std::string url(const std::string& path = "/hook") const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + path;
  }
  // How to answer the n-th request (from 0); 200 at once by default.
  void behave(std::function<Answer(const Received&, size_t n)> how);
  // Stops listening (connections are refused) / listens again on the same port.
  void down();
  void up();

  std::vector<Received> received() const;  // every request, in arrival order
  // Those answered 2xx: what was delivered.
  std::vector<Received> delivered() const;

 private:
  void listen();
  std::optional<TlsFiles> tls_;
  int port_ = 0;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<Received> received_;
  std::function<Answer(const Received&, size_t)> how_;
};

}  // namespace cepheus::test
