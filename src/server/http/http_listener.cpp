#include "server/http/http_listener.h"

#include <spdlog/spdlog.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <list>
#include <thread>

namespace cepheus::server {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percentDecode(std::string_view text, bool plusIsSpace) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hexDigit(text[i + 1]) >= 0 && hexDigit(text[i + 2]) >= 0) {
      out += static_cast<char>(hexDigit(text[i + 1]) * 16 + hexDigit(text[i + 2]));
      i += 2;
    } else if (plusIsSpace && text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string errorJson(const std::string& message) {
  std::string out = "{\"type\":\"error\",\"message\":\"";
  for (char c : message) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"}";
}

}  // namespace

struct HttpListener::Impl {
  ListenerOptions options;
  HttpHandler handler;
  net::io_context context;
  tcp::acceptor acceptor{context};
  std::vector<std::thread> threads;
  std::mutex sessionsMutex;
  std::list<std::weak_ptr<void>> sessions;
  std::function<void(const std::shared_ptr<void>&)> closeSession;
  uint16_t boundPort = 0;

  void accept();
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpListener::Impl& server) : stream_(std::move(socket)), server_(server) {}

  void start() { readHeader(); }

  void close() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      self->stream_.socket().close(ignored);
      if (self->streaming_) self->streaming_->disconnected();
    });
  }

 private:
  void readHeader() {
    parser_.emplace();
    parser_->body_limit(server_.options.maxBodyBytes);
    parser_->header_limit(64 * 1024);
    stream_.expires_after(std::chrono::minutes(5));  // an idle keep-alive connection
    http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code error, size_t) {
      self->onHeader(error);
    });
  }

  void onHeader(beast::error_code error) {
    if (error == http::error::body_limit) return refuseTooLarge();
    if (error) return badRequestOrClose(error);
    auto& request = parser_->get();
    if (beast::iequals(request[http::field::expect], "100-continue")) {
      // curl and others wait for this before sending a body larger than 1 KiB.
      auto continued = std::make_shared<http::response<http::empty_body>>(http::status::continue_, request.version());
      http::async_write(stream_, *continued, [self = shared_from_this(), continued](beast::error_code error, size_t) {
        if (error) return;
        self->readBody();
      });
      return;
    }
    readBody();
  }

  void readBody() {
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code error, size_t) {
      if (error == http::error::body_limit) return self->refuseTooLarge();
      if (error) return self->badRequestOrClose(error);
      self->handle();
    });
  }

  void refuseTooLarge() {
    HttpResponse response;
    response.status = 413;
    response.body = errorJson("the request body is larger than the limit of " +
                              std::to_string(server_.options.maxBodyBytes) + " bytes (--max-body)");
    write(response, false);
  }

  void badRequestOrClose(beast::error_code error) {
    if (error == http::error::end_of_stream || error == net::error::eof || error == beast::error::timeout ||
        error == net::error::operation_aborted || error == net::error::connection_reset) {
      return shut();
    }
    HttpResponse response;
    response.status = 400;
    response.body = errorJson("malformed HTTP request: " + error.message());
    write(response, false);
  }

  void handle() {
    auto& raw = parser_->get();
    HttpRequest request;
    request.method = std::string(raw.method_string());
    std::string_view target = raw.target();
    size_t question = target.find('?');
    request.path = percentDecode(target.substr(0, question), false);
    if (question != std::string_view::npos) {
      std::string_view query = target.substr(question + 1);
      while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        size_t equals = pair.find('=');
        std::string key = percentDecode(pair.substr(0, equals), true);
        std::string value = equals == std::string_view::npos ? "" : percentDecode(pair.substr(equals + 1), true);
        if (!key.empty()) request.query[key] = value;
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
      }
    }
    for (const auto& field : raw) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[name] = std::string(field.value());
    }
    request.body = std::move(raw.body());
    bool keepAlive = raw.keep_alive();
    HttpResponse response;
    try {
      response = server_.handler(request);
    } catch (const std::exception& failure) {
      spdlog::error("{} {}: {}", request.method, request.path, failure.what());
      response = HttpResponse{};
      response.status = 500;
      response.body = errorJson(std::string("internal error: ") + failure.what());
    }
    if (response.stream) return startStream(std::move(response));
    write(response, keepAlive);
  }

  void write(const HttpResponse& response, bool keepAlive) {
    auto message = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(response.status), 11);
    message->set(http::field::server, "cepheus");
    message->set(http::field::content_type, response.contentType);
    for (const auto& [name, value] : response.headers) message->set(name, value);
    message->body() = response.body;
    message->keep_alive(keepAlive);
    message->prepare_payload();
    http::async_write(stream_, *message, [self = shared_from_this(), message, keepAlive](beast::error_code error, size_t) {
      if (error || !keepAlive) return self->shut();
      self->readHeader();
    });
  }

  void shut() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  // --- a streamed response: chunked transfer encoding until the producer closes the stream or
  // the client goes away.
  void startStream(HttpResponse response) {
    streaming_ = response.stream;
    sse_ = response.serverSentEvents;
    stream_.expires_never();
    header_ = std::make_shared<http::response<http::empty_body>>(static_cast<http::status>(response.status), 11);
    header_->set(http::field::server, "cepheus");
    header_->set(http::field::content_type, response.contentType);
    header_->set(http::field::cache_control, "no-cache");
    for (const auto& [name, value] : response.headers) header_->set(name, value);
    header_->chunked(true);
    serializer_ = std::make_shared<http::response_serializer<http::empty_body>>(*header_);
    auto self = shared_from_this();
    streaming_->setWaker([weak = weak_from_this()] {
      if (auto session = weak.lock()) net::post(session->stream_.get_executor(), [session] { session->pump(); });
    });
    http::async_write_header(stream_, *serializer_, [self](beast::error_code error, size_t) {
      if (error) return self->streamGone();
      self->headerSent_ = true;
      self->watchForDisconnect();
      self->pump();
    });
  }

  void watchForDisconnect() {
    stream_.socket().async_read_some(net::buffer(discard_), [self = shared_from_this()](beast::error_code error, size_t) {
      if (error) return self->streamGone();
      self->watchForDisconnect();
    });
  }

  void pump() {
    if (!headerSent_ || writing_ || finished_ || !streaming_) return;
    size_t dropped = 0;
    std::deque<std::string> chunks = streaming_->take(dropped);
    pending_.clear();
    if (dropped > 0) frame("{\"dropped\":" + std::to_string(dropped) + "}\n");
    for (std::string& chunk : chunks) frame(chunk);
    if (!pending_.empty()) {
      writing_ = true;
      net::async_write(stream_, http::make_chunk(net::buffer(pending_)), [self = shared_from_this()](beast::error_code error, size_t) {
        self->writing_ = false;
        if (error) return self->streamGone();
        self->pump();
      });
      return;
    }
    if (streaming_->closed()) {
      finished_ = true;
      net::async_write(stream_, http::make_chunk_last(), [self = shared_from_this()](beast::error_code, size_t) { self->shut(); });
    }
  }

  // A chunk of JSON lines as it is, or as Server-Sent Events (one `data:` event a line).
  void frame(const std::string& chunk) {
    if (!sse_) {
      pending_ += chunk;
      return;
    }
    size_t from = 0;
    while (from < chunk.size()) {
      size_t end = chunk.find('\n', from);
      if (end == std::string::npos) end = chunk.size();
      if (end > from) {
        pending_ += "data: ";
        pending_.append(chunk, from, end - from);
        pending_ += "\n\n";
      }
      from = end + 1;
    }
  }

  void streamGone() {
    finished_ = true;
    if (streaming_) streaming_->disconnected();
    shut();
  }

  beast::tcp_stream stream_;
  HttpListener::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<ResponseStream> streaming_;
  std::shared_ptr<http::response<http::empty_body>> header_;
  std::shared_ptr<http::response_serializer<http::empty_body>> serializer_;
  std::string pending_;
  char discard_[512];
  bool sse_ = false;
  bool headerSent_ = false;
  bool writing_ = false;
  bool finished_ = false;
};

}  // namespace

