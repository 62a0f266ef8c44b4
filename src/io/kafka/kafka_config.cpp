#include "io/kafka/kafka_config.h"

#include <librdkafka/rdkafka.h>

namespace cepheus::io {

void KafkaHandleDeleter::operator()(rd_kafka_s* handle) const { rd_kafka_destroy(handle); }
void KafkaConfDeleter::operator()(rd_kafka_conf_s* conf) const { rd_kafka_conf_destroy(conf); }

std::vector<std::string> splitCommaList(const std::string& text) {
  std::vector<std::string> items;
  size_t from = 0;
  while (from <= text.size()) {
    size_t comma = text.find(',', from);
    if (comma == std::string::npos) comma = text.size();
    size_t begin = text.find_first_not_of(' ', from);
    size_t end = text.find_last_not_of(' ', comma == 0 ? 0 : comma - 1);
    if (begin < comma && end != std::string::npos && end >= begin) items.push_back(text.substr(begin, end - begin + 1));
    from = comma + 1;
  }
  return items;
}

KafkaSettings parseOptionalConfiguration(const std::string& text) {
  KafkaSettings settings;
  for (const std::string& entry : splitCommaList(text)) {
    size_t colon = entry.find(':');
    if (colon == std::string::npos || colon == 0) continue;
    settings.emplace_back(entry.substr(0, colon), entry.substr(colon + 1));
  }
  return settings;
}

KafkaConf makeKafkaConf(const KafkaSettings& settings) {
  KafkaConf conf(rd_kafka_conf_new());
  char error[512];
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK)
      throw KafkaError("kafka setting " + key + "='" + value + "': " + error);
  }
  return conf;
}

const KafkaSettings& embeddedBrokerSettings() {
  static const KafkaSettings settings = {
      {"fetch.wait.max.ms", "10"},
      {"session.timeout.ms", "6000"},
      {"heartbeat.interval.ms", "500"},
  };
  return settings;
}

}  // namespace cepheus::io
