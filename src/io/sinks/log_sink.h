// @sink(type='log', prefix=..., priority=...): each event logged as Siddhi's log sink does,
//   PREFIX : Event{timestamp=1000, data=[IBM, 10.5], isExpired=false}
// with the prefix "APP : STREAM" by default, at the priority given (INFO by default).
#pragma once

#include <memory>

#include "io/transport.h"

namespace cepheus::io {

std::unique_ptr<Sink> makeLogSink(const TransportInfo& info, SinkEnvironment environment);

}  // namespace cepheus::io
