#include "io/kafka/embedded_broker.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <sstream>
#include <vector>

#include "io/kafka/kafka_config.h"

namespace cepheus::io {

const char EmbeddedBroker::kCommandHelp[] =
    "commands: down ID|all, up ID|all, leader TOPIC PARTITION ID, rtt ID MS, "
    "error APIKEY COUNT CODE, topic NAME PARTITIONS, help";

EmbeddedBroker::EmbeddedBroker(int brokers) : brokers_(std::max(1, brokers)) {
  KafkaConf conf = makeKafkaConf({{"log_level", "2"}});
  char error[512];
  // The handle only hosts the cluster (its brokers run on the handle's threads).
  handle_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), error, sizeof error);
  if (!handle_) throw KafkaError(std::string("cannot start the embedded Kafka broker: ") + error);
  cluster_ = rd_kafka_mock_cluster_new(handle_, brokers_);
  if (!cluster_) {
    rd_kafka_destroy(handle_);
    throw KafkaError("cannot start the embedded Kafka broker (librdkafka's mock cluster)");
  }
  bootstraps_ = rd_kafka_mock_cluster_bootstraps(cluster_);
}

EmbeddedBroker::~EmbeddedBroker() {
  rd_kafka_mock_cluster_destroy(cluster_);
  rd_kafka_destroy(handle_);
}

bool EmbeddedBroker::createTopic(const std::string& name, int partitions) {
  std::lock_guard lock(mutex_);
  if (topics_.count(name)) return true;
  if (rd_kafka_mock_topic_create(cluster_, name.c_str(), std::max(1, partitions), std::min(3, brokers_)) !=
      RD_KAFKA_RESP_ERR_NO_ERROR)
    return false;
  topics_.insert(name);
  return true;
}

std::string EmbeddedBroker::command(const std::string& line) {
  std::istringstream in(line);
  std::string verb;
  in >> verb;
  auto brokerIds = [&](const std::string& which) {
    std::vector<int32_t> ids;
    if (which == "all" || which == "-1") {
      for (int32_t id = 1; id <= brokers_; ++id) ids.push_back(id);
    } else {
      try {
        ids.push_back(std::stoi(which));
      } catch (const std::exception&) {
      }
    }
    return ids;
  };
  if (verb.empty()) return "";
  if (verb == "help") return kCommandHelp;
  if (verb == "down" || verb == "up") {
    std::string which;
    in >> which;
    auto ids = brokerIds(which);
    if (ids.empty()) return "error: expected " + verb + " ID|all";
    for (int32_t id : ids) {
      rd_kafka_resp_err_t err = verb == "down" ? rd_kafka_mock_broker_set_down(cluster_, id)
                                               : rd_kafka_mock_broker_set_up(cluster_, id);
      if (err) return "error: broker " + std::to_string(id) + ": " + rd_kafka_err2str(err);
    }
    return "broker " + which + " " + verb;
  }
  if (verb == "leader") {
    std::string topic;
    int32_t partition = -1, id = -1;
    if (!(in >> topic >> partition >> id)) return "error: expected leader TOPIC PARTITION ID";
    rd_kafka_resp_err_t err = rd_kafka_mock_partition_set_leader(cluster_, topic.c_str(), partition, id);
    if (err) return std::string("error: ") + rd_kafka_err2str(err);
    return "leader of " + topic + "/" + std::to_string(partition) + " is broker " + std::to_string(id);
  }
  if (verb == "rtt") {
    int32_t id = -1;
    int ms = 0;
    if (!(in >> id >> ms)) return "error: expected rtt ID MS";
    rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_rtt(cluster_, id, ms);
    if (err) return std::string("error: ") + rd_kafka_err2str(err);
    return "broker " + std::to_string(id) + " answers after " + std::to_string(ms) + " ms";
  }
  if (verb == "error") {
    int16_t apiKey = 0;
    size_t count = 0;
    int code = 0;
    if (!(in >> apiKey >> count >> code) || count == 0 || count > 10'000)
      return "error: expected error APIKEY COUNT CODE (e.g. error 0 3 6: three Produce requests fail with NOT_LEADER)";
    std::vector<rd_kafka_resp_err_t> errors(count, static_cast<rd_kafka_resp_err_t>(code));
    rd_kafka_mock_push_request_errors_array(cluster_, apiKey, count, errors.data());
    return std::to_string(count) + " requests of API " + std::to_string(apiKey) + " fail with " +
           rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(code));
  }
  if (verb == "topic") {
    std::string name;
    int partitions = 0;
    if (!(in >> name >> partitions) || partitions < 1) return "error: expected topic NAME PARTITIONS";
    if (!createTopic(name, partitions)) return "error: cannot create topic " + name;
    return "topic " + name + " with " + std::to_string(partitions) + " partitions";
  }
  return "error: unknown command '" + verb + "'; " + kCommandHelp;
}

}  // namespace cepheus::io
