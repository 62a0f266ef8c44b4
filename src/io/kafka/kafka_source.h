// @source(type='kafka', topic.list=..., group.id=..., ...): events from Kafka topics, with
// Siddhi's siddhi-io-kafka options. Each consumer (one for single.thread, one a topic for
// topic.wise, one a partition for partition.wise) polls on a thread of its own, maps a batch of
// records (io/mappers), sends the events into the stream and moves its position past them in one
// guarded step, so a checkpoint holds the app's state and the exact offsets it has read. After a
// restart the consumers seek to the checkpoint's offsets: nothing counted twice, nothing
// skipped. Offsets are committed to the group only once a checkpoint holding them is on disk.
#pragma once

#include <memory>

#include "io/transport.h"

namespace cepheus::io {

std::unique_ptr<Source> makeKafkaSource(const TransportInfo& info, SourceEnvironment environment);

}  // namespace cepheus::io
