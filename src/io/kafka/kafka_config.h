// librdkafka handles and their configuration, as the kafka source and sink build them from an
// annotation: bootstrap.servers (or the server's default: --kafka, or the embedded broker),
// Cepheus's defaults for the role, then optional.configuration ('key:value,...'), which wins.
// librdkafka's own headers stay in the .cpp files of this folder.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

struct rd_kafka_s;
struct rd_kafka_conf_s;

namespace cepheus::io {

using KafkaSettings = std::vector<std::pair<std::string, std::string>>;

// A setting librdkafka refused, or a handle it could not make.
class KafkaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct KafkaHandleDeleter {
  void operator()(rd_kafka_s* handle) const;
};
using KafkaHandle = std::unique_ptr<rd_kafka_s, KafkaHandleDeleter>;

struct KafkaConfDeleter {
  void operator()(rd_kafka_conf_s* conf) const;
};
using KafkaConf = std::unique_ptr<rd_kafka_conf_s, KafkaConfDeleter>;

// The trimmed, non-empty items of a comma-separated option ('a, b,c': topic.list,
// partition.no.list, topic.offsets.map).
std::vector<std::string> splitCommaList(const std::string& text);

// 'key:value,key2:value2' (optional.configuration, as the analyzer normalized it).
KafkaSettings parseOptionalConfiguration(const std::string& text);

// A configuration with `settings` applied in order; throws KafkaError naming the bad key.
KafkaConf makeKafkaConf(const KafkaSettings& settings);

// Settings that make clients behave well against the embedded (mock) broker: it answers a
// waiting fetch only at fetch.wait.max.ms, and a group's first join takes 3 s, a rejoin
// session.timeout.ms - 1 s (see docs/kafka.md).
const KafkaSettings& embeddedBrokerSettings();

}  // namespace cepheus::io
