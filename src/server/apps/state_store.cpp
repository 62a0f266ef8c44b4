#include "server/apps/state_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cepheus::server {

namespace fs = std::filesystem;

std::string fileNameOf(const std::string& name) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '.' || c == '_' || c == '-') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  if (out.empty() || out == "." || out == "..") out = "%" + out;
  return out;
}

void writeFileAtomically(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  fs::path temporary = path;
  temporary += ".tmp";
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + temporary.string());
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write " + temporary.string());
    }
    written += static_cast<size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  fs::rename(temporary, path);
}

std::optional<std::string> readWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

std::vector<uint8_t> bytesOf(const std::string& text) { return std::vector<uint8_t>(text.begin(), text.end()); }
std::string textOf(const std::vector<uint8_t>& bytes) { return std::string(bytes.begin(), bytes.end()); }

}  // namespace

fs::path StateStore::appDir(const std::string& app) const { return root_ / "apps" / fileNameOf(app); }

namespace {

constexpr std::string_view kCheckpointMagic = "CEPHEUS-CHECKPOINT 1\n";
constexpr std::string_view kCheckpointEnd = "END\n";

void appendSized(std::string& out, std::string_view bytes) {
  uint64_t size = bytes.size();
  for (int i = 0; i < 8; ++i) out += static_cast<char>((size >> (8 * i)) & 0xFF);
  out += bytes;
}

bool readSized(std::string_view& in, std::string_view& out) {
  if (in.size() < 8) return false;
  uint64_t size = 0;
  for (int i = 0; i < 8; ++i) size |= static_cast<uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(8);
  if (size > in.size()) return false;
  out = in.substr(0, size);
  in.remove_prefix(size);
  return true;
}

}  // namespace

std::string encodeCheckpoint(const Checkpoint& checkpoint) {
  std::string out(kCheckpointMagic);
  out += 'A';
  appendSized(out, std::string_view(reinterpret_cast<const char*>(checkpoint.snapshot.data()), checkpoint.snapshot.size()));
  for (const auto& [id, state] : checkpoint.sources) {
    out += 'S';
    appendSized(out, id);
    appendSized(out, state);
  }
  for (const auto& [id, state] : checkpoint.sinks) {
    out += 'K';
    appendSized(out, id);
    appendSized(out, state);
  }
  out += kCheckpointEnd;
  return out;
}

std::optional<Checkpoint> decodeCheckpoint(std::string_view in) {
  if (in.substr(0, kCheckpointMagic.size()) != kCheckpointMagic) return std::nullopt;
  in.remove_prefix(kCheckpointMagic.size());
  Checkpoint checkpoint;
  while (!in.empty()) {
    if (in == kCheckpointEnd) return checkpoint;
    char kind = in[0];
    in.remove_prefix(1);
    std::string_view first, second;
    if (!readSized(in, first)) return std::nullopt;
    if (kind == 'A') {
      checkpoint.snapshot.assign(first.begin(), first.end());
      continue;
    }
    if ((kind != 'S' && kind != 'K') || !readSized(in, second)) return std::nullopt;
    (kind == 'S' ? checkpoint.sources : checkpoint.sinks)[std::string(first)] = std::string(second);
  }
  return std::nullopt;  // no end marker: cut short
}

void StateStore::saveCheckpoint(const std::string& app, const Checkpoint& checkpoint) const {
  writeFileAtomically(appDir(app) / "checkpoint", encodeCheckpoint(checkpoint));
  std::error_code ignored;  // what an older server wrote is superseded
  fs::remove(appDir(app) / "snapshot", ignored);
  fs::remove_all(appDir(app) / "sinks", ignored);
}

std::optional<Checkpoint> StateStore::loadCheckpoint(const std::string& app) const {
  if (auto bytes = readWholeFile(appDir(app) / "checkpoint")) {
    auto checkpoint = decodeCheckpoint(*bytes);
    if (!checkpoint) throw std::runtime_error("the checkpoint file of " + app + " is not a whole checkpoint");
    return checkpoint;
  }
  auto snapshot = loadSnapshot(app);
  if (!snapshot) return std::nullopt;
  Checkpoint checkpoint;
  checkpoint.snapshot = std::move(*snapshot);
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(appDir(app) / "sinks", error)) {
    auto text = readWholeFile(entry.path());
    if (!text) continue;
    std::string name = entry.path().filename().string();
    std::string id;  // undo fileNameOf's %XX
    for (size_t i = 0; i < name.size(); ++i) {
      if (name[i] == '%' && i + 2 < name.size()) {
        id += static_cast<char>(std::stoi(name.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        id += name[i];
      }
    }
    checkpoint.sinks[id] = *text;
  }
  return checkpoint;
}

void StateStore::saveSnapshot(const std::string& app, const std::vector<uint8_t>& bytes) const {
  writeFileAtomically(appDir(app) / "snapshot", textOf(bytes));
}

std::optional<std::vector<uint8_t>> StateStore::loadSnapshot(const std::string& app) const {
  auto text = readWholeFile(appDir(app) / "snapshot");
  if (!text) return std::nullopt;
  return bytesOf(*text);
}

void StateStore::saveSinkState(const std::string& app, const std::string& sinkId, const std::string& state) const {
  fs::path path = appDir(app) / "sinks" / fileNameOf(sinkId);
  if (state.empty()) {
    std::error_code ignored;
    fs::remove(path, ignored);
    return;
  }
  writeFileAtomically(path, state);
}

std::optional<std::string> StateStore::loadSinkState(const std::string& app, const std::string& sinkId) const {
  return readWholeFile(appDir(app) / "sinks" / fileNameOf(sinkId));
}

void StateStore::clearSinkStates(const std::string& app) const {
  std::error_code ignored;
  fs::remove_all(appDir(app) / "sinks", ignored);
}

std::string StateStore::saveRevision(const std::string& app, const std::vector<uint8_t>& bytes) const {
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::string revision = std::to_string(millis);
  std::vector<std::string> existing = revisions(app);
  // Two backups in one millisecond get names that still sort in order.
  while (std::find(existing.begin(), existing.end(), revision) != existing.end()) revision = std::to_string(++millis);
  writeFileAtomically(appDir(app) / "revisions" / revision, textOf(bytes));
  return revision;
}

std::optional<std::vector<uint8_t>> StateStore::loadRevision(const std::string& app, const std::string& revision) const {
  if (revision.empty() || revision.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  auto text = readWholeFile(appDir(app) / "revisions" / revision);
  if (!text) return std::nullopt;
  return bytesOf(*text);
}

std::vector<std::string> StateStore::revisions(const std::string& app) const {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(appDir(app) / "revisions", error)) {
    std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") == std::string::npos) names.push_back(name);
  }
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  return names;
}

fs::path StateStore::deadLetterFile(const std::string& app) const { return root_ / "dead-letters" / (fileNameOf(app) + ".jsonl"); }

void StateStore::removeApp(const std::string& app) const {
  std::error_code ignored;
  fs::remove_all(appDir(app), ignored);
}

}  // namespace cepheus::server
