// BulkQueryReader: one SOQL query through a Bulk API 2.0 query job, read back a result set at a time.
//
// The job is created on the first next(), waited for, and its CSV result sets are then fetched by
// locator (Sforce-Locator is the literal "null" after the last). One call per `max_records` rows
// instead of one per 2,000, and the query travels in a POST body, so a wide SELECT list cannot hit
// the 16 KB URI limit of REST queries.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "salesforce/bulk_job.h"
#include "salesforce/salesforce_client.h"

namespace sfsync {

struct BulkResultSet {
  std::string csv;
  bool done = false;
  int64_t job_records = -1;  // rows the whole job returned (numberRecordsProcessed), -1 if not said
};

class BulkQueryReader {
 public:
  BulkQueryReader(SalesforceClient& client, std::string soql, bool include_deleted, int64_t max_records,
                  BulkPolling polling = {});

  Result<BulkResultSet> next();

 private:
  Result<void> start();

  SalesforceClient& client_;
  std::string soql_;
  bool include_deleted_;
  int64_t max_records_;
  BulkPolling polling_;
  std::string job_path_;    // "jobs/query/<id>" once created
  std::string locator_;     // of the next result set; "" = the first
  int64_t job_records_ = -1;
  bool done_ = false;
};

}  // namespace sfsync
