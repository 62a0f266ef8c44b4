// The aggregates of Siddhi's execution extensions: str:groupConcat (siddhi-execution-string),
// math:percentile (siddhi-execution-math), json:group and json:groupAsObject
// (siddhi-execution-json). Like the built-in aggregators they are added to on CURRENT, removed
// from on EXPIRED and cleared on RESET, and each group's state is a plain struct in the group's
// block; their constant parameters (AggregateParams) belong to the definition.
#include "runtime/extension_aggregators.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <list>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/json_text.h"
#include "runtime/json_element.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

namespace {

// An aggregator whose state reads the definition's parameters.
template <class S>
class ParameterizedAggregator final : public Aggregator {
 public:
  ParameterizedAggregator(std::string name, const AggregateParams& params)
      : Aggregator(sizeof(S), alignof(S)), name_(std::move(name)), params_(params) {}
  void construct(void* p) const override { new (p) S(); }
  void destroy(void* p) const override { of(p).~S(); }
  void add(void* p, const Value& v) const override { of(p).add(v, params_); }
  void remove(void* p, const Value& v) const override { of(p).remove(v, params_); }
  void reset(void* p) const override { of(p).reset(); }
  Value result(const void* p) const override { return of(p).result(params_); }
  bool holdsNothing(const void* p) const override { return of(p).holdsNothing(); }
  void snapshot(const void* p, StateWriter& out) const override { of(p).snapshot(out); }
  void restore(void* p, StateReader& in) const override { of(p).restore(in); }
  const char* name() const override { return name_.c_str(); }
  AggregateFast fast() const override { return AggregateFast::None; }

 private:
  static S& of(void* p) { return *static_cast<S*>(p); }
  static const S& of(const void* p) { return *static_cast<const S*>(p); }
  std::string name_;
  AggregateParams params_;
};

// ---- keys with counts

// Keys with how many times each is held, in the order each first arrived while held, as Java's
// LinkedHashMap keeps them: a key held again keeps its place; one whose count drops to zero
// leaves, and comes back last. `Extra` is kept with each key.
template <class Extra>
struct ArrivalCounts {
  struct Entry {
    std::string key;
    int64_t count = 0;
    Extra extra{};
  };
  std::list<Entry> entries;  // nodes stay put, so the index can view their keys
  std::unordered_map<std::string_view, typename std::list<Entry>::iterator> index;

  // The entry of `key`, made last with a count of 0 when the key is not held.
  Entry& at(std::string_view key) {
    auto it = index.find(key);
    if (it != index.end()) return *it->second;
    entries.push_back(Entry{std::string(key)});
    auto last = std::prev(entries.end());
    index.emplace(last->key, last);
    return *last;
  }
  void decrement(std::string_view key) {
    auto it = index.find(key);
    if (it == index.end()) return;
    auto entry = it->second;
    if (--entry->count > 0) return;
    index.erase(it);  // before the key it views goes
    entries.erase(entry);
  }
  void clear() {
    index.clear();
    entries.clear();
  }
  bool empty() const { return entries.empty(); }
  size_t size() const { return entries.size(); }
};

// Java's String.compareTo order (by UTF-16 code unit) on UTF-8 text: the order of the bytes,
// except that a character of U+E000..U+FFFF (lead byte EE or EF) sorts after one above U+FFFF
// (lead byte F0..F4), which Java holds as a surrogate pair (D800..DFFF). As a permutation of
// byte values it is a total order on any bytes.
inline uint8_t javaByteRank(unsigned char b) {
  if (b < 0xEE) return b;
  if (b <= 0xEF) return static_cast<uint8_t>(b + 0x10);  // EE, EF -> FE, FF
  return static_cast<uint8_t>(b - 2);                     // F0..FF -> EE..FD
}

struct JavaStringOrder {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const {
    size_t n = std::min(a.size(), b.size());
    auto [x, y] = std::mismatch(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n), b.begin());
    if (x == a.begin() + static_cast<std::ptrdiff_t>(n)) return a.size() < b.size();
    return javaByteRank(static_cast<unsigned char>(*x)) < javaByteRank(static_cast<unsigned char>(*y));
  }
};

// ---- str:groupConcat

// The keys of groupConcat in arrival order (no `order` argument).
struct ArrivalKeys {
  ArrivalCounts<char> counts;
  void increment(std::string_view key) { ++counts.at(key).count; }
  void decrement(std::string_view key) { counts.decrement(key); }
  // For restore: false when the key is held already.
  bool insert(std::string_view key, int64_t count) {
    auto& entry = counts.at(key);
    if (entry.count != 0) return false;
    entry.count = count;
    return true;
  }
  void clear() { counts.clear(); }
  bool empty() const { return counts.empty(); }
  size_t size() const { return counts.size(); }
  template <class F>
  void each(F f) const {
    for (const auto& entry : counts.entries) f(entry.key, entry.count);
  }
};

