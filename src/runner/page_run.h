// PageRun: the part of every pull run that does not depend on the source — execution row, pipeline
// (fetch → Mapper → store), counts, outcome and its API usage. A CRM pull and a Data Extension
// pull differ only in how they plan and fetch pages; both hand those to run_pages().
// (run_salesforce_pull() still has its own copy of this wiring; it can move here unchanged.)
#pragma once

#include <functional>
#include <string>

#include "mapping/mapper.h"
#include "runner/pull_run.h"

namespace sfsync {

struct PageRunSource {
  std::function<Result<Page>()> fetch;
  std::function<ApiUsage()> usage;  // the client's running totals (the run reports the difference)
  ApiUsage usage_before;            // taken before planning, so the plan's calls count too
  std::string fingerprint;          // stored with each checkpoint: the source's identity
};

// Runs the pipeline to the end (or the first error) and records the execution. Errors returned
// (not outcomes) are store failures before or after the run.
Result<PullOutcome> run_pages(const SyncConfig& sync, PageRunSource source, const Mapper& mapper,
                              CustomerStore& store, const PullRequest& request, int64_t now_ms);

}  // namespace sfsync
