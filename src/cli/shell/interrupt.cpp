#include "cli/shell/interrupt.h"

#include <csignal>

namespace cepheus::cli::shell {

namespace {

volatile std::sig_atomic_t pressed = 0;

void onInterrupt(int) { pressed = 1; }

}  // namespace

void catchInterrupts() {
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
}

bool interrupted() { return pressed != 0; }

void clearInterrupt() { pressed = 0; }

}  // namespace cepheus::cli::shell
