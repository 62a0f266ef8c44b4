// A stream's junction: where every event of the stream arrives and fans out, synchronously and
// in subscription order, to the queries that read the stream and to API callbacks. The app's
// streams deliver to their queries in the app's state frame, wherever the event came from (a
// query inside a partition writing a global stream); a partition's own junctions (its inner
// streams, and the streams it divides as its queries see them) deliver in the frame of the key
// instance the event belongs to.
#pragma once

#include <span>
#include <vector>

#include "cepheus/stream.h"
#include "runtime/app_state.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class Junction {
 public:
  enum class Frames { App, Publisher };
  explicit Junction(const StreamInfo& info, Frames frames = Frames::App)
      : info_(info), width_(info.attributes.size()), inPublisherFrame_(frames == Frames::Publisher) {}

  const StreamInfo& info() const { return info_; }
  size_t width() const { return width_; }

  // Wiring, while the app is built (queries) or on its executor (callbacks).
  void subscribe(const Operator* query) { queries_.push_back(query); }
  void subscribe(StreamCallback callback) { callbacks_.push_back(std::move(callback)); }
  void subscribe(BatchCallback callback) { batchCallbacks_.push_back(std::move(callback)); }
  bool hasSubscribers() const { return !queries_.empty() || !callbacks_.empty() || !batchCallbacks_.empty(); }

  // In apps whose queries form a cycle, a publish during another one is deferred (see
  // publish_queue.h).
  void setDeferNested(bool defer) { deferNested_ = defer; }

  // Delivers a chunk: callbacks first (they see events in the order they arrive at the
  // stream), then each query that reads the stream, in the app's own state frame.
  void publish(ExecContext& ctx, const Chunk& chunk) const {
    if (!deferNested_) {
      deliver(ctx, chunk);
      return;
    }
    PublishQueue& queue = ctx.lane.publishQueue;
    if (queue.busy()) {
      queue.defer(this, chunk, width_, &ctx.frame);
    } else {
      queue.run(this, chunk, &ctx.frame, [&ctx](const Junction* j, const Chunk& c, StateFrame* frame) {
        ExecContext at{ctx.app, *frame, ctx.lane};
        j->deliver(at, c);
      });
    }
  }

 private:
  void deliver(ExecContext& ctx, const Chunk& chunk) const {
    for (const auto& callback : callbacks_)
      for (const auto& row : chunk.rows) callback(row.timestamp, std::span<const Value>(row.data, width_));
    if (!batchCallbacks_.empty()) {
      // Callbacks cannot publish into the app while they run (their sends are queued), so one
      // buffer per lane serves every junction.
      std::vector<EventView>& views = ctx.lane.views;
      views.clear();
      for (const auto& row : chunk.rows) views.push_back({row.timestamp, row.data});
      for (const auto& callback : batchCallbacks_) callback(views);
    }
    if (inPublisherFrame_) {
      for (const Operator* query : queries_) query->process(ctx, chunk);
      return;
    }
    ExecContext global{ctx.app, ctx.app.globals, ctx.lane};
    for (const Operator* query : queries_) query->process(global, chunk);
  }

  StreamInfo info_;
  size_t width_;
  bool inPublisherFrame_;
  bool deferNested_ = false;
  std::vector<const Operator*> queries_;
  std::vector<StreamCallback> callbacks_;
  std::vector<BatchCallback> batchCallbacks_;
};

}  // namespace cepheus::runtime
