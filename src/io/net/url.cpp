#include "io/net/url.h"

#include <cctype>

namespace cepheus::io {

std::optional<Url> Url::parse(std::string_view text) {
  Url url;
  size_t scheme = text.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  std::string name;
  for (char c : text.substr(0, scheme)) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "https") url.https = true;
  else if (name != "http") return std::nullopt;
  std::string_view rest = text.substr(scheme + 3);
  size_t pathAt = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, pathAt);
  url.target = pathAt == std::string_view::npos ? "/" : std::string(rest.substr(pathAt));
  if (url.target.front() == '?') url.target.insert(url.target.begin(), '/');
  size_t at = authority.rfind('@');  // user info is not sent as part of the host
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      url.port = std::string(after.substr(1));
    }
  } else {
    size_t colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) url.port = std::string(authority.substr(colon + 1));
  }
  if (url.host.empty()) return std::nullopt;
  for (char c : url.port)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  if (url.port.empty()) url.port = url.https ? "443" : "80";
  return url;
}

std::string Url::origin() const { return std::string(https ? "https://" : "http://") + host + ":" + port; }

std::string Url::hostHeader() const {
  std::string name = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if ((https && port == "443") || (!https && port == "80")) return name;
  return name + ":" + port;
}

std::string percentEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

}  // namespace cepheus::io
