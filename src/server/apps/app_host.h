// One deployed app, by name, across its versions: the running App, the sinks and sources its
// annotations ask for, the observers of its streams, and the gate that lets an update swap the
// version while ingest is stopped for a moment (ingest holds the gate shared, an update
// exclusive).
//
// An update deploys the new text beside the running version, then, with the gate closed,
// restores the running version's snapshot into it (every unchanged query keeps its state; the
// report names those that start fresh), hands each sink that is still there (same stream,
// same place) to the new version, swaps, and shuts the old version down. A sink whose options
// changed passes its undelivered requests to its successor; a removed sink sends them to its
// dead letter.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "cepheus/engine.h"
#include "io/dead_letters.h"
#include "io/transport.h"
#include "server/apps/state_store.h"
#include "server/apps/stream_observer.h"

namespace cepheus::server {

struct HostServices {
  io::IoThreads* io = nullptr;
  const StateStore* state = nullptr;  // null: nothing is saved
  // Called when an http source asks for its receiver.url path (app, stream, path).
  std::function<void(const std::string&, const std::string&, const std::string&)> servePath;
  // bootstrap.servers for a kafka transport whose annotation names none (--kafka, or the
  // embedded broker); empty: none.
  std::function<std::string(const TransportInfo&)> kafkaBootstrap;
};

class AppHost : public std::enable_shared_from_this<AppHost> {
 public:
  AppHost(std::string name, HostServices services);
  ~AppHost();

  const std::string& name() const { return name_; }

  // Takes the first version: builds its transports, loads the state saved for this app (if
  // any), starts it. What the restore said goes to `notes`.
  void install(std::unique_ptr<App> app, std::string text, std::vector<std::string>& notes);
  // Replaces the running version (see above); returns what the restore reported.
  RestoreReport update(std::unique_ptr<App> app, std::string text);

  // Stops: sinks deliver until `deadline`. Save (the server stops): the snapshot and what the
  // sinks did not deliver are saved for the next start. Abandon (the app is undeployed): what
  // the sinks did not deliver goes to their dead letters. The host cannot be used afterwards.
  enum class Ending { Save, Abandon };
  void shutdown(std::chrono::steady_clock::time_point deadline, Ending ending);

  // Saves a checkpoint (STATE/apps/NAME/checkpoint): between two events, with no source
  // delivery under way, the app's snapshot, each source's position and each sink's undelivered
  // events; then lets the sources commit their positions upstream. Skipped (false) when
  // nothing changed since the last one, or there is no state directory. Periodic (the server's
  // --snapshot-interval) and at shutdown.
  bool checkpoint();

  // Runs `work` on the running version with the gate shared (ingest, reads).
  template <class F>
  auto withApp(F&& work) {
    std::shared_lock lock(gate_);
    return work(*app_);
  }
  // With the gate exclusive (restore of a revision).
  template <class F>
  auto withAppExclusive(F&& work) {
    std::unique_lock lock(gate_);
    return work(*app_);
  }

  std::string text() const;
  std::shared_ptr<StreamObserver> observer(const std::string& stream) const;
  std::vector<std::shared_ptr<StreamObserver>> observers() const;
  std::vector<std::shared_ptr<io::Sink>> sinks() const;
  std::vector<std::string> sourceEndpoints() const;
  // Each running source, with the gate shared (for their counters).
  void forEachSource(const std::function<void(io::Source&)>& visit) const;
  std::vector<QueryInfo> queries() const;
  std::vector<std::pair<std::string, TableStoreCounters>> tableStoreCounters() const;
  io::DeadLetterStore* deadLetters() { return deadLetters_.get(); }
  std::shared_ptr<io::Sink> findSink(const std::string& id) const;

 private:
  std::vector<std::shared_ptr<io::Sink>> buildSinks(App& app, const std::vector<std::shared_ptr<io::Sink>>& reuse,
                                                    std::vector<std::shared_ptr<io::Sink>>& replaced);
  void subscribe(App& app, const std::vector<std::shared_ptr<io::Sink>>& sinks);
  void startSources(App& app, const std::map<std::string, std::string>& positions);
  io::SourceEnvironment sourceEnvironment(App& app, const TransportInfo& info);
  void writeCheckpoint(const Checkpoint& checkpoint);
  // Each source's position (Source::checkpoint) by id, those that keep one.
  std::map<std::string, std::string> sourcePositions() const;

  std::string name_;
  HostServices services_;
  std::unique_ptr<io::DeadLetterStore> deadLetters_;
  mutable std::shared_mutex gate_;
  std::unique_ptr<App> app_;
  std::string text_;
  std::vector<std::shared_ptr<io::Sink>> sinks_;
  std::vector<std::unique_ptr<io::Source>> sources_;
  std::map<std::string, std::shared_ptr<StreamObserver>> observers_;
  bool stopped_ = false;
  std::mutex checkpointMutex_;     // one checkpoint written at a time
  uint64_t lastCheckpointHash_ = 0;  // of the snapshot and source positions last written
};

}  // namespace cepheus::server
