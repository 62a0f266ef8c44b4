// Starting a program under test as a child process (the server, the embedded Kafka broker):
// its stdout and stderr into a log file, its stdin from `stdinFd` (or /dev/null).
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace cepheus::testing {

// The child's pid, or -1 when fork failed. In the child, `closeFd` (the other end of a pipe
// whose reading end is `stdinFd`) is closed.
inline pid_t spawnLogged(std::vector<std::string> args, const std::string& log, int stdinFd = -1, int closeFd = -1) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (closeFd >= 0) ::close(closeFd);
    ::dup2(stdinFd >= 0 ? stdinFd : ::open("/dev/null", O_RDONLY), 0);
    int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(out, 2);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

}  // namespace cepheus::testing
