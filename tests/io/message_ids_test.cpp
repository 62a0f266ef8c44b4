// The deterministic output ids (io/message_ids.h): the same outputs get the same ids in any
// order and across a save and restore; identical outputs are counted; only the last 4096 are.
#include "io/message_ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace cepheus::io {
namespace {

TEST(MessageIds, TheSameOutputsGetTheSameIdsInAnyOrderAndIdenticalOnesAreCounted) {
  std::vector<std::pair<std::string, int64_t>> outputs = {{"a", 1}, {"b", 1}, {"a", 1}, {"a", 2}, {"c", 3}, {"a", 1}};
  MessageIds first("App", "Alerts/0");
  std::multiset<std::string> ids;
  for (const auto& [content, ts] : outputs) ids.insert(first.next(content, ts));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), outputs.size());  // all distinct

  // A replay from the same starting point (the same saved run), in another order, gives the
  // same ids.
  MessageIds fresh("App", "Alerts/0");
  MessageIds replay("App", "Alerts/0");
  replay.restore(fresh.save());
  MessageIds original("App", "Alerts/0");
  original.restore(fresh.save());
  std::multiset<std::string> inOrder, reversed;
  for (const auto& [content, ts] : outputs) inOrder.insert(original.next(content, ts));
  for (auto it = outputs.rbegin(); it != outputs.rend(); ++it) reversed.insert(replay.next(it->first, it->second));
  EXPECT_EQ(inOrder, reversed);
}

TEST(MessageIds, AnIdIsTagRunHashTimeAndCountWhetherMadeAsTextOrAsParts) {
  MessageIds seed("App", "Alerts/0");
  MessageIds asText("App", "Alerts/0");
  MessageIds asParts("App", "Alerts/0");
  asText.restore(seed.save());
  asParts.restore(seed.save());
  const std::regex shape("^([0-9a-f]{16}):([0-9a-f]{16}):([0-9a-f]{16}):(-?[0-9]+):([0-9]+)$");
  const std::vector<std::pair<std::string, int64_t>> outputs = {
      {"a", 1700000000123}, {"a", 1700000000123}, {"b", 0}, {"a", INT64_MIN}, {"c", INT64_MAX}, {"a", 1700000000123}};
  std::vector<std::string> expectedCounts = {"0", "1", "0", "0", "0", "2"};
  for (size_t i = 0; i < outputs.size(); ++i) {
    const auto& [content, ts] = outputs[i];
    std::string text = asText.next(content, ts);
    OutputId parts = asParts.nextIdOfHash(asParts.contentHash(content), ts);
    EXPECT_EQ(asParts.text(parts), text);
    char buffer[MessageIds::kMaxText];
    EXPECT_EQ(std::string(buffer, asParts.render(parts, buffer)), text);
    std::smatch match;
    ASSERT_TRUE(std::regex_match(text, match, shape)) << text;
    EXPECT_EQ(match[1].str(), asText.tag());
    EXPECT_EQ(match[3].str(), hex64(wordHash(content)));
    EXPECT_EQ(match[4].str(), std::to_string(ts));
    EXPECT_EQ(match[5].str(), expectedCounts[i]);
  }
}

TEST(MessageIds, ARestoredSaveGoesOnCountingWhereTheSavedOneWas) {
  MessageIds ids("App", "Alerts/0");
  std::string a0 = ids.next("a", 5);
  std::string saved = ids.save();
  std::string a1 = ids.next("a", 5);
  MessageIds restored("App", "Alerts/0");
  restored.restore(saved);
  EXPECT_EQ(restored.next("a", 5), a1);
  EXPECT_NE(a0, a1);
  EXPECT_NE(a1.find(":5:1"), std::string::npos);
}

TEST(MessageIds, OnlyTheLast4096OutputsAreRemembered) {
  MessageIds ids("App", "Alerts/0");
  std::string first = ids.next("same", 7);
  for (int i = 0; i < 4096; ++i) ids.next("other-" + std::to_string(i), 7);
  EXPECT_EQ(ids.next("same", 7), first);  // forgotten: taken for the first again
  MessageIds near("App", "Alerts/0");
  near.restore(ids.save());
  std::string again = near.next("x", 1);
  EXPECT_NE(near.next("x", 1), again);
  // Many evictions leave the counts right (the table's tombstones are swept): 5000 keys in turn
  // are each more than 4096 outputs from their last time, so each gets its first id every time.
  MessageIds churn("App", "Alerts/0");
  std::map<std::string, int> seen;
  for (int i = 0; i < 50'000; ++i) ++seen[churn.next("k" + std::to_string(i % 5000), 9)];
  EXPECT_EQ(seen.size(), 5000u);
  for (const auto& [id, count] : seen) EXPECT_EQ(count, 10) << id;
  // 3000 keys in turn are remembered: the second round counts them.
  MessageIds remembered("App", "Alerts/0");
  std::string k0 = remembered.next("k0", 9);
  for (int i = 1; i < 3000; ++i) remembered.next("k" + std::to_string(i), 9);
  EXPECT_NE(remembered.next("k0", 9), k0);
}

// Ids saved before the content hash became wordHash (a save without "hash") go on with FNV-1a,
// in that save's restores too: outputs replayed after an upgrade keep the ids they had.
TEST(MessageIds, IdsRestoredFromASaveOfTheFirstVersionKeepItsHash) {
  MessageIds current("App", "Alerts/0");
  EXPECT_EQ(current.hashVersion(), 2);
  EXPECT_EQ(current.contentHash("payload"), wordHash("payload"));
  MessageIds old("App", "Alerts/0");
  old.restore(R"({"run":42,"kept":[[5,7]]})");
  EXPECT_EQ(old.hashVersion(), 1);
  EXPECT_EQ(old.contentHash("payload"), fnv1a("payload"));
  const std::string id = old.next("a", 5);
  EXPECT_NE(id.find(":" + hex64(42) + ":" + hex64(fnv1a("a")) + ":5:0"), std::string::npos) << id;
  MessageIds again("App", "Alerts/0");
  again.restore(old.save());
  EXPECT_EQ(again.hashVersion(), 1);
  EXPECT_THROW(again.restore(R"({"run":1,"hash":9,"kept":[]})"), std::invalid_argument);
}

// The word hash reads every byte, in order, and the length: no two of these collide.
TEST(MessageIds, TheWordHashTellsApartContentsThatDifferInAnyByteOrInLength) {
  std::vector<std::string> contents = {"", std::string(1, '\0'), std::string(2, '\0'), "a", "b", "ab", "ba",
                                       "abcdefgh", "abcdefgi", "bbcdefgh", std::string("abcdefgh\0", 9), "abcdefghabcdefgh"};
  for (size_t i = 0; i < 40; ++i) contents.push_back(std::string(i, 'x') + "y" + std::string(39 - i, 'x'));
  std::set<uint64_t> hashes;
  for (const std::string& content : contents) hashes.insert(wordHash(content));
  EXPECT_EQ(hashes.size(), contents.size());
  EXPECT_NE(wordHash("abc", 1), wordHash("abc", 2));
}

TEST(MessageIds, ARestoreRefusesWhatIsNotASave) {
  MessageIds ids("App", "Alerts/0");
  EXPECT_THROW(ids.restore("{}"), std::invalid_argument);
  EXPECT_THROW(ids.restore("not json"), std::invalid_argument);
}

}  // namespace
}  // namespace cepheus::io
