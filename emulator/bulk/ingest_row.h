// Applying one ingest CSV row to the org through the shared RecordValidator/RecordWriter, so a row
// gets exactly the result the same record would get from sObject Collections.
//
// Bulk-only rules live here: an empty cell leaves the field unchanged (insert: null), "#N/A" sets
// null, relationship columns ("Account.Ext__c") are resolved to the parent's id first, and upsert
// takes its key from the column named by the job's externalIdFieldName.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/bulk/ingest_columns.h"
#include "emulator/org/record_writer.h"

namespace emu {

struct RowOutcome {
  std::string id;
  bool created = false;
  std::optional<WriteError> error;
};

struct IngestTarget {
  const ObjectSchema* object = nullptr;
  std::string operation;                   // insert | update | upsert | delete | hardDelete
  const FieldSchema* external_id = nullptr;  // upsert
  std::vector<IngestColumn> columns;
  // Upsert keys given on more than one row of the upload (normalized by duplicate_key): Salesforce
  // rejects every row sharing a key within one request.
  std::set<std::string> duplicate_keys;
};

// Upsert: the keys that occur on more than one data row read from `reader` (a copy; the caller's
// position is kept).
std::set<std::string> find_duplicate_keys(const IngestTarget& target, csv::Reader reader);

RowOutcome apply_row(const IngestTarget& target, const std::vector<std::string>& values,
                     OrgStore& store, RecordWriter& writer);

// sf__Error text: "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --",
// or "CODE:message:--" when the error names no field.
std::string sf_error_text(const WriteError& error);

}  // namespace emu
