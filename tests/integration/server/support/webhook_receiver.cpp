#include "integration/server/support/webhook_receiver.h"

#include <httplib.h>

#include <stdexcept>

namespace cepheus::test {

void Gate::open() {
  {
    std::lock_guard lock(mutex_);
    open_ = true;
  }
  opened_.notify_all();
}

bool Gate::waitOpen(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  return opened_.wait_for(lock, wait, [this] { return open_; });
}

WebhookReceiver::WebhookReceiver() {
  how_ = [](const Received&, size_t) { return Answer{}; };
  listen();
}

WebhookReceiver::~WebhookReceiver() { down(); }

void WebhookReceiver::listen() {
  server_ = std::make_unique<httplib::Server>();
  server_->set_keep_alive_max_count(1000);
  // One thread per keep-alive connection: more than the sink's max.in.flight (16 by default), or
  // connections beyond the pool wait for another to time out (5 s).
  server_->new_task_queue = [] { return new httplib::ThreadPool(40); };
  auto handle = [this](const httplib::Request& request, httplib::Response& response) {
    Received received;
    received.method = request.method;
    received.path = request.path;
    received.body = request.body;
    for (const auto& [name, value] : request.headers) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      received.headers[lower] = value;
    }
    Answer answer;
    {
      std::lock_guard lock(mutex_);
      answer = how_(received, received_.size());
    }
    if (answer.holdUntilOpen) answer.holdUntilOpen->waitOpen(std::chrono::seconds(20));
    if (answer.delay.count() > 0) std::this_thread::sleep_for(answer.delay);
    received.answered = answer.status;
    {
      std::lock_guard lock(mutex_);
      received_.push_back(received);
    }
    response.status = answer.status;
  };
  server_->Post(".*", handle);
  server_->Put(".*", handle);
  if (port_ == 0) {
    port_ = server_->bind_to_any_port("127.0.0.1");
  } else if (!server_->bind_to_port("127.0.0.1", port_)) {
    throw std::runtime_error("the receiver cannot listen on its port again");
  }
  if (port_ <= 0) throw std::runtime_error("the receiver cannot listen");
  thread_ = std::thread([server = server_.get()] { server->listen_after_bind(); });
  // stop() does nothing to a server that has not entered its accept loop yet, so down() right
  // after listen() would wait forever for the thread: wait (at most 5 s) until it runs.
  for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (!server_->is_running()) throw std::runtime_error("the receiver did not start listening");
}

void WebhookReceiver::behave(std::function<Answer(const Received&, size_t)> how) {
  std::lock_guard lock(mutex_);
  how_ = std::move(how);
}

void WebhookReceiver::down() {
  if (!server_) return;
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

void WebhookReceiver::up() {
  if (!server_) listen();
}

std::vector<Received> WebhookReceiver::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::vector<Received> WebhookReceiver::delivered() const {
  std::vector<Received> out;
  for (const Received& r : received())
    if (r.answered >= 200 && r.answered < 300) out.push_back(r);
  return out;
}

}  // namespace cepheus::test
