// Job info bodies, field for field in the order Salesforce sends them
// (fixtures/bulk2-query-job-created.json, bulk2-query-job-complete.json, bulk2-ingest-job-complete.json).
#pragma once

#include <string>
#include <vector>
#include <memory>

#include "emulator/bulk/job.h"

namespace emu {

// The create response (and PATCH responses): no jobType and no counters.
std::string job_created_json(const Job& job);
// GET /jobs/{query|ingest}/{id}: adds jobType, counters, errorMessage when Failed.
std::string job_info_json(const Job& job);
// GET /jobs/{query|ingest}: {"done":true,"records":[...],"nextRecordsUrl":null}.
std::string job_list_json(const std::vector<std::shared_ptr<Job>>& jobs);

}  // namespace emu
