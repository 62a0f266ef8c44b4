#include "plan/find_plan.h"

#include <algorithm>

#include "plan/expression_compiler.h"

namespace cepheus::plan {

namespace {

using analyze::ExprOp;
using analyze::TypedExpr;

void conjuncts(const TypedExpr& e, std::vector<const TypedExpr*>& out) {
  if (e.op == ExprOp::And) {
    conjuncts(e.args[0], out);
    conjuncts(e.args[1], out);
    return;
  }
  out.push_back(&e);
}

// A probe value may be looked up in a column's hash index when `==` compares it in the
// column's own type: the same type, or a number no wider than the column (the comparison
// widens it to the column's type, which is what the key is converted to).
bool keyable(Type column, Type probe) {
  // Floating-point keys are left to the condition: -0.0 == 0.0 and NaN != NaN, which hashing
  // the values would get wrong.
  if (column == Type::Object || column == Type::Float || column == Type::Double || probe == Type::Object) return false;
  if (isNumeric(column) && isNumeric(probe)) return analyze::widerNumeric(column, probe) == column;
  return column == probe;
}

struct KeyPart {
  int column;
  const TypedExpr* probe;
  size_t conjunct;
};

// An equality between a column of the candidate row and a value of the probing event.
std::optional<KeyPart> keyPart(const TypedExpr& e, int slot, size_t conjunct) {
  if (e.op != ExprOp::Equal) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const TypedExpr& column = e.args[side];
    const TypedExpr& probe = e.args[1 - side];
    if (column.op != ExprOp::Attribute || column.slot != slot || column.eventIndex) continue;
    if (readsSlot(probe, slot) || !keyable(column.type, probe.type)) continue;
    return KeyPart{column.index, &probe, conjunct};
  }
  return std::nullopt;
}

// The conjuncts left, joined with `and` again; none when every one was used.
std::optional<TypedExpr> remaining(const std::vector<const TypedExpr*>& all, const std::vector<size_t>& used) {
  std::optional<TypedExpr> rest;
  for (size_t i = 0; i < all.size(); ++i) {
    if (std::find(used.begin(), used.end(), i) != used.end()) continue;
    if (!rest) {
      rest = *all[i];
      continue;
    }
    TypedExpr both;
    both.op = ExprOp::And;
    both.type = Type::Bool;
    both.text = rest->text + " and " + all[i]->text;
    both.args.push_back(std::move(*rest));
    both.args.push_back(*all[i]);
    rest = std::move(both);
  }
  return rest;
}

}  // namespace

bool readsSlot(const TypedExpr& e, int slot) {
  switch (e.op) {
    case ExprOp::Attribute:
    case ExprOp::SlotIsNull:
      if (e.slot == slot) return true;
      break;
    case ExprOp::Function:
      // eventTimestamp(ref), or eventTimestamp() of a joined event (which holds every slot).
      if (e.function == analyze::ScalarFunction::EventTimestamp && e.args.empty() && (e.slot == slot || e.slot < 0))
        return true;
      break;
    default: break;
  }
  for (const TypedExpr& arg : e.args)
    if (readsSlot(arg, slot)) return true;
  return false;
}

runtime::FindPlan compileFind(const std::optional<TypedExpr>& condition, int candidateSlot,
                              const runtime::Findable& source, const std::vector<AttributeInfo>& columns) {
  runtime::FindPlan plan;
  plan.slot = candidateSlot;
  if (!condition) return plan;
  std::vector<const TypedExpr*> all;
  conjuncts(*condition, all);
  std::vector<KeyPart> parts;
  for (size_t i = 0; i < all.size(); ++i) {
    auto part = keyPart(*all[i], candidateSlot, i);
    if (!part) continue;
    bool seen = std::any_of(parts.begin(), parts.end(), [&](const KeyPart& p) { return p.column == part->column; });
    if (!seen) parts.push_back(*part);
  }
  // The largest set of the equalities that is exactly one of the source's indexes (a key of two
  // columns is found among three equalities). Conditions have few conjuncts: every subset is tried.
  const size_t n = std::min<size_t>(parts.size(), 8);
  int bestIndex = -1;
  std::vector<int> bestOrder;
  uint32_t bestSet = 0;
  size_t bestSize = 0;
  for (uint32_t set = 1; set < (1u << n); ++set) {
    size_t size = static_cast<size_t>(__builtin_popcount(set));
    if (size <= bestSize) continue;
    std::vector<int> chosen;
    for (size_t i = 0; i < n; ++i)
      if (set & (1u << i)) chosen.push_back(parts[i].column);
    std::vector<int> order;
    int index = source.keyIndex(chosen, order);
    if (index < 0) continue;
    bestIndex = index;
    bestOrder = std::move(order);
    bestSet = set;
    bestSize = size;
  }
  if (bestIndex < 0) {
    plan.condition = compileCondition(*condition);
    return plan;
  }
  plan.index = bestIndex;
  std::vector<size_t> used;
  for (int column : bestOrder) {
    for (size_t i = 0; i < n; ++i) {
      if (!(bestSet & (1u << i)) || parts[i].column != column) continue;
      plan.key.push_back(compileConverted(*parts[i].probe, columns[static_cast<size_t>(column)].type));
      used.push_back(parts[i].conjunct);
    }
  }
  if (auto rest = remaining(all, used)) plan.condition = compileCondition(*rest);
  return plan;
}

}  // namespace cepheus::plan
