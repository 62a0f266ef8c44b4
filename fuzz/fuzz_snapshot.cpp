// Mutation fuzzer for snapshot restore, for a GCC build with AddressSanitizer and UBSan
// (-DCEPHEUS_SANITIZE=ON; see fuzz_app.cpp for why not libFuzzer):
//
//   fuzz_snapshot CASES_DIR [ITERATIONS] [RANDOM_SEED]
//
// Each conformance case under CASES_DIR (apps that deploy, with their events) is run in
// playback and snapshotted; then each iteration mutates a snapshot (bit flips, truncation,
// bytes inserted, deleted or overwritten) and restores it into a fresh deployment of the app:
// - as mutated, it must be refused with SnapshotError (the checksum catches any change);
// - with its length and checksum fixed up to match, the bytes reach the state parsers, which
//   must either refuse them with SnapshotError or restore something the app then runs the
//   case's events on without crashing.
// Any other exception, a crash or a sanitizer report is a bug.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cepheus/engine.h"
#include "runtime/state/crc32.h"

namespace {

struct Case {
  std::string app;
  std::vector<std::pair<std::string, std::pair<int64_t, std::vector<cepheus::Value>>>> events;
};

cepheus::Value toValue(const nlohmann::json& v) {
  if (v.is_null()) return {};
  if (v.is_boolean()) return cepheus::Value::ofBool(v.get<bool>());
  if (v.is_number_integer()) return cepheus::Value::ofLong(v.get<int64_t>());
  if (v.is_number()) return cepheus::Value::ofDouble(v.get<double>());
  if (v.is_string()) return cepheus::Value::ofString(v.get<std::string>());
  return cepheus::Value::ofString(v.dump());
}

// The event values as the stream's types (JSON numbers are longs or doubles).
std::vector<cepheus::Value> conformed(const cepheus::StreamInfo& stream, const std::vector<cepheus::Value>& values) {
  std::vector<cepheus::Value> out;
  for (size_t i = 0; i < values.size() && i < stream.attributes.size(); ++i) {
    const cepheus::Value& v = values[i];
    switch (stream.attributes[i].type) {
      case cepheus::Type::Int: out.push_back(v.isNumber() ? cepheus::Value::ofInt(static_cast<int32_t>(v.toLong())) : v); break;
      case cepheus::Type::Float: out.push_back(v.isNumber() ? cepheus::Value::ofFloat(static_cast<float>(v.toDouble())) : v); break;
      case cepheus::Type::Double: out.push_back(v.isNumber() ? cepheus::Value::ofDouble(v.toDouble()) : v); break;
      default: out.push_back(v);
    }
  }
  return out;
}

void play(cepheus::App& app, const Case& c) {
  for (const auto& [stream, event] : c.events) {
    try {
      auto input = app.input(stream);
      input.send(event.first, conformed(input.stream(), event.second));
    } catch (const std::out_of_range&) {
    } catch (const cepheus::InvalidEvent&) {
    }
  }
}

std::vector<uint8_t> mutate(std::vector<uint8_t> bytes, std::mt19937_64& random) {
  int edits = 1 + static_cast<int>(random() % 3);
  for (int e = 0; e < edits && !bytes.empty(); ++e) {
    size_t at = random() % bytes.size();
    switch (random() % 5) {
      case 0: bytes[at] ^= static_cast<uint8_t>(1u << (random() % 8)); break;
      case 1: bytes.resize(at); break;
      case 2: bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), static_cast<uint8_t>(random())); break;
      case 3: bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(at)); break;
      default: bytes[at] = static_cast<uint8_t>(random());
    }
  }
  return bytes;
}

// Makes the header's length and checksum match the (mutated) body, as a forger would.
void fixUp(std::vector<uint8_t>& bytes) {
  constexpr size_t kHeader = 8 + 4 + 8 + 4;
  if (bytes.size() < kHeader || std::memcmp(bytes.data(), "CEPHSNAP", 8) != 0) return;
  uint64_t length = bytes.size() - kHeader;
  std::memcpy(bytes.data() + 12, &length, 8);
  uint32_t crc = cepheus::runtime::crc32(bytes.data() + kHeader, length);
  std::memcpy(bytes.data() + 20, &crc, 4);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: fuzz_snapshot CASES_DIR [ITERATIONS] [RANDOM_SEED]\n";
    return 2;
  }
  std::vector<Case> cases;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded() || json.value("expect_error", false)) continue;
    Case c;
    c.app = "@app:playback\n" + json.value("app", "");
    if (cepheus::hasErrors(cepheus::Engine::check(c.app))) continue;
    for (const auto& e : json["events"]) {
      std::vector<cepheus::Value> values;
      for (const auto& v : e["data"]) values.push_back(toValue(v));
      c.events.push_back({e["stream"].get<std::string>(), {e["ts"].get<int64_t>(), values}});
    }
    cases.push_back(std::move(c));
  }
  if (cases.empty()) {
    std::cerr << "fuzz_snapshot: no runnable cases in " << argv[1] << "\n";
    return 2;
  }
  long iterations = argc > 2 ? std::stol(argv[2]) : 20000;
  std::mt19937_64 random(argc > 3 ? std::stoull(argv[3]) : 1);
  cepheus::EngineOptions options;
  options.workers = 1;
  cepheus::Engine engine(options);
  std::vector<std::vector<uint8_t>> snapshots;
  for (const Case& c : cases) {
    auto app = engine.deploy(c.app);
    play(*app, c);
    snapshots.push_back(app->snapshot());
  }
  long refused = 0, restored = 0;
  for (long i = 0; i < iterations; ++i) {
    size_t which = random() % cases.size();
    std::vector<uint8_t> bytes = mutate(snapshots[which], random);
    bool forged = random() % 2 == 0;
    if (forged) fixUp(bytes);
    auto app = engine.deploy(cases[which].app);
    try {
      app->restore(bytes);
      if (!forged && bytes != snapshots[which]) {
        std::cerr << "fuzz_snapshot: a changed snapshot was restored without its checksum fixed (case " << which
                  << ", iteration " << i << ")\n";
        return 1;
      }
      ++restored;
      play(*app, cases[which]);  // whatever was restored must run
    } catch (const cepheus::SnapshotError&) {
      ++refused;
    }
  }
  std::cout << iterations << " mutated snapshots of " << cases.size() << " apps: " << refused << " refused, "
            << restored << " restored and run, no crash\n";
  return 0;
}
