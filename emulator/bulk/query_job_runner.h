// Runs a query job on a worker thread: UploadComplete -> InProgress -> JobComplete | Failed.
//
// Rows are read from a snapshot (the org as of the moment the job started, like Salesforce) and
// streamed into the job's ResultFile, so memory stays flat whatever the row count.
#pragma once

#include "emulator/bulk/job.h"
#include "emulator/bulk/query_plan.h"
#include "emulator/org/org_store.h"

namespace emu {

// Jobs stay InProgress at least this long, so pollers see the state real jobs always show.
constexpr int64_t kMinJobRunMs = 120;

void run_query_job(Job& job, OrgStore& store, const BulkQueryPlan& plan);

// Sleeps until `start_ms + kMinJobRunMs` unless the job is aborted meanwhile.
void hold_min_run_time(const Job& job, int64_t start_ms);

}  // namespace emu