void HttpListener::Impl::accept() {
  acceptor.async_accept(net::make_strand(context), [this](beast::error_code error, tcp::socket socket) {
    if (error) {
      if (error != net::error::operation_aborted && acceptor.is_open()) accept();
      return;
    }
    // Answers and tail chunks are small writes a client waits for: Nagle's algorithm would hold
    // each behind the client's delayed acknowledgement (40 ms on Linux).
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto session = std::make_shared<Session>(std::move(socket), *this);
    {
      std::lock_guard lock(sessionsMutex);
      sessions.remove_if([](const std::weak_ptr<void>& weak) { return weak.expired(); });
      sessions.push_back(session);
    }
    session->start();
    accept();
  });
}

HttpListener::HttpListener(ListenerOptions options, HttpHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
}

HttpListener::~HttpListener() { stop(); }

void HttpListener::start() {
  beast::error_code error;
  auto address = net::ip::make_address(impl_->options.host == "localhost" ? "127.0.0.1" : impl_->options.host, error);
  if (error) throw std::runtime_error("cannot listen on '" + impl_->options.host + "': not an IP address");
  tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), error);
  if (!error) impl_->acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error) impl_->acceptor.bind(endpoint, error);
  if (!error) impl_->acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error)
    throw std::runtime_error("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                             ": " + error.message());
  impl_->boundPort = impl_->acceptor.local_endpoint().port();
  impl_->accept();
  size_t threads = std::max<size_t>(1, impl_->options.threads);
  for (size_t i = 0; i < threads; ++i) impl_->threads.emplace_back([this] { impl_->context.run(); });
}

uint16_t HttpListener::port() const { return impl_->boundPort; }

void HttpListener::stop() {
  if (impl_->threads.empty()) return;
  net::post(impl_->context, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  {
    std::lock_guard lock(impl_->sessionsMutex);
    for (auto& weak : impl_->sessions)
      if (auto session = weak.lock()) std::static_pointer_cast<Session>(session)->close();
  }
  // Let the closes run, then stop.
  for (int i = 0; i < 50 && !impl_->context.stopped(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  impl_->context.stop();
  for (std::thread& thread : impl_->threads)
    if (thread.joinable()) thread.join();
  impl_->threads.clear();
}

}  // namespace cepheus::server
