// The daemon's /metrics: what the store holds and each sync's last run, in Prometheus' text
// exposition format, for the monitoring a self-hosted service is usually watched with.
#pragma once

#include <set>
#include <string>

#include "sinks/store/customer_store.h"

namespace sfsync {

// Gauges of the store's counts and, per sync in `syncs`, its last run (status as a 1 on
// sfsync_last_run_status{status=...}, start and end times, records read / written / skipped /
// failed). Errors are the store's.
Result<std::string> metrics_text(CustomerStore& store, const std::set<std::string>& syncs);

}  // namespace sfsync
