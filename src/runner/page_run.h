// PageRun: the part of every pull run that does not depend on the source — execution row, pipeline
// (fetch → Mapper → store), counts, outcome and its API usage. A CRM pull and a Data Extension
// pull differ only in how they plan and fetch pages; both hand those to run_pages().
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "mapping/mapper.h"
#include "runner/pull_run.h"

namespace sfsync {

// Adds the wall time and the calling thread's CPU time of one call of a stage to its totals.
class StageTimer {
 public:
  StageTimer(double& wall, double& cpu);
  ~StageTimer();
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  double& wall_;
  double& cpu_;
  std::chrono::steady_clock::time_point wall_start_;
  double cpu_start_;
};

struct PageRunSource {
  std::function<Result<Page>()> fetch;
  std::function<ApiUsage()> usage;  // the client's running totals (the run reports the difference)
  ApiUsage usage_before;            // taken before planning, so the plan's calls count too
  std::string fingerprint;          // stored with each checkpoint: the source's identity
  // A first page the caller already fetched (to tell a refused query from a run before recording
  // one), with the time that fetch took.
  std::optional<Result<Page>> first_page;
  double first_page_seconds = 0, first_page_cpu_seconds = 0;
  // What the user should know about the run: known before it, and learned by the source during it
  // (asked once the pipeline ends). They go into the outcome and the run's stored detail.
  std::vector<std::string> notes_before;
  std::function<std::vector<std::string>()> notes_after;
};

// The sync's stored state, read once per run, and whether this source and configuration made it
// (config/fingerprint.h): only then does its checkpoint hold.
struct StoredSyncState {
  Result<std::optional<SyncState>> read;
  bool matches = false;
  const SyncState* state() const { return read && read.value() ? &*read.value() : nullptr; }
};
StoredSyncState read_stored_state(CustomerStore& store, const SyncConfig& sync, const std::string& fingerprint);

// When an incremental sync's stored checkpoint was made by another source, filter or mapping,
// the run starts over: the line that tells the user why.
std::optional<std::string> changed_config_note(const StoredSyncState& stored, const SyncConfig& sync, bool full);

// Runs the pipeline to the end (or the first error) and records the execution. Errors returned
// (not outcomes) are store failures before or after the run.
Result<PullOutcome> run_pages(const SyncConfig& sync, PageRunSource source, const Mapper& mapper,
                              CustomerStore& store, const PullRequest& request, int64_t now_ms);

}  // namespace sfsync
