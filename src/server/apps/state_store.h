// What the server keeps under --state: per app, its last saved state (the engine's snapshot and
// each sink's undelivered events), its backup revisions, and its sinks' dead letters.
//
//   STATE/apps/NAME/checkpoint        the app's last checkpoint, one file written atomically
//                                     (temp file + rename): App::snapshot(), each source's
//                                     position and each sink's undelivered events, all taken at
//                                     the same point between two events
//   STATE/apps/NAME/snapshot          (read only: what servers before checkpoints wrote, with
//   STATE/apps/NAME/sinks/STREAM.N     a file per sink's undelivered requests)
//   STATE/apps/NAME/revisions/REV     POST /siddhi-apps/NAME/backup; REV = epoch ms
//   STATE/dead-letters/NAME.jsonl     io::DeadLetterStore
// Names are written with every byte outside [A-Za-z0-9._-] as %XX, so any app name is a file name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cepheus::server {

// Everything an app needs to go on after a stop or a crash, taken at one point between two
// events. Sources and sinks by id ("Trades/0").
struct Checkpoint {
  std::vector<uint8_t> snapshot;
  std::map<std::string, std::string> sources;
  std::map<std::string, std::string> sinks;
};

// The file form of a checkpoint, and back (nullopt: not a whole checkpoint).
std::string encodeCheckpoint(const Checkpoint& checkpoint);
std::optional<Checkpoint> decodeCheckpoint(std::string_view bytes);

class StateStore {
 public:
  explicit StateStore(std::filesystem::path root) : root_(std::move(root)) {}
  const std::filesystem::path& root() const { return root_; }

  void saveCheckpoint(const std::string& app, const Checkpoint& checkpoint) const;
  // The last checkpoint, or what an older server saved (snapshot and sink files); nullopt when
  // there is none. Throws std::runtime_error for a checkpoint file that is not one.
  std::optional<Checkpoint> loadCheckpoint(const std::string& app) const;

  void saveSnapshot(const std::string& app, const std::vector<uint8_t>& bytes) const;
  std::optional<std::vector<uint8_t>> loadSnapshot(const std::string& app) const;

  void saveSinkState(const std::string& app, const std::string& sinkId, const std::string& state) const;
  std::optional<std::string> loadSinkState(const std::string& app, const std::string& sinkId) const;
  void clearSinkStates(const std::string& app) const;

  // The revision written (its name).
  std::string saveRevision(const std::string& app, const std::vector<uint8_t>& bytes) const;
  std::optional<std::vector<uint8_t>> loadRevision(const std::string& app, const std::string& revision) const;
  std::vector<std::string> revisions(const std::string& app) const;  // oldest first

  std::filesystem::path deadLetterFile(const std::string& app) const;
  // Forgets the app's saved state and revisions (it was undeployed); dead letters stay.
  void removeApp(const std::string& app) const;

 private:
  std::filesystem::path appDir(const std::string& app) const;
  std::filesystem::path root_;
};

std::string fileNameOf(const std::string& name);  // the %XX encoding above
// Writes atomically: a temporary file beside it, flushed, then renamed over it.
void writeFileAtomically(const std::filesystem::path& path, const std::string& bytes);
std::optional<std::string> readWholeFile(const std::filesystem::path& path);

}  // namespace cepheus::server
