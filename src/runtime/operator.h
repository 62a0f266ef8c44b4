// The unit of a query's processing chain. An operator is an immutable definition, built by the
// planner and shared by every state frame (and, with partitions, every thread) that runs it.
// Each one receives a chunk with the context it runs in, does its work and hands a chunk to the
// next one by a direct (virtual) call: one call per chunk, not per event.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cepheus/stream.h"
#include "runtime/chunk.h"
#include "runtime/publish_queue.h"
#include "runtime/scheduler.h"
#include "runtime/state/operator_state.h"

namespace cepheus::runtime {

class AppState;
class Lane;

// Where an operator runs: the app's clock and timers, the frame holding its state, and the lane
// (the executing thread's scratch buffers).
struct ExecContext {
  AppState& app;
  StateFrame& frame;
  Lane& lane;
};

class Operator {
 public:
  virtual ~Operator() = default;
  virtual void process(ExecContext& ctx, const Chunk& chunk) const = 0;

  // Whether processParts() takes a sequence of chunks in one call. A window whose arrivals
  // each make a chunk of their own hands such an operator (the selector) all of them at once:
  // part i is the rows [ends[i-1], ends[i]) of `chunk`, each part a chunk in Siddhi's sense.
  virtual bool acceptsParts() const { return false; }
  virtual void processParts(ExecContext& ctx, const Chunk& chunk, std::span<const uint32_t> ends) const {}

  void setNext(const Operator* next) { next_ = next; }
  const Operator* next() const { return next_; }

  // Its index among the app's operators: where its scratch lives in a lane.
  uint32_t id() const { return id_; }
  void setId(uint32_t id) { id_ = id; }

 protected:
  void emit(ExecContext& ctx, const Chunk& chunk) const {
    if (!chunk.rows.empty()) next_->process(ctx, chunk);
  }
  bool nextAcceptsParts() const { return next_->acceptsParts(); }
  void emitParts(ExecContext& ctx, const Chunk& chunk, std::span<const uint32_t> ends) const {
    if (!chunk.rows.empty()) next_->processParts(ctx, chunk, ends);
  }

 private:
  const Operator* next_ = nullptr;
  uint32_t id_ = 0;
};

// Buffers an operator reuses from one chunk to the next (its output chunk, rows being
// assembled). They hold nothing between chunks, so they belong to the lane that runs the
// operator, not to its state: a million partition keys do not each carry a copy.
class Scratch {
 public:
  virtual ~Scratch() = default;
};

struct ChunkScratch final : Scratch {
  Chunk chunk;
};

class Lane {
 public:
  explicit Lane(size_t operators) : scratch_(operators) {}

  // The operator's scratch, made with `args` the first time it is asked for.
  template <class T, class... Args>
  T& scratch(uint32_t id, Args&&... args) {
    auto& slot = scratch_[id];
    if (!slot) [[unlikely]]
      slot = std::make_unique<T>(std::forward<Args>(args)...);
    return static_cast<T&>(*slot);
  }
  Chunk& chunk(uint32_t id) { return scratch<ChunkScratch>(id).chunk; }

  // Nested publishes of apps whose queries form a cycle (see publish_queue.h).
  PublishQueue publishQueue;
  // The events a junction hands to batch callbacks.
  std::vector<EventView> views;

 private:
  std::vector<std::unique_ptr<Scratch>> scratch_;
};

// An operator that remembers something between chunks. Its state is made by makeState() when
// the operator first runs in a frame, lives in the frame's slot, and is saved by snapshots.
class StatefulOperator : public Operator, public TimerTarget {
 public:
  virtual std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const = 0;
  // What the state holds and how it is laid out ("length(100) of 3"): a snapshot's state is
  // restored only into an operator with the same layout.
  virtual std::string stateLayout() const = 0;
  // False for an operator whose shape needs no state (a selector without aggregates): it gets
  // no slot and is left out of snapshots.
  virtual bool hasState() const { return true; }
  // True for an operator whose state must exist from the start of the app, before any event:
  // one that arms a timer on its own (a pattern starting with an absent state).
  virtual bool startsWithApp() const { return false; }
  void onTimer(ExecContext& ctx, int64_t due) const override {}

  uint32_t stateSlot() const { return stateSlot_; }
  void setStateSlot(uint32_t slot) { stateSlot_ = slot; }

  OperatorState& stateIn(AppState& app, StateFrame& frame) const {
    auto& slot = frame.slot(stateSlot_);
    if (!slot) slot = makeState(app, frame);
    return *slot;
  }

 protected:
  template <class S>
  S& state(ExecContext& ctx) const {
    auto& slot = ctx.frame.slot(stateSlot_);
    if (!slot) [[unlikely]]
      slot = makeState(ctx.app, ctx.frame);
    return static_cast<S&>(*slot);
  }

 private:
  uint32_t stateSlot_ = 0;
};

// Where a query reports an event whose processing failed (an expression raised an error).
// Routes it to the input stream's fault stream (@OnError(action='STREAM')) or logs it.
class FaultSink {
 public:
  virtual ~FaultSink() = default;
  virtual void fault(ExecContext& ctx, const EventRow& row, const std::string& message) const = 0;
};

}  // namespace cepheus::runtime
