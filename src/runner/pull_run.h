// A pull run: plan → execution → pipeline (source → mapper → store) → outcome.
//
// Outcome rules (design.md §6): ok, partial (records skipped or failed, listed per record), or
// failed with the reason (auth, API limit, network, bad config). A failed run keeps every page it
// committed and its checkpoint: the next run resumes after the last durable page.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "runner/pipeline.h"
#include "runner/salesforce_plan.h"
#include "salesforce/salesforce_client.h"
#include "sinks/store/customer_store.h"

namespace sfsync {

struct PullRequest {
  bool full = false;           // `--full`: re-read everything (events are not doubled: dedup keys)
  int64_t now_ms = 0;          // run start; 0 = wall clock
  unsigned map_threads = 1;
  bool hooks_configured = false;  // a webhook drains the outbox; without one no outbox rows are kept
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(const PipelineProgress&)> on_progress;
  // The sync's plan when the caller made it already (`sfsync sync` checks every sync against
  // Describe before it runs any); null = plan here.
  const SalesforcePullPlan* plan = nullptr;
};

struct PullOutcome {
  int64_t execution_id = 0;
  ExecutionStatus status = ExecutionStatus::Ok;
  std::string error_code;  // set when failed: auth, api_limit, network, server, cancelled, ...
  std::string reason;      // one line
  ExecutionCounts counts;
  ApplyStats applied;
  ApiUsage api;
  double seconds = 0;
  // Time spent in each stage; each stage has its own thread (pipeline.h), so they overlap. The
  // CPU seconds are those of the stage's thread: on a loaded machine wall time says little.
  double fetch_seconds = 0, map_seconds = 0, write_seconds = 0;
  double fetch_cpu_seconds = 0, map_cpu_seconds = 0, write_cpu_seconds = 0;
  std::vector<std::string> notes;  // what the user should know about this run, a line each
};

// Errors returned (not outcomes) are found before any write: bad config (code "bad_config"),
// including a query Salesforce refuses to run (MALFORMED_QUERY, INVALID_FIELD, ... on the first
// page of a custom SOQL or raw WHERE clause), or a connection/auth failure while describing. The
// store is untouched then: no execution is recorded.
Result<PullOutcome> run_salesforce_pull(const SyncConfig& sync, SalesforceClient& client, CustomerStore& store,
                                        const PullRequest& request);

}  // namespace sfsync
