// The server's figures (docs/performance.md, "The server"): a real `cepheus serve` process on
// loopback, driven and watched from here. It measures, it does not assert.
//
//   server_bench CEPHEUS [ingest|webhook|latency|apps|all] [--apps N] [--runs R]
//
// ingest   JSON lines batches of 1000 events on one keep-alive connection, into a filter app
// webhook  an http sink delivering to a receiver here (cpp-httplib), one event per request and
//          batch.size=100: events/s from the first ingest until the receiver has them all
// latency  10 000 events/s (10 events a request, one request a millisecond) through a sink with
//          one event per request: the time from sending to receipt, p50 / p99 / max
// apps     N small apps (three queries, two windows) in the deployment directory: the time to
//          deploy them at start, then the server's RSS and threads
// Each rate is the median of R runs (5 by default); the server's CPU seconds are read from
// /proc, so events per server CPU-second stand for a quiet core on a busy machine.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_process.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

std::string binary;

using bench::readFile;
using bench::waitFor;

// A `cepheus serve` process with its own folder.
class Server {
 public:
  explicit Server(int workers = 2) : workers_(workers) {
    std::string pattern = (fs::temp_directory_path() / "cepheus-bench-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
    fs::create_directories(apps());
  }
  ~Server() {
    stop();
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  fs::path apps() const { return root_ / "apps"; }

  // Starts it; the seconds until /health said ready (the deployment directory deployed).
  double start() {
    fs::path portFile = root_ / "port";
    std::vector<std::string> args = {binary,      "serve",       "--listen", "127.0.0.1:0", "--port-file",
                                     portFile,    "--apps",      apps(),     "--state",     root_ / "state",
                                     "--workers", std::to_string(workers_), "--log-level", "warn",
                                     "--max-body", "67108864"};
    auto started = Clock::now();
    pid_ = bench::spawnLogged(args, root_ / "server.log");
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (!waitFor([&] { return fs::exists(portFile); }, 600s)) throw std::runtime_error("the server did not start");
    port_ = std::stoi(readFile(portFile));
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(5, 0);
    if (!waitFor(
            [&] {
              auto r = client.Get("/health");
              return r && r->body.find("\"ready\":true") != std::string::npos;
            },
            1200s))
      throw std::runtime_error("the server did not get ready:\n" + readFile(root_ / "server.log"));
    return std::chrono::duration<double>(Clock::now() - started).count();
  }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    if (!waitFor([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, 60s)) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
    pid_ = -1;
  }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // utime + stime of the server process.
  double cpuSeconds() const { return bench::cpuSeconds(pid_); }
  // A line of /proc/PID/status ("VmRSS", "Threads"): its number.
  long status(const std::string& key) const {
    std::istringstream lines(readFile("/proc/" + std::to_string(pid_) + "/status"));
    std::string line;
    while (std::getline(lines, line))
      if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
    return -1;
  }

  void deploy(const std::string& text) const {
    httplib::Client client("127.0.0.1", port_);
    auto r = client.Post("/siddhi-apps", text, "text/plain");
    if (!r || r->status != 201) throw std::runtime_error("deploy failed: " + (r ? r->body : std::string("no answer")));
  }

 private:
  int workers_;
  fs::path root_;
  pid_t pid_ = -1;
  int port_ = 0;
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::string millions(double perSecond) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f M", perSecond / 1e6);
  return text;
}

void post(httplib::Client& client, const std::string& path, const std::string& body) {
  auto r = client.Post(path, body, "application/x-ndjson");
  if (!r || r->status != 200) throw std::runtime_error("ingest failed: " + (r ? r->body : std::string("no answer")));
}

// --- ingest ---

void benchIngest(int runs) {
  Server server;
  server.start();
  server.deploy(
      "@app:name('Ingest')\n"
      "define stream Trades (symbol string, price double, volume long);\n"
      "from Trades[price > 50.0] select symbol, price insert into Big;\n");
  std::string body;
  for (int i = 0; i < 1000; ++i)
    body += "{\"data\":[\"S" + std::to_string(i % 50) + "\"," + std::to_string(40 + i % 20) + ".5," +
            std::to_string(100 + i) + "]}\n";
  httplib::Client client("127.0.0.1", server.port());
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  for (int i = 0; i < 50; ++i) post(client, "/siddhi-apps/Ingest/streams/Trades", body);  // warm-up
  const int batches = 500;
  std::vector<double> rates, perCpu;
  for (int run = 0; run < runs; ++run) {
    double cpu = server.cpuSeconds();
    auto started = Clock::now();
    for (int i = 0; i < batches; ++i) post(client, "/siddhi-apps/Ingest/streams/Trades", body);
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    rates.push_back(batches * 1000 / seconds);
    perCpu.push_back(batches * 1000 / (server.cpuSeconds() - cpu));
  }
  std::printf("ingest (JSON lines, batches of 1000, one connection): %s events/s, %s per server CPU-second\n",
              millions(median(rates)).c_str(), millions(median(perCpu)).c_str());
}

// --- a webhook receiver ---

class Receiver {
 public:
  Receiver() {
    server_.new_task_queue = [] { return new httplib::ThreadPool(40); };
    server_.set_keep_alive_max_count(1'000'000);
    server_.Post(".*", [this](const httplib::Request& request, httplib::Response& response) {
      auto now = Clock::now().time_since_epoch();
      size_t events = 0;
      for (size_t at = request.body.find("\"sent\":"); at != std::string::npos;
           at = request.body.find("\"sent\":", at + 7)) {
        ++events;
        if (recordLatency) {
          int64_t sent = std::strtoll(request.body.c_str() + at + 7, nullptr, 10);
          std::lock_guard lock(mutex_);
          latencies_.push_back(static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count() - sent));
        }
      }
      received.fetch_add(events);
      response.status = 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    waitFor([this] { return server_.is_running(); }, 5s);
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<double> latencies() {
    std::lock_guard lock(mutex_);
    return latencies_;
  }
  void clearLatencies() {
    std::lock_guard lock(mutex_);
    latencies_.clear();
  }
  std::atomic<size_t> received{0};
  std::atomic<bool> recordLatency{false};

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::vector<double> latencies_;
};

std::string sinkApp(const std::string& name, int receiverPort, int batchSize) {
  return "@app:name('" + name + "')\n"
         "define stream Payments (id long, sent long);\n"
         "@sink(type='http', publisher.url='http://127.0.0.1:" + std::to_string(receiverPort) +
         "/hook', batch.size='" + std::to_string(batchSize) +
         "', queue.max='100000000', @map(type='json'))\n"
         "define stream Alerts (id long, sent long);\n"
         "from Payments select id, sent insert into Alerts;\n";
}

int64_t nowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

void benchWebhook(int runs, int batchSize, size_t events) {
  Receiver receiver;
  Server server;
  server.start();
  server.deploy(sinkApp("Hooks", receiver.port(), batchSize));
  httplib::Client client("127.0.0.1", server.port());
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  auto sendAll = [&](size_t count) {
    std::string body;
    for (size_t i = 0; i < count; ++i) {
      body += "{\"data\":[" + std::to_string(i) + ",0]}\n";
      if ((i + 1) % 1000 == 0 || i + 1 == count) {
        post(client, "/siddhi-apps/Hooks/streams/Payments", body);
        body.clear();
      }
    }
  };
  sendAll(events / 10);  // warm-up: connections open, buffers grown
  waitFor([&] { return receiver.received.load() >= events / 10; }, 120s);
  std::vector<double> rates, perCpu;
  for (int run = 0; run < runs; ++run) {
    size_t before = receiver.received.load();
    double cpu = server.cpuSeconds();
    auto started = Clock::now();
    sendAll(events);
    if (!waitFor([&] { return receiver.received.load() >= before + events; }, 300s))
      throw std::runtime_error("the receiver did not get every event");
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    rates.push_back(static_cast<double>(events) / seconds);
    perCpu.push_back(static_cast<double>(events) / (server.cpuSeconds() - cpu));
  }
  std::printf("webhook delivery (batch.size=%d, max.in.flight=16): %.0f events/s, %.0f per server CPU-second\n",
              batchSize, median(rates), median(perCpu));
}

void benchLatency(int runs) {
  Receiver receiver;
  Server server;
  server.start();
  server.deploy(sinkApp("Latency", receiver.port(), 1));
  httplib::Client client("127.0.0.1", server.port());
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  std::vector<double> p50s, p99s, maxima;
  for (int run = 0; run < runs + 1; ++run) {  // the first run warms up
    receiver.recordLatency = run > 0;
    size_t before = receiver.received.load();
    const int requests = 3000;  // 3 s at 1000 requests of 10 events a second
    auto next = Clock::now();
    int64_t id = 0;
    for (int r = 0; r < requests; ++r) {
      std::this_thread::sleep_until(next);
      next += 1ms;
      std::string body;
      int64_t sent = nowNanos();
      for (int i = 0; i < 10; ++i) body += "{\"data\":[" + std::to_string(id++) + "," + std::to_string(sent) + "]}\n";
      post(client, "/siddhi-apps/Latency/streams/Payments", body);
    }
    waitFor([&] { return receiver.received.load() >= before + requests * 10; }, 60s);
    if (run == 0) continue;
    std::vector<double> all = receiver.latencies();
    std::sort(all.begin(), all.end());
    p50s.push_back(all[all.size() / 2] / 1e6);
    p99s.push_back(all[all.size() * 99 / 100] / 1e6);
    maxima.push_back(all.back() / 1e6);
    receiver.clearLatencies();
  }
  std::printf("ingest to webhook receipt at 10 000 events/s (10 a request): p50 %.2f ms, p99 %.2f ms, max %.2f ms "
              "(medians of %d runs)\n",
              median(p50s), median(p99s), median(maxima), runs);
}

// --- many apps ---

void benchApps(int count) {
  Server server(2);
  for (int i = 0; i < count; ++i) {
    std::ofstream(server.apps() / ("app-" + std::to_string(i) + ".siddhi"))
        << "@app:name('App" << i << "')\n"
        << "define stream Trades (symbol string, price double, volume long);\n"
        << "from Trades[price > 50.0] select symbol, price insert into Big;\n"
        << "from Trades#window.length(10) select symbol, avg(price) as avgPrice group by symbol insert into Averages;\n"
        << "from Trades#window.time(1 min) select count() as n insert into Counts;\n";
  }
  double seconds = server.start();
  long rss = server.status("VmRSS");
  long threads = server.status("Threads");
  // They run: one event into every hundredth app.
  httplib::Client client("127.0.0.1", server.port());
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  int ran = 0;
  for (int i = 0; i < count; i += std::max(1, count / 100)) {
    auto r = client.Post("/siddhi-apps/App" + std::to_string(i) + "/streams/Trades", "{\"data\":[\"IBM\",75.5,100]}",
                         "application/json");
    if (r && r->status == 200) ++ran;
  }
  int probed = (count + std::max(1, count / 100) - 1) / std::max(1, count / 100);
  std::printf("%d apps (3 queries each, two windows) deployed at start in %.1f s; RSS %.0f MB; %ld threads "
              "(2 workers); %d of %d apps probed took an event\n",
              count, seconds, static_cast<double>(rss) / 1024, threads, ran, probed);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: server_bench CEPHEUS [ingest|webhook|latency|apps|all] [--apps N] [--runs R]\n");
    return 2;
  }
  binary = fs::absolute(argv[1]).string();
  std::string what = argc > 2 ? argv[2] : "all";
  int apps = 10000;
  int runs = 5;
  for (int i = 3; i + 1 < argc; i += 2) {
    std::string option = argv[i];
    if (option == "--apps") apps = std::atoi(argv[i + 1]);
    else if (option == "--runs") runs = std::atoi(argv[i + 1]);
  }
  ::signal(SIGPIPE, SIG_IGN);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as soon as it is measured
  try {
    if (what == "ingest" || what == "all") benchIngest(runs);
    if (what == "webhook" || what == "all") {
      benchWebhook(runs, 1, 100'000);
      benchWebhook(runs, 100, 1'000'000);
    }
    if (what == "latency" || what == "all") benchLatency(runs);
    if (what == "apps" || what == "all") benchApps(apps);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "server_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}
