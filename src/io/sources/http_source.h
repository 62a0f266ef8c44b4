// @source(type='http', receiver.url=..., @map(type='json')): events posted over HTTP. The
// server's ingest route (POST /siddhi-apps/APP/streams/STREAM) takes them for every input
// stream, in Cepheus's form or Siddhi's JSON map form (codec/stream_events.h); this source adds
// the path of receiver.url as a second address of that route on the server's own listener, so
// clients written for Siddhi's http source keep their URL's path (the host and port are the
// server's: --listen).
#pragma once

#include <memory>

#include "io/transport.h"

namespace cepheus::io {

std::unique_ptr<Source> makeHttpSource(const TransportInfo& info, SourceEnvironment environment);

// The path of receiver.url ("/foo" of "http://0.0.0.0:8006/foo"), or "" without one.
std::string receiverPath(const TransportInfo& info);

}  // namespace cepheus::io
