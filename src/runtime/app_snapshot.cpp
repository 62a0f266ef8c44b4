// The snapshot format of an app's state:
//
//   "CEPHSNAP"            8 bytes
//   version               fixed32 (kFormatVersion)
//   body length           fixed64
//   body CRC-32           fixed32
//   body:
//     app name, whether the name was given (@app:name)
//     playback clock, start time, timer arm counter
//     elements: count, then per element
//       identity, description, layout hash (fixed64)
//       section: operator count, then per stateful operator a presence flag and a section
//       holding its state (OperatorState::snapshot)
//
// Every state is in a section of its own, so a reader knows where each ends and refuses one
// that reads more or less than was written. Restoring builds a new AppState off to the side and
// swaps it in only when everything was read.
#include <algorithm>
#include <cstring>
#include <map>

#include "runtime/app_runtime.h"
#include "runtime/state/crc32.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

namespace {

constexpr char kMagic[8] = {'C', 'E', 'P', 'H', 'S', 'N', 'A', 'P'};
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kHeaderSize = sizeof kMagic + 4 + 8 + 4;

// FNV-1a: a layout's fingerprint, to tell whether a saved state fits an operator.
uint64_t layoutHash(const std::string& layout) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : layout) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

struct SavedElement {
  std::string description;
  uint64_t layout = 0;
  std::span<const uint8_t> states;
  bool stateful = false;  // it has stateful operators
  bool used = false;
};

}  // namespace

std::vector<uint8_t> AppRuntime::writeSnapshot() const {
  StateWriter body;
  body.string(name_);
  body.boolean(explicitName_);
  body.svarint(state_->clock.playbackTime());
  body.svarint(state_->startTime);
  body.varint(state_->scheduler.sequence());
  body.varint(elements_.size());
  for (const StateElement& element : elements_) {
    body.string(element.identity);
    body.string(element.description);
    body.fixed64(layoutHash(element.layout));
    size_t section = body.beginSection();
    body.varint(element.operators.size());
    for (const StatefulOperator* op : element.operators) {
      const OperatorState* state = state_->globals.get(op->stateSlot());
      body.boolean(state != nullptr);
      if (!state) continue;
      size_t own = body.beginSection();
      state->snapshot(body);
      body.endSection(own);
    }
    body.endSection(section);
  }

  StateWriter out;
  for (char c : kMagic) out.u8(static_cast<uint8_t>(c));
  out.fixed32(kFormatVersion);
  out.fixed64(body.size());
  out.fixed32(crc32(body.bytes().data(), body.size()));
  out.bytes().insert(out.bytes().end(), body.bytes().begin(), body.bytes().end());
  return std::move(out.bytes());
}

RestoreReport AppRuntime::readSnapshot(std::span<const uint8_t> bytes) {
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    throw SnapshotError("not a Cepheus snapshot");
  StateReader header(bytes.subspan(sizeof kMagic, kHeaderSize - sizeof kMagic));
  uint32_t version = header.fixed32();
  uint64_t length = header.fixed64();
  uint32_t crc = header.fixed32();
  if (version > kFormatVersion)
    throw SnapshotError("the snapshot has format version " + std::to_string(version) +
                        ", newer than this Cepheus reads (" + std::to_string(kFormatVersion) + ")");
  if (version == 0) throw SnapshotError("the snapshot has format version 0, which does not exist");
  std::span<const uint8_t> bodyBytes = bytes.subspan(kHeaderSize);
  if (length != bodyBytes.size())
    throw SnapshotError("the snapshot is " + std::string(length > bodyBytes.size() ? "truncated" : "longer than written") +
                        ": " + std::to_string(bodyBytes.size()) + " of " + std::to_string(length) + " bytes");
  if (crc32(bodyBytes.data(), bodyBytes.size()) != crc) throw SnapshotError("the snapshot is corrupted (checksum mismatch)");

  StateReader body(bodyBytes);
  std::string savedName(body.string());
  bool savedExplicit = body.boolean();
  if (savedExplicit && explicitName_ && savedName != name_)
    throw SnapshotError("the snapshot is of app '" + savedName + "', not of '" + name_ + "'");

  auto fresh = std::make_unique<AppState>(playback_, *services_.time, stateSlots_);
  fresh->clock.setPlaybackTime(body.svarint());
  fresh->startTime = body.svarint();
  fresh->scheduler.setSequence(body.varint());

  std::map<std::string, SavedElement, std::less<>> saved;
  std::vector<std::string> order;  // of the saved elements, for the report
  size_t count = body.count(3);
  for (size_t i = 0; i < count; ++i) {
    std::string identity(body.string());
    SavedElement element;
    element.description = std::string(body.string());
    element.layout = body.fixed64();
    element.states = body.section();
    element.stateful = StateReader(element.states).count(1) > 0;
    if (!saved.emplace(identity, element).second) StateReader::fail("element '" + identity + "' appears twice");
    order.push_back(identity);
  }
  body.expectEnd();

  RestoreReport report;
  bool anyKnown = false;  // some element of the app is in the snapshot
  for (const StateElement& element : elements_) {
    // Elements without state (a filter and a projection) only tell whether this is the app the
    // snapshot was taken of; the report lists what keeps state.
    const bool stateful = !element.operators.empty();
    auto it = saved.find(element.identity);
    if (it != saved.end()) {
      anyKnown = true;
      it->second.used = true;
    }
    if (it == saved.end() || it->second.layout != layoutHash(element.layout)) {
      if (stateful) report.fresh.push_back(element.description);
      continue;
    }
    StateReader states(it->second.states);
    if (states.count(1) != element.operators.size()) StateReader::fail(element.description + " has another number of states");
    for (const StatefulOperator* op : element.operators) {
      if (!states.boolean()) continue;
      StateReader own(states.section());
      auto state = op->makeState(*fresh, fresh->globals);
      state->restore(own);
      own.expectEnd();
      fresh->globals.slot(op->stateSlot()) = std::move(state);
    }
    states.expectEnd();
    if (stateful) report.restored.push_back(element.description);
  }
  for (const std::string& identity : order)
    if (!saved[identity].used && saved[identity].stateful) report.dropped.push_back(saved[identity].description);
  // An unnamed app cannot be told from another by its name; one that shares no query or window
  // with the snapshot is another app.
  if (!anyKnown && !saved.empty() && !elements_.empty())
    throw SnapshotError("the snapshot is of another app ('" + savedName + "'): none of its queries is in '" + name_ + "'");

  // What starts with the app and was not in the snapshot starts now, as in a new app.
  makeStartingStates(*fresh);
  // Everything was read: the new state replaces the old one (whose timers go with it).
  state_ = std::move(fresh);
  watchTimers(*state_);
  return report;
}

}  // namespace cepheus::runtime
