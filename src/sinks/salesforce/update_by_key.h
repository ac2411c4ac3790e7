// Update mode keyed by a field other than Id (an External ID or idLookup field such as Email):
// sObject Collections updates need Ids, so the Ids of rows not known from an earlier run are
// looked up with one SOQL query per batch. A key no record holds is a row failure (NOT_FOUND),
// retried next run like any failure — update never creates records.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "salesforce/salesforce_client.h"
#include "sinks/salesforce/collections_writer.h"

namespace sfsync {

struct KeyedRecord {
  std::string key;    // value of target.external_id_field
  std::string sf_id;  // known from the snapshot, or ""
  std::string body;   // record_json()
};

Result<std::vector<WriteResult>> update_by_key(SalesforceClient& client, const WriteTarget& target,
                                               const std::vector<KeyedRecord>& records);

}  // namespace sfsync
