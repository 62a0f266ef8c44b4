// An `object` value that arrived as a JSON array or object (`{"k": 1}` for an object attribute
// of `cepheus run`). It keeps its compact JSON text, so it leaves as the same JSON value rather
// than as a string holding it, and snapshots save it; its text form (convert(o, 'string')) is
// that JSON.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "cepheus/value.h"

namespace cepheus {

class JsonText : public Object {
 public:
  explicit JsonText(std::string text) : text_(std::move(text)) {}

  const std::string& text() const { return text_; }
  std::string toString() const override { return text_; }
  bool equals(const Object& other) const override {
    auto* json = dynamic_cast<const JsonText*>(&other);
    return json != nullptr && json->text_ == text_;
  }
  size_t hash() const override { return std::hash<std::string>()(text_); }

 private:
  std::string text_;
};

// Whether `text` is a JSON array or object in the compact form a JsonText holds (what restoring
// one from a snapshot must find).
bool isCompactJson(std::string_view text);

}  // namespace cepheus
