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

struct EventRow {
  const Value* data;
  int64_t timestamp;
  EventKind kind;
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
