#include "cli/shell/rest_client.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "cli/shell/interrupt.h"

namespace cepheus::cli::shell {

namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

namespace {

// A connected socket, closed when it goes out of scope.
class Socket {
 public:
  explicit Socket(int fd = -1) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

// Waits (in slices of 100 ms, so Ctrl-C is seen) until the socket is ready for `events`.
// "" when it is; otherwise why not.
std::string await(int fd, short events, Clock::time_point deadline) {
  while (true) {
    if (interrupted()) return "interrupted";
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return "timed out";
    pollfd p{fd, events, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 100)));
    if (ready > 0) return "";
    if (ready < 0 && errno != EINTR) return std::strerror(errno);
  }
}

// Connects to host:port before the deadline; "" on success, else why not.
std::string connectTo(Socket& socket, const io::Url& url, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(url.host.c_str(), url.port.c_str(), &hints, &found); rc != 0)
    return std::string("cannot resolve ") + url.host + ": " + ::gai_strerror(rc);
  std::string why = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    socket.reset(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    if (socket.fd() < 0) continue;
    ::fcntl(socket.fd(), F_SETFL, ::fcntl(socket.fd(), F_GETFL) | O_NONBLOCK);
    if (::connect(socket.fd(), a->ai_addr, a->ai_addrlen) == 0) {
      why = "";
      break;
    }
    if (errno != EINPROGRESS) {
      why = std::strerror(errno);
      continue;
    }
    why = await(socket.fd(), POLLOUT, deadline);
    if (!why.empty()) break;
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error == 0) break;
    why = std::strerror(error);
  }
  ::freeaddrinfo(found);
  if (!why.empty() && why != "interrupted" && why != "timed out") {
    for (char& c : why) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return why;
}

std::string sendAll(int fd, const std::string& data, Clock::time_point deadline) {
  size_t sent = 0;
  while (sent < data.size()) {
    if (std::string why = await(fd, POLLOUT, deadline); !why.empty()) return why;
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EINTR) return std::strerror(errno);
    if (n > 0) sent += static_cast<size_t>(n);
  }
  return "";
}

// Hands every complete line of `body` to `line` and drops it from `body`; false when `line`
// asked to stop.
bool takeLines(std::string& body, const std::function<bool(const std::string&)>& line) {
  size_t start = 0;
  bool more = true;
  for (size_t end; more && (end = body.find('\n', start)) != std::string::npos; start = end + 1) {
    std::string text = body.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (!text.empty()) more = line(text);
  }
  body.erase(0, start);
  return more;
}

}  // namespace

std::string normalizeServer(const std::string& text) {
  std::string server = text;
  if (server.find("://") == std::string::npos) server = "http://" + server;
  while (!server.empty() && server.back() == '/') server.pop_back();
  return server;
}

RestClient::RestClient(const std::string& server, std::string token)
    : server_(normalizeServer(server)), token_(std::move(token)) {
  std::optional<io::Url> url = io::Url::parse(server_);
  if (!url) throw std::invalid_argument("'" + server + "' is not a server address (http://HOST:PORT)");
  if (url->https)
    throw std::invalid_argument("'" + server + "': the server speaks plain HTTP (put TLS in front of both, or use http://)");
  url_ = *url;
}

RestResponse RestClient::call(const std::string& method, const std::string& target, const std::string& body,
                              const std::string& contentType) const {
  return exchange(method, target, body, contentType, nullptr);
}

RestResponse RestClient::stream(const std::string& target,
                                const std::function<bool(const std::string&)>& line) const {
  return exchange("GET", target, "", "", &line);
}

RestResponse RestClient::exchange(const std::string& method, const std::string& target, const std::string& body,
                                  const std::string& contentType,
                                  const std::function<bool(const std::string&)>* lines) const {
  RestResponse response;
  Clock::time_point deadline = Clock::now() + timeout;
  Socket socket;
  response.error = connectTo(socket, url_, deadline);
  if (!response.error.empty()) {
    if (response.error != "interrupted") response.error += " (" + server_ + ")";
    return response;
  }

  std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + url_.hostHeader() +
                        "\r\nConnection: close\r\nUser-Agent: cepheus-shell\r\n";
  if (!token_.empty()) request += "Authorization: Bearer " + token_ + "\r\n";
  if (!contentType.empty()) request += "Content-Type: " + contentType + "\r\n";
  if (method != "GET" || !body.empty()) request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;
  response.error = sendAll(socket.fd(), request, deadline);
  if (!response.error.empty()) return response;

  http::response_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(boost::none);
  std::string pending;
  char chunk[16384];
  bool streaming = false;
  while (!parser.is_done()) {
    // A live tail has no deadline: it runs until Ctrl-C, or until the server ends it.
    Clock::time_point until = streaming ? Clock::now() + std::chrono::hours(24 * 365) : deadline;
    if (std::string why = await(socket.fd(), POLLIN, until); !why.empty()) {
      response.error = why;
      break;
    }
    ssize_t n = ::recv(socket.fd(), chunk, sizeof chunk, 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      response.error = std::strerror(errno);
      break;
    }
    boost::beast::error_code ec;
    if (n == 0) {
      parser.put_eof(ec);
      if (ec) response.error = "the server closed the connection before answering";
      break;
    }
    pending.append(chunk, static_cast<size_t>(n));
    while (!pending.empty() && !parser.is_done()) {
      size_t used = parser.put(boost::asio::buffer(pending), ec);
      if (ec == http::error::need_more) ec = {};
      if (ec) break;
      pending.erase(0, used);
      if (used == 0) break;
    }
    if (ec) {
      response.error = "the server's answer is not HTTP (" + ec.message() + ")";
      break;
    }
    if (lines && parser.is_header_done() && parser.get().result_int() == 200) {
      streaming = true;
      if (!takeLines(parser.get().body(), *lines)) break;
    }
  }
  bool tail = lines && parser.is_header_done() && parser.get().result_int() == 200;
  if (tail) {
    takeLines(parser.get().body(), *lines);
    // The end of a tail (Ctrl-C, the limit, the server stopping) is its normal end.
    if (response.error == "interrupted") response.error.clear();
    if (!response.error.empty()) response.error = "the tail ended: " + response.error;
  }
  if (tail || parser.is_done()) {
    response.status = static_cast<int>(parser.get().result_int());
    response.contentType = std::string(parser.get()[http::field::content_type]);
    if (!tail) response.body = std::move(parser.get().body());
  } else if (response.error.empty()) {
    response.error = "no answer";
  }
  return response;
}

}  // namespace cepheus::cli::shell
