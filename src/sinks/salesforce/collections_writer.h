// CollectionsWriter: rows to Salesforce through sObject Collections, at most 200 per call,
// allOrNone false (each row succeeds or fails on its own, like the Bulk path).
#pragma once

#include <vector>

#include "common/result.h"
#include "salesforce/salesforce_client.h"
#include "sinks/salesforce/field_kinds.h"
#include "sinks/salesforce/write_result.h"

namespace sfsync {

struct WriteTarget {
  std::string object;
  WriteOp op = WriteOp::Upsert;
  std::string external_id_field;  // upsert only
  FieldKinds kinds;               // JSON shape per mapped field
};

constexpr size_t kCollectionsMaxRows = 200;

// One record's JSON object without "attributes" ({"LastName":"Ng","Score__c":3}), values shaped
// by the field kinds. It is what the runner hashes, spools and a dry run shows.
std::string record_json(const FieldKinds& kinds, const WriteRow& row);

// Sends one call (records.size() ≤ 200) and returns one result per record, in order. `records`
// are record_json() objects, or record ids for a delete. A request-level error (API limit, auth,
// a whole-request 400) is the Error; row errors are in the results.
Result<std::vector<WriteResult>> write_collection(SalesforceClient& client, const WriteTarget& target,
                                                  const std::vector<std::string>& records);

// The JSON body of a Collections insert/update/upsert (exposed for tests).
std::string collections_body(const std::string& object, const std::vector<std::string>& records);

// Parses a Collections answer (exposed for tests).
Result<std::vector<WriteResult>> parse_collections_results(std::string_view body, size_t expected, WriteOp op);

}  // namespace sfsync
