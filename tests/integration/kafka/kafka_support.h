// For the Kafka tests: `cepheus kafka-dev` as a child process (the embedded broker, outliving the
// servers the tests kill), with its fault commands written to its stdin, and small librdkafka
// clients to produce the test's input and read back what the servers wrote. Every wait bounded.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cepheus::test {

class KafkaDev {
 public:
  // Starts it with the topics ("name:partitions") and waits (at most 20 s) for its address.
  explicit KafkaDev(const std::vector<std::string>& topics, int brokers = 1);
  ~KafkaDev();
  const std::string& bootstrap() const { return bootstrap_; }
  // A fault command ("down all", "up all"); its answer is on the process's stdout.
  void command(const std::string& line);

 private:
  pid_t pid_ = -1;
  int commandFd_ = -1;
  std::string dir_;
  std::string bootstrap_;
};

struct Record {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::optional<std::string> key;
  std::string value;
  int64_t timestamp = 0;
  std::map<std::string, std::string> headers;
};

struct Outgoing {
  std::string topic;
  std::optional<std::string> key;
  std::string value;
  int64_t timestamp = 0;  // 0: now
  int32_t partition = -1;  // -1: the partitioner's choice
};

// Produces and waits until every record is acknowledged (at most 60 s); false otherwise.
bool produce(const std::string& bootstrap, const std::vector<Outgoing>& records);

// Every record of the topic from the beginning to its end now (at most `wait`).
std::vector<Record> readTopic(const std::string& bootstrap, const std::string& topic,
                              std::chrono::milliseconds wait = std::chrono::seconds(30));

}  // namespace cepheus::test
