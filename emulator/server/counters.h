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
  // Counts one call of `endpoint`; returns the org's API usage after it (data calls only).
  int64_t count(const std::string& endpoint, bool is_api_call);
  int64_t api_usage() const { std::lock_guard l(mu_); return api_usage_; }
  std::map<std::string, int64_t> snapshot() const { std::lock_guard l(mu_); return per_endpoint_; }
  void reset() { std::lock_guard l(mu_); per_endpoint_.clear(); api_usage_ = 0; }

 private:
  mutable std::mutex mu_;
  std::map<std::string, int64_t> per_endpoint_;
  int64_t api_usage_ = 0;
};

}  // namespace emu
