// What every layer knows of a stream: its schema, an event handed in, and the callback that
// receives events. Below the engine API so that the runtime can use it without seeing the API.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "cepheus/value.h"

namespace cepheus {

struct AttributeInfo {
  std::string name;
  Type type;
};

struct StreamInfo {
  std::string name;
  std::vector<AttributeInfo> attributes;
};

// One event handed to InputHandler::send: a timestamp (ms) and the attribute values in the
// stream's attribute order. The values are read during the call only.
struct EventView {
  int64_t timestamp;
  const Value* data;
};

// Called for every event arriving at a subscribed stream, in arrival order, on the thread that
// runs the app at that moment (the sender's, or a worker of the engine).
using StreamCallback = std::function<void(int64_t timestamp, std::span<const Value> data)>;

// Called once for each group of events arriving at a stream together (what one input event, or
// a timer, made a query emit): one call instead of one per event, for sinks that write in
// batches. Each view has as many values as the stream has attributes; the views and values are
// valid during the call only.
using BatchCallback = std::function<void(std::span<const EventView> events)>;

// An event that does not fit its stream (wrong arity, a value of the wrong type).
class InvalidEvent : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace cepheus
