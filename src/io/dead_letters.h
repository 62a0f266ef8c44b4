// The dead letters of one app's sinks: requests given up on (retries exhausted, or refused with
// a 4xx) kept in a file of JSON lines under the server's state directory, to be listed and
// replayed over REST. Replaying hands a letter back to its sink with its idempotency key, so a
// receiver that did get it after all can tell.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

namespace cepheus::io {

struct DeadEvent {
  int64_t timestamp = 0;
  std::string data;  // the values as a JSON array
};

struct DeadLetter {
  std::string id;    // the request's idempotency key
  std::string sink;  // "Alerts/0" (Sink::id)
  std::string error;
  int attempts = 0;
  int64_t at = 0;  // when it was given up on, epoch milliseconds
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::vector<DeadEvent> events;
};

std::string deadLetterJson(const DeadLetter& letter);
// nullopt for a line that is not a dead letter.
std::optional<DeadLetter> parseDeadLetter(std::string_view line);

class DeadLetterStore {
 public:
  explicit DeadLetterStore(std::filesystem::path file) : file_(std::move(file)) {}

  void append(const DeadLetter& letter);
  std::vector<DeadLetter> list() const;
  // Removes the letters `which` selects from the file and returns them.
  std::vector<DeadLetter> take(const std::function<bool(const DeadLetter&)>& which);
  void putBack(const std::vector<DeadLetter>& letters);
  const std::filesystem::path& file() const { return file_; }

 private:
  std::vector<DeadLetter> readAll() const;
  void writeAll(const std::vector<DeadLetter>& letters) const;

  std::filesystem::path file_;
  mutable std::mutex mutex_;
};

}  // namespace cepheus::io
