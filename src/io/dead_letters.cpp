#include "io/dead_letters.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

namespace cepheus::io {

using Json = nlohmann::json;

std::string deadLetterJson(const DeadLetter& letter) {
  Json events = Json::array();
  for (const DeadEvent& event : letter.events) {
    Json data = Json::parse(event.data, nullptr, false);
    events.push_back({{"ts", event.timestamp}, {"data", data.is_discarded() ? Json(event.data) : data}});
  }
  Json headers = Json::array();
  for (const auto& [name, value] : letter.headers) headers.push_back({name, value});
  Json json = {{"id", letter.id},           {"sink", letter.sink}, {"error", letter.error},
               {"attempts", letter.attempts}, {"at", letter.at},     {"method", letter.method},
               {"url", letter.url},         {"headers", headers},  {"body", letter.body},
               {"events", events}};
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<DeadLetter> parseDeadLetter(std::string_view line) {
  Json json = Json::parse(line, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  try {
    DeadLetter letter;
    letter.id = json.at("id").get<std::string>();
    letter.sink = json.at("sink").get<std::string>();
    letter.error = json.value("error", "");
    letter.attempts = json.value("attempts", 0);
    letter.at = json.value("at", int64_t{0});
    letter.method = json.value("method", "POST");
    letter.url = json.at("url").get<std::string>();
    for (const Json& header : json.value("headers", Json::array()))
      letter.headers.emplace_back(header.at(0).get<std::string>(), header.at(1).get<std::string>());
    letter.body = json.at("body").get<std::string>();
    for (const Json& event : json.value("events", Json::array()))
      letter.events.push_back({event.at("ts").get<int64_t>(), event.at("data").dump()});
    return letter;
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

std::vector<DeadLetter> DeadLetterStore::readAll() const {
  std::vector<DeadLetter> letters;
  std::ifstream in(file_);
  std::string line;
  while (std::getline(in, line))
    if (auto letter = parseDeadLetter(line)) letters.push_back(std::move(*letter));
  return letters;
}

void DeadLetterStore::writeAll(const std::vector<DeadLetter>& letters) const {
  std::filesystem::path temporary = file_;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const DeadLetter& letter : letters) out << deadLetterJson(letter) << '\n';
    out.flush();
  }
  std::error_code ignored;
  if (letters.empty()) {
    std::filesystem::remove(temporary, ignored);
    std::filesystem::remove(file_, ignored);
    return;
  }
  std::filesystem::rename(temporary, file_, ignored);
}

void DeadLetterStore::append(const DeadLetter& letter) {
  std::lock_guard lock(mutex_);
  std::error_code ignored;
  std::filesystem::create_directories(file_.parent_path(), ignored);
  std::ofstream out(file_, std::ios::app);
  out << deadLetterJson(letter) << '\n';
}

std::vector<DeadLetter> DeadLetterStore::list() const {
  std::lock_guard lock(mutex_);
  return readAll();
}

std::vector<DeadLetter> DeadLetterStore::take(const std::function<bool(const DeadLetter&)>& which) {
  std::lock_guard lock(mutex_);
  std::vector<DeadLetter> kept;
  std::vector<DeadLetter> taken;
  for (DeadLetter& letter : readAll()) (which(letter) ? taken : kept).push_back(std::move(letter));
  if (!taken.empty()) writeAll(kept);
  return taken;
}

void DeadLetterStore::putBack(const std::vector<DeadLetter>& letters) {
  for (const DeadLetter& letter : letters) append(letter);
}

}  // namespace cepheus::io
