// Pipeline: fetch ──pages──▶ map ──mutations──▶ write, with the fetch of page n+1 in flight on its
// own thread while page n is mapped and written on the caller's thread.
//
// The pipeline knows nothing of Salesforce or of the store: the stages are functions. Errors are
// values on every edge — no exception crosses the fetch thread (it is caught and turned into an
// Error), and the first error stops both sides. Pages are written strictly in fetch order, so a
// page's checkpoint is only committed after every earlier page's data.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "common/result.h"
#include "mapping/mutation.h"
#include "sources/record.h"

namespace sfsync {

struct PipelineProgress {
  int64_t pages = 0;
  int64_t records = 0;
  int64_t total_expected = -1;  // from the source (totalSize), when known
};

struct PipelineStages {
  std::function<Result<Page>()> fetch;  // a page with last = true ends the run
  std::function<std::vector<MappedRecord>(const Page&)> map;
  std::function<Result<void>(const Page&, const std::vector<MappedRecord>&)> write;
  std::function<void(const PipelineProgress&)> on_progress;  // optional, after each written page
};

struct PipelineOptions {
  size_t queue_depth = 2;                    // pages fetched ahead of the writer
  const std::atomic<bool>* cancel = nullptr;  // set by a signal handler: stop after the current page
};

// Runs to the last page, the first error, or cancellation (Error{"cancelled"}).
Result<PipelineProgress> run_pipeline(const PipelineStages& stages, const PipelineOptions& options);

}  // namespace sfsync
