// ModelSource: the rows of a reverse-ETL model (issue 5), streamed a page at a time.
//
// A model is a SQL query (PostgreSQL, SQLite, sfsync's own customer store) or a CSV file. Sources
// hold one page at most, never the whole model: a 5M-row model must run in constant memory.
// Each row is a Record whose fields are the model's columns in order, with these values:
// SQL NULL and empty CSV cells are null; integers stay integers; everything else is text (Salesforce
// converts text to the field's type, and text keeps decimals exact).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "config/config.h"
#include "sources/record.h"

namespace sfsync {

class ModelSource {
 public:
  virtual ~ModelSource() = default;
  // Column names in model order (known once the source is open).
  virtual const std::vector<std::string>& columns() const = 0;
  // Up to `max_rows` rows; `last` is set on the final page (which may be empty).
  virtual Result<Page> next(size_t max_rows) = 0;
};

// Opens the model of a push sync: runs the query or opens the file. Problems found here (bad SQL,
// unreachable database, missing file) are Error{"bad_input"} naming the problem on one line, so the
// caller can stop before any Salesforce call. `store_path` is the customer store's SQLite file
// (model connection "store"; a PostgreSQL store is read at its config.store URL instead);
Result<std::unique_ptr<ModelSource>> open_model(const Config& config, const SyncConfig& sync,
                                                const std::string& store_path);

// The individual sources (exposed for tests).
Result<std::unique_ptr<ModelSource>> open_sqlite_model(const std::string& path, const std::string& sql);
Result<std::unique_ptr<ModelSource>> open_csv_model(const std::string& path, char delimiter);
Result<std::unique_ptr<ModelSource>> open_postgres_model(const std::string& conninfo, const std::string& sql);

}  // namespace sfsync