// The keys of groupConcat sorted as Java's TreeMap sorts strings ('ASC'), or in reverse ('DESC').
template <bool Descending>
struct SortedKeys {
  std::map<std::string, int64_t, JavaStringOrder> counts;
  void increment(std::string_view key) {
    auto it = counts.find(key);
    if (it == counts.end()) it = counts.emplace(std::string(key), 0).first;
    ++it->second;
  }
  void decrement(std::string_view key) {
    auto it = counts.find(key);
    if (it != counts.end() && --it->second <= 0) counts.erase(it);
  }
  bool insert(std::string_view key, int64_t count) { return counts.emplace(std::string(key), count).second; }
  void clear() { counts.clear(); }
  bool empty() const { return counts.empty(); }
  size_t size() const { return counts.size(); }
  template <class F>
  void each(F f) const {
    if constexpr (Descending) {
      for (auto it = counts.rbegin(); it != counts.rend(); ++it) f(it->first, it->second);
    } else {
      for (const auto& [key, count] : counts) f(key, count);
    }
  }
};

// str:groupConcat(key[, separator[, distinct[, order]]]): the keys held, joined by the
// separator; each as often as it is held, or once with `distinct`. A key is its text
// (String.valueOf: numbers as Java prints them). Empty (not null) while nothing is held.
template <class Keys>
struct GroupConcat {
  Keys keys;

  // The key `v` stands for; false for a null the call skips.
  static bool keyOf(const Value& v, const AggregateParams& p, std::string& scratch, std::string_view& key) {
    if (v.isNull()) {
      if (!p.nullAsText) return false;
      key = "null";
    } else if (v.isString()) {
      key = v.asString();
    } else {
      scratch = v.toString();
      key = scratch;
    }
    return true;
  }
  void add(const Value& v, const AggregateParams& p) {
    std::string scratch;
    std::string_view key;
    if (keyOf(v, p, scratch, key)) keys.increment(key);
  }
  void remove(const Value& v, const AggregateParams& p) {
    std::string scratch;
    std::string_view key;
    if (keyOf(v, p, scratch, key)) keys.decrement(key);
  }
  void reset() { keys.clear(); }
  Value result(const AggregateParams& p) const {
    std::string out;
    bool first = true;
    keys.each([&](std::string_view key, int64_t count) {
      for (int64_t i = 0; i < (p.distinct ? 1 : count); ++i) {
        if (!first) out += p.separator;
        first = false;
        out += key;
      }
    });
    return Value::ofString(out);
  }
  bool holdsNothing() const { return keys.empty(); }
  void snapshot(StateWriter& out) const {
    out.varint(keys.size());
    keys.each([&](std::string_view key, int64_t count) {
      out.string(key);
      out.svarint(count);
    });
  }
  void restore(StateReader& in) {
    keys.clear();
    size_t n = in.count(2);
    for (size_t i = 0; i < n; ++i) {
      std::string_view key = in.string();
      int64_t count = in.svarint();
      if (count <= 0) StateReader::fail("a groupConcat key held " + std::to_string(count) + " times");
      if (!keys.insert(key, count)) StateReader::fail("a groupConcat key appears twice");
    }
  }
};

// ---- math:percentile

// Java's Double.compare order as integers: -0.0 before 0.0, NaN (all NaNs one) after infinity.
inline int64_t orderKey(double d) {
  if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();
  auto bits = std::bit_cast<int64_t>(d);
  return bits < 0 ? bits ^ std::numeric_limits<int64_t>::max() : bits;
}
inline double fromOrderKey(int64_t key) {
  return std::bit_cast<double>(key < 0 ? key ^ std::numeric_limits<int64_t>::max() : key);
}

// The values held, sorted, in blocks of at most kMaxBlock: adding or removing one moves at most
// a block's values, and the i-th smallest is found by walking the blocks' sizes. (The extension
// keeps one sorted ArrayList, which moves half the window's values per event.)
struct SortedValues {
  static constexpr size_t kMaxBlock = 512;
  std::vector<std::vector<int64_t>> blocks;  // none empty; every block's keys <= the next block's
  size_t n = 0;

