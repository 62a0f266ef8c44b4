// The io_context behind IoThreads, for the translation units that speak Asio (http_client.cpp).
// Including this header costs seconds of compile time: keep it out of other headers.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <thread>
#include <vector>

#include "io/net/io_threads.h"

namespace cepheus::io {

struct IoThreads::Impl {
  boost::asio::io_context context;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{context.get_executor()};
  std::vector<std::thread> threads;
};

inline boost::asio::io_context& asioContext(IoThreads& io) { return io.impl().context; }

}  // namespace cepheus::io
