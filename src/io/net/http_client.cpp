#include "io/net/http_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <list>
#include <map>
#include <mutex>

#include "io/net/asio_context.h"

namespace cepheus::io {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

struct Connection;

}  // namespace

// Touched only on the network thread (the sinks' IoThreads has one), so it holds no lock.
struct HttpClient::Impl : std::enable_shared_from_this<HttpClient::Impl> {
  Impl(net::io_context& context, TlsSettings settings) : context(context), tls(ssl::context::tls_client) {
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3);
    if (settings.verify) {
      tls.set_verify_mode(ssl::verify_peer);
      if (settings.caFile.empty()) {
        tls.set_default_verify_paths();
      } else {
        boost::system::error_code ignored;
        tls.load_verify_file(settings.caFile, ignored);
      }
    } else {
      tls.set_verify_mode(ssl::verify_none);
    }
    verify = settings.verify;
  }

  void start(HttpCall call, std::function<void(HttpResult)> done, bool allowReuse);
  void giveBack(const std::shared_ptr<Connection>& connection);
  void forget(Connection* connection);
  void closeAll();

  net::io_context& context;
  ssl::context tls;
  bool verify = true;
  bool closed = false;
  std::map<std::string, std::vector<std::shared_ptr<Connection>>> idle;  // by origin
  std::list<std::weak_ptr<Connection>> active;
};

namespace {

struct Connection : std::enable_shared_from_this<Connection> {
  Connection(HttpClient::Impl& client, const Url& url) : origin(url.origin()), resolver(client.context) {
    if (url.https) {
      secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(client.context, client.tls);
    } else {
      plain = std::make_unique<beast::tcp_stream>(client.context);
    }
  }

  beast::tcp_stream& tcpLayer() { return secure ? secure->next_layer() : *plain; }

  template <class F>
  void withStream(F&& f) {
    if (secure) f(*secure);
    else f(*plain);
  }

  void run(std::weak_ptr<HttpClient::Impl> owner, HttpCall call, std::function<void(HttpResult)> done) {
    client = std::move(owner);
    call_ = std::move(call);
    done_ = std::move(done);
    answered = false;
    request = {};
    http::verb verb = http::string_to_verb(call_.method);
    request.method(verb == http::verb::unknown ? http::verb::post : verb);
    request.target(call_.url.target);
    request.version(11);
    request.set(http::field::host, call_.url.hostHeader());
    request.set(http::field::user_agent, "cepheus");
    for (const auto& [name, value] : call_.headers) request.set(name, value);
    request.body() = call_.body;
    request.keep_alive(true);
    request.prepare_payload();
    tcpLayer().expires_after(call_.timeout);
    if (connected) {
      write();
      return;
    }
    auto self = shared_from_this();
    resolver.async_resolve(call_.url.host, call_.url.port,
                           [self](const beast::error_code& error, tcp::resolver::results_type results) {
                             if (error) return self->fail(error, "cannot resolve " + self->call_.url.host);
                             self->tcpLayer().async_connect(results, [self](const beast::error_code& error,
                                                                            const tcp::endpoint&) {
                               if (error) return self->fail(error, "cannot connect to " + self->origin);
                               self->tcpLayer().socket().set_option(tcp::no_delay(true));
                               if (!self->secure) {
                                 self->connected = true;
                                 return self->write();
                               }
                               self->handshake();
                             });
                           });
  }

  void handshake() {
    auto self = shared_from_this();
    if (!SSL_set_tlsext_host_name(secure->native_handle(), call_.url.host.c_str()))
      return fail(beast::error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category()),
                  "TLS: cannot set the server name");
    auto owner = client.lock();
    if (owner && owner->verify) secure->set_verify_callback(ssl::host_name_verification(call_.url.host));
    secure->async_handshake(ssl::stream_base::client, [self](const beast::error_code& error) {
      if (error) return self->fail(error, "TLS handshake with " + self->origin + " failed");
      self->connected = true;
      self->write();
    });
  }

  void write() {
    auto self = shared_from_this();
    withStream([&](auto& stream) {
      http::async_write(stream, request, [self](const beast::error_code& error, size_t) {
        if (error) return self->fail(error, "cannot send to " + self->origin);
        self->read();
      });
    });
  }

