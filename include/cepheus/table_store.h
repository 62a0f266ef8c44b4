// Where a `define table` with `@store(type='...')` keeps its rows: an external store (Redis) the
// engine reads and writes in batches. The engine knows only this interface; the layer above the
// API (src/io/stores/) implements it and registers a factory per type with the engine
// (Engine::tableStores()), so the planner builds a table on a store without knowing what it is.
//
// Rows are named by a key text: the table's primary key values joined by ':' (a table without a
// primary key lets the store make up a key on insert). The store keeps its rows in insertion
// order, which is the order a scan returns them in, as an in-memory table does.
//
// Every call may block the app's thread while the store is slow or away (bounded by the
// store's own timeout); a call that cannot complete throws TableStoreError with the reason,
// which the engine hands, with the event that needed it, to the query's fault route.
#pragma once

#include <charconv>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "cepheus/stream.h"
#include "cepheus/value.h"

namespace cepheus {

class TableStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How a value is written in a store (and how other systems write it): strings as they are,
// integers in decimal, floats and doubles in the shortest text that reads back to the same
// number, booleans as true/false. Null is no text at all (the store leaves the field out).
inline std::string storeText(const Value& v) {
  char buffer[64];
  auto written = [&](std::to_chars_result r) { return std::string(buffer, r.ptr); };
  switch (v.tag()) {
    case Value::Tag::Int:
    case Value::Tag::Long: return written(std::to_chars(buffer, buffer + sizeof buffer, v.asLong()));
    case Value::Tag::Float: return written(std::to_chars(buffer, buffer + sizeof buffer, v.asFloat()));
    case Value::Tag::Double: return written(std::to_chars(buffer, buffer + sizeof buffer, v.asDouble()));
    case Value::Tag::Bool: return v.asBool() ? "true" : "false";
    default: return v.isString() ? std::string(v.asString()) : v.toString();
  }
}

// The value of an attribute of `type` written as `text`; nullopt when the text is not one.
inline std::optional<Value> fromStoreText(Type type, std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto whole = [&](std::from_chars_result r) { return r.ec == std::errc() && r.ptr == end && begin != end; };
  switch (type) {
    case Type::String: return Value::ofString(text);
    case Type::Int: {
      int32_t n = 0;
      if (whole(std::from_chars(begin, end, n))) return Value::ofInt(n);
      return std::nullopt;
    }
    case Type::Long: {
      int64_t n = 0;
      if (whole(std::from_chars(begin, end, n))) return Value::ofLong(n);
      return std::nullopt;
    }
    case Type::Float: {
      float n = 0;
      if (whole(std::from_chars(begin, end, n))) return Value::ofFloat(n);
      return std::nullopt;
    }
    case Type::Double: {
      double n = 0;
      if (whole(std::from_chars(begin, end, n))) return Value::ofDouble(n);
      return std::nullopt;
    }
    case Type::Bool:
      if (text == "true") return Value::ofBool(true);
      if (text == "false") return Value::ofBool(false);
      return std::nullopt;
    case Type::Object: return std::nullopt;
  }
  return std::nullopt;
}

// What a store of the table is made from: the table's schema and its @store options.
struct TableStoreSpec {
  std::string table;                       // the table's name in the app
  std::vector<AttributeInfo> attributes;   // its columns
  std::vector<int> primaryKey;             // columns of @PrimaryKey; empty: none
  std::vector<std::pair<std::string, std::string>> options;  // @store(...) but `type`, keys lower case
  int line = 0;  // of the @store annotation
  int col = 0;

  std::optional<std::string> option(const std::string& key) const {
    for (const auto& [k, v] : options)
      if (k == key) return v;
    return std::nullopt;
  }
};

// How a store has fared, for metrics and tests.
struct TableStoreCounters {
  uint64_t roundTrips = 0;  // batches sent (a pipeline or one command)
  uint64_t keysFetched = 0;
  uint64_t waits = 0;       // calls that found the store away and waited for it
  uint64_t failures = 0;    // calls that gave up (their events went to the fault route)
  uint64_t reconnects = 0;
};

class TableStore {
 public:
  virtual ~TableStore() = default;

  // The rows under `keys`, one batch (a pipeline: one round trip for all of them): `rows[i]`
  // holds row i's values in column order, or is empty when the store has no row under it.
  virtual void fetch(std::span<const std::string> keys, std::vector<std::optional<std::vector<Value>>>& rows) = 0;
  // Every row, in insertion order, with its key.
  virtual void fetchAll(std::vector<std::string>& keys, std::vector<std::vector<Value>>& rows) = 0;
  // Adds rows at the end of the order, in order, one batch: row i under `keys[i]`, or under a
  // key the store makes up when that is empty; returns the keys.
  virtual std::vector<std::string> insert(std::span<const Value* const> rows, std::span<const std::string> keys) = 0;
  // Gives the row under `key` the values `row`; under `newKey` (its primary key changed) it
  // keeps its place in the order.
  virtual void update(const std::string& key, const std::string& newKey, const Value* row) = 0;
  virtual void remove(const std::string& key) = 0;

  virtual TableStoreCounters counters() const = 0;
};

// Makes a store for a table; throws std::invalid_argument for options it does not take (the
// deploy fails with the message, at the @store annotation).
using TableStoreFactory = std::function<std::shared_ptr<TableStore>(const TableStoreSpec&)>;

// The store types an engine's apps may use.
class TableStoreRegistry {
 public:
  void add(const std::string& type, TableStoreFactory factory) {
    std::lock_guard lock(mutex_);
    factories_[type] = std::move(factory);
  }
  // The factory for `type` (compared in lower case), or an empty function.
  TableStoreFactory find(const std::string& type) const {
    std::lock_guard lock(mutex_);
    auto it = factories_.find(type);
    return it == factories_.end() ? TableStoreFactory() : it->second;
  }
  std::vector<std::string> types() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> names;
    for (const auto& [name, factory] : factories_) names.push_back(name);
    return names;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, TableStoreFactory> factories_;
};

}  // namespace cepheus
