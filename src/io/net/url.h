// An http:// or https:// URL split into what a connection and a request line need.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cepheus::io {

struct Url {
  bool https = false;
  std::string host;    // without brackets for IPv6
  std::string port;    // "80"/"443" when not written
  std::string target;  // path and query, "/" when empty

  // nullopt when the text is not an http(s) URL with a host.
  static std::optional<Url> parse(std::string_view text);
  // "https://host:port": connections are pooled per origin.
  std::string origin() const;
  // The Host header: the host, and the port when it is not the scheme's default.
  std::string hostHeader() const;
};

// Percent-encodes what is not unreserved (RFC 3986), for values put into URL templates.
std::string percentEncode(std::string_view text);

}  // namespace cepheus::io
