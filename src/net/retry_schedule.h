// RetrySchedule: how long an API client waits before it tries a call again. The Salesforce and
// Marketing Cloud clients each decide *whether* a response is worth another attempt (their
// services' error shapes differ); this decides *how long* to wait, so both back off alike:
//   - after a failure (5xx, transport): exponential backoff with full jitter, uniform in
//     [0, min(max_delay, base_delay * 2^attempt)], so that many workers retrying at once spread out;
//   - after a 429: as long as the service asks (Retry-After), at most a minute.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "common/result.h"
#include "net/http_client.h"

namespace sfsync {

struct RetryPolicy {
  int max_attempts = 6;       // first try included
  int base_delay_ms = 200;
  int max_delay_ms = 10000;
};

class RetrySchedule {
 public:
  explicit RetrySchedule(RetryPolicy policy);

  int max_attempts() const { return policy_.max_attempts; }
  // Before attempt `attempt` (0 = the first, which does not wait): waits the backoff and counts
  // one retry in `retries`.
  void before_attempt(int attempt, int64_t& retries);
  // A 429 Too Many Requests: waits what the response's Retry-After asks, at most a minute.
  void wait_as_asked(const HttpResponse& response);
  // The last failure once every attempt is spent, saying how many there were.
  Error exhausted(Error last, const std::string& detail = "") const;

  // Tests replace the sleep.
  void set_sleeper(std::function<void(int ms)> sleeper) { sleep_ = std::move(sleeper); }

 private:
  int backoff_ms(int attempt);

  RetryPolicy policy_;
  std::function<void(int)> sleep_;
  uint64_t jitter_state_;
};

}  // namespace sfsync