  void read() {
    auto self = shared_from_this();
    response.emplace();
    response->body_limit(1 << 20);
    withStream([&](auto& stream) {
      http::async_read_header(stream, buffer, *response, [self](const beast::error_code& error, size_t) {
        if (error) return self->fail(error, "no answer from " + self->origin);
        self->answered = true;
        self->withStream([&](auto& stream) {
          http::async_read(stream, self->buffer, *self->response, [self](const beast::error_code& error, size_t) {
            if (error) return self->fail(error, "incomplete answer from " + self->origin);
            self->succeed();
          });
        });
      });
    });
  }

  void succeed() {
    tcpLayer().expires_never();
    HttpResult result;
    result.status = static_cast<int>(response->get().result_int());
    bool keep = response->get().keep_alive();
    uses++;
    auto done = std::move(done_);
    auto owner = client.lock();
    if (keep && owner) {
      owner->giveBack(shared_from_this());
    } else {
      closeNow();
      if (owner) owner->forget(this);
    }
    done(result);
  }

  void fail(const beast::error_code& error, const std::string& what) {
    closeNow();
    auto owner = client.lock();
    if (owner) owner->forget(this);
    // A kept-alive connection the server closed meanwhile fails before any answer: the request
    // never reached the application, so it goes again on a fresh connection, once.
    if (owner && uses > 0 && !answered && error != beast::error::timeout && !owner->closed) {
      owner->start(std::move(call_), std::move(done_), false);
      return;
    }
    HttpResult result;
    result.error = error == beast::error::timeout
                       ? "timed out after " + std::to_string(call_.timeout.count()) + " ms (" + what + ")"
                       : what + ": " + error.message();
    auto done = std::move(done_);
    if (done) done(result);
  }

  void closeNow() {
    beast::error_code ignored;
    tcpLayer().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcpLayer().socket().close(ignored);
    connected = false;
  }

  std::string origin;
  tcp::resolver resolver;
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
  std::weak_ptr<HttpClient::Impl> client;
  HttpCall call_;
  std::function<void(HttpResult)> done_;
  http::request<http::string_body> request;
  std::optional<http::response_parser<http::string_body>> response;
  beast::flat_buffer buffer;
  bool connected = false;
  bool answered = false;
  size_t uses = 0;
};

}  // namespace

void HttpClient::Impl::start(HttpCall call, std::function<void(HttpResult)> done, bool allowReuse) {
  if (closed) {
    done({0, "the sink is stopping"});
    return;
  }
  std::shared_ptr<Connection> connection;
  if (allowReuse) {
    auto it = idle.find(call.url.origin());
    if (it != idle.end() && !it->second.empty()) {
      connection = std::move(it->second.back());
      it->second.pop_back();
    }
  }
  if (!connection) {
    connection = std::make_shared<Connection>(*this, call.url);
    active.push_back(connection);
  }
  connection->run(weak_from_this(), std::move(call), std::move(done));
}

void HttpClient::Impl::giveBack(const std::shared_ptr<Connection>& connection) {
  if (closed) {
    connection->closeNow();
    return;
  }
  idle[connection->origin].push_back(connection);
}

void HttpClient::Impl::forget(Connection* connection) {
  active.remove_if([&](const std::weak_ptr<Connection>& weak) {
    auto strong = weak.lock();
    return !strong || strong.get() == connection;
  });
}

void HttpClient::Impl::closeAll() {
  closed = true;
  idle.clear();
  for (auto& weak : active)
    if (auto connection = weak.lock()) connection->closeNow();
}

HttpClient::HttpClient(IoThreads& io, TlsSettings tls) : impl_(std::make_shared<Impl>(asioContext(io), std::move(tls))) {}

HttpClient::~HttpClient() { close(); }

void HttpClient::send(HttpCall call, std::function<void(HttpResult)> done) {
  net::post(impl_->context, [impl = impl_, call = std::move(call), done = std::move(done)]() mutable {
    impl->start(std::move(call), std::move(done), true);
  });
}

void HttpClient::close() {
  net::post(impl_->context, [impl = impl_] { impl->closeAll(); });
}

}  // namespace cepheus::io
