// The language's keywords, as the lexer knows them: for tools that complete or highlight
// SiddhiQL text (the shell's TAB completion) without keeping a copy of the grammar's list.
#pragma once

#include <string>
#include <vector>

namespace cepheus::parse {

// Every keyword in lower case, sorted ("aggregate", "all", ..., "years"). Taken from the
// generated lexer's vocabulary (its K_ tokens); each one is kept only when the lexer reads the
// spelling back as that very token, so a token name that is not its keyword's spelling never
// leaks out.
const std::vector<std::string>& keywords();

}  // namespace cepheus::parse
