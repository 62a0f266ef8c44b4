// The unit of a query's processing chain. Each operator receives a chunk, does its work and
// hands a chunk to the next one by a direct (virtual) call: one call per chunk, not per event.
#pragma once

#include <string>

#include "runtime/chunk.h"

namespace cepheus::runtime {

class Operator {
 public:
  virtual ~Operator() = default;
  virtual void process(const Chunk& chunk) = 0;
  void setNext(Operator* next) { next_ = next; }
  Operator* next() const { return next_; }

 protected:
  void emit(const Chunk& chunk) {
    if (!chunk.rows.empty()) next_->process(chunk);
  }

 private:
  Operator* next_ = nullptr;
};

// Where a query reports an event whose processing failed (an expression raised an error).
// Routes it to the input stream's fault stream (@OnError(action='STREAM')) or logs it.
class FaultSink {
 public:
  virtual ~FaultSink() = default;
  virtual void fault(const EventRow& row, const std::string& message) = 0;
};

}  // namespace cepheus::runtime
