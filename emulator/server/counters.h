// ApiCounters: request counts per endpoint (read by tests and benchmarks through /__admin/counters)
// and the daily API usage that Sforce-Limit-Info reports.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace emu {

class ApiCounters {
 public:
  // Counts one call of `endpoint`; returns the number of data calls so far (the clock of the
  // "after N calls" faults). OAuth and admin calls are counted per endpoint only.
  int64_t count(const std::string& endpoint, bool data_call = true);
  // Counts one authenticated data call against the daily limit; returns the usage after it.
  int64_t add_api_usage() { std::lock_guard l(mu_); return ++api_usage_; }
  int64_t api_usage() const { std::lock_guard l(mu_); return api_usage_; }
  std::map<std::string, int64_t> snapshot() const { std::lock_guard l(mu_); return per_endpoint_; }
  void reset() { std::lock_guard l(mu_); per_endpoint_.clear(); api_usage_ = 0; calls_ = 0; }

 private:
  mutable std::mutex mu_;
  std::map<std::string, int64_t> per_endpoint_;
  int64_t api_usage_ = 0;
  int64_t calls_ = 0;
};

}  // namespace emu
