#include "io/sources/http_source.h"

#include "io/net/url.h"

namespace cepheus::io {

namespace {

class HttpSource final : public Source {
 public:
  HttpSource(const TransportInfo& info, SourceEnvironment environment)
      : Source(info), environment_(std::move(environment)), path_(receiverPath(info)) {}

  void start() override {
    if (!path_.empty() && environment_.servePath) environment_.servePath(path_);
  }
  void stop() override {}
  std::string endpoint() const override {
    std::string route = "POST /siddhi-apps/" + percentEncode(environment_.appName) + "/streams/" +
                        percentEncode(environment_.stream.name);
    return path_.empty() ? route : route + ", POST " + path_;
  }

 private:
  SourceEnvironment environment_;
  std::string path_;
};

}  // namespace

std::string receiverPath(const TransportInfo& info) {
  std::optional<Url> url = Url::parse(info.option("receiver.url"));
  if (!url) return "";
  std::string path = url->target.substr(0, url->target.find('?'));
  return path == "/" ? "" : path;
}

std::unique_ptr<Source> makeHttpSource(const TransportInfo& info, SourceEnvironment environment) {
  return std::make_unique<HttpSource>(info, std::move(environment));
}

}  // namespace cepheus::io
