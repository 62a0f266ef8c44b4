// What TAB offers at the cursor: commands and keywords first on a line, then by what comes
// before the word: app names after `use`, streams after `tail`, a file after `deploy`, windows
// after `#window.`, a stream's attributes after `Stream.`, and in a query its keywords,
// functions, the app's streams, tables and windows, and the attributes of those it names.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/shell/catalog.h"
#include "cli/shell/line_editor.h"

namespace cepheus::cli::shell {

struct CompletionSources {
  std::vector<std::string> commands;              // the shell's own, lower case
  std::function<std::vector<std::string>()> apps;  // asked only when app names fit
  const AppElements* elements = nullptr;           // of the app in use; null when none
};

// `pending`: the lines of the statement typed so far (empty on a fresh line); `before`: the
// current line up to the cursor.
Completion complete(const std::string& pending, const std::string& before, const CompletionSources& sources);

// The files and folders (with a trailing '/') whose path starts with `typed`.
std::vector<std::string> completePath(const std::string& typed);

}  // namespace cepheus::cli::shell
