#include "runtime/app_runtime.h"

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

}  // namespace

AppRuntime::AppRuntime(std::string name, bool playback)
    : name_(std::move(name)), clock_(playback), scheduler_(clock_) {
  scheduler_.setOnEarlierTimer([this] { timerWake_.notify_one(); });
}

AppRuntime::~AppRuntime() { shutdown(); }

void AppRuntime::start() {
  std::lock_guard lock(mutex_);
  if (running_) return;
  running_ = true;
  if (!clock_.playback()) timerThread_ = std::thread([this] { fireTimersOnTime(); });
}

void AppRuntime::shutdown() {
  {
    std::lock_guard lock(mutex_);
    running_ = false;
  }
  timerWake_.notify_one();
  if (timerThread_.joinable()) timerThread_.join();
}

void AppRuntime::fireTimersOnTime() {
  std::unique_lock lock(mutex_);
  while (running_) {
    if (scheduler_.empty()) {
      timerWake_.wait(lock);
      continue;
    }
    int64_t wait = scheduler_.nextDue() - Clock::wallTime();
    if (wait <= 0) {
      scheduler_.fireUntil(Clock::wallTime());
    } else {
      timerWake_.wait_for(lock, std::chrono::milliseconds(wait));
    }
  }
}

int AppRuntime::findStream(std::string_view name) const {
  for (size_t i = 0; i < streams.size(); ++i)
    if (streams[i].name == name) return static_cast<int>(i);
  return -1;
}

InputPort::InputPort(AppRuntime& app, Junction& junction) : app_(app), junction_(junction) {
  for (const auto& attribute : junction.info().attributes) accepted_.push_back(acceptedTags(attribute.type));
}

const Value* InputPort::conform(const Value* data, size_t size, std::vector<Value>& scratch) const {
  const StreamInfo& info = junction_.info();
  if (size != info.attributes.size())
    throw InvalidEvent("stream '" + info.name + "' has " + std::to_string(info.attributes.size()) +
                       " attributes, but the event has " + std::to_string(size) + " values");
  size_t i = 0;
  while (i < size && fits(data[i], i)) ++i;
  if (i == size) return data;
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
  if (app_.clock().playback()) app_.scheduler().fireUntil(timestamp);
  app_.clock().observe(timestamp);
  chunk_.clear();
  chunk_.rows.push_back({data, timestamp, EventKind::Current});
  junction_.publish(chunk_);
}

void InputPort::send(int64_t timestamp, std::span<const Value> data) {
  std::lock_guard lock(app_.mutex());
  publishOne(timestamp, conform(data.data(), data.size(), scratch_));
}

void InputPort::send(std::span<const EventView> events) {
  std::lock_guard lock(app_.mutex());
  const size_t width = junction_.width();
  if (!app_.batchable) {
    for (const EventView& e : events) publishOne(e.timestamp, conform(e.data, width, scratch_));
    return;
  }
  chunk_.clear();
  chunk_.independent = true;
  size_t converted = 0;
  for (const EventView& e : events) {
    const Value* data = e.data;
    bool allFit = true;
    for (size_t i = 0; i < width && allFit; ++i) allFit = fits(data[i], i);
    if (!allFit) {
      if (batchScratch_.size() <= converted) batchScratch_.emplace_back();
      data = conform(data, width, batchScratch_[converted++]);
    }
    app_.clock().observe(e.timestamp);
    chunk_.rows.push_back({data, e.timestamp, EventKind::Current});
  }
  if (!chunk_.rows.empty()) junction_.publish(chunk_);
}

}  // namespace cepheus::runtime
