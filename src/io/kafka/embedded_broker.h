// The embedded Kafka broker: librdkafka's mock cluster (a Kafka-protocol broker inside a client
// handle, on random loopback ports), for `cepheus serve` without --kafka and for
// `cepheus kafka-dev`. It keeps everything in memory (nothing survives it), keeps at most about
// 5 MiB or 100 000 message sets a partition, and speaks PLAINTEXT only: a broker to try Cepheus
// with and to test against, not to run production on (docs/kafka.md).
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>

struct rd_kafka_s;
struct rd_kafka_mock_cluster_s;

namespace cepheus::io {

class EmbeddedBroker {
 public:
  explicit EmbeddedBroker(int brokers = 1);  // throws KafkaError
  ~EmbeddedBroker();
  EmbeddedBroker(const EmbeddedBroker&) = delete;
  EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

  // "127.0.0.1:PORT,..." for bootstrap.servers.
  const std::string& bootstraps() const { return bootstraps_; }
  int brokers() const { return brokers_; }
  // Creates the topic unless it exists; false when the mock refused.
  bool createTopic(const std::string& name, int partitions);

  // A fault command, as `cepheus kafka-dev` reads them on stdin; what happened, or an error
  // starting "error:". Commands: down ID|all, up ID|all, leader TOPIC PARTITION ID,
  // rtt ID MS, error APIKEY COUNT CODE (inject request errors), topic NAME PARTITIONS, help.
  std::string command(const std::string& line);
  static const char kCommandHelp[];

 private:
  int brokers_;
  rd_kafka_s* handle_ = nullptr;
  rd_kafka_mock_cluster_s* cluster_ = nullptr;
  std::string bootstraps_;
  std::mutex mutex_;
  std::set<std::string> topics_;
};

}  // namespace cepheus::io
