// The transports Cepheus runs (`@sink(type=...)` and `@source(type=...)` on a stream), the
// options each takes, and the checks of their values. A transport is an extension in Siddhi:
// an unknown type would leave the stream silently unconnected, so it is an error; an unknown
// option is a warning (with the option it most likely misspells), a value that cannot work
// (`max.in.flight='many'`, a `{{attr}}` template naming no attribute) an error.
//
// A new transport (Kafka) adds its table to transport_rules.cpp; the layer that runs it
// (src/io) reads the checked options from TransportInfo.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/diagnostic.h"
#include "cepheus/elements.h"
#include "cepheus/stream.h"
#include "parse/ast.h"

namespace cepheus::analyze {

// Checks every @sink and @source of a stream definition; appends errors and warnings and the
// transports that pass (in source order) to `transports`.
void checkTransports(const std::vector<ast::Annotation>& annotations, const StreamInfo& stream,
                     Diagnostics& diagnostics, std::vector<TransportInfo>& transports);

// Whether a @sink of these annotations sends the events it could not deliver to the stream's
// fault stream (on.error='STREAM'), which must then exist.
bool sinkUsesFaultStream(const std::vector<ast::Annotation>& annotations);

// '500', '500 ms', '2 sec', '2s', '1 min': milliseconds, or nullopt (transport options, @cache).
std::optional<int64_t> parseMillis(const std::string& written);

}  // namespace cepheus::analyze
