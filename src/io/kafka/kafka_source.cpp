#include "io/kafka/kafka_source.h"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "codec/event_json.h"
#include "io/kafka/kafka_config.h"
#include "io/mappers/source_mapper.h"

namespace cepheus::io {

namespace {

using Json = nlohmann::json;
using TopicPartition = std::pair<std::string, int32_t>;
using Positions = std::map<TopicPartition, int64_t>;  // the next offset to read

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class KafkaSource;

// One consumer and its thread.
struct Consumer {
  KafkaSource* source = nullptr;
  KafkaHandle handle;
  std::vector<std::string> topics;             // subscribed (group mode)
  std::vector<TopicPartition> assignment;      // assigned by hand (partition.no.list)
  std::unique_ptr<SourceMapper> mapper;        // a mapper keeps its parser's buffers: one each
  std::thread thread;
};

class KafkaSource : public Source {
 public:
  KafkaSource(const TransportInfo& info, SourceEnvironment environment)
      : Source(info), env_(std::move(environment)) {
    topics_ = splitCommaList(info.option("topic.list"));
    bootstrap_ = info.option("bootstrap.servers");
    if (bootstrap_.empty() && env_.kafkaBootstrap) {
      bootstrap_ = env_.kafkaBootstrap(info);
      embedded_ = true;
    }
    if (bootstrap_.empty())
      throw KafkaError("@source(type='kafka') on '" + info.stream + "' needs bootstrap.servers (or cepheus serve --kafka)");
    groupId_ = info.option("group.id", env_.appName + "." + info.stream);
    threading_ = info.option("threading.option", "single.thread");
    for (const std::string& partition : splitCommaList(info.option("partition.no.list")))
      partitions_.push_back(std::stoi(partition));
    for (const std::string& entry : splitCommaList(info.option("topic.offsets.map"))) {
      size_t first = entry.find(':');
      size_t second = entry.rfind(':');
      startOffsets_[{entry.substr(0, first), std::stoi(entry.substr(first + 1, second - first - 1))}] =
          std::stoll(entry.substr(second + 1));
    }
    commit_ = info.option("enable.offsets.commit", "true") == "true";
    asyncCommit_ = info.option("enable.async.commit", "true") == "true";
    recordTime_ = info.option("use.record.timestamp") == "true";
    deadLetterTopic_ = info.option("dead.letter.topic");
    toFault_ = info.option("on.error") == "STREAM" && env_.toFaultStream;
    optional_ = parseOptionalConfiguration(info.option("optional.configuration"));
  }

  ~KafkaSource() override { stop(); }

  void start() override {
    std::lock_guard lock(lifecycle_);
    if (running_) return;
    stopping_ = false;
    if (!deadLetterTopic_.empty()) deadLetters_ = makeProducer();
    // partition.wise: a consumer a partition; topic.wise: a consumer a topic; else one.
    if (threading_ == "partition.wise" && !partitions_.empty()) {
      for (const std::string& topic : topics_)
        for (int32_t partition : partitions_) addConsumer({}, {{topic, partition}});
    } else if (threading_ == "topic.wise") {
      for (const std::string& topic : topics_) {
        std::vector<TopicPartition> assignment;
        for (int32_t partition : partitions_) assignment.emplace_back(topic, partition);
        addConsumer(partitions_.empty() ? std::vector<std::string>{topic} : std::vector<std::string>{}, assignment);
      }
    } else {
      std::vector<TopicPartition> assignment;
      for (const std::string& topic : topics_)
        for (int32_t partition : partitions_) assignment.emplace_back(topic, partition);
      addConsumer(partitions_.empty() ? topics_ : std::vector<std::string>{}, assignment);
    }
    for (auto& consumer : consumers_) consumer->thread = std::thread([this, c = consumer.get()] { run(*c); });
    running_ = true;
  }

