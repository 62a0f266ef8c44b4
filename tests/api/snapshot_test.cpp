// App::snapshot and App::restore: a restored app goes on exactly where the saved one was; an
// edited app keeps the state of what did not change; a snapshot that does not fit is refused
// and the app it was given to is left untouched.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <set>
#include <thread>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kStream = "define stream S (symbol string, price double, volume long);\n";

void sendPrices(AppHarness& h, int64_t firstTs, std::initializer_list<double> prices) {
  int64_t ts = firstTs;
  for (double p : prices) h.send("S", ts++, {S("A"), D(p), L(1)});
}

TEST(Snapshot, ARestoredAppGoesOnWhereTheSavedOneWas) {
  const std::string app = "@app:playback\n" + kStream +
                          "from S#window.length(3) select sum(price) as total insert into Out;";
  AppHarness whole(app);
  sendPrices(whole, 1, {1, 2, 3, 4, 5, 6});

  AppHarness first(app);
  sendPrices(first, 1, {1, 2, 3, 4});
  std::vector<uint8_t> saved = first.app().snapshot();
  AppHarness second(app);
  RestoreReport report = second.app().restore(saved);
  EXPECT_EQ(report.restored.size(), 1u);
  EXPECT_TRUE(report.fresh.empty());
  sendPrices(second, 5, {5, 6});
  EXPECT_EQ(second.rows("Out"), (Rows{"[12.0]", "[15.0]"}));
  EXPECT_EQ(whole.rows("Out").back(), "[15.0]");
}

TEST(Snapshot, AnEditedAppKeepsTheStateOfWhatDidNotChange) {
  const std::string before = "@app:playback\n" + kStream +
                             "@info(name='kept') from S#window.length(2) select sum(price) as a insert into A;\n"
                             "from S#window.length(2) select sum(price) as b insert into B;\n"
                             "from S select count() as c insert into C;";
  // The second query changes; the third only gains a comment and other line breaks.
  const std::string after = "@app:playback\n" + kStream +
                            "@info(name='kept') from S#window.length(2) select sum(price) as a insert into A;\n"
                            "from S#window.length(2) select max(price) as b insert into B;\n"
                            "-- counts every event\nfrom S\n  select count() as c\n  insert into C;";
  AppHarness original(before);
  sendPrices(original, 1, {10, 20, 30});
  AppHarness edited(after);
  RestoreReport report = edited.app().restore(original.app().snapshot());
  EXPECT_EQ(report.restored, (Rows{"query 'kept'", "query 'query3' (line 6)"}));
  EXPECT_EQ(report.fresh, (Rows{"query 'query2' (line 4)"}));
  EXPECT_EQ(report.dropped, (Rows{"query 'query2' (line 4)"}));
  sendPrices(edited, 4, {40});
  EXPECT_EQ(edited.rows("A"), (Rows{"[70.0]"}));  // 30 + 40: the window was kept
  EXPECT_EQ(edited.rows("B"), (Rows{"[40.0]"}));  // started empty
  EXPECT_EQ(edited.rows("C"), (Rows{"[4]"}));     // the count went on
}

TEST(Snapshot, ANamedQueryWhoseStateChangedShapeStartsEmpty) {
  const std::string before = "@app:playback\n" + kStream +
                             "@info(name='q') from S#window.length(2) select sum(price) as a insert into A;";
  const std::string after = "@app:playback\n" + kStream +
                            "@info(name='q') from S#window.length(5) select sum(price) as a insert into A;";
  AppHarness original(before);
  sendPrices(original, 1, {10, 20});
  AppHarness edited(after);
  RestoreReport report = edited.app().restore(original.app().snapshot());
  EXPECT_EQ(report.fresh, (Rows{"query 'q'"}));
  EXPECT_TRUE(report.restored.empty());
  sendPrices(edited, 3, {1});
  EXPECT_EQ(edited.rows("A"), (Rows{"[1.0]"}));
}

TEST(Snapshot, ASnapshotOfAnotherAppIsRefused) {
  AppHarness mine("@app:name('mine') @app:playback\n" + kStream + "from S select count() as c insert into C;");
  AppHarness other("@app:name('other') @app:playback\n" + kStream + "from S select count() as c insert into C;");
  sendPrices(other, 1, {1});
  try {
    mine.app().restore(other.app().snapshot());
    FAIL() << "restored another app's snapshot";
  } catch (const SnapshotError& e) {
    EXPECT_NE(std::string(e.what()).find("of app 'other', not of 'mine'"), std::string::npos) << e.what();
  }
  // Unnamed apps that share no query are other apps too.
  AppHarness first(kStream + "from S select count() as c insert into C;");
  AppHarness second(kStream + "from S select sum(volume) as v insert into V;");
  EXPECT_THROW(second.app().restore(first.app().snapshot()), SnapshotError);
}

// The app after a refused restore is the app before it: it goes on as a twin that was never
// given the snapshot.
class RefusedSnapshots : public ::testing::Test {
 protected:
  const std::string app = "@app:playback\n" + kStream +
                          "from S#window.length(3) select symbol, sum(price) as total, count() as n group by symbol "
                          "insert into Out;\n"
                          "from S#window.time(1 sec) select max(price) as top insert all events into Top;";
  void SetUp() override {
    AppHarness source(app);
    for (int i = 0; i < 20; ++i) source.send("S", i * 100, {S(i % 2 ? "IBM" : "a-long-symbol-name-on-the-heap"), D(i), L(i)});
    saved = source.app().snapshot();
    sendPrices(target, 0, {1, 2});
    sendPrices(twin, 0, {1, 2});
  }
  void expectUntouched() {
    sendPrices(target, 5000, {7, 8});
    sendPrices(twin, 5000, {7, 8});
    EXPECT_EQ(target.rows("Out"), twin.rows("Out"));
    EXPECT_EQ(target.rows("Top"), twin.rows("Top"));
  }
  std::vector<uint8_t> saved;
  AppHarness target{app};
  AppHarness twin{app};
};

