// Ours: events in, events out.
//   POST /siddhi-apps/{name}/streams/{stream}       ingest JSON lines or a JSON array of events
//        (codec/stream_events.h): 200 {"accepted":N,"rejected":[]}; when any event is invalid,
//        400 with each rejected one's index and why, and none is sent (?partial=true sends the
//        valid ones and still lists the others)
//   GET /siddhi-apps/{name}/streams/{stream}/tail  every event of the stream from now on, as
//        chunked JSON lines (Accept: text/event-stream: Server-Sent Events), until the client
//        disconnects
#include <chrono>
#include <nlohmann/json.hpp>

#include "codec/stream_events.h"
#include "server/rest/server_context.h"

namespace cepheus::server {

using Json = nlohmann::json;

namespace {

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

int64_t epochMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string inputStreamList(App& app) {
  std::string list;
  for (const StreamInfo& stream : app.streams()) {
    try {
      app.input(stream.name);
    } catch (const std::out_of_range&) {
      continue;
    }
    if (stream.name.front() == '!') continue;
    list += (list.empty() ? "" : ", ") + stream.name;
  }
  return list;
}

}  // namespace

HttpResponse ingest(ServerContext& context, HttpRequest& request, const std::string& appName, const std::string& stream) {
  auto started = std::chrono::steady_clock::now();
  auto host = context.registry.find(appName);
  if (!host) return errorResponse(404, "no app named '" + appName + "'");
  std::shared_ptr<StreamObserver> observer = host->observer(stream);
  bool partial = request.parameter("partial") == "true";
  return host->withApp([&](App& app) -> HttpResponse {
    std::optional<InputHandler> input;
    if (stream.empty() || stream.front() != '!') {
      try {
        input = app.input(stream);
      } catch (const std::out_of_range&) {
      }
    }
    if (!input)
      return errorResponse(404, "app '" + appName + "' has no input stream '" + stream + "' (it has: " +
                                    inputStreamList(app) + ")");
    codec::DecodedBody decoded = codec::decodeStreamBody(request.body, input->stream(), epochMillis());
    if (!decoded.bodyError.empty()) {
      if (observer) observer->rejected.fetch_add(1, std::memory_order_relaxed);
      return jsonResponse(400, dump(Json{{"type", "error"},
                                         {"message", "the body is not JSON: " + decoded.bodyError},
                                         {"accepted", 0},
                                         {"rejected", Json::array()}}));
    }
    Json rejected = Json::array();
    for (const codec::RejectedEvent& r : decoded.rejected) {
      Json entry = {{"index", r.index}, {"message", r.message}};
      if (r.line > 0) entry["line"] = r.line;
      rejected.push_back(entry);
    }
    if (observer) observer->rejected.fetch_add(decoded.rejected.size(), std::memory_order_relaxed);
    if (!decoded.rejected.empty() && !partial) {
      return jsonResponse(400, dump(Json{{"type", "error"},
                                         {"message", std::to_string(decoded.rejected.size()) + " of " +
                                                         std::to_string(decoded.total) +
                                                         " events are invalid; none was sent (?partial=true sends "
                                                         "the valid ones)"},
                                         {"accepted", 0},
                                         {"rejected", rejected}}));
    }
    if (decoded.total == 0) return errorResponse(400, "the body holds no event");
    size_t accepted = decoded.events.size();
    if (accepted > 0) input->send(decoded.events.views());
    if (observer) {
      observer->ingested.fetch_add(accepted, std::memory_order_relaxed);
      observer->ingestLatency.record(std::chrono::steady_clock::now() - started);
    }
    return jsonResponse(200, "{\"accepted\":" + std::to_string(accepted) + ",\"rejected\":" + dump(rejected) + "}");
  });
}

void addStreamRoutes(Router& router, ServerContext& context) {
  router.add("POST", "/siddhi-apps/{name}/streams/{stream}", [&context](HttpRequest& request, const PathParams& params) {
    return ingest(context, request, params.at("name"), params.at("stream"));
  });
  router.add("GET", "/siddhi-apps/{name}/streams/{stream}/tail", [&context](HttpRequest& request, const PathParams& params) {
    auto host = context.registry.find(params.at("name"));
    if (!host) return errorResponse(404, "no app named '" + params.at("name") + "'");
    std::shared_ptr<StreamObserver> observer = host->observer(params.at("stream"));
    if (!observer) {
      std::string list;
      for (const auto& o : host->observers()) list += (list.empty() ? "" : ", ") + o->stream().name;
      return errorResponse(404, "app '" + params.at("name") + "' has no stream '" + params.at("stream") +
                                    "' (it has: " + list + ")");
    }
    HttpResponse response;
    response.stream = std::make_shared<ResponseStream>();
    response.serverSentEvents = request.header("accept").find("text/event-stream") != std::string::npos;
    response.contentType = response.serverSentEvents ? "text/event-stream" : "application/x-ndjson";
    std::weak_ptr<StreamObserver> weakObserver = observer;
    ResponseStream* raw = response.stream.get();
    response.stream->onDisconnect([weakObserver, raw] {
      if (auto o = weakObserver.lock()) o->removeTail(raw);
    });
    observer->addTail(response.stream);
    return response;
  });
  // receiver.url paths of http sources: POST there ingests into their stream.
  router.fallback([&context](HttpRequest& request) -> std::optional<HttpResponse> {
    if (request.method != "POST") return std::nullopt;
    auto alias = context.registry.aliasOf(request.path);
    if (!alias) return std::nullopt;
    return ingest(context, request, alias->first, alias->second);
  });
}

}  // namespace cepheus::server
