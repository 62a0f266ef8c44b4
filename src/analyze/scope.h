// What an expression can refer to: the events in scope (slots), and whether aggregate
// functions are allowed where it appears.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyze/app_model.h"

namespace cepheus::analyze {

struct ScopeSlot {
  std::string stream;  // the stream's name
  std::string alias;   // `as x` / `e1=`; empty when none
  const std::vector<AttributeInfo>* attributes = nullptr;
  bool optional = false;  // may be absent at run time (outer join side)
  // Only a qualified name (T.x) reaches it: the table of an `in` condition or of a table
  // change, whose attributes would otherwise shadow the stream's.
  bool qualifiedOnly = false;
};

struct Scope {
  std::vector<ScopeSlot> slots;
  // Where aggregates found in the expression are collected; null where they are not allowed.
  std::vector<AggregateCall>* aggregates = nullptr;
  // Names the message uses for this place ("filter", "group by", ...).
  std::string place = "expression";
  // The slots are the two sides of a join: eventTimestamp() is the joined event's (its trigger's).
  bool joined = false;
};

// The app-level names an expression may mention besides attributes (e.g. the table of `in`).
struct Symbols {
  const std::vector<TableModel>* tables = nullptr;  // of the app being analyzed
  std::set<std::string> windows;
  std::map<std::string, Type> scriptFunctions;  // `define function`: name -> return type
};

}  // namespace cepheus::analyze
