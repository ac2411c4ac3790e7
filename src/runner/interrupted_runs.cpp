#include "runner/interrupted_runs.h"

namespace sfsync {

Result<int> close_interrupted_runs(CustomerStore& store, const std::string& sync_id) {
  auto runs = store.list_executions(sync_id, 20);
  if (!runs) return runs.error();
  int closed = 0;
  for (const auto& run : *runs) {
    if (run.status != ExecutionStatus::Running) continue;
    auto r = store.finish_execution(run.id, ExecutionStatus::Failed,
                                    "interrupted: the process ended before the run finished; the next run "
                                    "resumed from the last committed page",
                                    run.counts, run.detail_json.empty() ? "{}" : run.detail_json);
    if (!r) return r.error();
    ++closed;
  }
  return closed;
}

}  // namespace sfsync
