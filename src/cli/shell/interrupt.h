// Ctrl-C inside the shell: it cancels what runs (the line being typed, a request, a tail), never
// the shell itself. The handler only sets a flag; whoever waits looks at it.
#pragma once

namespace cepheus::cli::shell {

// Replaces SIGINT's default (ending the process) with setting the flag. Without SA_RESTART, so
// a blocking read or poll returns early when Ctrl-C is pressed.
void catchInterrupts();
bool interrupted();
void clearInterrupt();

}  // namespace cepheus::cli::shell
