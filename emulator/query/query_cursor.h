// QueryCursor: one running SOQL query — its own read snapshot and an open prepared statement —
// so each page costs O(page), not O(offset), like a Salesforce query locator.
//
// The snapshot (OrgStore::snapshot()) pins the data as of the first call: later writes do not
// shift rows between pages. A client retrying a page (the connection dropped) asks for an offset
// behind the statement; the cursor then resets the statement and steps forward again inside the
// same snapshot, so the retried page is identical.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"
#include "emulator/org/org_store.h"
#include "emulator/query/record_renderer.h"
#include "emulator/soql/compiler.h"

namespace emu::query {

class QueryCursor {
 public:
  // Counts the rows (totalSize) and prepares the row statement on a fresh snapshot of `store`.
  static sfsync::Result<std::unique_ptr<QueryCursor>> open(OrgStore& store, soql::CompiledQuery compiled);
  ~QueryCursor();
  QueryCursor(const QueryCursor&) = delete;
  QueryCursor& operator=(const QueryCursor&) = delete;

  int64_t total_size() const { return total_; }
  const soql::CompiledQuery& compiled() const { return compiled_; }
  // COUNT(field): the aggregate value.
  int64_t aggregate_count();

  // Appends up to `max_records` records starting at row `offset` as a JSON array (`[...]`) and
  // returns how many were written. `api_version` goes into attributes.url.
  int64_t append_records(int64_t offset, int64_t max_records, std::string_view api_version, std::string& out);

  // One page request at a time per cursor.
  std::mutex& mutex() { return mu_; }
  bool finished() const { return finished_; }
  void set_finished() { finished_ = true; }
  // The page size the query was opened with; queryMore calls without the header keep it.
  int64_t batch_size() const { return batch_size_; }
  void set_batch_size(int64_t n) { batch_size_ = n; }

 private:
  QueryCursor(std::unique_ptr<ReadSnapshot> snapshot, soql::CompiledQuery compiled)
      : snapshot_(std::move(snapshot)), compiled_(std::move(compiled)) {}
  sfsync::Result<sqlite3_stmt*> prepare(const std::string& sql);
  sfsync::Result<int64_t> count(const std::string& sql);  // a one-value COUNT statement
  void seek(int64_t offset);

  std::unique_ptr<ReadSnapshot> snapshot_;
  soql::CompiledQuery compiled_;
  sqlite3_stmt* stmt_ = nullptr;
  int64_t total_ = 0;
  int64_t position_ = 0;  // rows already stepped past
  bool stepped_out_ = false;
  bool finished_ = false;
  int64_t batch_size_ = 2000;
  std::mutex mu_;
  std::string renderer_version_;
  std::unique_ptr<RecordRenderer> renderer_;
};

}  // namespace emu::query
