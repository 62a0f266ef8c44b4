// A checked expression: every name resolved to a place, every node typed. The planner compiles
// it into evaluators; nothing here is looked up by name at run time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/functions.h"
#include "cepheus/value.h"
#include "parse/ast.h"

namespace cepheus::analyze {

enum class ExprOp {
  Constant,
  Attribute,   // slot, index
  Aggregate,   // index into the selector's aggregate results
  Add, Subtract, Multiply, Divide, Modulo,
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
  And, Or, Not,
  IsNull,      // operand is null
  SlotIsNull,  // the event of a slot is absent (pattern/outer join reference); with an event
               // index, that row of the slot (`e1[2] is null`)
  SlotValues,  // `e1.x` on a counted pattern state in a select: the attribute `index` of every
               // row of `slot`, as a list (an object)
  Function,    // built-in scalar function `function`
};

// The built-in scalar functions of SiddhiQL (§6 of the feature inventory).
enum class ScalarFunction {
  Convert, Cast, Coalesce, Default, IfThenElse,
  InstanceOfBoolean, InstanceOfDouble, InstanceOfFloat, InstanceOfInteger, InstanceOfLong,
  InstanceOfString,
  Maximum, Minimum,
  EventTimestamp, CurrentTimeMillis, Uuid,
  CreateSet, SizeOfSet,
  Extension,  // a function of the built-in extension library (str:, regex:, math:, ...): `name`
  User,       // a user function registered in C++: `user`
};

struct TypedExpr {
  ExprOp op = ExprOp::Constant;
  Type type = Type::Object;
  std::string text;  // source text, for messages
  ast::SourcePos pos;

  Value constant;          // Constant; also the target type name for convert/cast
  int slot = 0;            // Attribute, SlotIsNull, SlotValues, EventTimestamp with a reference
  int index = 0;           // Attribute: attribute index; Aggregate: aggregate index
  bool slotOptional = false;  // Attribute: the slot may be absent (reads as null)
  // Attribute of one row of a slot that holds several (a counting pattern state: e1[0].price,
  // e1[last].price); out of range reads as null.
  std::optional<ast::EventIndex> eventIndex;
  ScalarFunction function = ScalarFunction::Convert;
  std::vector<TypedExpr> args;  // operands and function arguments
  std::string name;             // Extension and User: the qualified name ("str:concat")
  int overload = 0;             // Extension: which of the function's forms the call uses
  std::shared_ptr<const UserFunction> user;  // User: the registered function

  bool isConstant() const { return op == ExprOp::Constant; }
};

// Numeric promotion: the wider of two numeric types (double > float > long > int).
Type widerNumeric(Type a, Type b);

}  // namespace cepheus::analyze
