// One side of a join: where the rows of that side's window (or, without a window, its arrivals)
// come in and are matched against the other side. Siddhi's JoinProcessor.
//
// Each incoming row is its own chunk for the selector: its matches (one joined event per row of
// the other side that satisfies `on`, in that side's order) form one part of a processParts()
// call, so aggregates see one chunk per trigger row. A joined event has two slots, left (0) and
// right (1); its kind and timestamp are the trigger row's. Expired rows join as expired events,
// in the order the window emits them (before the arrival that evicted them); a reset row passes
// on joined with nothing. Unmatched rows of the preserved side of an outer join are joined with
// an absent other side.
//
// A side without a window is a zero-length window (Siddhi's EmptyWindowProcessor): it keeps
// nothing, and each arrival is followed by its own expired copy (when the query outputs expired
// events) and a reset, each a chunk of its own, so aggregates over such a join are per trigger.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/join/findable.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

struct JoinSidePlan {
  int slot = 0;            // this side's slot in joined events
  bool triggers = true;    // false: a unidirectional join whose other side triggers
  bool outer = false;      // this side is preserved: unmatched rows join an absent other side
  bool zeroLength = false;  // the side has no window
  bool expiredCopies = false;  // zero-length: each arrival also joins as expired
  bool resets = false;         // zero-length: each arrival ends with a reset (the selector aggregates)
  // The other side may change while joined events travel downstream (a query after this one
  // writes the table it reads): each trigger row is matched, and its events sent, before the next.
  bool onePartAtATime = false;
  const Findable* other = nullptr;
  FindPlan find;  // `on`, compiled for searching the other side; its slot is the other side's
  const FaultSink* faults = nullptr;
};

class JoinSide final : public Operator {
 public:
  explicit JoinSide(JoinSidePlan plan) : plan_(std::move(plan)) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;

 private:
  struct Scratch;
  // Adds the part of one trigger row (its joined events) to the scratch.
  void addPart(ExecContext& ctx, Scratch& scratch, const EventRow& trigger, const std::vector<EventRow>& found) const;
  bool findMatches(ExecContext& ctx, Scratch& scratch, const EventRow& trigger) const;
  void addZeroLengthParts(ExecContext& ctx, Scratch& scratch, const EventRow& arrival) const;
  void addRowParts(ExecContext& ctx, Scratch& scratch, const EventRow& row) const;
  void send(ExecContext& ctx, Scratch& scratch) const;

  JoinSidePlan plan_;
};

// Both sides of a self join read the same stream: each event goes through the left side's
// chain, then through the right side's, before the next event (Siddhi's
// MultiProcessStreamReceiver), so an arrival meets itself once: the left side finds the right
// window without it, the right side the left window with it.
class SelfJoinInput final : public Operator {
 public:
  SelfJoinInput(const Operator* left, const Operator* right) : left_(left), right_(right) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;

 private:
  const Operator* left_;
  const Operator* right_;
};

}  // namespace cepheus::runtime
