// Bulk API 2.0 job plumbing shared by ingest (reverse ETL) and query (pull) jobs: reading a member
// of a job's JSON, and waiting for a job to finish.
#pragma once

#include <functional>
#include <string>

#include "common/result.h"
#include "salesforce/salesforce_client.h"

namespace sfsync {

struct BulkPolling {
  int initial_ms = 50;   // first wait; doubles up to max_ms
  int max_ms = 2000;
  std::function<void(int ms)> sleep;  // default: sleep the thread (tests pass their own)
  // Give up after waiting this long in all (0: wait as long as the job runs). Query jobs set one:
  // a stuck job must not hold the run (and the daemon) for good, and a query can be started
  // again; an ingest job cannot be given up without knowing which rows it applied.
  int64_t timeout_ms = 0;
};

// A string member of a Bulk API JSON answer; bad_response when it is missing.
Result<std::string> bulk_string_member(const std::string& body, const char* name);

// Polls GET `job_path` until the job is JobComplete (returns its last status body). Failed or
// Aborted is an error "bulk_job_failed" naming `what` and Salesforce's errorMessage; a job still
// running after polling.timeout_ms is an error "bulk_timeout".
Result<std::string> wait_for_bulk_job(SalesforceClient& client, const std::string& job_path, const BulkPolling& polling,
                                      const std::string& what);

}  // namespace sfsync