  // The first block whose last key is not below `key` (where its first occurrence is).
  std::vector<std::vector<int64_t>>::iterator blockFor(int64_t key) {
    return std::lower_bound(blocks.begin(), blocks.end(), key,
                            [](const std::vector<int64_t>& block, int64_t k) { return block.back() < k; });
  }
  void add(int64_t key) {
    ++n;
    if (blocks.empty()) {
      blocks.push_back({key});
      return;
    }
    auto block = blockFor(key);
    if (block == blocks.end()) --block;
    block->insert(std::upper_bound(block->begin(), block->end(), key), key);
    if (block->size() > kMaxBlock) {
      auto half = block->begin() + static_cast<std::ptrdiff_t>(block->size() / 2);
      std::vector<int64_t> upper(half, block->end());
      block->erase(half, block->end());
      blocks.insert(block + 1, std::move(upper));
    }
  }
  void remove(int64_t key) {
    auto block = blockFor(key);
    if (block == blocks.end()) return;
    auto it = std::lower_bound(block->begin(), block->end(), key);
    if (it == block->end() || *it != key) return;
    block->erase(it);
    --n;
    if (block->empty()) {
      blocks.erase(block);
      return;
    }
    // Removals must not leave many small blocks: one under a quarter full joins a neighbour.
    if (block->size() >= kMaxBlock / 4) return;
    auto next = block + 1;
    if (next != blocks.end() && block->size() + next->size() <= kMaxBlock) {
      block->insert(block->end(), next->begin(), next->end());
      blocks.erase(next);
    } else if (block != blocks.begin() && (block - 1)->size() + block->size() <= kMaxBlock) {
      auto previous = block - 1;
      previous->insert(previous->end(), block->begin(), block->end());
      blocks.erase(block);
    }
  }
  double at(size_t i) const {
    for (const auto& block : blocks) {
      if (i < block.size()) return fromOrderKey(block[i]);
      i -= block.size();
    }
    return 0;
  }
  void clear() {
    blocks.clear();
    n = 0;
  }
};

// math:percentile(arg, p): the extension's pth percentile of the values held. With n values in
// order and index = p * n / 100: a whole index i gives the mean of the i-th and the next value
// (the last value when i = n); otherwise the Math.round(index)-th value (the first for 0). Nulls
// are skipped; null while nothing is held.
struct Percentile {
  SortedValues values;

  void add(const Value& v, const AggregateParams&) {
    if (!v.isNull()) values.add(orderKey(v.toDouble()));
  }
  void remove(const Value& v, const AggregateParams&) {
    if (!v.isNull()) values.remove(orderKey(v.toDouble()));
  }
  void reset() { values.clear(); }
  Value result(const AggregateParams& p) const {
    const size_t n = values.n;
    if (n == 0) return Value();
    double index = p.percentile * static_cast<double>(n) / 100;
    if (std::fmod(index, 1.0) == 0) {
      auto i = static_cast<size_t>(index);
      if (i == 0) return Value::ofDouble(values.at(0));  // an index that underflowed to 0
      if (i >= n) return Value::ofDouble(values.at(n - 1));
      return Value::ofDouble((values.at(i - 1) + values.at(i)) / 2);
    }
    // Java's Math.round of a positive number: the nearest integer, halves up.
    auto i = static_cast<size_t>(std::llround(index));
    return Value::ofDouble(values.at(i == 0 ? 0 : std::min(i, n) - 1));
  }
  bool holdsNothing() const { return values.n == 0; }
  void snapshot(StateWriter& out) const {
    out.varint(values.n);
    for (const auto& block : values.blocks)
      for (int64_t key : block) out.f64(fromOrderKey(key));
  }
  void restore(StateReader& in) {
    values.clear();
    size_t n = in.count(8);
    int64_t previous = std::numeric_limits<int64_t>::min();
    for (size_t i = 0; i < n; ++i) {
      int64_t key = orderKey(in.f64());
      if (key < previous) StateReader::fail("the values of a percentile are not in order");
      previous = key;
      if (values.blocks.empty() || values.blocks.back().size() >= SortedValues::kMaxBlock / 2) values.blocks.emplace_back();
      values.blocks.back().push_back(key);
      ++values.n;
    }
  }
};

// ---- json:group, json:groupAsObject

// json:group(json[, enclosing.element][, distinct]) and json:groupAsObject: the JSON objects
// held, in a JSON array (inside an object under the enclosing element's name, when given); each
// as often as it is held, or once with `distinct`; a null json is a null element, as in the
// extension. Objects with the same members are one element (the first one's text shows). The
// array is a string of JSON for json:group, a JSON object value for json:groupAsObject.
template <bool AsObject>
struct JsonGroup {
  ArrivalCounts<std::string> elements;  // by canonical text; extra: the text shown, when not the key

