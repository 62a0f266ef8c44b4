// When the http sink tries a request again: exponential backoff from retry.backoff.initial,
// doubling per failed attempt up to retry.backoff.max, with "equal jitter" (half the delay
// fixed, half random) so that many sinks failing together do not retry in lockstep.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>

namespace cepheus::io {

struct RetryPolicy {
  int maxRetries = 10;  // retry.max; < 0: forever (on.error='WAIT')
  std::chrono::milliseconds initial{100};
  std::chrono::milliseconds maximum{10'000};

  // The wait before attempt `failures + 1`, after `failures` (>= 1) failed attempts.
  std::chrono::milliseconds delay(int failures, std::mt19937_64& random) const {
    int64_t base = initial.count();
    for (int i = 1; i < failures && base < maximum.count(); ++i) base *= 2;
    base = std::min<int64_t>(std::max<int64_t>(base, 1), maximum.count());
    std::uniform_int_distribution<int64_t> jitter(0, base / 2);
    return std::chrono::milliseconds(base - base / 2 + jitter(random));
  }
  bool exhausted(int failures) const { return maxRetries >= 0 && failures > maxRetries; }
};

// 2xx delivers; 429, 5xx and no answer at all (refused, reset, timed out) are worth another
// try; any other status (a 4xx: the receiver refuses this request) never will be.
enum class Outcome { Delivered, Retry, Refused };

inline Outcome classify(int status) {
  if (status >= 200 && status < 300) return Outcome::Delivered;
  if (status == 0 || status == 429 || status >= 500) return Outcome::Retry;
  return Outcome::Refused;
}

}  // namespace cepheus::io
