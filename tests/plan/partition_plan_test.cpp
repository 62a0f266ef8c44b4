// How the planner builds partitions: with @app:workers('N'), on N shards, with the inner
// queries' writes to app streams going through shard outboxes; one worker, or a partition
// calling the function library, stays on the app's executor.
#include <gtest/gtest.h>

#include "analyze/analyzer.h"
#include "parse/parser.h"
#include "plan/planner.h"

namespace cepheus::plan {
namespace {

std::unique_ptr<runtime::AppRuntime> build(const std::string& text) {
  parse::AppParse parsed = parse::parseApp(text);
  EXPECT_TRUE(parsed.app);
  Diagnostics diagnostics;
  auto model = analyze::analyze(*parsed.app, diagnostics, nullptr);
  EXPECT_TRUE(model);
  static WallClock time;
  runtime::EngineServices services;
  services.time = &time;
  return buildApp(*model, "app", services);
}

const std::string kPartition =
    "define stream S (card string, amount double);"
    "partition with (card of S) begin from S#window.length(3) select card, sum(amount) as s insert into Out; end;";

TEST(PartitionPlan, WorkersSpreadKeysOverShards) {
  auto app = build("@app:workers('3') " + kPartition);
  ASSERT_EQ(app->partitions.size(), 1u);
  EXPECT_TRUE(app->partitions[0]->parallel());
  EXPECT_EQ(app->partitions[0]->shards(), 3u);
  ASSERT_EQ(app->partitionOutboxes.size(), 1u);
  const int out = app->findStream("Out");
  ASSERT_GE(out, 0);
  EXPECT_TRUE(app->partitionOutboxes[0][out]);  // the inner query writes Out through its outbox
}

TEST(PartitionPlan, OneWorkerOrTheFunctionLibraryKeepsThePartitionOnTheApp) {
  for (const std::string& text :
       {kPartition, "@app:workers('1') " + kPartition,
        std::string("@app:workers('4') define stream S (card string, amount double);") +
        "partition with (card of S) begin from S select str:upper(card) as c insert into Out; end;"}) {
    auto app = build(text);
    ASSERT_EQ(app->partitions.size(), 1u);
    EXPECT_FALSE(app->partitions[0]->parallel()) << text;
    EXPECT_TRUE(app->partitionOutboxes.empty()) << text;
  }
}

TEST(PartitionPlan, ALibraryCallInAPatternFilterKeepsThePartitionOnTheApp) {
  auto app = build("@app:workers('2') define stream S (card string, amount double);"
                   "partition with (card of S) begin "
                   "from every e1=S[str:length(card) > 2] -> e2=S[amount > e1.amount] "
                   "select e1.card, e2.amount insert into Out; end;");
  ASSERT_EQ(app->partitions.size(), 1u);
  EXPECT_FALSE(app->partitions[0]->parallel());
}

}  // namespace
}  // namespace cepheus::plan
