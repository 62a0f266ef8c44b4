// /metrics in Prometheus' text format (version 0.0.4), written by hand: per app, stream, query
// and sink. Names are listed in docs/server.md.
#pragma once

#include <string>

#include "io/latency_histogram.h"

namespace cepheus::server {

struct ServerContext;

std::string renderMetrics(ServerContext& context);

// A label value with \, " and newlines escaped.
std::string labelValue(const std::string& text);

}  // namespace cepheus::server
