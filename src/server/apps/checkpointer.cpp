#include "server/apps/checkpointer.h"

#include <spdlog/spdlog.h>

#include "server/apps/app_registry.h"

namespace cepheus::server {

Checkpointer::Checkpointer(AppRegistry& registry, std::chrono::milliseconds interval)
    : registry_(registry), interval_(interval) {
  if (interval_.count() > 0) thread_ = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() { stop(); }

void Checkpointer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [&] { return stopping_; })) {
    lock.unlock();
    auto started = std::chrono::steady_clock::now();
    size_t written = 0;
    for (const auto& host : registry_.all()) {
      try {
        if (host->checkpoint()) ++written;
      } catch (const std::exception& error) {
        spdlog::error("{}: checkpoint failed: {}", host->name(), error.what());
      }
    }
    if (written > 0)
      spdlog::debug("checkpointed {} app{} in {} ms", written, written == 1 ? "" : "s",
                    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
    lock.lock();
  }
}

}  // namespace cepheus::server
