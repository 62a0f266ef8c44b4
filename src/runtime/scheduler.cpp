#include "runtime/scheduler.h"

#include "runtime/state/operator_state.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

void Timer::arm(int64_t due) {
  if (pending()) {
    if (due == due_) return;  // keeps its place among timers due at the same time
    scheduler_->remove(this);
  }
  due_ = due;
  sequence_ = scheduler_->sequence_++;
  scheduler_->insert(this);
}

void Timer::cancel() {
  if (pending()) scheduler_->remove(this);
}

void Timer::snapshot(StateWriter& out) const {
  out.boolean(pending());
  if (!pending()) return;
  out.svarint(due_);
  out.varint(sequence_);
}

void Timer::restore(StateReader& in) {
  cancel();
  if (!in.boolean()) return;
  due_ = in.svarint();
  sequence_ = in.varint();
  if (sequence_ >= scheduler_->sequence_) StateReader::fail("a timer was armed after its snapshot was taken");
  scheduler_->insert(this);
}

Timer* Scheduler::popDue(int64_t time) {
  if (heap_.empty() || heap_.front()->due_ > time) return nullptr;
  Timer* timer = heap_.front();
  remove(timer);
  return timer;
}

void Scheduler::insert(Timer* timer) {
  ++timer->frame_->pendingTimers_;
  heap_.push_back(timer);
  size_t slot = heap_.size() - 1;
  timer->slot_ = static_cast<uint32_t>(slot);
  siftUp(slot);
  if (onEarlier_ && heap_.front() == timer) onEarlier_();
}

void Scheduler::remove(Timer* timer) {
  --timer->frame_->pendingTimers_;
  size_t slot = timer->slot_;
  timer->slot_ = Timer::kIdle;
  Timer* last = heap_.back();
  heap_.pop_back();
  if (last == timer) return;
  place(last, slot);
  siftUp(slot);
  siftDown(last->slot_);
}

void Scheduler::siftUp(size_t slot) {
  Timer* timer = heap_[slot];
  while (slot > 0) {
    size_t parent = (slot - 1) / 2;
    if (!before(timer, heap_[parent])) break;
    place(heap_[parent], slot);
    slot = parent;
  }
  place(timer, slot);
}

void Scheduler::siftDown(size_t slot) {
  Timer* timer = heap_[slot];
  const size_t n = heap_.size();
  for (;;) {
    size_t child = 2 * slot + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
    if (!before(heap_[child], timer)) break;
    place(heap_[child], slot);
    slot = child;
  }
  place(timer, slot);
}

}  // namespace cepheus::runtime
