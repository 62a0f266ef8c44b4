#include "io/net/io_threads.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "io/net/asio_context.h"

namespace cepheus::io {

IoThreads::IoThreads(size_t threads) : impl_(std::make_unique<Impl>()) {
  if (threads == 0) threads = 1;
  for (size_t i = 0; i < threads; ++i) impl_->threads.emplace_back([this] { impl_->context.run(); });
}

IoThreads::~IoThreads() { stop(); }

void IoThreads::post(std::function<void()> work) { boost::asio::post(impl_->context, std::move(work)); }

void IoThreads::after(std::chrono::milliseconds delay, std::function<void()> work) {
  auto timer = std::make_shared<boost::asio::steady_timer>(impl_->context, delay);
  timer->async_wait([timer, work = std::move(work)](const boost::system::error_code& error) {
    if (!error) work();
  });
}

void IoThreads::stop() {
  impl_->guard.reset();
  impl_->context.stop();
  for (std::thread& thread : impl_->threads)
    if (thread.joinable()) thread.join();
  impl_->threads.clear();
}

}  // namespace cepheus::io
