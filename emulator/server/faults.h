// FaultInjector: decides, per data call, whether to delay, fail, drop or slow it. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

#include "emulator/server/options.h"

namespace emu {

struct FaultDecision {
  int fail_status = 0;      // 500/503 to answer instead of running the handler
  bool drop = false;        // cut the connection mid-body
  bool limit_exceeded = false;
  bool concurrent_limit = false;  // 403 REQUEST_LIMIT_EXCEEDED "ConcurrentPerOrgLongTxn Limit exceeded."
  bool expire_tokens = false;  // expire all access tokens before authenticating this call
  int latency_ms = 0;
  int slow_bytes_per_sec = 0;
};

class FaultInjector {
 public:
  FaultInjector(FaultOptions options, uint64_t seed) : opts_(std::move(options)), rng_(seed) {}

  // Called once per data call (after counting it); `call_number` is the 1-based data-call count.
  FaultDecision decide(const std::string& path, int64_t call_number);
  // True when this queryMore must answer INVALID_QUERY_LOCATOR.
  bool next_locator_invalid();

  FaultOptions options() const { std::lock_guard l(mu_); return opts_; }
  void set_options(FaultOptions options) { std::lock_guard l(mu_); opts_ = std::move(options); query_more_seen_ = 0; }

 private:
  mutable std::mutex mu_;
  FaultOptions opts_;
  std::mt19937_64 rng_;
  int64_t query_more_seen_ = 0;
};

}  // namespace emu
