// Which known name a misspelling most likely meant, and when no suggestion is better.
#include "common/closest_name.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

const std::vector<std::string> kAttributes = {"symbol", "price", "volume", "timestamp"};

TEST(ClosestName, OneEditAway) {
  EXPECT_EQ(closestName("prise", kAttributes), "price");   // replaced
  EXPECT_EQ(closestName("prce", kAttributes), "price");    // dropped
  EXPECT_EQ(closestName("pricee", kAttributes), "price");  // doubled
  EXPECT_EQ(closestName("volmue", kAttributes), "volume");  // neighbours swapped
}

TEST(ClosestName, CaseAloneIsAlwaysWorthSuggesting) {
  EXPECT_EQ(closestName("Price", kAttributes), "price");
  EXPECT_EQ(closestName("A", {"a", "b"}), "a");
}

TEST(ClosestName, LongerNamesAllowMoreEdits) {
  EXPECT_EQ(closestName("timestmap", kAttributes), "timestamp");
  EXPECT_EQ(closestName("tmestmp", kAttributes), "timestamp");
  EXPECT_EQ(closestName("lenghtBatch", {"length", "lengthBatch"}), "lengthBatch");
  EXPECT_EQ(closestName("OnErr", {"OnError", "async"}), "OnError");  // two edits in five letters
  EXPECT_EQ(closestName("sm", {"sum"}), std::nullopt);               // but none in two
}

TEST(ClosestName, NoSuggestionForAnotherWord) {
  EXPECT_EQ(closestName("cost", kAttributes), std::nullopt);
  EXPECT_EQ(closestName("foo", {"sum", "avg", "count"}), std::nullopt);
  EXPECT_EQ(closestName("x", {"y", "z"}), std::nullopt);  // short names are all close
  EXPECT_EQ(closestName("price", {}), std::nullopt);
  EXPECT_EQ(closestName("price", {"price"}), std::nullopt);  // not a misspelling of itself
}

TEST(ClosestName, TheClosestWinsAndTiesGoToTheFirst) {
  EXPECT_EQ(closestName("sume", {"some", "sum"}), "some");
  EXPECT_EQ(closestName("sum1", {"sum", "sum2"}), "sum");
  EXPECT_EQ(closestName("mix", {"min", "max"}), "min");
}

TEST(ClosestName, NamespacesAreMatchedAsWritten) {
  const std::vector<std::string> functions = {"count", "str:upper", "str:concat", "math:sqrt"};
  EXPECT_EQ(closestName("str:concatt", functions), "str:concat");
  EXPECT_EQ(closestName("upper", functions), "str:upper");   // the namespace left out
  EXPECT_EQ(closestName("Str:upper", functions), "str:upper");
  EXPECT_EQ(closestName("math:cout", functions), std::nullopt);  // a qualified name wants a qualified one
}

TEST(ClosestName, AsAMessageSuffix) {
  EXPECT_EQ(didYouMean("prise", kAttributes), " (did you mean 'price'?)");
  EXPECT_EQ(didYouMean("cost", kAttributes), "");
  EXPECT_EQ(didYouMean("app:playbak", {"app:name", "app:playback"}, "@"),
            " (did you mean '@app:playback'?)");
}

}  // namespace
}  // namespace cepheus
