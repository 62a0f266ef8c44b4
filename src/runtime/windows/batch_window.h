// `#window.batch([n])`: every incoming chunk is a batch (split into pieces of n events when n
// is given). Each piece is emitted as one chunk: [the previous incoming chunk's events as
// EXPIRED (first piece only), RESET, the piece as CURRENT]. Events sent together through the
// API are separate arrivals here (Chunk::independent), so each is a batch of its own.
#pragma once

#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class BatchWindow final : public Operator {
 public:
  BatchWindow(size_t pieceLength, size_t width, const Clock* clock);
  void process(const Chunk& chunk) override;

 private:
  void batch(const EventRow* rows, size_t count);

  size_t pieceLength_;  // 0: the whole chunk
  const Clock* clock_;
  RowBuffer current_;   // this incoming chunk
  RowBuffer previous_;  // the previous one, expired by this one
  bool started_ = false;
  Chunk out_;
};

}  // namespace cepheus::runtime
