// Pipeline: fetch ──pages──▶ map ──mutations──▶ write, three threads with bounded queues between
// them: page n+2 is fetched (and parsed) while page n+1 is mapped and page n is written on the
// caller's thread. On 2 cores this matters: the writer (SQLite) is the longest stage, and taking
// mapping off its thread shortens the critical path by the whole map time.
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
  int64_t pages = 0;  // writes (groups of pages_per_write source pages)
  int64_t records = 0;
  int64_t total_expected = -1;  // from the source (totalSize), when known
};

struct PipelineStages {
  std::function<Result<Page>()> fetch;  // a page with last = true ends the run
  std::function<std::vector<MappedRecord>(const Page&)> map;
  std::function<Result<void>(const Page&, const std::vector<MappedRecord>&)> write;
  std::function<void(const PipelineProgress&)> on_progress;  // optional, after each write
};

struct PipelineOptions {
  size_t queue_depth = 2;                    // pages waiting between fetch and map
  const std::atomic<bool>* cancel = nullptr;  // set by a signal handler: stop after the current write
  // Consecutive source pages handed to one `write` call as one page: their records and mutations
  // in order, the checkpoint (and last / total_size) of the newest. A sink that commits a write in
  // one transaction then commits once per group; the checkpoint still commits with exactly the data
  // it covers, so a crash re-reads at most the group (idempotent), never skips.
  size_t pages_per_write = 1;
  // false: the map thread frees a page's records once they are mapped, and `write` gets the page
  // without them (its checkpoint, last, total_size stay). Records are the larger half of a page in
  // memory; a writer that needs only the mutations keeps grouped pages cheap.
  bool keep_records_for_write = true;
};

// Runs to the last page, the first error, or cancellation (Error{"cancelled"}). `map` runs on its
// own thread and must not touch what `write` touches (the Mapper is pure).
Result<PipelineProgress> run_pipeline(const PipelineStages& stages, const PipelineOptions& options);

}  // namespace sfsync
