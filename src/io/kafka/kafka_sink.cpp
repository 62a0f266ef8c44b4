#include "io/kafka/kafka_sink.h"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "io/dead_letters.h"
#include "io/kafka/kafka_config.h"
#include "io/message_ids.h"
#include "io/sinks/http/event_encoder.h"

namespace cepheus::io {

namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using TopicPartition = std::pair<std::string, int32_t>;

int64_t epochMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// What few records carry, kept apart so that a record stays small (below).
struct MessageExtra {
  std::string idText;         // the id as it was, for one restored from a checkpoint or replayed
  std::vector<Value> values;  // the event, for the fault stream (on.error='STREAM')
  std::string data;           // or its values as JSON, for one restored from a checkpoint
};

// A record of the sink. Small on purpose: a deque gives an element of more than 256 bytes a node
// of its own, which was an allocation a record in each of the sink's two queues; at 160 bytes
// three share a node.
struct Message {
  uint64_t seq = 0;
  OutputId id;                                // made by the sink's MessageIds, unless extra has it
  // Its topic when the sink's topic is a template (or it was restored or replayed); null: the
  // sink's fixed topic (not a shared pointer to it: two threads counting one reference for
  // every record would pass its line between the cores).
  std::shared_ptr<const std::string> topic;
  int32_t partition = RD_KAFKA_PARTITION_UA;
  std::optional<std::string> key;
  std::string payload;
  int64_t timestamp = 0;
  Clock::time_point published{};
  std::shared_ptr<const MessageExtra> extra;  // null for most
};

// A record handed to librdkafka; `done` once its delivery report came (see unacked_).
struct Unacked {
  Message message;
  bool done = false;
};
// libstdc++'s deque nodes hold 512 bytes' worth of elements.
static_assert(sizeof(Unacked) <= 512 / 3, "three records to a deque node");

const char* headerValue(rd_kafka_message_t* message, const char* name, size_t& size) {
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(message, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR) return nullptr;
  const void* value = nullptr;
  if (rd_kafka_header_get_last(headers, name, &value, &size) != RD_KAFKA_RESP_ERR_NO_ERROR) return nullptr;
  return static_cast<const char*>(value);
}

class KafkaSink : public Sink {
 public:
  KafkaSink(const TransportInfo& info, SinkEnvironment environment)
      : Sink(info),
        env_(std::move(environment)),
        encoder_(info, env_.stream),
        topic_(info.option("topic"), env_.stream),
        ids_(env_.appName, id_) {
    bootstrap_ = info.option("bootstrap.servers");
    bool embedded = false;
    if (bootstrap_.empty() && env_.kafkaBootstrap) {
      bootstrap_ = env_.kafkaBootstrap(info);
      embedded = true;
    }
    if (bootstrap_.empty())
      throw KafkaError("@sink(type='kafka') on '" + info.stream + "' needs bootstrap.servers (or cepheus serve --kafka)");
    if (info.has("key")) key_ = Template(info.option("key"), env_.stream);
    if (info.has("partition.no")) partition_ = std::stoi(info.option("partition.no"));
    synchronous_ = info.option("is.synchronous") == "true";
    queueMax_ = std::stoull(info.option("queue.max", "100000"));
    onError_ = info.option("on.error", "DEAD_LETTER");
    toFaultStream_ = onError_ == "STREAM";
    if (topic_.constant()) {
      fixedTopic_ = std::make_shared<const std::string>(topic_.render({}));
      fixedTopicHash_ = ids_.contentHash(*fixedTopic_);
    }
    settings_ = {{"bootstrap.servers", bootstrap_}, {"log_level", "3"}};
    if (embedded)
      for (const auto& setting : embeddedBrokerSettings()) settings_.push_back(setting);
    KafkaSettings producer = settings_;
    // Idempotent: the broker drops librdkafka's own resends and keeps each partition in order.
    // No message timeout: a message waits for the broker as long as it takes.
    producer.insert(producer.end(), {{"enable.idempotence", "true"},
                                     {"acks", "all"},
                                     {"message.timeout.ms", "0"},
                                     {"linger.ms", "5"},
                                     {"queue.buffering.max.messages", "1000000"}});
    for (const auto& setting : parseOptionalConfiguration(info.option("optional.configuration"))) {
      producer.push_back(setting);
      if (setting.first != "enable.idempotence" && setting.first != "acks" && setting.first.rfind("linger", 0) != 0)
        settings_.push_back(setting);
    }
    KafkaConf conf = makeKafkaConf(producer);
    rd_kafka_conf_set_opaque(conf.get(), this);
    rd_kafka_conf_set_dr_msg_cb(conf.get(), [](rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
      static_cast<KafkaSink*>(opaque)->noteReport(message);
    });
    char error[512];
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), error, sizeof error);
    if (!handle) throw KafkaError(std::string("kafka producer: ") + error);
    conf.release();
    producer_.reset(handle);
    thread_ = std::thread([this] { run(); });
  }

  ~KafkaSink() override {
    stop(Clock::now());
    {
      std::lock_guard lock(mutex_);
      quit_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (producer_) {
      rd_kafka_purge(producer_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
      rd_kafka_poll(producer_.get(), 0);
      for (auto& [name, handle] : topicHandles_) rd_kafka_topic_destroy(handle);
      producer_.reset();  // before unacked_, whose payloads it reads in place, goes
    }
  }

  void publish(std::span<const EventView> events) override {
    size_t width = env_.stream.attributes.size();
    // Rendered outside mutex_ (the sink's thread takes it meanwhile), into a buffer kept between
    // calls: a batch of a thousand records is a quarter of a megabyte, which malloc would map and
    // unmap on every call.
    std::lock_guard rendering(renderingMutex_);
    std::vector<Message>& messages = rendering_;
    std::vector<uint64_t>& hashes = renderingHashes_;  // of topic, key and payload: for the ids
    messages.clear();
    hashes.clear();
    messages.reserve(events.size());
    Clock::time_point now = Clock::now();
    for (const EventView& view : events) {
      std::span<const Value> data(view.data, width);
      Message message;
      if (!fixedTopic_) message.topic = std::make_shared<const std::string>(topic_.render(data));
      message.partition = partition_;
      if (key_) message.key = key_->render(data);
      if (!renderingSpares_.empty()) {
        message.payload = std::move(renderingSpares_.back());
        renderingSpares_.pop_back();
      }
      encoder_.bodyInto(message.payload, data);
      message.timestamp = view.timestamp;
      // The values are kept for the fault stream only: a dead letter keeps the record itself.
      if (toFaultStream_) message.extra = std::make_shared<const MessageExtra>(MessageExtra{{}, {data.begin(), data.end()}, {}});
      message.published = now;
      uint64_t hash = message.topic ? ids_.contentHash(*message.topic) : fixedTopicHash_;
      hash = ids_.contentHash(message.key ? std::string_view(*message.key) : std::string_view("\1", 1), hash * 31);
      hashes.push_back(ids_.contentHash(message.payload, hash * 31));
      messages.push_back(std::move(message));
    }
    std::unique_lock lock(mutex_);
    constexpr size_t kAhead = 4;
    for (size_t i = 0; i < messages.size() && i < kAhead; ++i) ids_.prefetch(hashes[i], messages[i].timestamp);
    for (size_t i = 0; i < messages.size(); ++i) {
      if (i + kAhead < messages.size()) ids_.prefetch(hashes[i + kAhead], messages[i + kAhead].timestamp);
      Message& message = messages[i];
      // Back-pressure: wait for room rather than drop (the app's thread waits here).
      room_.wait(lock, [&] { return pendingLocked() < queueMax_ || released_; });
      message.id = ids_.nextIdOfHash(hashes[i], message.timestamp);
      message.seq = nextSeq_++;
      queue_.push_back(std::move(message));
    }
    // Counted a batch at a time: the sink's thread counts the same `queued` down, and a counter
    // line moving between the two cores for every record cost more than the record's id.
    counters_->published.fetch_add(messages.size(), std::memory_order_relaxed);
    counters_->queued.fetch_add(static_cast<int64_t>(messages.size()), std::memory_order_relaxed);
    messages.clear();
    // The delivered records' payload buffers, for the next call's records.
    while (!sparePayloads_.empty() && renderingSpares_.size() < kSparePayloads) {
      renderingSpares_.push_back(std::move(sparePayloads_.back()));
      sparePayloads_.pop_back();
    }
    uint64_t last = nextSeq_ - 1;
    wake_.notify_all();
    if (synchronous_) settled_.wait(lock, [&] { return released_ || !pendingThroughLocked(last); });
  }

  void release() override {
    {
      std::lock_guard lock(mutex_);
      released_ = true;
    }
    room_.notify_all();
    settled_.notify_all();
  }

  void stop(Clock::time_point deadline) override {
    std::unique_lock lock(mutex_);
    released_ = true;
    room_.notify_all();
    if (stopped_) return;
    settled_.wait_until(lock, deadline, [&] { return pendingLocked() == 0 && !recovering_; });
    stopped_ = true;
    wake_.notify_all();
  }

  std::string saveState() override { return captureCheckpoint()(); }

  std::function<std::string()> captureCheckpoint() override {
    // Copied under the lock (a copy of each pending record, a few milliseconds for tens of
    // thousands); written out as JSON by the checkpoint, after the app and this sink go on.
    struct Captured {
      MessageIds ids;
      std::shared_ptr<const std::string> fixedTopic;  // for the records without a topic of their own
      uint64_t seq;
      std::vector<std::tuple<std::string, int32_t, int64_t>> acked;
      std::vector<Message> pending;
    };
    std::shared_ptr<Captured> captured;
    {
      std::lock_guard lock(mutex_);
      captured = std::make_shared<Captured>(Captured{ids_, fixedTopic_, nextSeq_, {}, {}});
      for (const auto& [where, offset] : acked_) captured->acked.emplace_back(where.first, where.second, offset);
      captured->pending.reserve(unackedCount_ + queue_.size());
      for (const Unacked& entry : unacked_)
        if (!entry.done) captured->pending.push_back(entry.message);
      for (const Message& message : queue_) captured->pending.push_back(message);
    }
    return [captured] {
      Json acked = Json::array();
      for (const auto& [topic, partition, offset] : captured->acked) acked.push_back({topic, partition, offset});
      Json pending = Json::array();
      for (const Message& message : captured->pending) {
        Json entry = {{"seq", message.seq},
                      {"id", idOf(captured->ids, message)},
                      {"topic", message.topic ? *message.topic : *captured->fixedTopic},
                      {"partition", message.partition},
                      {"payload", message.payload},
                      {"ts", message.timestamp},
                      {"data", dataOf(message)}};
        if (message.key) entry["key"] = *message.key;
        pending.push_back(std::move(entry));
      }
      return Json{{"format", 1}, {"ids", captured->ids.save()}, {"seq", captured->seq}, {"acked", acked}, {"pending", pending}}
          .dump(-1, ' ', false, Json::error_handler_t::replace);
    };
  }

  void restoreState(std::string_view state) override {
    Json json = Json::parse(state, nullptr, false);
    if (!json.is_object() || json.value("format", 0) != 1 || !json.contains("acked"))
      throw std::invalid_argument("not the state of a kafka sink");
    std::deque<Message> restored;
    for (const Json& entry : json.at("pending")) {
      Message message;
      message.seq = entry.at("seq").get<uint64_t>();
      message.topic = std::make_shared<const std::string>(entry.at("topic").get<std::string>());
      message.partition = entry.at("partition").get<int32_t>();
      if (entry.contains("key")) message.key = entry.at("key").get<std::string>();
      message.payload = entry.at("payload").get<std::string>();
      message.timestamp = entry.at("ts").get<int64_t>();
      message.extra = std::make_shared<const MessageExtra>(
          MessageExtra{entry.at("id").get<std::string>(), {}, entry.at("data").get<std::string>()});
      message.published = Clock::now();
      restored.push_back(std::move(message));
    }
    std::lock_guard lock(mutex_);
    ids_.restore(json.at("ids").get<std::string>());
    if (fixedTopic_) fixedTopicHash_ = ids_.contentHash(*fixedTopic_);  // by the restored ids' hash
    nextSeq_ = std::max(nextSeq_, json.at("seq").get<uint64_t>());
    for (const Json& entry : json.at("acked"))
      acked_[{entry.at(0).get<std::string>(), entry.at(1).get<int32_t>()}] = entry.at(2).get<int64_t>();
    readBackTopics_.clear();
    if (fixedTopic_) readBackTopics_.insert(*fixedTopic_);
    for (const auto& [where, offset] : acked_) readBackTopics_.insert(where.first);
    for (const Message& message : restored) readBackTopics_.insert(*message.topic);
    counters_->queued.fetch_add(static_cast<int64_t>(restored.size()), std::memory_order_relaxed);
    for (auto it = restored.rbegin(); it != restored.rend(); ++it) queue_.push_front(std::move(*it));
    recovering_ = true;
    wake_.notify_all();
  }

  bool replay(const DeadLetter& letter) override {
    Message message;
    message.topic = std::make_shared<const std::string>(letter.url.rfind("kafka://", 0) == 0 ? letter.url.substr(8) : letter.url);
    for (const auto& [name, value] : letter.headers)
      if (name == "key") message.key = value;
    message.payload = letter.body;
    MessageExtra extra{letter.id, {}, {}};
    if (!letter.events.empty()) {
      message.timestamp = letter.events.front().timestamp;
      extra.data = letter.events.front().data;
    }
    message.extra = std::make_shared<const MessageExtra>(std::move(extra));
    message.published = Clock::now();
    std::lock_guard lock(mutex_);
    if (stopped_) return false;
    message.seq = nextSeq_++;
    counters_->queued.fetch_add(1, std::memory_order_relaxed);
    queue_.push_back(std::move(message));
    wake_.notify_all();
    return true;
  }

  void abandonPending(const std::string& reason) override {
    std::vector<Message> pending;
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
      for (Unacked& entry : unacked_)
        if (!entry.done) pending.push_back(entry.message);  // copies: librdkafka may read them still
      for (Message& message : queue_) pending.push_back(std::move(message));
      // Reported or not, librdkafka may still read an in-flight payload: keep the storage.
      for (Unacked& entry : unacked_) entry.done = true;
      unackedCount_ = 0;
      queue_.clear();
      counters_->queued.store(0, std::memory_order_relaxed);
    }
    for (Message& message : pending) giveUp(message, reason);
  }

 private:
  static std::string dataOf(const Message& message) {
    if (!message.extra) return "[]";
    if (!message.extra->values.empty()) return dataJson(message.extra->values);
    return message.extra->data.empty() ? "[]" : message.extra->data;
  }
  size_t pendingLocked() const { return queue_.size() + unackedCount_; }
  const std::string& topicOf(const Message& message) const { return message.topic ? *message.topic : *fixedTopic_; }
  static std::string idOf(const MessageIds& ids, const Message& message) {
    return message.extra && !message.extra->idText.empty() ? message.extra->idText : ids.text(message.id);
  }
  // ids_ is read here without mutex_: it changes only in restoreState(), before any record.
  std::string idOf(const Message& message) const { return idOf(ids_, message); }
  bool pendingThroughLocked(uint64_t seq) const {
    if (!queue_.empty() && queue_.front().seq <= seq) return true;
    for (const Unacked& entry : unacked_) {
      if (entry.message.seq > seq) break;
      if (!entry.done) return true;
    }
    return false;
  }

  void run() {
    std::vector<Handed> batch;  // entries of unacked_ to hand to librdkafka
    while (true) {
      bool recovering;
      {
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(queue_.empty() && unackedCount_ == 0 ? 50 : 1),
                       [&] { return quit_ || (!queue_.empty() && !recovering_ && !stopped_) || recovering_; });
        if (quit_) return;
        recovering = recovering_;
        if (!recovering && !stopped_) {
          // Up to 1000 records move to unacked_ under one lock (those already in the topic,
          // after a crash, are dropped here).
          while (!queue_.empty() && batch.size() < 1000) {
            Message& message = queue_.front();
            auto skipped = skip_.empty() ? skip_.end() : skip_.find(idOf(message));
            if (skipped != skip_.end()) {
              skip_.erase(skipped);
              counters_->queued.fetch_sub(1, std::memory_order_relaxed);
              counters_->delivered.fetch_add(1, std::memory_order_relaxed);
            } else {
              unacked_.push_back({std::move(message), false});
              ++unackedCount_;
              batch.push_back({firstSlot_ + unacked_.size() - 1, &unacked_.back().message});
            }
            queue_.pop_front();
          }
          settled_.notify_all();
          room_.notify_all();
        }
      }
      if (recovering) {
        recover();
        continue;
      }
      // The records' create time, read once for the batch (librdkafka reads the clock for each).
      const int64_t createdAt = epochMillis();
      for (const Handed& handed : batch) produce(*handed.message, handed.slot, createdAt);
      counters_->requests.fetch_add(batch.size(), std::memory_order_relaxed);
      batch.clear();
      pollReports(0);
    }
  }

  // Delivery reports come from rd_kafka_poll, on this thread: noteReport() keeps each, then they
  // are settled together, under one lock and with one reading of the clock.
  struct Report {
    uint64_t slot;
    rd_kafka_resp_err_t err;
    rd_kafka_topic_t* topic;
    int32_t partition;
    int64_t offset;
  };
  void noteReport(const rd_kafka_message_t* report) {
    if (report->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || report->err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT) return;
    reports_.push_back({static_cast<uint64_t>(reinterpret_cast<uintptr_t>(report->_private)), report->err, report->rkt,
                        report->partition, report->offset});
  }
  void pollReports(int timeoutMs) {
    rd_kafka_poll(producer_.get(), timeoutMs);
    if (!reports_.empty()) settleReports();
  }

  // An entry of unacked_ to hand to librdkafka. A deque's elements stay where they are while
  // others are added at the back or taken from the front, and only this thread does either; an
  // entry leaves only after its report, so the pointer holds until produce() has handed it over.
  struct Handed {
    uint64_t slot;
    const Message* message;
  };

  // Hands the record of a slot of unacked_ to librdkafka.
  void produce(const Message& stored, uint64_t slot, int64_t createdAt) {
    char idBuffer[MessageIds::kMaxText];
    std::string_view id = stored.extra ? std::string_view(stored.extra->idText) : std::string_view();
    if (id.empty()) id = std::string_view(idBuffer, ids_.render(stored.id, idBuffer));
    const void* key = stored.key ? stored.key->data() : nullptr;
    size_t keySize = stored.key ? stored.key->size() : 0;
    rd_kafka_topic_t* topic = topicHandle(topicOf(stored));
    if (!topic) {  // a name librdkafka refuses (a template gave one of more than 512 bytes)
      fail(slot, "no such topic can be written: " + std::string(rd_kafka_err2str(rd_kafka_last_error())));
      return;
    }
    rd_kafka_resp_err_t err;
    while (true) {
      err = rd_kafka_producev(
          producer_.get(), RD_KAFKA_V_RKT(topic), RD_KAFKA_V_PARTITION(stored.partition),
          RD_KAFKA_V_MSGFLAGS(0),  // the payload is read in place until its report
          RD_KAFKA_V_VALUE(const_cast<char*>(stored.payload.data()), stored.payload.size()),
          RD_KAFKA_V_KEY(key, keySize),
          RD_KAFKA_V_HEADER("cepheus-id", id.data(), static_cast<ssize_t>(id.size())), RD_KAFKA_V_TIMESTAMP(createdAt),
          RD_KAFKA_V_OPAQUE(reinterpret_cast<void*>(static_cast<uintptr_t>(slot))), RD_KAFKA_V_END);
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) break;
      pollReports(10);
    }
    if (err) fail(slot, rd_kafka_err2str(err));
  }

  // librdkafka's handle of a topic, made once (on the sink's thread only), or null for a name it
  // refuses: given a topic's name, rd_kafka_producev looks the topic up under the client's lock
  // and counts a reference to it for every record. A refused name is not kept, so that the
  // error the caller reads next is that of this refusal.
  rd_kafka_topic_t* topicHandle(const std::string& topic) {
    if (lastTopic_ != topicHandles_.end() && lastTopic_->first == topic) return lastTopic_->second;
    auto it = topicHandles_.find(topic);
    if (it == topicHandles_.end()) {
      rd_kafka_topic_t* handle = rd_kafka_topic_new(producer_.get(), topic.c_str(), nullptr);
      if (!handle) return nullptr;
      it = topicHandles_.emplace(topic, handle).first;
    }
    lastTopic_ = it;
    return it->second;
  }

  // The entry of a slot not reported yet, or null (mutex_ held).
  Unacked* entryLocked(uint64_t slot) {
    if (slot < firstSlot_ || slot - firstSlot_ >= unacked_.size()) return nullptr;
    Unacked& entry = unacked_[slot - firstSlot_];
    return entry.done ? nullptr : &entry;
  }

  // Marks an entry reported and drops the reported ones at the front (mutex_ held).
  void doneLocked(Unacked& entry) {
    entry.done = true;
    --unackedCount_;
    while (!unacked_.empty() && unacked_.front().done) {
      std::string& payload = unacked_.front().message.payload;
      if (sparePayloads_.size() < kSparePayloads && payload.capacity() <= kSparePayloadCapacity)
        sparePayloads_.push_back(std::move(payload));
      unacked_.pop_front();
      ++firstSlot_;
    }
  }

  void settleReports() {
    std::vector<Report> failed;
    size_t delivered = 0;
    LatencyHistogram::Batch latencies;
    {
      const Clock::time_point now = Clock::now();
      std::lock_guard lock(mutex_);
      // Reports come in runs of one partition's records: its offset is looked up once a run.
      std::pair<const void*, int32_t> lastPartition{nullptr, 0};
      int64_t* lastAcked = nullptr;
      for (const Report& report : reports_) {
        if (report.err) {
          failed.push_back(report);
          continue;
        }
        Unacked* entry = entryLocked(report.slot);
        if (!entry) continue;
        latencies.record(std::chrono::duration_cast<std::chrono::nanoseconds>(now - entry->message.published));
        if (!lastAcked || lastPartition != std::pair<const void*, int32_t>{report.topic, report.partition}) {
          lastPartition = {report.topic, report.partition};
          int64_t*& acked = ackedByHandle_[lastPartition];
          if (!acked) acked = &acked_[{rd_kafka_topic_name(report.topic), report.partition}];
          lastAcked = acked;
        }
        *lastAcked = std::max(*lastAcked, report.offset);
        doneLocked(*entry);
        ++delivered;
      }
    }
    counters_->endToEnd.add(latencies);
    counters_->delivered.fetch_add(delivered, std::memory_order_relaxed);
    counters_->queued.fetch_sub(static_cast<int64_t>(delivered), std::memory_order_relaxed);
    reports_.clear();
    settled_.notify_all();
    room_.notify_all();
    for (const Report& report : failed) {
      counters_->failedAttempts.fetch_add(1, std::memory_order_relaxed);
      fail(report.slot, rd_kafka_err2str(report.err));
    }
  }

  // A permanent failure (the broker refused the record: too large, no such topic...).
  void fail(uint64_t token, const std::string& reason) {
    Message message;
    {
      std::lock_guard lock(mutex_);
      Unacked* entry = entryLocked(token);
      if (!entry) return;
      message = entry->message;  // a copy: librdkafka may still hold the payload's bytes
      doneLocked(*entry);
      counters_->queued.fetch_sub(1, std::memory_order_relaxed);
    }
    giveUp(message, reason);
    settled_.notify_all();
    room_.notify_all();
  }

  void giveUp(Message& message, const std::string& reason) {
    counters_->deadLetters.fetch_add(1, std::memory_order_relaxed);
    if (toFaultStream_ && env_.toFaultStream && message.extra && message.extra->values.size() == env_.stream.attributes.size()) {
      std::vector<Value> row = message.extra->values;
      row.push_back(Value::ofString(reason));
      EventView view{message.timestamp, row.data()};
      env_.toFaultStream(std::span<const EventView>(&view, 1));
      return;
    }
    if (onError_ == "DEAD_LETTER" && env_.deadLetters) {
      DeadLetter letter;
      letter.id = idOf(message);
      letter.sink = id_;
      letter.error = reason;
      letter.attempts = 1;
      letter.at = epochMillis();
      letter.method = "KAFKA";
      letter.url = "kafka://" + topicOf(message);
      if (message.key) letter.headers.emplace_back("key", *message.key);
      letter.body = message.payload;
      letter.events.push_back({message.timestamp, dataOf(message)});
      env_.deadLetters->append(letter);
      spdlog::warn("{}: kafka sink {}: a record to {} given up on ({}), kept as a dead letter", env_.appName, id_,
                   topicOf(message), reason);
      return;
    }
    spdlog::error("{}: kafka sink {}: a record to {} given up on ({}): {}", env_.appName, id_, topicOf(message), reason,
                  message.payload);
  }

  // After a restore: reads what this sink wrote after its checkpoint (from the offsets it had
  // seen acknowledged, to the end) and notes their ids, so the replayed outputs already in the
  // topic are skipped. Until it succeeds nothing is sent; it tries again while the broker is away.
  void recover() {
    std::set<std::string> topics;
    std::map<TopicPartition, int64_t> acked;
    {
      std::lock_guard lock(mutex_);
      topics = readBackTopics_;
      acked = acked_;
    }
    std::unordered_set<std::string> found;
    std::string error;
    if (!readBack(topics, acked, found, error)) {
      spdlog::warn("{}: kafka sink {}: cannot read back what it wrote ({}); trying again", env_.appName, id_, error);
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::seconds(1), [&] { return quit_; });
      return;
    }
    std::lock_guard lock(mutex_);
    skip_.insert(found.begin(), found.end());
    recovering_ = false;
    spdlog::info("{}: kafka sink {}: read back {} record{} written before the restart", env_.appName, id_, found.size(),
                 found.size() == 1 ? "" : "s");
    settled_.notify_all();
  }

  bool readBack(const std::set<std::string>& topics, const std::map<TopicPartition, int64_t>& acked,
                std::unordered_set<std::string>& found, std::string& error) {
    KafkaSettings settings = settings_;
    settings.insert(settings.end(), {{"group.id", "cepheus-read-back-" + ids_.tag()},
                                     {"enable.auto.commit", "false"},
                                     {"enable.partition.eof", "true"}});
    KafkaConf conf = makeKafkaConf(settings);
    char text[512];
    rd_kafka_t* raw = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), text, sizeof text);
    if (!raw) {
      error = text;
      return false;
    }
    conf.release();
    KafkaHandle consumer(raw);
    rd_kafka_topic_partition_list_t* assignment = rd_kafka_topic_partition_list_new(16);
    std::map<TopicPartition, int64_t> ends;
    for (const std::string& topic : topics) {
      rd_kafka_topic_t* handle = rd_kafka_topic_new(raw, topic.c_str(), nullptr);
      const rd_kafka_metadata_t* metadata = nullptr;
      rd_kafka_resp_err_t err = rd_kafka_metadata(raw, 0, handle, &metadata, 5000);
      rd_kafka_topic_destroy(handle);
      if (err || !metadata || metadata->topic_cnt != 1) {
        error = std::string("metadata of ") + topic + ": " + rd_kafka_err2str(err);
        if (metadata) rd_kafka_metadata_destroy(metadata);
        rd_kafka_topic_partition_list_destroy(assignment);
        return false;
      }
      std::vector<int32_t> partitions;
      for (int i = 0; i < metadata->topics[0].partition_cnt; ++i) partitions.push_back(metadata->topics[0].partitions[i].id);
      bool unknown = metadata->topics[0].err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
      rd_kafka_metadata_destroy(metadata);
      if (unknown) continue;
      for (int32_t partition : partitions) {
        int64_t low = 0, high = 0;
        err = rd_kafka_query_watermark_offsets(raw, topic.c_str(), partition, &low, &high, 5000);
        if (err) {
          error = "offsets of " + topic + "/" + std::to_string(partition) + ": " + rd_kafka_err2str(err);
          rd_kafka_topic_partition_list_destroy(assignment);
          return false;
        }
        auto seen = acked.find({topic, partition});
        int64_t start = seen == acked.end() ? low : std::max(low, seen->second + 1);
        if (start >= high) continue;
        rd_kafka_topic_partition_list_add(assignment, topic.c_str(), partition)->offset = start;
        ends[{topic, partition}] = high;
      }
    }
    bool ok = true;
    if (assignment->cnt > 0) {
      rd_kafka_assign(raw, assignment);
      auto deadline = Clock::now() + std::chrono::seconds(60);
      std::string prefix = ids_.tag() + ":";
      while (!ends.empty() && Clock::now() < deadline) {
        rd_kafka_message_t* message = rd_kafka_consumer_poll(raw, 200);
        if (!message) continue;
        TopicPartition where{message->rkt ? rd_kafka_topic_name(message->rkt) : "", message->partition};
        if (!message->err) {
          size_t size = 0;
          const char* id = headerValue(message, "cepheus-id", size);
          if (id && std::string_view(id, size).substr(0, prefix.size()) == prefix) found.emplace(id, size);
          auto end = ends.find(where);
          if (end != ends.end() && message->offset + 1 >= end->second) ends.erase(end);
        } else if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
          ends.erase(where);
        }
        rd_kafka_message_destroy(message);
      }
      if (!ends.empty()) {
        error = "timed out reading back " + std::to_string(ends.size()) + " partition(s)";
        ok = false;
      }
      rd_kafka_assign(raw, nullptr);
    }
    rd_kafka_topic_partition_list_destroy(assignment);
    rd_kafka_consumer_close(raw);
    return ok;
  }

  SinkEnvironment env_;
  EventEncoder encoder_;
  Template topic_;
  std::shared_ptr<const std::string> fixedTopic_;  // null: the topic is a template
  uint64_t fixedTopicHash_ = 0;
  std::optional<Template> key_;
  int32_t partition_ = RD_KAFKA_PARTITION_UA;
  bool synchronous_ = false;
  size_t queueMax_ = 100'000;
  std::string onError_;
  bool toFaultStream_ = false;  // on.error is STREAM
  std::string bootstrap_;
  KafkaSettings settings_;  // for the read-back consumer
  KafkaHandle producer_;

  std::mutex mutex_;
  std::condition_variable wake_, room_, settled_;
  MessageIds ids_;
  uint64_t nextSeq_ = 0;
  std::deque<Message> queue_;            // not handed to librdkafka yet
  // Handed to librdkafka, no delivery report yet, in the order handed (slot firstSlot_ first).
  // librdkafka reads the payloads in place (no copy), so they stay here, where a deque keeps
  // them in place, until their report; an entry reported is `done` until it reaches the front.
  std::deque<Unacked> unacked_;
  uint64_t firstSlot_ = 0;
  size_t unackedCount_ = 0;
  // acked_'s entry of each (topic handle, partition) reported so far: no string a report.
  std::map<std::pair<const void*, int32_t>, int64_t*> ackedByHandle_;
  std::map<TopicPartition, int64_t> acked_;
  std::unordered_set<std::string> skip_;
  std::set<std::string> readBackTopics_;
  bool recovering_ = false;
  bool released_ = false;
  bool stopped_ = false;
  bool quit_ = false;
  std::vector<Report> reports_;  // taken by noteReport() during a poll (the sink's thread)
  // topicHandle()'s, by name; destroyed before the producer.
  std::map<std::string, rd_kafka_topic_t*> topicHandles_;
  std::map<std::string, rd_kafka_topic_t*>::iterator lastTopic_ = topicHandles_.end();  // the one asked for last
  // Payload buffers of delivered records, reused by publish() (filled by doneLocked()): a
  // payload allocated on the app's thread and freed on the sink's was a malloc and a free, across
  // threads, for every record.
  static constexpr size_t kSparePayloads = 2048;
  static constexpr size_t kSparePayloadCapacity = 4096;
  std::vector<std::string> sparePayloads_;
  std::mutex renderingMutex_;
  std::vector<Message> rendering_;  // publish()'s records being rendered
  std::vector<uint64_t> renderingHashes_;
  std::vector<std::string> renderingSpares_;  // taken from sparePayloads_ at the end of publish()
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Sink> makeKafkaSink(const TransportInfo& info, SinkEnvironment environment) {
  return std::make_unique<KafkaSink>(info, std::move(environment));
}

}  // namespace cepheus::io
