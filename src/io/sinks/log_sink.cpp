#include "io/sinks/log_sink.h"

#include <spdlog/spdlog.h>

namespace cepheus::io {

namespace {

spdlog::level::level_enum levelOf(const std::string& priority) {
  if (priority == "TRACE") return spdlog::level::trace;
  if (priority == "DEBUG") return spdlog::level::debug;
  if (priority == "WARN") return spdlog::level::warn;
  if (priority == "ERROR") return spdlog::level::err;
  if (priority == "FATAL") return spdlog::level::critical;
  if (priority == "OFF") return spdlog::level::off;
  return spdlog::level::info;
}

class LogSink final : public Sink {
 public:
  LogSink(const TransportInfo& info, const SinkEnvironment& environment)
      : Sink(info),
        prefix_(info.has("prefix") ? info.option("prefix") : environment.appName + " : " + info.stream),
        level_(levelOf(info.option("priority", "INFO"))),
        width_(environment.stream.attributes.size()) {}

  void publish(std::span<const EventView> events) override {
    SinkCounters& counters = this->counters();
    counters.published.fetch_add(events.size(), std::memory_order_relaxed);
    if (level_ == spdlog::level::off) return;
    std::string line;
    for (const EventView& event : events) {
      line.clear();
      line += prefix_;
      line += " : Event{timestamp=";
      line += std::to_string(event.timestamp);
      line += ", data=[";
      for (size_t i = 0; i < width_; ++i) {
        if (i > 0) line += ", ";
        line += event.data[i].toString();
      }
      line += "], isExpired=false}";
      spdlog::log(level_, "{}", line);
    }
    counters.delivered.fetch_add(events.size(), std::memory_order_relaxed);
  }

  void stop(std::chrono::steady_clock::time_point) override { spdlog::default_logger()->flush(); }

 private:
  std::string prefix_;
  spdlog::level::level_enum level_;
  size_t width_;
};

}  // namespace

std::unique_ptr<Sink> makeLogSink(const TransportInfo& info, SinkEnvironment environment) {
  return std::make_unique<LogSink>(info, environment);
}

}  // namespace cepheus::io
