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
  bool optional = false;  // may be absent at run time (outer join side, pattern state)
  // A pattern or sequence state: its rows can be indexed (e1[0].x, e1[last].x).
  bool patternState = false;
  // A counted pattern state (<n:m>, +, *, ?): it holds several rows.
  bool counted = false;
  // An absent state (`not S for t`): no name refers to it, and only its own filter reads its
  // attributes.
  bool absent = false;
};

struct Scope {
  std::vector<ScopeSlot> slots;
  // Where aggregates found in the expression are collected; null where they are not allowed.
  std::vector<AggregateCall>* aggregates = nullptr;
  // Names the message uses for this place ("filter", "group by", ...).
  std::string place = "expression";
  // The filter of pattern state `currentSlot`: unqualified names are that state's attributes,
  // and `e1[last]` inside e1's own filter is the last event it collected before this one.
  int currentSlot = -1;
};

// The app-level names an expression may mention besides attributes (e.g. the table of `in`).
struct Symbols {
  std::set<std::string> tables;
  std::set<std::string> windows;
  std::map<std::string, Type> scriptFunctions;  // `define function`: name -> return type
};

}  // namespace cepheus::analyze