  static void elementOf(const Value& v, std::string& scratch, std::string_view& key, std::string_view& text) {
    if (v.isNull()) {
      key = text = "null";
      return;
    }
    if (v.isObject())
      if (auto* element = dynamic_cast<const JsonElement*>(v.asObject())) {
        key = element->key();
        text = element->text();
        return;
      }
    // The planner hands JsonElements only; anything else is held as its text.
    scratch = v.toString();
    key = text = scratch;
  }
  void add(const Value& v, const AggregateParams&) {
    std::string scratch;
    std::string_view key, text;
    elementOf(v, scratch, key, text);
    auto& entry = elements.at(key);
    if (entry.count++ == 0 && text != key) entry.extra.assign(text);
  }
  void remove(const Value& v, const AggregateParams&) {
    std::string scratch;
    std::string_view key, text;
    elementOf(v, scratch, key, text);
    elements.decrement(key);
  }
  void reset() { elements.clear(); }
  Value result(const AggregateParams& p) const {
    std::string out;
    if (p.enclosing) {
      out += '{';
      out += *p.enclosing;
      out += ':';
    }
    out += '[';
    bool first = true;
    for (const auto& entry : elements.entries) {
      const std::string& text = entry.extra.empty() ? entry.key : entry.extra;
      for (int64_t i = 0; i < (p.distinct ? 1 : entry.count); ++i) {
        if (!first) out += ',';
        first = false;
        out += text;
      }
    }
    out += ']';
    if (p.enclosing) out += '}';
    if constexpr (AsObject) return Value::ofObject(new JsonText(std::move(out)));
    else return Value::ofString(out);
  }
  bool holdsNothing() const { return elements.empty(); }
  void snapshot(StateWriter& out) const {
    out.varint(elements.size());
    for (const auto& entry : elements.entries) {
      out.string(entry.key);
      out.string(entry.extra);
      out.svarint(entry.count);
    }
  }
  void restore(StateReader& in) {
    elements.clear();
    size_t n = in.count(3);
    for (size_t i = 0; i < n; ++i) {
      std::string_view key = in.string();
      std::string_view text = in.string();
      int64_t count = in.svarint();
      if (count <= 0) StateReader::fail("a JSON element held " + std::to_string(count) + " times");
      std::string_view shown = text.empty() ? key : text;
      // What the result is made of must be JSON (a JsonText holds compact JSON only).
      if (shown != "null" && !isCompactJson(shown)) StateReader::fail("a JSON element that is not a compact JSON object");
      auto& entry = elements.at(key);
      if (entry.count != 0) StateReader::fail("a JSON element appears twice");
      entry.count = count;
      entry.extra.assign(text);
    }
  }
};

template <class S>
std::unique_ptr<Aggregator> make(std::string name, const AggregateParams& params) {
  return std::make_unique<ParameterizedAggregator<S>>(std::move(name), params);
}

// A text in a layout name, length first, so that no separator can run into the next part.
std::string part(std::string_view text) { return std::to_string(text.size()) + ":" + std::string(text); }

}  // namespace

std::unique_ptr<Aggregator> makeExtensionAggregator(AggregateKind kind, const AggregateParams& params) {
  switch (kind) {
    case AggregateKind::GroupConcat: {
      std::string name = "str:groupConcat(" + part(params.separator) + (params.distinct ? ",distinct" : "") +
                         (params.nullAsText ? ",null" : "");
      switch (params.order) {
        case AggregateParams::Order::Arrival: return make<GroupConcat<ArrivalKeys>>(name + ")", params);
        case AggregateParams::Order::Ascending: return make<GroupConcat<SortedKeys<false>>>(name + ",ASC)", params);
        case AggregateParams::Order::Descending: return make<GroupConcat<SortedKeys<true>>>(name + ",DESC)", params);
      }
      break;
    }
    case AggregateKind::Percentile:
      return make<Percentile>("math:percentile(" + Value::ofDouble(params.percentile).toString() + ")", params);
    case AggregateKind::JsonGroup:
    case AggregateKind::JsonGroupAsObject: {
      std::string name = std::string(kind == AggregateKind::JsonGroup ? "json:group(" : "json:groupAsObject(") +
                         (params.enclosing ? part(*params.enclosing) : "") + (params.distinct ? ",distinct)" : ")");
      if (kind == AggregateKind::JsonGroup) return make<JsonGroup<false>>(name, params);
      return make<JsonGroup<true>>(name, params);
    }
    default: break;
  }
  return nullptr;
}

}  // namespace cepheus::runtime
