// regex: — the functions of siddhi-execution-regex. The pattern comes first, as in the
// extension (str:regexp takes the input first).
#include "analyze/function_catalog.h"

namespace cepheus::analyze {

namespace {

using namespace types;

bool regexFirst(CallCheck& call) { return checkRegexArgument(call, 0); }

}  // namespace

void addRegexRules(std::vector<FunctionRule>& rules) {
  const Param regex{"regex", String};
  const Param input{"input.sequence", String};
  rules.push_back({"regex:find",
                   {{{regex, input}, Type::Bool}, {{regex, input, {"starting.index", Int}}, Type::Bool}},
                   regexFirst});
  rules.push_back({"regex:group", {{{regex, input, {"group.id", Int}}, Type::String}}, regexFirst});
  rules.push_back({"regex:lookingAt", {{{regex, input}, Type::Bool}}, regexFirst});
  rules.push_back({"regex:matches", {{{regex, input}, Type::Bool}}, regexFirst});
}

}  // namespace cepheus::analyze
