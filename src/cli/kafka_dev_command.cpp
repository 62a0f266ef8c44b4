// cepheus kafka-dev [--brokers N] [--topic NAME:PARTITIONS]... [--bootstrap-file F]: the
// embedded Kafka broker (librdkafka's mock cluster, io::EmbeddedBroker) as a process of its own,
// for tests that kill the server and for trying Cepheus with kcat. Prints the bootstrap list on
// stdout (and writes it to --bootstrap-file), then reads fault commands on stdin, a line each,
// and answers each on stdout; it runs until SIGINT, SIGTERM or `quit` (not at the end of stdin,
// so it can run detached with </dev/null).
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "io/kafka/embedded_broker.h"
#include "io/kafka/kafka_config.h"

namespace cepheus::cli {

int kafkaDevCommand(std::span<const std::string> args) {
  int brokers = 1;
  std::vector<std::pair<std::string, int>> topics;
  std::string bootstrapFile;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (i + 1 >= args.size()) {
      std::fprintf(stderr, "cepheus kafka-dev: %s needs a value\n", arg.c_str());
      return kUsageExit;
    }
    const std::string& value = args[++i];
    try {
      if (arg == "--brokers") {
        brokers = std::stoi(value);
        if (brokers < 1 || brokers > 16) throw std::invalid_argument("range");
      } else if (arg == "--topic") {
        size_t colon = value.rfind(':');
        int partitions = colon == std::string::npos ? 1 : std::stoi(value.substr(colon + 1));
        if (partitions < 1 || partitions > 1000) throw std::invalid_argument("range");
        topics.emplace_back(value.substr(0, colon), partitions);
      } else if (arg == "--bootstrap-file") {
        bootstrapFile = value;
      } else {
        std::fprintf(stderr, "cepheus kafka-dev: unknown option %s\n", arg.c_str());
        return kUsageExit;
      }
    } catch (const std::exception&) {
      std::fprintf(stderr, "cepheus kafka-dev: %s: bad value '%s' (--brokers 1-16, --topic NAME:PARTITIONS)\n",
                   arg.c_str(), value.c_str());
      return kUsageExit;
    }
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    io::EmbeddedBroker broker(brokers);
    for (const auto& [name, partitions] : topics) {
      if (!broker.createTopic(name, partitions)) {
        std::fprintf(stderr, "cepheus kafka-dev: cannot create topic %s\n", name.c_str());
        return 1;
      }
    }
    if (!bootstrapFile.empty()) {
      std::ofstream(bootstrapFile + ".tmp") << broker.bootstraps() << "\n";
      std::rename((bootstrapFile + ".tmp").c_str(), bootstrapFile.c_str());
    }
    std::cout << broker.bootstraps() << std::endl;
    std::thread commands([&broker] {
      std::string line;
      while (std::getline(std::cin, line)) {
        if (line == "quit" || line == "exit") {
          kill(getpid(), SIGTERM);
          return;
        }
        std::string answer = broker.command(line);
        if (!answer.empty()) std::cout << answer << std::endl;
      }
    });
    commands.detach();  // blocked in getline until the process ends
    int signal = 0;
    sigwait(&signals, &signal);
    return 0;
  } catch (const io::KafkaError& error) {
    std::fprintf(stderr, "cepheus kafka-dev: %s\n", error.what());
    return 1;
  }
}

}  // namespace cepheus::cli
