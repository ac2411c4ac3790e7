// BulkQueryPlan: a query job's SOQL compiled for CSV output.
//
// The SOQL compiler (emulator/soql) turns the query into SQL over the OrgStore layout and a column
// plan; Bulk flattens that plan to one CSV column per selected field, named by its dotted path as
// Salesforce writes it ("Account.Name"). compile_bulk_query() also applies what Bulk refuses and
// REST accepts (aggregates, OFFSET, compound fields), with Salesforce's errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "emulator/org/org_store.h"
#include "emulator/org/schema.h"

namespace emu {

struct BulkQueryPlan {
  std::string object;                 // FROM object, Describe case
  std::vector<std::string> columns;   // CSV header names
  std::vector<FieldType> types;       // per column, for value formatting
  std::vector<int> sql_columns;       // per column, its index in the SQL result row
  std::string sql;                    // one row per record
  std::vector<FieldValue> params;     // bound 1..n
};

// Errors carry Salesforce's errorCode (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, API_ERROR)
// and message; the caller answers 400 with them.
sfsync::Result<BulkQueryPlan> compile_bulk_query(const Catalog& catalog, std::string_view soql,
                                                 bool include_deleted);

}  // namespace emu
