// `cepheus serve`: the server. One engine (a fixed worker pool and one timer thread for every
// app), the REST listener, the sinks' network thread and the deployment directory's watcher:
// the thread count does not grow with the number of apps.
#pragma once

#include "server/config/server_options.h"

namespace cepheus::server {

// Runs until SIGINT or SIGTERM, then drains in-flight work, lets sinks deliver for up to
// --drain-timeout, saves every app's state and returns 0. Throws std::runtime_error when it
// cannot start (the address is taken, the token file is unreadable).
int runServer(const ServerOptions& options);

}  // namespace cepheus::server
