#include "plan/plan_pattern.h"

#include <climits>
#include <utility>

#include "plan/expression_compiler.h"
#include "plan/plan_rate_limit.h"
#include "plan/plan_selector.h"
#include "plan/plan_state.h"
#include "runtime/insert_operator.h"
#include "runtime/pattern/pattern_operator.h"
#include "runtime/selector.h"

namespace cepheus::plan {

namespace {

using analyze::PatternModel;
using analyze::PatternNodeModel;
using runtime::pattern::PatternNode;
using runtime::pattern::PatternPlan;
using runtime::pattern::StateDef;
using runtime::pattern::StateKind;

// Wires the states as Siddhi's StateInputStreamParser does: which state a match goes to next,
// where an `every` group starts again, who starts (gets fresh matches), in what order states
// are swept for expiry.
class PlanBuilder {
 public:
  PlanBuilder(const PatternModel& model, PatternPlan& plan) : model_(model), plan_(plan) {}

  void build() {
    plan_.root = node(model_.root, true, plan_.expiryOrder);
    selects(plan_.root);
    subscribe(plan_.root);
    for (size_t i = 0; i < plan_.states.size(); ++i) plan_.states[i].thisLast = static_cast<int>(i);
    plan_.states[plan_.root.first].thisLast = plan_.root.last;
    if (model_.withinMs) {
      plan_.within = *model_.withinMs;
      for (uint32_t i : plan_.expiryOrder)
        if (plan_.states[i].isStart) plan_.startSlots.push_back(plan_.states[i].slot);
    }
  }

 private:
  PatternNode node(const PatternNodeModel& m, bool isStart, std::vector<uint32_t>& order) {
    PatternNode out;
    switch (m.kind) {
      case PatternNodeModel::Kind::State: {
        uint32_t i = static_cast<uint32_t>(m.state);
        plan_.states[i].isStart = isStart;
        if (plan_.states[i].kind == StateKind::AbsentStream) plan_.absentStates.push_back(i);
        order.push_back(i);
        out.kind = PatternNode::Kind::State;
        out.state = out.first = out.last = static_cast<int>(i);
        return out;
      }
      case PatternNodeModel::Kind::Next: {
        PatternNode first = node(m.children[0], isStart, order);
        PatternNode then = node(m.children[1], false, order);
        setNext(first.last, then.first);
        out.kind = PatternNode::Kind::Next;
        out.first = first.first;
        out.last = then.last;
        out.children = {std::move(first), std::move(then)};
        return out;
      }
      case PatternNodeModel::Kind::Every: {
        std::vector<uint32_t> inside;
        PatternNode group = node(m.children[0], isStart, inside);
        setNextEvery(group.last, group.first);
        for (uint32_t i : inside) plan_.states[i].withinEvery = group.first;
        order.insert(order.end(), inside.begin(), inside.end());
        out.kind = PatternNode::Kind::Every;
        out.first = group.first;
        out.last = group.last;
        out.children = {std::move(group)};
        return out;
      }
      case PatternNodeModel::Kind::And:
      case PatternNodeModel::Kind::Or: {
        const PatternNodeModel* sideA = &m.children[0];
        const PatternNodeModel* sideB = &m.children[1];
        // An absent side is the pair's first side, wherever it is written (Siddhi's parser
        // builds `e2=B and not A` as `not A and e2=B`): matches enter the pair through it.
        if (plan_.states[sideB->state].kind == StateKind::AbsentLogical &&
            plan_.states[sideA->state].kind != StateKind::AbsentLogical)
          std::swap(sideA, sideB);
        for (const PatternNodeModel* side : {sideA, sideB})
          if (plan_.states[side->state].kind == StateKind::AbsentLogical)
            plan_.absentStates.push_back(static_cast<uint32_t>(side->state));
        // The second side is set up first (its state comes first in the expiry sweep).
        PatternNode second = node(*sideB, isStart, order);
        PatternNode first = node(*sideA, isStart, order);
        out.kind = PatternNode::Kind::Logical;
        out.first = first.first;
        out.last = second.last;
        out.children = {std::move(first), std::move(second)};
        return out;
      }
    }
    return out;
  }

  void setNext(int last, int first) {
    StateDef& d = plan_.states[last];
    d.next = first;
    if (d.partner >= 0) plan_.states[d.partner].next = first;
    // A sequence's first state counting from 0 starts over once the state after it took a match.
    if (d.kind == StateKind::Count && d.isStart && plan_.sequence && d.minCount == 0)
      plan_.states[first].callback = last;
  }

  void setNextEvery(int last, int first) {
    StateDef& d = plan_.states[last];
    d.nextEvery = first;
    if (d.partner >= 0) plan_.states[d.partner].nextEvery = first;
  }

  // The states whose post side hands matches to the selector: the last, both sides of a last
  // `and` / `or`.
  void selects(const PatternNode& n) {
    switch (n.kind) {
      case PatternNode::Kind::State: plan_.states[n.state].emits = true; return;
      case PatternNode::Kind::Next: selects(n.children[1]); return;
      case PatternNode::Kind::Every: selects(n.children[0]); return;
      case PatternNode::Kind::Logical:
        selects(n.children[1]);
        selects(n.children[0]);
        return;
    }
  }