TEST_F(RefusedSnapshots, EveryTruncationIsRefused) {
  for (size_t length = 0; length < saved.size(); ++length) {
    std::vector<uint8_t> cut(saved.begin(), saved.begin() + static_cast<std::ptrdiff_t>(length));
    EXPECT_THROW(target.app().restore(cut), SnapshotError) << "length " << length;
  }
  expectUntouched();
}

TEST_F(RefusedSnapshots, FlippedBitsAreRefused) {
  std::mt19937 random(42);
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<uint8_t> corrupt = saved;
    const size_t flips = 1 + trial % 3;
    std::set<size_t> bits;  // distinct: a bit flipped twice is not flipped (it was, in one build)
    while (bits.size() < flips) bits.insert(random() % (corrupt.size() * 8));
    for (size_t bit : bits) corrupt[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    EXPECT_THROW(target.app().restore(corrupt), SnapshotError) << "trial " << trial;
  }
  expectUntouched();
}

TEST_F(RefusedSnapshots, ANewerFormatIsRefusedWithItsVersion) {
  std::vector<uint8_t> newer = saved;
  newer[8] = 2;  // the format version follows the 8-byte magic
  try {
    target.app().restore(newer);
    FAIL();
  } catch (const SnapshotError& e) {
    EXPECT_NE(std::string(e.what()).find("format version 2, newer than this Cepheus reads (1)"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(target.app().restore(std::vector<uint8_t>{'n', 'o', 'p', 'e'}), SnapshotError);
  expectUntouched();
}

TEST(Snapshot, WallClockTimersKeepTheirTimeAcrossARestore) {
  const std::string app = kStream + "from S#window.time(2 sec) select count() as n insert all events into Out;";
  std::vector<uint8_t> saved;
  {
    AppHarness h(app, AppHarness::manualClock(10'000));
    h.send("S", 10'000, {S("A"), D(1), L(1)});  // leaves at 12 000
    h.advance(500);
    EXPECT_EQ(h.rows("Out"), (Rows{"[1]"}));
    saved = h.app().snapshot();
  }
  // Restored one second later: the row still leaves at 12 000.
  AppHarness later(app, AppHarness::manualClock(11'000));
  later.app().restore(saved);
  later.advance(999);
  EXPECT_TRUE(later.rows("Out").empty());
  later.advance(1);
  EXPECT_EQ(later.rows("Out"), (Rows{"[0]"}));

  // Restored after the row was due: it leaves at once.
  AppHarness late(app, AppHarness::manualClock(30'000));
  late.app().restore(saved);
  late.app().drain();
  EXPECT_EQ(late.rows("Out"), (Rows{"[0]"}));
}

// Snapshots taken while another thread sends are cuts between two events: the restored window
// holds the events just before the cut, none missing, none half there.
TEST(Snapshot, ASnapshotIsAConsistentCutWhileAnotherThreadSends) {
  const std::string app = kStream + "from S#window.length(4) select sum(volume) as s, count() as n insert into Out;";
  AppHarness live(app);
  constexpr int kEvents = 20'000;
  std::atomic<bool> go{false};
  std::atomic<bool> done{false};
  std::thread sender([&] {
    while (!go) std::this_thread::yield();
    for (int i = 1; i <= kEvents; ++i) live.send("S", i, {S("A"), D(0), L(i)});
    done = true;
  });
  std::vector<std::vector<uint8_t>> snapshots;
  go = true;
  do {
    snapshots.push_back(live.app().snapshot());
  } while (!done && snapshots.size() < 200);
  sender.join();
  for (const auto& saved : snapshots) {
    AppHarness restored(app);
    restored.app().restore(saved);
    restored.send("S", kEvents + 1, {S("A"), D(0), L(0)});  // adds nothing to the sum
    const Recorded& row = restored.recorded("Out").at(0);
    int64_t sum = row.data[0].isNull() ? 0 : row.data[0].asLong();
    int64_t held = row.data[1].asLong() - 1;  // rows before the marker
    // The last `held` events k-held+1 .. k, for some k.
    ASSERT_GE(held, 0);
    ASSERT_LE(held, 3);
    if (held == 0) continue;
    int64_t k = (sum + held * (held - 1) / 2) / held;
    EXPECT_EQ(sum, held * k - held * (held - 1) / 2) << "not a suffix of the events sent";
    EXPECT_TRUE(held == 3 || k == held) << "a window short of rows that had arrived";
  }
}

TEST(Snapshot, IsRefusedFromInsideACallback) {
  AppHarness h(kStream + "from S select symbol insert into Out;");
  bool refused = false;
  h.app().subscribe("Out", [&](int64_t, std::span<const Value>) {
    try {
      h.app().snapshot();
    } catch (const std::logic_error&) {
      refused = true;
    }
  });
  h.send("S", 1, {S("A"), D(1), L(1)});
  EXPECT_TRUE(refused);
}

}  // namespace
}  // namespace cepheus::testing
