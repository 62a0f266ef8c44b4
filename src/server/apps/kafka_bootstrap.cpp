#include "server/apps/kafka_bootstrap.h"

#include <spdlog/spdlog.h>

#include "io/kafka/embedded_broker.h"
#include "io/kafka/kafka_config.h"
#include "server/apps/state_store.h"

namespace cepheus::server {

namespace {

constexpr int kEmbeddedPartitions = 4;

std::vector<std::string> topicsOf(const TransportInfo& info) {
  std::string list = info.direction == TransportInfo::Direction::Source ? info.option("topic.list") : info.option("topic");
  if (list.find("{{") != std::string::npos) return {};  // a templated sink topic: made when written
  std::vector<std::string> topics = io::splitCommaList(list);
  std::string deadLetters = info.option("dead.letter.topic");
  if (!deadLetters.empty()) topics.push_back(deadLetters);
  return topics;
}

}  // namespace

KafkaBootstrap::KafkaBootstrap(std::optional<std::string> configured, int embeddedBrokers,
                               std::filesystem::path addressFile)
    : configured_(std::move(configured)), embeddedBrokers_(embeddedBrokers), addressFile_(std::move(addressFile)) {}

KafkaBootstrap::~KafkaBootstrap() = default;

std::string KafkaBootstrap::forTransport(const TransportInfo& info) {
  if (configured_) return *configured_;
  std::lock_guard lock(mutex_);
  if (!broker_) {
    broker_ = std::make_unique<io::EmbeddedBroker>(embeddedBrokers_);
    spdlog::info("embedded Kafka broker (in memory, for trying and testing; --kafka for a real one) at {}",
                 broker_->bootstraps());
    try {
      writeFileAtomically(addressFile_, broker_->bootstraps() + "\n");
    } catch (const std::exception& error) {
      spdlog::warn("cannot write {}: {}", addressFile_.string(), error.what());
    }
  }
  for (const std::string& topic : topicsOf(info))
    if (!broker_->createTopic(topic, kEmbeddedPartitions)) spdlog::warn("embedded Kafka broker: cannot create topic {}", topic);
  return broker_->bootstraps();
}

}  // namespace cepheus::server
