#include "io/stores/redis/redis_table_store.h"

#include <hiredis/hiredis.h>

#include <charconv>
#include <stdexcept>
#include <vector>

#include "io/stores/redis/redis_connection.h"

namespace cepheus::io {

namespace {

// KEYS[1]: the order set. ARGV: the row key ('' for a new one: ARGV[2] .. its score), the key
// prefix, then field, value, ...
const char* kInsertScript = R"(
local score = 1
local top = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if top[2] then score = tonumber(top[2]) + 1 end
local key = ARGV[1]
if key == '' then key = ARGV[2] .. string.format('%d', score) end
redis.call('DEL', key)
if #ARGV > 2 then redis.call('HSET', key, unpack(ARGV, 3)) end
redis.call('ZADD', KEYS[1], score, key)
return key
)";

// ARGV: the old key, the new key, then field, value, ... The row keeps its score.
const char* kUpdateScript = R"(
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('DEL', ARGV[1])
if ARGV[1] ~= ARGV[2] then redis.call('ZREM', KEYS[1], ARGV[1]) end
if #ARGV > 2 then redis.call('HSET', ARGV[2], unpack(ARGV, 3)) end
if score then redis.call('ZADD', KEYS[1], score, ARGV[2]) end
return 1
)";

const char* kRemoveScript = R"(
redis.call('DEL', ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
)";

std::chrono::milliseconds parseDuration(const std::string& key, const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  int64_t n = 0;
  auto [end, failed] = std::from_chars(text.data(), text.data() + digits, n);
  std::string unit = text.substr(digits);
  while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
  int64_t scale = unit.empty() || unit == "ms" ? 1 : unit == "s" || unit == "sec" ? 1000 : unit == "min" ? 60000 : 0;
  if (digits == 0 || failed != std::errc() || scale == 0 || n < 1)
    throw std::invalid_argument(key + " must be a duration ('500 ms', '5 sec'), found '" + text + "'");
  return std::chrono::milliseconds(n * scale);
}

int parseNumber(const std::string& key, const std::string& text, int low, int high) {
  int n = 0;
  auto [end, failed] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (failed != std::errc() || end != text.data() + text.size() || n < low || n > high)
    throw std::invalid_argument(key + " must be a number from " + std::to_string(low) + " to " + std::to_string(high) +
                                ", found '" + text + "'");
  return n;
}

class RedisTableStore final : public TableStore {
 public:
  RedisTableStore(const TableStoreSpec& spec, RedisConnection::Options options, std::string prefix)
      : attributes_(spec.attributes), prefix_(std::move(prefix)), connection_(std::move(options)) {
    for (const AttributeInfo& a : attributes_) fields_.push_back(a.name);
  }

