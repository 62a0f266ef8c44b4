// What saving and restoring an app's state reports. Below the engine API, so the runtime that
// writes and reads snapshots uses the same types.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace cepheus {

// A snapshot that cannot be restored: another app's, truncated, corrupted, or of a newer format.
// The app it was given to is left exactly as it was.
class SnapshotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Which parts of the app (queries, named windows) got their state back from a snapshot.
struct RestoreReport {
  std::vector<std::string> restored;  // state restored
  std::vector<std::string> fresh;     // new or changed since the snapshot: they start empty
  std::vector<std::string> dropped;   // in the snapshot but no longer in the app
};

}  // namespace cepheus
