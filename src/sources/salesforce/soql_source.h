// SoqlSource: a sync defined by the user's own SOQL, with an optional {lastSyncTime} placeholder.
//
// The user's query decides order and filter, so no (stamp, Id) cursor can be added to it. The
// checkpoint is therefore the run itself: {lastSyncTime} is the upper bound of the last run that
// completed, and only the last page carries the new one. A run that dies midway re-reads from the
// previous bound next time — harmless, because profile upserts are idempotent and events are
// keyed by record version. Records are not lost as long as the query filters on the record's
// modification stamp (say so in docs/config.md). {lastSyncTime} is that bound minus the sync's
// lookback: a transaction that committed after the last run read can hold records stamped just
// before its bound (cursor.h), and reading them again is as harmless.
//
// A query whose SELECT list has IsDeleted runs as queryAll, so deletions come back as rows with
// IsDeleted = true and reach on_delete; without it deleted rows could not be told from live
// ones, so it runs as a plain query and sees no deletions. With a DeleteLogPass (a query that
// sees deletions), the deletions Salesforce's delete log confirms since {lastSyncTime} go out
// first: hard deletes, which queryAll no longer shows.
#pragma once

#include <memory>

#include "sources/salesforce/delete_log_pass.h"
#include "salesforce/query_pager.h"
#include "salesforce/record_parser.h"
#include "sources/record.h"

namespace sfsync {

class SoqlSource {
 public:
  // previous_bound_ms: the last completed run's bound (0 on a first run); {lastSyncTime} is
  // lookback_ms before it. run_bound_ms: this run's bound.
  SoqlSource(SalesforceClient& client, const std::string& soql_template, RecordParser parser, int batch_size,
             int64_t previous_bound_ms, int64_t run_bound_ms, int64_t lookback_ms = 0);
  // Whether the query's SELECT list has IsDeleted (then it runs as queryAll).
  static bool selects_is_deleted(const std::string& soql);
  // Before the first next(): the delete log's deletions go out before the query's pages.
  void read_delete_log(std::unique_ptr<DeleteLogPass> pass) { delete_log_ = std::move(pass); }
  // What the delete log could not tell (DeleteLogPass::note), once it was read; "" otherwise.
  const std::string& delete_log_note() const { return delete_log_note_; }

  Result<Page> next();
  bool finished() const { return finished_; }
  const std::string& soql() const { return soql_; }

  static std::string checkpoint_for(int64_t bound_ms);
  static int64_t bound_from(const std::string& checkpoint);  // 0 when empty or foreign

 private:
  std::string soql_;
  RecordParser parser_;
  QueryPager pager_;
  int batch_size_;
  std::string previous_checkpoint_;
  std::string run_checkpoint_;
  bool finished_ = false;
  std::unique_ptr<DeleteLogPass> delete_log_;
  std::string delete_log_note_;
};

}  // namespace sfsync
