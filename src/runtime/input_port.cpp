#include "runtime/input_port.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "runtime/app_runtime.h"
#include "runtime/junction.h"

namespace cepheus::runtime {

namespace {

// The value tags an attribute of each type accepts as they are (null always).
uint32_t acceptedTags(Type type) {
  using Tag = Value::Tag;
  auto bit = [](Tag t) { return 1u << static_cast<unsigned>(t); };
  uint32_t null = bit(Tag::Null);
  switch (type) {
    case Type::String: return null | bit(Tag::InlineString) | bit(Tag::HeapString);
    case Type::Int: return null | bit(Tag::Int);
    case Type::Long: return null | bit(Tag::Long);
    case Type::Float: return null | bit(Tag::Float);
    case Type::Double: return null | bit(Tag::Double);
    case Type::Bool: return null | bit(Tag::Bool);
    case Type::Object: return ~0u;
  }
  return 0;
}

// Lossless widening of a number to the attribute's type (an int sent for a long attribute).
bool widen(const Value& v, Type type, Value& out) {
  using Tag = Value::Tag;
  bool integral = v.tag() == Tag::Int || v.tag() == Tag::Long;
  switch (type) {
    case Type::Long:
      if (v.tag() != Tag::Int) return false;
      out = Value::ofLong(v.asLong());
      return true;
    case Type::Float:
      if (!integral) return false;
      out = Value::ofFloat(static_cast<float>(v.asLong()));
      return true;
    case Type::Double:
      if (!integral && v.tag() != Tag::Float) return false;
      out = Value::ofDouble(v.toDouble());
      return true;
    default: return false;
  }
}

// Events posted to the executor: their values, already checked, and their timestamps.
struct PostedEvents {
  std::vector<Value> values;
  std::vector<EventView> views;
};

}  // namespace

InputPort::InputPort(AppRuntime& app, Junction& junction)
    : app_(app), junction_(junction), width_(junction.width()) {
  for (const auto& attribute : junction.info().attributes) accepted_.push_back(acceptedTags(attribute.type));
}

const StreamInfo& InputPort::stream() const { return junction_.info(); }

const Value* InputPort::conformSlowly(const Value* data, size_t size, std::vector<Value>& scratch) const {
  const StreamInfo& info = junction_.info();
  if (size != width_)
    throw InvalidEvent("stream '" + info.name + "' has " + std::to_string(width_) + " attributes, but the event has " +
                       std::to_string(size) + " values");
  size_t i = 0;
  while (i < size && fits(data[i], i)) ++i;
  scratch.assign(data, data + size);
  for (; i < size; ++i) {
    if (fits(data[i], i)) continue;
    if (!widen(data[i], info.attributes[i].type, scratch[i]))
      throw InvalidEvent("attribute '" + info.attributes[i].name + "' of stream '" + info.name + "' is " +
                         typeName(info.attributes[i].type) + ", but the event has '" + data[i].toString() + "'");
  }
  return scratch.data();
}

void InputPort::publishOne(int64_t timestamp, const Value* data) {
  AppState& state = app_.state();
  if (state.clock.playback()) {
    app_.noteArrival();
    state.advanceTo(app_.lane(), timestamp);
  }
  chunk_.clear();
  chunk_.rows.push_back({data, timestamp, EventKind::Current});
  ExecContext ctx{state, state.globals, app_.lane()};
  junction_.publish(ctx, chunk_);
}

void InputPort::publishBatch(std::span<const EventView> events) {
  if (!app_.batchable) {
    for (const EventView& e : events) publishOne(e.timestamp, conform(e.data, width_, scratch_));
    return;
  }
  AppState& state = app_.state();
  if (state.clock.playback()) {
    // A timer of a batchable app (a partition's purge sweep) fires between the events it falls
    // between: a batch it falls in goes one event at a time.
    if (!state.scheduler.empty()) {
      int64_t latest = state.clock.now();
      for (const EventView& e : events) latest = std::max(latest, e.timestamp);
      if (state.scheduler.nextDue() <= latest) {
        for (const EventView& e : events) publishOne(e.timestamp, conform(e.data, width_, scratch_));
        return;
      }
    }
    app_.noteArrival();
  }
  chunk_.clear();
  chunk_.independent = true;
  size_t converted = 0;
  for (const EventView& e : events) {
    const Value* data = e.data;
    bool allFit = true;
    for (size_t i = 0; i < width_ && allFit; ++i) allFit = fits(data[i], i);
    if (!allFit) {
      if (batchScratch_.size() <= converted) batchScratch_.emplace_back();
      data = conform(data, width_, batchScratch_[converted++]);
    }
    state.clock.observe(e.timestamp);
    chunk_.rows.push_back({data, e.timestamp, EventKind::Current});
  }
  if (chunk_.rows.empty()) return;
  ExecContext ctx{state, state.globals, app_.lane()};
  junction_.publish(ctx, chunk_);
}

void InputPort::send(int64_t timestamp, std::span<const Value> data) {
  if (Executor::current()) {
    post(timestamp, data);
    return;
  }
  app_.runOnExecutor([&] { publishOne(timestamp, conform(data.data(), data.size(), scratch_)); });
}

void InputPort::send(std::span<const EventView> events) {
  if (Executor::current()) {
    post(events);
    return;
  }
  app_.runOnExecutor([&] { publishBatch(events); });
}

void InputPort::post(int64_t timestamp, std::span<const Value> data) {
  std::vector<Value> converted;
  EventView view{timestamp, conform(data.data(), data.size(), converted)};
  post({&view, 1});
}

void InputPort::post(std::span<const EventView> events) {
  auto posted = std::make_shared<PostedEvents>();
  posted->values.resize(events.size() * width_);
  std::vector<Value> converted;
  for (size_t i = 0; i < events.size(); ++i) {
    const Value* data = conform(events[i].data, width_, converted);
    std::copy(data, data + width_, posted->values.begin() + static_cast<std::ptrdiff_t>(i * width_));
  }
  posted->views.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) posted->views.push_back({events[i].timestamp, &posted->values[i * width_]});
  app_.postToExecutor([this, posted] { publishBatch(posted->views); });
}

}  // namespace cepheus::runtime