  void fetch(std::span<const std::string> keys, std::vector<std::optional<std::vector<Value>>>& rows) override {
    rows.assign(keys.size(), std::nullopt);
    if (keys.empty()) return;
    std::vector<std::string> full;
    full.reserve(keys.size());
    for (const std::string& k : keys) full.push_back(rowKey(k));
    // HMGET key field...: the argument vector is the same but for the key.
    std::vector<const char*> argv{"HMGET", nullptr};
    std::vector<size_t> lengths{5, 0};
    for (const std::string& f : fields_) {
      argv.push_back(f.data());
      lengths.push_back(f.size());
    }
    connection_.run(
        full.size(),
        [&](redisContext* c, size_t i) {
          argv[1] = full[i].data();
          lengths[1] = full[i].size();
          redisAppendCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lengths.data());
        },
        [&](size_t i, const redisReply* r) { rows[i] = rowOf(full[i], r); });
    connection_.countKeys(keys.size());
  }

  void fetchAll(std::vector<std::string>& keys, std::vector<std::vector<Value>>& rows) override {
    std::vector<std::string> listed;
    connection_.run(
        1,
        [&](redisContext* c, size_t) {
          const char* argv[] = {"ZRANGE", prefix_.data(), "0", "-1"};
          size_t lengths[] = {6, prefix_.size(), 1, 2};
          redisAppendCommandArgv(c, 4, argv, lengths);
        },
        [&](size_t, const redisReply* r) {
          listed.clear();
          if (r->type != REDIS_REPLY_ARRAY) throw TableStoreError(where() + ": '" + prefix_ + "' is not a sorted set");
          for (size_t i = 0; i < r->elements; ++i) {
            std::string key(r->element[i]->str, r->element[i]->len);
            if (key.size() > prefix_.size() && key.compare(0, prefix_.size() + 1, prefix_ + ":") == 0)
              listed.push_back(key.substr(prefix_.size() + 1));
          }
        });
    std::vector<std::optional<std::vector<Value>>> found;
    fetch(listed, found);
    keys.clear();
    rows.clear();
    for (size_t i = 0; i < listed.size(); ++i) {
      if (!found[i]) continue;  // listed, but its hash is gone
      keys.push_back(std::move(listed[i]));
      rows.push_back(std::move(*found[i]));
    }
  }

  std::vector<std::string> insert(std::span<const Value* const> rows, std::span<const std::string> keys) override {
    std::vector<std::vector<std::string>> commands;
    for (size_t i = 0; i < rows.size(); ++i) {
      commands.push_back({"EVAL", kInsertScript, "1", prefix_, keys[i].empty() ? "" : rowKey(keys[i]), prefix_ + ":#"});
      addFields(commands.back(), rows[i]);
    }
    std::vector<std::string> written(rows.size());
    runAll(commands, [&](size_t i, const redisReply* r) {
      if (r->type != REDIS_REPLY_STRING) throw TableStoreError(where() + ": the insert script answered no key");
      written[i] = std::string(r->str, r->len).substr(prefix_.size() + 1);
    });
    return written;
  }

  void update(const std::string& key, const std::string& newKey, const Value* row) override {
    std::vector<std::string> args{"EVAL", kUpdateScript, "1", prefix_, rowKey(key), rowKey(newKey)};
    addFields(args, row);
    runOne(args, [](const redisReply*) {});
  }

  void remove(const std::string& key) override {
    runOne({"EVAL", kRemoveScript, "1", prefix_, rowKey(key)}, [](const redisReply*) {});
  }

  TableStoreCounters counters() const override { return connection_.counters(); }

 private:
  std::string rowKey(const std::string& key) const { return prefix_ + ":" + key; }
  std::string where() const { return connection_.where(); }

  void addFields(std::vector<std::string>& args, const Value* row) const {
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (row[i].isNull()) continue;
      args.push_back(fields_[i]);
      args.push_back(storeText(row[i]));
    }
  }

  // The commands as one pipeline.
  void runAll(const std::vector<std::vector<std::string>>& commands,
              const std::function<void(size_t, const redisReply*)>& take) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    connection_.run(
        commands.size(),
        [&](redisContext* c, size_t i) {
          argv.clear();
          lengths.clear();
          for (const std::string& a : commands[i]) {
            argv.push_back(a.data());
            lengths.push_back(a.size());
          }
          redisAppendCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lengths.data());
        },
        take);
  }

  void runOne(const std::vector<std::string>& args, const std::function<void(const redisReply*)>& take) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const std::string& a : args) {
      argv.push_back(a.data());
      lengths.push_back(a.size());
    }
    connection_.run(
        1,
        [&](redisContext* c, size_t) {
          redisAppendCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lengths.data());
        },
        [&](size_t, const redisReply* r) { take(r); });
  }

  // An HMGET reply: every field missing is no row.
  std::optional<std::vector<Value>> rowOf(const std::string& key, const redisReply* r) const {
    if (r->type != REDIS_REPLY_ARRAY || r->elements != fields_.size())
      throw TableStoreError(where() + ": '" + key + "' is not a hash");
    std::vector<Value> row(fields_.size());
    bool any = false;
    for (size_t i = 0; i < fields_.size(); ++i) {
      const redisReply* e = r->element[i];
      if (e->type == REDIS_REPLY_NIL) continue;
      any = true;
      std::string_view text(e->str, e->len);
      std::optional<Value> v = fromStoreText(attributes_[i].type, text);
      if (!v)
        throw TableStoreError(where() + ": field '" + fields_[i] + "' of '" + key + "' holds '" + std::string(text) +
                              "', which is not " + (attributes_[i].type == Type::Int ? "an " : "a ") +
                              typeName(attributes_[i].type));
      row[i] = *v;
    }
    if (!any) return std::nullopt;
    return row;
  }

  std::vector<AttributeInfo> attributes_;
  std::vector<std::string> fields_;
  std::string prefix_;
  RedisConnection connection_;
};

}  // namespace

std::shared_ptr<TableStore> makeRedisTableStore(const TableStoreSpec& spec) {
  RedisConnection::Options options;
  std::string prefix = spec.table;
  for (const auto& [key, value] : spec.options) {
    if (key == "host") {
      options.host = value == "localhost" ? "127.0.0.1" : value;
    } else if (key == "port") {
      options.port = parseNumber(key, value, 1, 65535);
    } else if (key == "password") {
      options.password = value;
    } else if (key == "table.name") {
      if (value.empty() || value.find(':') != std::string::npos)
        throw std::invalid_argument("table.name must be a name without ':', found '" + value + "'");
      prefix = value;
    } else if (key == "cluster.mode") {
      if (value != "false")
        throw std::invalid_argument("cluster.mode='" + value +
                                    "' is not supported: a Redis table talks to one server (host, port or socket)");
    } else if (key == "socket") {
      options.socket = value;
    } else if (key == "database") {
      options.database = parseNumber(key, value, 0, 1 << 20);
    } else if (key == "timeout") {
      options.timeout = parseDuration(key, value);
    } else {
      throw std::invalid_argument("@store(type='redis') has no option '" + key +
                                  "' (it takes host, port, password, table.name, cluster.mode, socket, database, "
                                  "timeout)");
    }
  }
  return std::make_shared<RedisTableStore>(spec, std::move(options), std::move(prefix));
}

}  // namespace cepheus::io
