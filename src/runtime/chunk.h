// What flows between operators: a chunk of event rows, passed by reference.
//
// Rows are views: the values live in storage owned by whoever produced the row (the caller of
// InputHandler::send, a window's ring buffer, a selector's output buffer) and stay valid for
// the duration of the process() call that receives the chunk. An operator that keeps a row
// beyond that (a window) copies its values.
#pragma once

#include <cstdint>
#include <vector>

#include "cepheus/value.h"

namespace cepheus::runtime {

enum class EventKind : uint8_t {
  Current,  // an arrival
  Expired,  // left a window
  Reset,    // clear aggregates (batch windows); carries no values
  Timer,    // the clock moved (internal)
};

struct EventParts;

struct EventRow {
  const Value* data;  // of a multi-slot event: the values of its first part (slot 0)
  int64_t timestamp;
  EventKind kind;
  // A multi-slot event (the two sides of a join, the references of a pattern): its parts, which
  // expressions read by slot. Null for a plain event, whose only slot is `data`.
  const EventParts* parts = nullptr;
};

// The rows of one part of a multi-slot event: one for a join side or a plain pattern reference,
// several for a counting state (`e1[0]`, `e1[last]`), none when the part is absent.
struct RowList {
  const EventRow* rows = nullptr;
  uint32_t count = 0;
};

struct EventParts {
  // Per slot, the row an unindexed reference reads (null when absent): what EvalContext::slots
  // points at.
  const EventRow* const* slots = nullptr;
  // Per slot, every row of the part (indexed references).
  const RowList* lists = nullptr;
  uint32_t count = 0;
};

struct Chunk {
  std::vector<EventRow> rows;
  // True when the rows are unrelated arrivals, each of which is a chunk of its own in Siddhi's
  // semantics (several events sent in one InputHandler call). Stateless operators process such
  // a chunk in one pass; operators whose output depends on chunk boundaries (windows,
  // aggregating selectors) treat every row as its own chunk.
  bool independent = false;

  void clear() {
    rows.clear();
    independent = false;
  }
};

}  // namespace cepheus::runtime
