#include "server/metrics/prometheus.h"

#include <map>
#include <sstream>

#include "server/rest/server_context.h"

namespace cepheus::server {

std::string labelValue(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

namespace {

// Collects samples per metric so each metric's HELP and TYPE come once, before its samples.
class Exposition {
 public:
  void sample(const std::string& name, const char* type, const char* help, const std::string& labels, double value) {
    Family& family = family_(name, type, help);
    family.lines += name + (labels.empty() ? "" : "{" + labels + "}") + " " + number(value) + "\n";
  }
  void histogram(const std::string& name, const char* help, const std::string& labels, const io::LatencyHistogram& h) {
    Family& family = family_(name, "histogram", help);
    io::LatencyHistogram::Reading reading = h.read();
    uint64_t cumulative = 0;
    std::string prefix = labels.empty() ? "" : labels + ",";
    for (size_t i = 0; i < io::LatencyHistogram::kBounds.size(); ++i) {
      cumulative += reading.counts[i];
      family.lines += name + "_bucket{" + prefix + "le=\"" + number(io::LatencyHistogram::kBounds[i]) + "\"} " +
                      std::to_string(cumulative) + "\n";
    }
    cumulative += reading.counts.back();
    family.lines += name + "_bucket{" + prefix + "le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
    family.lines += name + "_sum" + (labels.empty() ? "" : "{" + labels + "}") + " " + number(reading.sumSeconds) + "\n";
    family.lines += name + "_count" + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(cumulative) + "\n";
  }
  std::string text() const {
    std::string out;
    for (const std::string& name : order_) {
      const Family& family = families_.at(name);
      out += "# HELP " + name + " " + family.help + "\n# TYPE " + name + " " + family.type + "\n" + family.lines;
    }
    return out;
  }

 private:
  struct Family {
    std::string type;
    std::string help;
    std::string lines;
  };
  Family& family_(const std::string& name, const char* type, const char* help) {
    auto [it, inserted] = families_.try_emplace(name);
    if (inserted) {
      it->second.type = type;
      it->second.help = help;
      order_.push_back(name);
    }
    return it->second;
  }
  static std::string number(double value) {
    std::ostringstream out;
    out.precision(15);
    out << value;
    return out.str();
  }
  std::map<std::string, Family> families_;
  std::vector<std::string> order_;
};

std::string label(const char* key, const std::string& value) { return std::string(key) + "=\"" + labelValue(value) + "\""; }

}  // namespace

std::string renderMetrics(ServerContext& context) {
  Exposition out;
  auto hosts = context.registry.all();
  out.sample("cepheus_apps", "gauge", "Apps running.", "", static_cast<double>(hosts.size()));
  out.sample("cepheus_apps_inactive", "gauge", "App files that failed to deploy and have no version running.", "",
             static_cast<double>(context.registry.inactive().size()));
  out.sample("cepheus_workers", "gauge", "Worker threads of the engine.", "", static_cast<double>(context.workers));
  out.sample("cepheus_uptime_seconds", "gauge", "Seconds since the server started.", "",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - context.started).count());
  for (const auto& [status, count] : context.http.read())
    out.sample("cepheus_http_requests_total", "counter", "HTTP requests answered, by status code.",
               label("code", std::to_string(status)), static_cast<double>(count));
  for (const auto& host : hosts) {
    std::string app = label("app", host->name());
    std::map<std::string, uint64_t> streamEvents;
    for (const auto& observer : host->observers()) {
      std::string labels = app + "," + label("stream", observer->stream().name);
      streamEvents[observer->stream().name] = observer->events();
      out.sample("cepheus_stream_events_total", "counter", "Events that arrived at a stream.", labels,
                 static_cast<double>(observer->events()));
      if (observer->ingested.load() + observer->rejected.load() == 0) continue;
      out.sample("cepheus_ingest_events_total", "counter", "Events accepted by the ingest route.", labels,
                 static_cast<double>(observer->ingested.load()));
      out.sample("cepheus_ingest_rejected_total", "counter", "Events refused by the ingest route (invalid).", labels,
                 static_cast<double>(observer->rejected.load()));
      out.histogram("cepheus_ingest_request_seconds", "Time to decode and process an ingest request.", labels,
                    observer->ingestLatency);
    }
    std::map<std::string, int> writers;
    auto queries = host->queries();
    for (const QueryInfo& query : queries) ++writers[query.output];
    for (const QueryInfo& query : queries) {
      std::string labels = app + "," + label("query", query.name);
      out.sample("cepheus_query_events_in_total", "counter", "Events that arrived at a query's input stream.", labels,
                 static_cast<double>(streamEvents[query.input]));
      // The events a query emitted are those of its output stream when it is the only writer.
      if (writers[query.output] == 1)
        out.sample("cepheus_query_events_out_total", "counter",
                   "Events a query inserted into its output stream (for the only query writing that stream).", labels,
                   static_cast<double>(streamEvents[query.output]));
    }
    host->forEachSource([&](io::Source& source) {
      io::SourceCounters& c = source.counters();
      std::string labels = app + "," + label("stream", source.info().stream) + "," + label("source", source.id()) + "," +
                           label("type", source.info().type);
      out.sample("cepheus_source_messages_total", "counter", "Messages a source took in.", labels,
                 static_cast<double>(c.received.load()));
      out.sample("cepheus_source_events_total", "counter", "Events a source sent into its stream.", labels,
                 static_cast<double>(c.events.load()));
      out.sample("cepheus_source_malformed_total", "counter", "Messages that did not map to events.", labels,
                 static_cast<double>(c.malformed.load()));
      out.sample("cepheus_source_dead_letters_total", "counter",
                 "Malformed messages sent to the fault stream or the dead-letter topic.", labels,
                 static_cast<double>(c.deadLettered.load()));
    });
    for (const auto& [table, c] : host->tableStoreCounters()) {
      std::string labels = app + "," + label("table", table);
      out.sample("cepheus_table_store_round_trips_total", "counter", "Batches a store table sent to its store.", labels,
                 static_cast<double>(c.roundTrips));
      out.sample("cepheus_table_store_waits_total", "counter",
                 "Batches that found the store away and waited for it (events held meanwhile).", labels,
                 static_cast<double>(c.waits));
      out.sample("cepheus_table_store_failures_total", "counter",
                 "Store calls that gave up (their events went to the fault route).", labels,
                 static_cast<double>(c.failures));
      out.sample("cepheus_table_store_reconnects_total", "counter", "Connections to the store made again.", labels,
                 static_cast<double>(c.reconnects));
    }
    for (const auto& sink : host->sinks()) {
      io::SinkCounters& c = sink->counters();
      std::string labels = app + "," + label("stream", sink->info().stream) + "," + label("sink", sink->id()) + "," +
                           label("type", sink->type());
      out.sample("cepheus_sink_events_total", "counter", "Events handed to a sink.", labels, static_cast<double>(c.published.load()));
      out.sample("cepheus_sink_delivered_total", "counter", "Events a sink delivered.", labels, static_cast<double>(c.delivered.load()));
      out.sample("cepheus_sink_requests_total", "counter", "Requests a sink sent, retries included.", labels,
                 static_cast<double>(c.requests.load()));
      out.sample("cepheus_sink_errors_total", "counter", "Requests that failed (error status, timeout, no connection).",
                 labels, static_cast<double>(c.failedAttempts.load()));
      out.sample("cepheus_sink_retries_total", "counter", "Requests sent again after a failure.", labels,
                 static_cast<double>(c.retries.load()));
      out.sample("cepheus_sink_dead_letters_total", "counter", "Events a sink gave up on (to its dead letter).", labels,
                 static_cast<double>(c.deadLetters.load()));
      out.sample("cepheus_sink_queue_depth", "gauge", "Events waiting in a sink, in flight or awaiting a retry.", labels,
                 static_cast<double>(c.queued.load()));
      out.sample("cepheus_sink_in_flight", "gauge", "Requests sent and not answered yet.", labels,
                 static_cast<double>(c.inFlight.load()));
      if (sink->type() == "http") {
        out.histogram("cepheus_sink_request_seconds", "Time from sending a request to its response.", labels, c.delivery);
        out.histogram("cepheus_sink_delivery_seconds", "Time from an event reaching the sink to its delivery.", labels,
                      c.endToEnd);
      }
    }
  }
  return out.text();
}

}  // namespace cepheus::server
