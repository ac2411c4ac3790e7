// A run whose process died (SIGKILL, power loss) leaves its execution "running". Before a sync
// starts again, such executions are closed as failed/interrupted, so `sfsync runs` tells the truth.
// Their data is safe either way: every committed page came with its checkpoint.
#pragma once

#include <string>

#include "common/result.h"
#include "sinks/store/customer_store.h"

namespace sfsync {

// Returns how many executions of `sync_id` were closed.
Result<int> close_interrupted_runs(CustomerStore& store, const std::string& sync_id);

}  // namespace sfsync