  // The order the states of each stream subscribe in (an event visits them in reverse).
  void subscribe(const PatternNode& n) {
    switch (n.kind) {
      case PatternNode::Kind::State: {
        const StateDef& d = plan_.states[n.state];
        plan_.streamStates[d.stream].push_back(d.slot);
        return;
      }
      case PatternNode::Kind::Next:
        subscribe(n.children[0]);
        subscribe(n.children[1]);
        return;
      case PatternNode::Kind::Every: subscribe(n.children[0]); return;
      case PatternNode::Kind::Logical:
        subscribe(n.children[1]);
        subscribe(n.children[0]);
        return;
    }
  }

  const PatternModel& model_;
  PatternPlan& plan_;
};

// Marks the two sides of each `and` / `or` as logical states and partners.
void markLogical(const PatternNodeModel& m, PatternPlan& plan) {
  if (m.kind == PatternNodeModel::Kind::And || m.kind == PatternNodeModel::Kind::Or) {
    int a = m.children[0].state, b = m.children[1].state;
    for (int i : {a, b}) {
      StateDef& d = plan.states[i];
      d.kind = d.kind == StateKind::AbsentStream ? StateKind::AbsentLogical : StateKind::Logical;
      d.logical = m.kind == PatternNodeModel::Kind::And ? runtime::pattern::LogicalType::And
                                                        : runtime::pattern::LogicalType::Or;
      d.partner = i == a ? b : a;
    }
    return;
  }
  for (const auto& child : m.children) markLogical(child, plan);
}

}  // namespace

bool patternDependsOnClock(const analyze::PatternModel& pattern) {
  for (const auto& state : pattern.states)
    if (state.absent || (state.filter && usesClock(*state.filter))) return true;
  return false;
}

void buildPatternQuery(const analyze::AppModel& model, const analyze::QueryModel& q, runtime::AppRuntime& app) {
  const PatternModel& pattern = *q.pattern;
  PatternPlan plan;
  plan.sequence = pattern.sequence;
  std::vector<const runtime::FaultRouter*> faults;
  for (int stream : pattern.streams) {
    const auto& info = model.streams[stream];
    plan.streamWidths.push_back(info.info.attributes.size());
    plan.streamNames.push_back(info.info.name);
    const runtime::Junction* faultStream = info.faultStream >= 0 ? app.junctions[info.faultStream].get() : nullptr;
    faults.push_back(app.addFaultRouter(std::make_unique<runtime::FaultRouter>(
        app.name() + ": query '" + q.name + "'", info.info.attributes.size(), faultStream)));
  }
  plan.streamStates.resize(pattern.streams.size());
  auto inputOf = [&](int stream) {
    for (size_t k = 0; k < pattern.streams.size(); ++k)
      if (pattern.streams[k] == stream) return static_cast<uint32_t>(k);
    return 0u;
  };
  for (size_t i = 0; i < pattern.states.size(); ++i) {
    const auto& s = pattern.states[i];
    StateDef d;
    d.kind = s.absent ? StateKind::AbsentStream : s.counted ? StateKind::Count : StateKind::Stream;
    d.slot = static_cast<uint32_t>(i);
    d.stream = inputOf(s.stream);
    if (s.filter) d.filter = compileCondition(*s.filter);
    d.faults = faults[d.stream];
    d.minCount = s.minCount;
    d.maxCount = s.maxCount < 0 ? INT_MAX : s.maxCount;
    d.waiting = s.waitingMs;
    plan.states.push_back(std::move(d));
  }
  markLogical(pattern.root, plan);
  PlanBuilder(pattern, plan).build();

  StatefulOperators stateful;
  auto* patternOp = app.add(std::make_unique<runtime::pattern::PatternOperator>(std::move(plan)));
  stateful.push_back(patternOp);
  std::vector<runtime::Operator*> chain{patternOp};
  // A match is not a row the output could pass on as it is: no projection is the identity
  // (input width 0).
  const runtime::FaultRouter* selectorFaults = app.addFaultRouter(
      std::make_unique<runtime::FaultRouter>(app.name() + ": query '" + q.name + "'", 0, nullptr));
  auto* selector = app.add(std::make_unique<runtime::Selector>(selectorPlan(q.selector, 0, true), selectorFaults));
  chain.push_back(selector);
  if (selector->hasState()) stateful.push_back(selector);
  if (auto limiter = makeRateLimiter(q.rate, q.selector.projections.size())) {
    auto* added = app.add(std::move(limiter));
    chain.push_back(added);
    if (added->hasState()) stateful.push_back(added);
  }
  chain.push_back(app.add(std::make_unique<runtime::InsertOperator>(app.junctions[q.outputStream].get())));
  for (size_t i = 0; i + 1 < chain.size(); ++i) chain[i]->setNext(chain[i + 1]);

  for (size_t k = 0; k < pattern.streams.size(); ++k) {
    int stream = pattern.streams[k];
    auto* input = app.add(std::make_unique<runtime::pattern::PatternInput>(*patternOp, static_cast<uint32_t>(k)));
    runtime::Junction* source =
        app.windowReaders[stream] ? app.windowReaders[stream].get() : app.junctions[stream].get();
    source->subscribe(input);
  }
  app.addElement(queryElement(model, q, std::move(stateful)));
}

}  // namespace cepheus::plan
