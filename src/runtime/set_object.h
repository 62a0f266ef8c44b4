// The `object` value createSet() makes and sizeOfSet()/unionSet() read: a set of values.
#pragma once

#include <unordered_set>

#include "cepheus/value.h"

namespace cepheus::runtime {

class SetObject final : public Object {
 public:
  std::unordered_set<Value, ValueHash> items;

  std::string toString() const override {
    std::string out = "[";
    for (const auto& v : items) out += (out.size() > 1 ? ", " : "") + v.toString();
    return out + "]";
  }
  bool equals(const Object& other) const override {
    auto* set = dynamic_cast<const SetObject*>(&other);
    return set && set->items == items;
  }
  size_t hash() const override {
    size_t h = items.size();
    for (const auto& v : items) h ^= v.hash();  // order-independent
    return h;
  }
};

}  // namespace cepheus::runtime
