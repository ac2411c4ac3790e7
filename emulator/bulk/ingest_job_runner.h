// Runs an ingest job on a worker thread: UploadComplete -> InProgress -> JobComplete | Failed.
//
// The uploaded CSV is parsed row by row; each row is written through the shared RecordWriter in
// transactions of kRowsPerTransaction rows (row failures do not roll back other rows, as in Bulk).
// Outcomes go to three result files: successfulResults ("sf__Id","sf__Created",<columns>),
// failedResults ("sf__Id","sf__Error",<columns>) and unprocessedrecords (rows never attempted,
// verbatim, after an abort or a job failure).
#pragma once

#include "emulator/bulk/job.h"
#include "emulator/org/org_store.h"

namespace emu {

void run_ingest_job(Job& job, OrgStore& store);

}  // namespace emu
