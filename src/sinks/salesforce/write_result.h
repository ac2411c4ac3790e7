// What Salesforce said about one row of a write, whichever API carried it (sObject Collections
// or a Bulk API 2.0 ingest job): both paths produce exactly this, in the order rows were sent.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/value.h"

namespace sfsync {

enum class WriteOp { Insert, Update, Upsert, Delete };
std::string_view write_op_name(WriteOp op);  // "insert" | "update" | "upsert" | "delete"

// One row to write: its fields (API name → value, in mapping order). Update rows carry "Id";
// upsert rows carry the external id field; delete rows carry only "Id".
struct WriteRow {
  std::vector<std::pair<std::string, Value>> fields;
};

struct WriteResult {
  bool success = false;
  std::string id;        // Salesforce record id (success; also some failures)
  bool created = false;  // a new record (insert, or an upsert that created)
  bool deleted = false;  // the record was deleted (audience remove)
  std::string error_code;
  std::string message;
  std::vector<std::string> fields;  // the fields the error names
};

}  // namespace sfsync
