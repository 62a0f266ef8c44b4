// What json:group and json:groupAsObject aggregate: one event's JSON object, as the text it is
// written in (json-smart's compact style, members in the event's order) and the canonical text
// every object with the same members has, whatever their order (the extension holds the objects
// as hash maps, so {"a":1,"b":2} and {"b":2,"a":1} are one object to it). The planner makes one
// per event from the aggregate's argument; the aggregator keeps only the texts.
#pragma once

#include <functional>
#include <string>

#include "cepheus/value.h"

namespace cepheus::runtime {

class JsonElement final : public Object {
 public:
  // `key` empty: the text is canonical already.
  JsonElement(std::string text, std::string key) : text_(std::move(text)), key_(std::move(key)) {}

  const std::string& text() const { return text_; }
  const std::string& key() const { return key_.empty() ? text_ : key_; }

  std::string toString() const override { return text_; }
  bool equals(const Object& other) const override {
    auto* element = dynamic_cast<const JsonElement*>(&other);
    return element != nullptr && element->key() == key();
  }
  size_t hash() const override { return std::hash<std::string>()(key()); }

 private:
  std::string text_;
  std::string key_;
};

}  // namespace cepheus::runtime
