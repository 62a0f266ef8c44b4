// Where kafka transports without bootstrap.servers connect: the server's --kafka, or else an
// embedded broker (io::EmbeddedBroker) started the first time an app needs one, which then
// also gets the topics the annotations name (topic.list, a sink's fixed topic) created with
// four partitions. The embedded broker's address is logged and written to a file, so that
// producers (kcat, scripts/run.sh) find it.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "cepheus/elements.h"

namespace cepheus::io {
class EmbeddedBroker;
}

namespace cepheus::server {

class KafkaBootstrap {
 public:
  KafkaBootstrap(std::optional<std::string> configured, int embeddedBrokers, std::filesystem::path addressFile);
  ~KafkaBootstrap();

  // bootstrap.servers for the transport (whose annotation has none).
  std::string forTransport(const TransportInfo& info);

 private:
  std::optional<std::string> configured_;
  int embeddedBrokers_;
  std::filesystem::path addressFile_;
  std::mutex mutex_;
  std::unique_ptr<io::EmbeddedBroker> broker_;
};

}  // namespace cepheus::server