  void stop() override {
    std::lock_guard lock(lifecycle_);
    if (!running_) return;
    stopping_ = true;
    for (auto& consumer : consumers_)
      if (consumer->thread.joinable()) consumer->thread.join();
    // A clean stop commits where it stopped (the checkpoint taken next holds the same offsets):
    // the partitions' next owner in the group goes on from there, not from the last periodic
    // checkpoint.
    if (commit_) commitPositions(false);
    for (auto& consumer : consumers_) rd_kafka_consumer_close(consumer->handle.get());
    consumers_.clear();
    if (deadLetters_) rd_kafka_flush(deadLetters_.get(), 5000);
    deadLetters_.reset();
    running_ = false;
  }

  std::string endpoint() const override {
    std::string topics;
    for (const std::string& topic : topics_) topics += (topics.empty() ? "" : ",") + topic;
    return "kafka://" + bootstrap_ + "/" + topics + " (group " + groupId_ + ")";
  }

  std::string checkpoint() override {
    std::lock_guard lock(positionsMutex_);
    Json offsets = Json::array();
    for (const auto& [where, offset] : positions_) offsets.push_back({where.first, where.second, offset});
    return Json{{"format", 1}, {"group", groupId_}, {"offsets", offsets}}.dump();
  }

  void restoreCheckpoint(std::string_view state) override {
    Json json = Json::parse(state, nullptr, false);
    if (!json.is_object() || json.value("format", 0) != 1) throw std::invalid_argument("not the checkpoint of a kafka source");
    std::lock_guard lock(positionsMutex_);
    for (const Json& entry : json.at("offsets"))
      positions_[{entry.at(0).get<std::string>(), entry.at(1).get<int32_t>()}] = entry.at(2).get<int64_t>();
  }

  void checkpointSaved(std::string_view state) override {
    if (!commit_) return;
    Json json = Json::parse(state, nullptr, false);
    if (!json.is_object()) return;
    std::lock_guard lock(lifecycle_);
    commitOffsets(json.at("offsets"), asyncCommit_);
  }

  // Commits the offsets ([[topic, partition, offset]...]) of the partitions each consumer has.
  void commitOffsets(const Json& offsets, bool async) {
    for (auto& consumer : consumers_) {
      if (consumer->topics.empty() && consumer->assignment.empty()) continue;
      rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(8);
      rd_kafka_topic_partition_list_t* assigned = nullptr;
      rd_kafka_assignment(consumer->handle.get(), &assigned);
      for (const Json& entry : offsets) {
        std::string topic = entry.at(0).get<std::string>();
        int32_t partition = entry.at(1).get<int32_t>();
        if (!assigned || !rd_kafka_topic_partition_list_find(assigned, topic.c_str(), partition)) continue;
        rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset = entry.at(2).get<int64_t>();
      }
      if (list->cnt > 0) {
        rd_kafka_resp_err_t err = rd_kafka_commit(consumer->handle.get(), list, async ? 1 : 0);
        if (err) spdlog::debug("{}: kafka source {}: commit: {}", env_.appName, id(), rd_kafka_err2str(err));
      }
      if (assigned) rd_kafka_topic_partition_list_destroy(assigned);
      rd_kafka_topic_partition_list_destroy(list);
    }
  }

  void commitPositions(bool async) {
    Json offsets = Json::parse(checkpoint()).at("offsets");
    commitOffsets(offsets, async);
  }

  // Where a partition starts when it is assigned: the position this process has reached (or a
  // checkpoint restored), else topic.offsets.map, else the group's committed offset (else the
  // earliest).
  int64_t startOffset(const std::string& topic, int32_t partition) {
    std::lock_guard lock(positionsMutex_);
    auto it = positions_.find({topic, partition});
    if (it != positions_.end()) return it->second;
    auto start = startOffsets_.find({topic, partition});
    if (start != startOffsets_.end()) return start->second;
    return RD_KAFKA_OFFSET_INVALID;
  }

  void rebalanced(rd_kafka_t* handle, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions) {
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      for (int i = 0; i < partitions->cnt; ++i)
        partitions->elems[i].offset = startOffset(partitions->elems[i].topic, partitions->elems[i].partition);
      rd_kafka_assign(handle, partitions);
      spdlog::info("{}: kafka source {}: {} partition{} assigned", env_.appName, id(), partitions->cnt,
                   partitions->cnt == 1 ? "" : "s");
    } else {
      // Revoked: what was read stays in this process's state; the partition's next owner
      // starts at the offset the last checkpoint committed (docs/kafka.md, scale-out).
      rd_kafka_assign(handle, nullptr);
    }
  }

