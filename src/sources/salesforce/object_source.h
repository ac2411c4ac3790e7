// SalesforceObjectSource: the pages of one object sync run, in cursor order.
//
// Each page's checkpoint is the cursor after its last record, so a run that dies after page n
// resumes after page n. A first read in Id order (cursor.h) ends with the cursor (bound, ""):
// everything up to the bound is read. A query locator that Salesforce dropped
// (INVALID_QUERY_LOCATOR) is not an error for the run: the source re-runs the query from the
// cursor after the last page it handed out — a position that every later page starts from anyway.
//
// With a DeletionReconciler, an Id-order read also finds the records deleted since the store saw
// them: before each page it hands out pages of those deletions, whose checkpoint is still the
// cursor before the page, so a run that dies among them redoes the whole range.
//
// With a DeleteLogPass, an incremental read first hands out the deletions Salesforce's delete log
// confirms (hard deletes queryAll no longer shows), with the stored cursor as their checkpoint;
// the query's pages then carry the log's coverage in their cursor (Cursor::deleted_to_ms).
#pragma once

#include <memory>
#include <optional>

#include "common/result.h"
#include "salesforce/bulk_query.h"
#include "salesforce/query_pager.h"
#include "salesforce/record_parser.h"
#include "sources/salesforce/delete_log_pass.h"
#include "sources/salesforce/deletion_reconciler.h"
#include "sources/record.h"
#include "sources/salesforce/soql_builder.h"

namespace sfsync {

class SalesforceObjectSource {
 public:
  SalesforceObjectSource(SalesforceClient& client, ObjectQuery query, RecordParser parser, int batch_size);
  // Id-order reads only; incremental ones learn of deletions from queryAll.
  void reconcile_deletions(std::unique_ptr<DeletionReconciler> reconciler) { reconciler_ = std::move(reconciler); }
  // Incremental reads only: the delete log's deletions go out before the query's pages. Call
  // before the first next().
  void read_delete_log(std::unique_ptr<DeleteLogPass> pass) { delete_log_ = std::move(pass); }
  // An Id-order read goes through Bulk API 2.0 query jobs, `result_rows` rows a page; the cursor
  // is the same, so a run that stops resumes with a new job from the last Id it stored.
  // Incremental reads stay on REST. Call before the first next().
  void read_through_bulk(int64_t result_rows, BulkPolling polling = {});
  // An incremental read that starts at stamps after `after_stamp_ms`, before its cursor: the
  // records up to the cursor are read again (late commits: cursor.h) and counted in each page's
  // `rechecked`. Until the read passes the cursor, pages keep the cursor as their checkpoint, so a
  // run that stops in the window reads it again. Call before the first next().
  void read_again_after(int64_t after_stamp_ms);

  // The next page; after the last one, a Page with `last = true` (possibly with records).
  Result<Page> next();
  bool finished() const { return finished_; }
  int64_t total_size() const { return total_size_; }
  int64_t locator_restarts() const { return restarts_; }
  // The bound this run ended up reading to, when Salesforce timed its query out (QUERY_TIMEOUT)
  // and the read was narrowed to an earlier bound; 0 when it was not.
  int64_t narrowed_upper() const { return narrowed_upper_; }
  const std::string& current_soql() const { return soql_; }
  // What the delete log could not tell (DeleteLogPass::note), once it was read; "" otherwise.
  const std::string& delete_log_note() const { return delete_log_note_; }

 private:
  struct RawPage {
    std::string body;
    bool done = false;
    int64_t total_size = -1;
    bool csv = false;
  };
  void start_query();
  Result<RawPage> fetch_raw();
  bool narrow_window();
  Result<Page> read_page();
  Result<Page> next_deletions();
  Result<Page> next_logged_deletions();
  Cursor checkpoint_after_page(bool done) const;

  SalesforceClient& client_;
  ObjectQuery query_;
  RecordParser parser_;
  int batch_size_;
  std::string soql_;
  std::unique_ptr<QueryPager> pager_;
  std::unique_ptr<BulkQueryReader> bulk_;  // instead of pager_ for an Id-order read through Bulk
  int64_t bulk_rows_ = 0;                  // 0: REST
  BulkPolling bulk_polling_;
  Cursor position_;  // after the last record handed out
  std::optional<Cursor> read_again_upto_;  // the stored cursor, when the read starts before it
  int64_t total_size_ = -1;
  int64_t restarts_ = 0;
  int64_t narrowed_upper_ = 0;
  bool finished_ = false;
  std::unique_ptr<DeletionReconciler> reconciler_;
  std::optional<Page> held_;  // a page whose range's deletions go out first
  Checkpoint before_held_;    // the cursor before it: the deletion pages' checkpoint
  std::unique_ptr<DeleteLogPass> delete_log_;  // until its deletions are out
  int64_t deleted_to_ = 0;                     // the delete log's coverage, for the cursor
  std::string delete_log_note_;
};

}  // namespace sfsync
