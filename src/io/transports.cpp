// The one place that knows every transport type: a new one adds a line here and a folder or file
// of its own.
#include <stdexcept>

#include "io/kafka/kafka_sink.h"
#include "io/kafka/kafka_source.h"
#include "io/sinks/http/http_sink.h"
#include "io/sinks/log_sink.h"
#include "io/sources/http_source.h"
#include "io/transport.h"

namespace cepheus::io {

std::unique_ptr<Sink> makeSink(const TransportInfo& info, SinkEnvironment environment) {
  if (info.type == "http") return makeHttpSink(info, std::move(environment));
  if (info.type == "log") return makeLogSink(info, std::move(environment));
  if (info.type == "kafka") return makeKafkaSink(info, std::move(environment));
  throw std::invalid_argument("no sink of type '" + info.type + "'");
}

std::unique_ptr<Source> makeSource(const TransportInfo& info, SourceEnvironment environment) {
  if (info.type == "http") return makeHttpSource(info, std::move(environment));
  if (info.type == "kafka") return makeKafkaSource(info, std::move(environment));
  throw std::invalid_argument("no source of type '" + info.type + "'");
}

}  // namespace cepheus::io
