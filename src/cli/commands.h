// The subcommands of the `cepheus` binary. Each takes the arguments after its own name and
// returns the process exit code.
#pragma once

#include <cstdio>
#include <span>
#include <string>

namespace cepheus::cli {

inline constexpr int kUsageExit = 2;

extern const char kVersion[];

// The help text for every subcommand.
void printUsage(std::FILE* out);

using Command = int(std::span<const std::string> args);

int checkCommand(std::span<const std::string> args);
int runCommand(std::span<const std::string> args);
int benchCommand(std::span<const std::string> args);
int serveCommand(std::span<const std::string> args);
int shellCommand(std::span<const std::string> args);  // shell/shell_command.cpp
int kafkaDevCommand(std::span<const std::string> args);

}  // namespace cepheus::cli
