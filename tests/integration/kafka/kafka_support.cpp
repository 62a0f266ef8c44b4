#include "integration/kafka/kafka_support.h"

#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "support/child_process.h"

namespace cepheus::test {

namespace {

using Clock = std::chrono::steady_clock;

rd_kafka_t* client(rd_kafka_type_t type, const std::vector<std::pair<std::string, std::string>>& settings) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  for (const auto& [key, value] : settings)
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK)
      throw std::runtime_error(error);
  rd_kafka_t* handle = rd_kafka_new(type, conf, error, sizeof error);
  if (!handle) throw std::runtime_error(error);
  return handle;
}

}  // namespace

KafkaDev::KafkaDev(const std::vector<std::string>& topics, int brokers) {
  char pattern[] = "/tmp/cepheus-kafka-dev-XXXXXX";
  dir_ = ::mkdtemp(pattern);
  std::string file = dir_ + "/bootstrap";
  std::vector<std::string> args = {CEPHEUS_BINARY, "kafka-dev", "--brokers", std::to_string(brokers), "--bootstrap-file", file};
  for (const std::string& topic : topics) {
    args.push_back("--topic");
    args.push_back(topic);
  }
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_ = testing::spawnLogged(args, dir_ + "/log", fds[0], fds[1]);
  if (pid_ < 0) throw std::runtime_error("fork failed");
  ::close(fds[0]);
  commandFd_ = fds[1];
  auto deadline = Clock::now() + std::chrono::seconds(20);
  while (Clock::now() < deadline) {
    std::ifstream in(file);
    if (std::getline(in, bootstrap_) && !bootstrap_.empty()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("cepheus kafka-dev did not start");
}

KafkaDev::~KafkaDev() {
  if (commandFd_ >= 0) ::close(commandFd_);
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 250 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void KafkaDev::command(const std::string& line) {
  std::string text = line + "\n";
  if (::write(commandFd_, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    throw std::runtime_error("cannot write to kafka-dev");
}

bool produce(const std::string& bootstrap, const std::vector<Outgoing>& records) {
  rd_kafka_t* producer = client(RD_KAFKA_PRODUCER, {{"bootstrap.servers", bootstrap}, {"linger.ms", "20"},
                                                     {"enable.idempotence", "true"}, {"log_level", "2"}});
  for (const Outgoing& record : records) {
    const void* key = record.key ? record.key->data() : nullptr;
    size_t keySize = record.key ? record.key->size() : 0;
    while (true) {
      rd_kafka_resp_err_t err = rd_kafka_producev(
          producer, RD_KAFKA_V_TOPIC(record.topic.c_str()), RD_KAFKA_V_PARTITION(record.partition),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE(const_cast<char*>(record.value.data()), record.value.size()),
          RD_KAFKA_V_KEY(key, keySize),
          RD_KAFKA_V_TIMESTAMP(record.timestamp), RD_KAFKA_V_END);
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) break;
      rd_kafka_poll(producer, 10);
    }
  }
  bool ok = rd_kafka_flush(producer, 60'000) == RD_KAFKA_RESP_ERR_NO_ERROR;
  rd_kafka_destroy(producer);
  return ok;
}

std::vector<Record> readTopic(const std::string& bootstrap, const std::string& topic, std::chrono::milliseconds wait) {
  std::vector<Record> records;
  rd_kafka_t* consumer = client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", bootstrap},
                                                     {"group.id", "cepheus-test-reader"},
                                                     {"enable.auto.commit", "false"},
                                                     {"fetch.wait.max.ms", "10"},
                                                     {"log_level", "2"}});
  rd_kafka_topic_t* handle = rd_kafka_topic_new(consumer, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  std::map<int32_t, int64_t> ends;
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(8);
  if (rd_kafka_metadata(consumer, 0, handle, &metadata, 10'000) == RD_KAFKA_RESP_ERR_NO_ERROR && metadata->topic_cnt == 1) {
    for (int i = 0; i < metadata->topics[0].partition_cnt; ++i) {
      int32_t partition = metadata->topics[0].partitions[i].id;
      int64_t low = 0, high = 0;
      if (rd_kafka_query_watermark_offsets(consumer, topic.c_str(), partition, &low, &high, 10'000)) continue;
      if (high > low) {
        ends[partition] = high;
        rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset = low;
      }
    }
  }
  if (metadata) rd_kafka_metadata_destroy(metadata);
  rd_kafka_topic_destroy(handle);
  rd_kafka_assign(consumer, list);
  rd_kafka_topic_partition_list_destroy(list);
  auto deadline = Clock::now() + wait;
  while (!ends.empty() && Clock::now() < deadline) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 100);
    if (!message) continue;
    if (!message->err) {
      Record record;
      record.topic = topic;
      record.partition = message->partition;
      record.offset = message->offset;
      if (message->key) record.key = std::string(static_cast<const char*>(message->key), message->key_len);
      record.value.assign(static_cast<const char*>(message->payload), message->len);
      record.timestamp = rd_kafka_message_timestamp(message, nullptr);
      rd_kafka_headers_t* headers = nullptr;
      if (rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char* name = nullptr;
        const void* value = nullptr;
        size_t size = 0;
        for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
          record.headers[name] = std::string(static_cast<const char*>(value), size);
      }
      records.push_back(std::move(record));
      auto end = ends.find(message->partition);
      if (end != ends.end() && message->offset + 1 >= end->second) ends.erase(end);
    }
    rd_kafka_message_destroy(message);
  }
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  return records;
}

}  // namespace cepheus::test
