#include "runtime/table/key_index.h"

namespace cepheus::runtime {

KeyIndex::KeyIndex(std::vector<int> columns, bool unique)
    : columns_(std::move(columns)), unique_(unique), slots_(16), mask_(15) {}

namespace {

// Murmur3's 64-bit finalizer: every input bit reaches the low bits the slot is taken from, so
// keys that differ only in high bits (ids, timestamps) do not crowd into runs of adjacent slots
// that linear probing would walk.
size_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  return static_cast<size_t>(h ^ (h >> 33));
}

// Value::hash without its out-of-line call for the common key types.
size_t valueHash(const Value& v) {
  if (v.tag() == Value::Tag::Long || v.tag() == Value::Tag::Int)
    return static_cast<size_t>(v.asLong()) ^ static_cast<size_t>(v.tag());
  return v.hash();
}

// Value equality (operator==: numbers of different types differ), inline for int and long.
bool sameValue(const Value& a, const Value& b) {
  if ((a.tag() == Value::Tag::Long || a.tag() == Value::Tag::Int) && a.tag() == b.tag()) return a.asLong() == b.asLong();
  return a == b;
}

}  // namespace

size_t KeyIndex::hashKey(const Value* key, size_t width) {
  if (width == 1) return mix(valueHash(key[0]));
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < width; ++i) h = (h ^ valueHash(key[i])) * 0x100000001b3ULL;
  return mix(h);
}

size_t KeyIndex::hashRow(const Value* row) const {
  if (columns_.size() == 1) return mix(valueHash(row[columns_[0]]));
  uint64_t h = 0xcbf29ce484222325ULL;
  for (int c : columns_) h = (h ^ valueHash(row[c])) * 0x100000001b3ULL;
  return mix(h);
}

bool KeyIndex::rowHasKey(const TableRows& rows, uint32_t id, const Value* key) const {
  const Value* row = rows.values(id);
  for (size_t i = 0; i < columns_.size(); ++i)
    if (!sameValue(row[columns_[i]], key[i])) return false;
  return true;
}

bool KeyIndex::sameKey(const TableRows& rows, uint32_t id, const Value* row) const {
  const Value* stored = rows.values(id);
  for (int c : columns_)
    if (!sameValue(stored[c], row[c])) return false;
  return true;
}

uint32_t KeyIndex::find(const TableRows& rows, const Value* key, size_t hash) const {
  for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Entry& e = slots_[i];
    if (e.first == kNone) return kNone;
    if (e.hash == hash && rowHasKey(rows, e.first, key)) return e.first;
  }
}

size_t KeyIndex::slotOf(const TableRows& rows, const Value* row, size_t hash) const {
  for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Entry& e = slots_[i];
    if (e.first == kNone || (e.hash == hash && sameKey(rows, e.first, row))) return i;
  }
}

uint32_t KeyIndex::findRow(const TableRows& rows, const Value* row) const {
  return slots_[slotOf(rows, row, hashRow(row))].first;
}

bool KeyIndex::add(const TableRows& rows, uint32_t id) {
  const Value* row = rows.values(id);
  size_t hash = hashRow(row);
  size_t slot = slotOf(rows, row, hash);
  Entry& e = slots_[slot];
  if (e.first != kNone) {
    if (unique_) return false;
    if (links_.size() <= id) links_.resize(static_cast<size_t>(id) + 1);
    links_[e.last].next = id;
    links_[id] = {kNone, e.last};
    e.last = id;
    return true;
  }
  e = {hash, id, id};
  if (!unique_) {
    if (links_.size() <= id) links_.resize(static_cast<size_t>(id) + 1);
    links_[id] = {};
  }
  if (++keys_ * 10 > slots_.size() * 7) grow();
  return true;
}

void KeyIndex::remove(const TableRows& rows, uint32_t id) {
  const Value* row = rows.values(id);
  size_t slot = slotOf(rows, row, hashRow(row));
  Entry& e = slots_[slot];
  if (e.first == kNone) return;
  if (unique_) {
    if (e.first == id) erase(slot);
    return;
  }
  Links& l = links_[id];
  if (l.prev != kNone) {
    links_[l.prev].next = l.next;
  } else {
    e.first = l.next;
  }
  if (l.next != kNone) {
    links_[l.next].prev = l.prev;
  } else {
    e.last = l.prev;
  }
  l = {};
  if (e.first == kNone) erase(slot);
}

// Backward-shift deletion: the entries after the hole that would be found through it move up,
// so probes never need tombstones.
void KeyIndex::erase(size_t slot) {
  --keys_;
  size_t hole = slot;
  for (size_t i = (slot + 1) & mask_;; i = (i + 1) & mask_) {
    Entry& e = slots_[i];
    if (e.first == kNone) break;
    size_t home = e.hash & mask_;
    // The entry may fill the hole when its home is not in (hole, i] (cyclically).
    bool between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
    if (!between) {
      slots_[hole] = e;
      hole = i;
    }
  }
  slots_[hole] = Entry{};
}

void KeyIndex::grow() {
  std::vector<Entry> old = std::move(slots_);
  slots_.assign(old.size() * 2, Entry{});
  mask_ = slots_.size() - 1;
  for (const Entry& e : old) {
    if (e.first == kNone) continue;
    size_t i = e.hash & mask_;
    while (slots_[i].first != kNone) i = (i + 1) & mask_;
    slots_[i] = e;
  }
}

void KeyIndex::clear() {
  slots_.assign(16, Entry{});
  mask_ = 15;
  keys_ = 0;
  links_.clear();
}

}  // namespace cepheus::runtime
