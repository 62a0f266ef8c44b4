// The network threads the sinks share: one Asio io_context run by a fixed number of threads
// (one by default), so ten thousand apps with webhooks still add one thread, not one each.
// Asio stays out of this header (asio_context.h gives the .cpp files that need it the context).
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace cepheus::io {

class IoThreads {
 public:
  explicit IoThreads(size_t threads = 1);
  ~IoThreads();  // stops the threads; work not run by then is dropped
  IoThreads(const IoThreads&) = delete;
  IoThreads& operator=(const IoThreads&) = delete;

  // Runs `work` on a network thread.
  void post(std::function<void()> work);
  // Runs `work` on a network thread after `delay`.
  void after(std::chrono::milliseconds delay, std::function<void()> work);
  void stop();

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace cepheus::io
