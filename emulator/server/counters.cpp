#include "emulator/server/counters.h"

namespace emu {

int64_t ApiCounters::count(const std::string& endpoint, bool data_call) {
  std::lock_guard l(mu_);
  ++per_endpoint_[endpoint];
  if (data_call) ++calls_;
  return calls_;
}

}  // namespace emu
