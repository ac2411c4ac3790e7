#include "net/retry_schedule.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace sfsync {

namespace {
constexpr int kMaxRetryAfterMs = 60000;
}

RetrySchedule::RetrySchedule(RetryPolicy policy)
    : policy_(policy),
      sleep_([](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }),
      jitter_state_(std::random_device{}()) {}

void RetrySchedule::before_attempt(int attempt, int64_t& retries) {
  if (attempt == 0) return;
  ++retries;
  sleep_(backoff_ms(attempt));
}

void RetrySchedule::wait_as_asked(const HttpResponse& response) { sleep_(response.retry_after_ms(kMaxRetryAfterMs)); }

Error RetrySchedule::exhausted(Error last, const std::string& detail) const {
  std::string tail = " (after ";
  tail += std::to_string(policy_.max_attempts);
  tail += " attempts";
  if (!detail.empty()) tail.append(", ").append(detail);
  last.message += tail + ")";
  return last;
}

int RetrySchedule::backoff_ms(int attempt) {
  int64_t cap = std::min<int64_t>(policy_.max_delay_ms, int64_t{policy_.base_delay_ms} << std::min(attempt, 20));
  // A 64-bit LCG is enough to spread retries; nothing here needs unpredictable numbers.
  jitter_state_ = jitter_state_ * 6364136223846793005ULL + 1442695040888963407ULL;
  return static_cast<int>((jitter_state_ >> 33) % static_cast<uint64_t>(cap + 1));
}

}  // namespace sfsync