 private:
  KafkaSettings baseSettings() const {
    KafkaSettings settings = {{"bootstrap.servers", bootstrap_}, {"log_level", "3"}};
    if (embedded_)
      for (const auto& setting : embeddedBrokerSettings()) settings.push_back(setting);
    return settings;
  }

  KafkaHandle makeProducer() {
    KafkaSettings settings = baseSettings();
    settings.emplace_back("enable.idempotence", "true");
    for (const auto& setting : optional_) settings.push_back(setting);
    KafkaConf conf = makeKafkaConf(settings);
    char error[512];
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), error, sizeof error);
    if (!handle) throw KafkaError(std::string("kafka dead-letter producer: ") + error);
    conf.release();
    return KafkaHandle(handle);
  }

  void addConsumer(std::vector<std::string> topics, std::vector<TopicPartition> assignment) {
    auto consumer = std::make_unique<Consumer>();
    consumer->source = this;
    consumer->mapper = makeSourceMapper(info_, env_.stream);
    consumer->topics = std::move(topics);
    consumer->assignment = std::move(assignment);
    KafkaSettings settings = baseSettings();
    settings.insert(settings.end(), {{"group.id", groupId_},
                                     {"enable.auto.commit", "false"},
                                     {"enable.auto.offset.store", "false"},
                                     {"auto.offset.reset", "earliest"},
                                     {"enable.partition.eof", "false"},
                                     // The consumer's queue is one for all its partitions, and
                                     // librdkafka compares that queue's length with this limit
                                     // for each partition: at the default (100 000) a burst
                                     // stopped every partition's fetching, and fetching resumed
                                     // only once the queue was empty and the broker thread woke
                                     // (up to a second later). The byte limit
                                     // (queued.max.messages.kbytes, 64 MiB) still bounds memory.
                                     {"queued.min.messages", "10000000"}});
    for (const auto& setting : optional_) settings.push_back(setting);
    KafkaConf conf = makeKafkaConf(settings);
    rd_kafka_conf_set_opaque(conf.get(), this);
    rd_kafka_conf_set_rebalance_cb(conf.get(), [](rd_kafka_t* handle, rd_kafka_resp_err_t err,
                                                  rd_kafka_topic_partition_list_t* partitions, void* opaque) {
      static_cast<KafkaSource*>(opaque)->rebalanced(handle, err, partitions);
    });
    char error[512];
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), error, sizeof error);
    if (!handle) throw KafkaError(std::string("kafka consumer: ") + error);
    conf.release();
    consumer->handle.reset(handle);
    rd_kafka_poll_set_consumer(handle);
    if (!consumer->assignment.empty()) {
      rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(consumer->assignment.size()));
      for (const auto& [topic, partition] : consumer->assignment)
        rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset = startOffset(topic, partition);
      rd_kafka_assign(handle, list);
      rd_kafka_topic_partition_list_destroy(list);
    } else {
      rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(consumer->topics.size()));
      for (const std::string& topic : consumer->topics)
        rd_kafka_topic_partition_list_add(list, topic.c_str(), RD_KAFKA_PARTITION_UA);
      rd_kafka_resp_err_t err = rd_kafka_subscribe(handle, list);
      rd_kafka_topic_partition_list_destroy(list);
      if (err) throw KafkaError(std::string("kafka subscribe: ") + rd_kafka_err2str(err));
    }
    consumers_.push_back(std::move(consumer));
  }

  struct Malformed {
    std::string topic;
    int32_t partition;
    int64_t offset;
    std::string key;
    std::string payload;
    std::string error;
  };

  void run(Consumer& consumer) {
    constexpr size_t kBatch = 1024;
    std::vector<rd_kafka_message_t*> messages;
    messages.reserve(kBatch);
    codec::EventBatch batch;
    batch.width = env_.stream.attributes.size();
    std::vector<Malformed> malformed;
    std::vector<Moved> moved;
    std::string error;
    // The consumer's queue, read a batch at a time (rebalances are served there as by
    // rd_kafka_consumer_poll): one lock and one clock reading a batch, not a record.
    std::unique_ptr<rd_kafka_queue_t, void (*)(rd_kafka_queue_t*)> queue(rd_kafka_queue_get_consumer(consumer.handle.get()),
                                                                        rd_kafka_queue_destroy);
    auto takeWaiting = [&](size_t from) {
      ssize_t taken = rd_kafka_consume_batch_queue(queue.get(), 0, messages.data() + from, kBatch - from);
      messages.resize(from + static_cast<size_t>(std::max<ssize_t>(taken, 0)));
    };
    while (!stopping_.load(std::memory_order_relaxed)) {
      messages.resize(kBatch);
      takeWaiting(0);
      if (messages.empty()) {
        // Nothing waiting: up to 100 ms for the next record (a batch call waits its whole timeout
        // unless the batch fills), then what came with it.
        rd_kafka_message_t* first = rd_kafka_consumer_poll(consumer.handle.get(), 100);
        if (!first) continue;
        messages.resize(kBatch);
        messages[0] = first;
        takeWaiting(1);
      }
      batch.timestamps.clear();
      batch.values.clear();
      malformed.clear();
      moved.clear();
      int64_t arrival = nowMillis();
      size_t received = 0;
      for (rd_kafka_message_t* message : messages) {
        if (message->err) {
          if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
            spdlog::warn("{}: kafka source {}: {}", env_.appName, id(), rd_kafka_message_errstr(message));
          continue;
        }
        ++received;
        const char* topic = rd_kafka_topic_name(message->rkt);
        MessageContext context;
        context.topic = topic;
        context.partition = message->partition;
        context.offset = message->offset;
        context.hasKey = message->key != nullptr;
        if (message->key) context.key = std::string_view(static_cast<const char*>(message->key), message->key_len);
        rd_kafka_timestamp_type_t type;
        int64_t recordTime = rd_kafka_message_timestamp(message, &type);
        context.timestamp = recordTime >= 0 ? recordTime : arrival;
        std::string_view payload(static_cast<const char*>(message->payload), message->len);
        error.clear();
        if (!consumer.mapper->decode(payload, context, recordTime_ ? context.timestamp : arrival, batch, error)) {
          malformed.push_back({topic, message->partition, message->offset, std::string(context.key),
                               std::string(payload), error});
        }
        movePast(moved, message);
      }
      counters_.received.fetch_add(received, std::memory_order_relaxed);
      deliver(batch, malformed, moved);
      for (rd_kafka_message_t* message : messages) rd_kafka_message_destroy(message);
    }
  }

  // Where a batch ends in each partition it read, by topic handle: no topic name copied a record.
  struct Moved {
    rd_kafka_topic_t* topic;
    int32_t partition;
    int64_t next;
  };
  static void movePast(std::vector<Moved>& moved, const rd_kafka_message_t* message) {
    for (Moved& entry : moved) {
      if (entry.topic == message->rkt && entry.partition == message->partition) {
        entry.next = message->offset + 1;
        return;
      }
    }
    moved.push_back({message->rkt, message->partition, message->offset + 1});
  }

  void deliver(const codec::EventBatch& batch, const std::vector<Malformed>& malformed, const std::vector<Moved>& moved) {
    std::vector<EventView> views = batch.views();
    std::vector<std::vector<Value>> faults;
    auto send = [&] {
      if (!views.empty()) {
        try {
          env_.input.send(views);
        } catch (const std::exception& failure) {
          spdlog::error("{}: kafka source {}: events refused by the stream: {}", env_.appName, id(), failure.what());
        }
      }
      if (toFault_ && !malformed.empty()) {
        std::vector<Value> rows;
        size_t width = env_.stream.attributes.size() + 1;
        rows.reserve(width * malformed.size());
        std::vector<EventView> faultViews;
        for (const Malformed& bad : malformed) {
          for (size_t i = 0; i + 1 < width; ++i) rows.push_back(Value::null());
          rows.push_back(Value::ofString(describe(bad)));
        }
        for (size_t i = 0; i < malformed.size(); ++i) faultViews.push_back({nowMillis(), rows.data() + i * width});
        env_.toFaultStream(faultViews);
      }
      std::lock_guard lock(positionsMutex_);
      for (const Moved& entry : moved) positions_[{rd_kafka_topic_name(entry.topic), entry.partition}] = entry.next;
    };
    if (env_.guarded) env_.guarded(send);
    else send();
    counters_.events.fetch_add(views.size(), std::memory_order_relaxed);
    for (const Malformed& bad : malformed) reportMalformed(bad);
  }

  static std::string describe(const Malformed& bad) {
    return "malformed message at " + bad.topic + "/" + std::to_string(bad.partition) + "@" + std::to_string(bad.offset) +
           ": " + bad.error;
  }

  void reportMalformed(const Malformed& bad) {
    uint64_t count = counters_.malformed.fetch_add(1, std::memory_order_relaxed) + 1;
    // The first ten, then one in a thousand: a topic full of garbage must not flood the log.
    if (count <= 10 || count % 1000 == 0)
      spdlog::warn("{}: kafka source {}: {} ({} malformed so far)", env_.appName, id(), describe(bad), count);
    if (toFault_) counters_.deadLettered.fetch_add(1, std::memory_order_relaxed);
    if (!deadLetters_) return;
    std::string partition = std::to_string(bad.partition);
    std::string offset = std::to_string(bad.offset);
    rd_kafka_resp_err_t err;
    do {
      err = rd_kafka_producev(
          deadLetters_.get(), RD_KAFKA_V_TOPIC(deadLetterTopic_.c_str()),
          RD_KAFKA_V_VALUE(const_cast<char*>(bad.payload.data()), bad.payload.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
          RD_KAFKA_V_KEY(bad.key.data(), bad.key.size()),
          RD_KAFKA_V_HEADER("cepheus-error", bad.error.data(), static_cast<ssize_t>(bad.error.size())),
          RD_KAFKA_V_HEADER("cepheus-topic", bad.topic.data(), static_cast<ssize_t>(bad.topic.size())),
          RD_KAFKA_V_HEADER("cepheus-partition", partition.data(), static_cast<ssize_t>(partition.size())),
          RD_KAFKA_V_HEADER("cepheus-offset", offset.data(), static_cast<ssize_t>(offset.size())), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) rd_kafka_poll(deadLetters_.get(), 10);
    } while (err == RD_KAFKA_RESP_ERR__QUEUE_FULL && !stopping_);
    if (err) spdlog::error("{}: kafka source {}: dead-letter topic {}: {}", env_.appName, id(), deadLetterTopic_, rd_kafka_err2str(err));
    else counters_.deadLettered.fetch_add(1, std::memory_order_relaxed);
    rd_kafka_poll(deadLetters_.get(), 0);
  }

  SourceEnvironment env_;
  std::vector<std::string> topics_;
  std::string bootstrap_;
  bool embedded_ = false;
  std::string groupId_;
  std::string threading_;
  std::vector<int32_t> partitions_;
  Positions startOffsets_;
  bool commit_ = true;
  bool asyncCommit_ = true;
  bool recordTime_ = false;
  bool toFault_ = false;
  std::string deadLetterTopic_;
  KafkaSettings optional_;

  std::mutex lifecycle_;
  bool running_ = false;
  std::atomic<bool> stopping_{false};
  std::vector<std::unique_ptr<Consumer>> consumers_;
  KafkaHandle deadLetters_;
  std::mutex positionsMutex_;
  Positions positions_;
};

}  // namespace

std::unique_ptr<Source> makeKafkaSource(const TransportInfo& info, SourceEnvironment environment) {
  return std::make_unique<KafkaSource>(info, std::move(environment));
}

}  // namespace cepheus::io
