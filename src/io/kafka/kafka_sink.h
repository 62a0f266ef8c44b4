// @sink(type='kafka', topic=..., key=..., partition.no=..., is.synchronous=...): events to a
// Kafka topic through an idempotent producer (no duplicates, no reordering from librdkafka's own
// retries). It never drops: while the broker is unreachable messages wait (message.timeout.ms is
// infinite) up to queue.max, and then publish waits for room (back-pressure on the app). Each
// record carries a header cepheus-id: a deterministic id made from the sink, the record's
// content and event time and how many identical records came before it (io/message_ids.h),
// which a replay gives the same output again. After a crash the sink reads back what it wrote after its
// checkpoint and skips the replayed outputs whose ids are already in the topic
// (docs/kafka.md, exactly-once).
#pragma once

#include <memory>

#include "io/transport.h"

namespace cepheus::io {

std::unique_ptr<Sink> makeKafkaSink(const TransportInfo& info, SinkEnvironment environment);

}  // namespace cepheus::io
