// The way into one stream: checks each event against the schema, moves the clock, and
// publishes the events into the stream's junction on the app's executor.
#pragma once

#include <span>
#include <vector>

#include "cepheus/stream.h"
#include "runtime/chunk.h"

namespace cepheus::runtime {

class AppRuntime;
class Junction;

class InputPort {
 public:
  InputPort(AppRuntime& app, Junction& junction);

  // Synchronous: processed on the calling thread before the call returns. From inside an app's
  // work (a callback) the events are posted instead, so that no thread ever waits for another
  // executor while holding one: into the same app they are processed right after the event
  // being processed, before the outermost send returns.
  void send(int64_t timestamp, std::span<const Value> data);
  void send(std::span<const EventView> events);
  // Asynchronous: the events are checked and copied, and processed on a worker of the engine.
  void post(std::span<const EventView> events);
  void post(int64_t timestamp, std::span<const Value> data);

  const StreamInfo& stream() const;

 private:
  // The event's values as the stream's types, or throws InvalidEvent. Returns `data` itself
  // when every value already has its attribute's type (the common case: no copy).
  const Value* conform(const Value* data, size_t size, std::vector<Value>& scratch) const {
    if (size == width_) {
      size_t i = 0;
      while (i < size && fits(data[i], i)) ++i;
      if (i == size) return data;
    }
    return conformSlowly(data, size, scratch);
  }
  const Value* conformSlowly(const Value* data, size_t size, std::vector<Value>& scratch) const;
  bool fits(const Value& v, size_t attribute) const {
    return (accepted_[attribute] >> static_cast<unsigned>(v.tag())) & 1u;
  }
  // On the executor.
  void publishOne(int64_t timestamp, const Value* data);
  void publishBatch(std::span<const EventView> events);

  AppRuntime& app_;
  Junction& junction_;
  size_t width_;
  std::vector<uint32_t> accepted_;  // per attribute: the value tags it takes as they are
  // Used on the executor only.
  std::vector<Value> scratch_;
  std::vector<std::vector<Value>> batchScratch_;
  Chunk chunk_;
};

}  // namespace cepheus::runtime
