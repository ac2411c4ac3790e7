#include "emulator/server/faults.h"

namespace emu {

FaultDecision FaultInjector::decide(const std::string& path, int64_t call_number) {
  std::lock_guard l(mu_);
  FaultDecision d;
  d.latency_ms = opts_.latency_ms;
  d.slow_bytes_per_sec = opts_.slow_body_bytes_per_sec;
  if (opts_.limit_after_calls > 0 && call_number > opts_.limit_after_calls) {
    d.limit_exceeded = true;
    return d;
  }
  if (opts_.expire_tokens_after_calls > 0 && call_number % opts_.expire_tokens_after_calls == 0)
    d.expire_tokens = true;
  bool path_matches = opts_.next_path_filter.empty() || path.find(opts_.next_path_filter) != std::string::npos;
  if (path_matches && opts_.fail_next > 0) {
    --opts_.fail_next;
    d.fail_status = opts_.fail_next_status;
    return d;
  }
  if (path_matches && opts_.concurrent_limit_next > 0) {
    --opts_.concurrent_limit_next;
    d.concurrent_limit = true;
    return d;
  }
  if (path_matches && opts_.drop_next > 0) {
    --opts_.drop_next;
    d.drop = true;
    return d;
  }
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  if (opts_.error_rate > 0 && unit(rng_) < opts_.error_rate) d.fail_status = opts_.error_status;
  else if (opts_.drop_rate > 0 && unit(rng_) < opts_.drop_rate) d.drop = true;
  return d;
}

bool FaultInjector::next_locator_invalid() {
  std::lock_guard l(mu_);
  if (opts_.invalid_locator_after_pages <= 0) return false;
  return ++query_more_seen_ == opts_.invalid_locator_after_pages;
}

}  // namespace emu
