// BulkWriter: rows to Salesforce through one Bulk API 2.0 ingest job (large change sets).
//
// Gives the same per-row WriteResults as write_collection(), in the order of `records`: results
// files are matched back to rows by the row's own cells (Salesforce echoes them), and the
// "CODE:message:fields --" text of sf__Error is split into code, message and fields.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "salesforce/bulk_job.h"
#include "salesforce/salesforce_client.h"
#include "sinks/salesforce/collections_writer.h"

namespace sfsync {

// `records` are record_json() objects (all with the same fields, as the runner makes them).
Result<std::vector<WriteResult>> write_bulk(SalesforceClient& client, const WriteTarget& target,
                                            const std::vector<std::string>& records, const BulkPolling& polling = {});

// "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --" → result (tests).
WriteResult parse_bulk_error(std::string_view sf_error);

}  // namespace sfsync
